"""`make sizes` without an engine: what it re-measures, what it keeps byte for byte, and that it
never touches a tracked file; `make new-example`'s scaffold. The measurements themselves run in
tests/test_containers.py and `make sizes`."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from macros.data import DataError, load_file
from macros.models import MeasurementsFile
from notekit.dockerfiles import CHECKS, CONTEXT_CHECKS, parse, run_check
from notekit.images import MEASUREMENT_LABEL, edited_main_go, measurement_argv
from scripts import measure_sizes, new_example
from tests.conftest import ROOT


def test_help_prints_usage_and_measures_nothing():
    run = subprocess.run([sys.executable, "-m", "scripts.measure_sizes", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.startswith("usage: python -m scripts.measure_sizes")
    assert "--only ID" in run.stdout and "engine:" not in run.stdout + run.stderr


def test_an_unknown_only_id_is_one_line_naming_the_known_ones(catalogue):
    run = subprocess.run([sys.executable, "-m", "scripts.measure_sizes", "--only", "helo-single"], cwd=ROOT,
                         capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 2 and run.stdout == ""
    known = ", ".join(e.id for e in catalogue.examples.examples)
    assert run.stderr == f"sizes: unknown example helo-single; known: {known}\n"


def test_the_committed_figures_are_rewritten_byte_for_byte():
    """What `make sizes` writes for figures it keeps is exactly what the file holds now."""
    path = ROOT / "data" / "measurements.yml"
    data = load_file("measurements")
    assert isinstance(data, MeasurementsFile)
    assert measure_sizes.to_yaml(data.model_dump(mode="json", exclude_none=True)) == path.read_text(encoding="utf-8")


def test_a_one_line_edit_changes_the_inputs_of_that_example_only(catalogue, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.setattr(measure_sizes, "ROOT", tmp_path)
    examples = catalogue.examples.examples
    before = {e.id: measure_sizes.inputs_hash(e, "docker 20.10 overlay2", []) for e in examples}
    with (tmp_path / "examples" / "args" / "main.go").open("a") as main:
        main.write("// one more line\n")
    after = {e.id: measure_sizes.inputs_hash(e, "docker 20.10 overlay2", []) for e in examples}
    assert [i for i in before if before[i] != after[i]] == ["args"]
    other_engine = {e.id: measure_sizes.inputs_hash(e, "docker 28.0 overlay2", []) for e in examples}
    assert all(other_engine[i] != after[i] for i in after)


def test_the_edit_is_made_on_a_copy_and_the_tracked_main_go_is_untouched(catalogue):
    example = catalogue.example("hello-single")
    tracked = ROOT / example.context / "main.go"
    original = tracked.read_bytes()
    page = ["docker", "image", "build", "-t", example.image, "-f", example.dockerfile, example.context]
    with edited_main_go(example) as context:
        assert tracked.read_bytes() == original
        assert (context / "main.go").read_bytes().startswith(original) and (context / "main.go").read_bytes() != original
        command = measurement_argv(page, example, context=context)
        assert command == ["docker", "image", "build", "--label", f"{MEASUREMENT_LABEL}=hello-single", "-t", example.image,
                           "-f", str(context / "Dockerfile"), str(context)]  # fmt: skip
    assert not context.exists() and tracked.read_bytes() == original


def test_new_example_scaffolds_a_folder_that_keeps_every_principle_and_a_stub_to_fill(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    created = new_example.scaffold(tmp_path, "env-demo", "1.27")
    folder = tmp_path / "examples" / "env-demo"
    assert sorted(p.name for p in created) == [".dockerignore", "Dockerfile", "go.mod", "main.go"]
    assert (folder / "go.mod").read_text() == "module example.com/env-demo\n\ngo 1.27\n"
    df = parse(folder / "Dockerfile")
    assert {check: run_check(check, df, folder) for check in [*CHECKS, *CONTEXT_CHECKS]} == {
        check: [] for check in [*CHECKS, *CONTEXT_CHECKS]
    }
    with pytest.raises(DataError, match=r"examples\.yml:\d+: examples\[\d+\]\.title: "):
        load_file("examples", tmp_path / "data")  # title and teaches are left empty on purpose
    stub = (tmp_path / "data" / "examples.yml").read_text(encoding="utf-8")
    filled = stub.replace('title: ""', "title: 데모").replace('teaches: ""', "teaches: 출력만 한다.")
    (tmp_path / "data" / "examples.yml").write_text(filled, encoding="utf-8")
    example = load_file("examples", tmp_path / "data").examples[-1]
    assert (example.id, example.dockerfile, example.output) == ("env-demo", "examples/env-demo/Dockerfile", "안녕, env-demo\n")
    with pytest.raises(new_example.ScaffoldError, match="already exists"):
        new_example.scaffold(tmp_path, "env-demo", "1.27")
