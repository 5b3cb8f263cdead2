"""Static proof of every example: catalogued, parsed, linted, and principled.

That every file is embedded on a page, byte for byte, is checked on the built site (test_site.py).

The tests walk examples/ instead of keeping a list, so a new file can never go untested.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from macros.loader import load_catalogue
from tests.conftest import ROOT
from notekit.dockerfiles import copy_from_problems, parse, run_check

CATALOGUE = load_catalogue()
EXAMPLE_FILES = sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "examples").rglob("*") if p.is_file() and "__pycache__" not in p.parts
)
DOCKERFILES = sorted({e.context + "/" + e.dockerfile for e in CATALOGUE.examples.examples})
EXAMPLES = {e.id: e for e in CATALOGUE.examples.examples}


@pytest.mark.parametrize("path", EXAMPLE_FILES)
def test_every_file_under_examples_is_catalogued(path):
    catalogued = {f for e in CATALOGUE.examples.examples for f in e.all_files}
    assert path in catalogued, f"{path} is not listed in any example of data/examples.yml (dockerfile or files)"


@pytest.mark.parametrize("path", DOCKERFILES)
def test_dockerfile_parses_with_the_official_grammar(path):
    commands = parse(ROOT / path).commands
    assert commands and commands[0].cmd in {"FROM", "ARG"}


@pytest.mark.parametrize("path", DOCKERFILES)
def test_dockerfile_passes_hadolint(path):
    hadolint = shutil.which("hadolint") or str(Path(__import__("sys").executable).parent / "hadolint")
    result = subprocess.run([hadolint, "--no-color", path], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"hadolint {path}:\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize("path", DOCKERFILES)
def test_copy_from_names_a_defined_stage(path):
    assert copy_from_problems(parse(ROOT / path)) == []


def _principle_cases():
    for example in CATALOGUE.examples.examples:
        for principle in CATALOGUE.principles.principles:
            for check in principle.checks:
                yield pytest.param(example.id, check.id, id=f"{example.id}-{check.id}")


@pytest.mark.parametrize(("example_id", "check_id"), list(_principle_cases()))
def test_example_follows_principle(example_id, check_id):
    example = EXAMPLES[example_id]
    parsed = parse(ROOT / example.context / example.dockerfile)
    problems = run_check(check_id, parsed, ROOT / example.context)
    if check_id in example.exempt:
        # An exemption must be real: the check has to fail, or the exemption is stale.
        assert problems, f"{example_id} is exempt from {check_id} but passes it; remove the exemption"
        return
    assert problems == [], f"{example.context}/{example.dockerfile} breaks {check_id}: " + "; ".join(problems)


def test_declared_user_matches_the_dockerfile():
    for example in CATALOGUE.examples.examples:
        parsed = parse(ROOT / example.context / example.dockerfile)
        users = [c for c in parsed.final.commands if c.cmd == "USER"]
        assert users and users[-1].value[0].split(":")[0] == example.user, example.id
