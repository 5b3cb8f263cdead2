"""What every session proves: each step ran as printed and succeeded, printed what data/ expects, and
every command block on the built site is a command that ran. Outputs the page shows keep their shape."""

from __future__ import annotations

import os
import shlex

import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from macros import sessions
from macros.data import DATA_DIR
from notekit.outputs import for_page, shape

pytestmark = pytest.mark.containers
RECORD = os.environ.get("RECORD_OUTPUTS") == "1"  # `make outputs`: write data/outputs.yml instead of comparing


def test_every_step_of_every_session_ran_and_succeeded(recordings, catalogue):
    for session in catalogue.sessions.sessions:
        recording = recordings[session.id]
        failed = recording.failed
        assert failed is None, (
            f"{session.id}: `{shlex.join(failed.argv)}` failed ({failed.returncode}):\n{failed.stdout}{failed.stderr}"
        )
        assert [s.name for s in recording.steps] == sessions.step_names(catalogue, session)


def test_every_step_printed_what_data_expects(recordings):
    wrong = [
        f"{name} {step.name}: printed {step.stdout!r}, data/sessions.yml expects {step.expected!r}"
        for name, recording in recordings.items()
        for step in recording.steps
        if step.expected is not None and step.stdout != step.expected
    ]
    assert wrong == []


def bash_lines(site) -> list[tuple[str, str]]:
    """(page, line) of every command line (not a # comment) in every bash block of the built site."""
    lines = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for block in soup.select("div.language-bash pre code"):
            text = block.get_text()
            lines += [(str(page.relative_to(site)), row) for row in text.splitlines() if row and not row.startswith("#")]
    return lines


def test_every_command_block_on_the_site_is_a_command_that_ran(recordings, built_site):
    """Read from the built HTML: with the run's captured values where the page prints a placeholder,
    each line equals the argv of a step that ran and succeeded (the process's own record of it)."""
    ran = {}
    for recording in recordings.values():
        for step in recording.steps:
            if step.returncode == 0:
                values = {sessions.placeholder(k): v for k, v in recording.captured.items()}
                ran.setdefault(shlex.join(step.shown), []).append((shlex.join(step.argv), values))
    lines = bash_lines(built_site)
    assert lines, "no bash block on the built site"
    not_run = []
    for page, line in lines:
        runs = ran.get(line, [])
        if not any(fill(line, values) == argv for argv, values in runs):
            not_run.append((page, line))
    assert not_run == []


def fill(line: str, values: dict[str, str]) -> str:
    for placeholder, value in values.items():
        line = line.replace(placeholder, value)
    return line


def test_outputs_the_pages_show_keep_their_shape(recordings, catalogue, engine):
    """The page shows data/outputs.yml; a real run must print the same words and columns (numbers aside)."""
    fresh: dict[str, dict[str, str]] = {}
    for name, recording in recordings.items():
        for step in recording.steps:  # a step that runs twice (pull, id) shows its first output
            if catalogue.sessions.steps[step.name].output and step.expected is None:
                fresh.setdefault(name, {}).setdefault(step.name, for_page(step.stdout + step.stderr))
    committed = catalogue.outputs.sessions
    if RECORD:  # an output whose shape did not change keeps its committed text: no churn of PIDs and sizes
        for name, outputs in fresh.items():
            for step, text in outputs.items():
                if shape(committed.get(name, {}).get(step) or "") == shape(text):
                    outputs[step] = committed[name][step]
        write_outputs(fresh, engine.describe())
        return
    changed = [
        f"{name} {step}:\n--- data/outputs.yml\n{committed.get(name, {}).get(step)}--- this run\n{text}"
        for name, outputs in fresh.items()
        for step, text in outputs.items()
        if shape(committed.get(name, {}).get(step) or "") != shape(text)
    ]
    assert not changed, "outputs changed shape; run `make outputs` and review the diff:\n" + "\n".join(changed)


def write_outputs(fresh: dict, engine: str) -> None:
    import datetime

    path = DATA_DIR / "outputs.yml"
    yaml = YAML()
    document = yaml.load(path)
    document["recorded_on"] = datetime.date.today()
    document["engine"] = engine.split(" (")[0]
    document["sessions"] = {n: {s: LiteralScalarString(t) for s, t in o.items()} for n, o in sorted(fresh.items())}
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(document, handle)
