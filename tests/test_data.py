"""The YAML source of truth loads, validates, and agrees with the official Dockerfile parser."""

from __future__ import annotations

import dockerfile

from macros.loader import load_catalogue
from tests.conftest import ROOT
from notekit.dockerfiles import CHECKS, CONTEXT_CHECKS, parse


def test_catalogue_loads_and_validates():
    catalogue = load_catalogue()
    assert catalogue.instructions.instructions and catalogue.principles.principles and catalogue.examples.examples


def test_instruction_names_are_exactly_the_official_parsers(catalogue):
    documented = {i.name for i in catalogue.instructions.instructions}
    official = {name.upper() for name in dockerfile.all_cmds()}
    assert documented == official, (
        f"data/instructions.yml and the BuildKit parser disagree: "
        f"missing {sorted(official - documented)}, unknown {sorted(documented - official)}"
    )
    assert len(documented) == 18


def test_every_instruction_used_in_examples_is_documented(catalogue):
    documented = {i.name for i in catalogue.instructions.instructions}
    for path in sorted((ROOT / "examples").rglob("Dockerfile*")):
        used = {command.cmd for command in parse(path).commands}
        assert used <= documented, f"{path.relative_to(ROOT)} uses {sorted(used - documented)}, not in data/instructions.yml"


def test_maintainer_is_marked_deprecated_in_favour_of_label(catalogue):
    maintainer = next(i for i in catalogue.instructions.instructions if i.name == "MAINTAINER")
    assert maintainer.deprecated and maintainer.deprecated.replacement == "LABEL"


def test_every_principle_check_is_implemented_and_every_implementation_is_used(catalogue):
    declared = {check.id for p in catalogue.principles.principles for check in p.checks}
    implemented = set(CHECKS) | set(CONTEXT_CHECKS)
    assert declared == implemented, (
        f"data/principles.yml declares {sorted(declared - implemented)} without an implementation; "
        f"notekit/dockerfiles.py implements {sorted(implemented - declared)} that no principle uses"
    )


def test_published_ports_do_not_collide(catalogue):
    ports = [e.published_port for e in catalogue.examples.examples]
    assert len(ports) == len(set(ports))
