"""The GitHub Actions workflows keep the rules CONTRIBUTING.md promises (actionlint runs in `make lint`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def load(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def steps(workflow) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_is_a_workflow():
    assert WORKFLOWS, ".github/workflows/ has no workflow"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_commit_shas_with_a_version_comment(path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = re.match(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", line)
        if match:
            assert PINNED.match(match[1]), f"{path.name}:{number}: pin {match[1]} to a full commit SHA"
            assert re.search(r"#\s*v\d+\.\d+\.\d+", match[2]), f"{path.name}:{number}: add '# vX.Y.Z' after the SHA"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(path):
    workflow = load(path)
    assert workflow.get("permissions") == {}, f"{path.name}: set top-level `permissions: {{}}`"
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        writes = {scope for scope, level in granted.items() if level == "write"}
        uses = {step.get("uses", "").split("@")[0] for step in job.get("steps", [])}
        if "actions/deploy-pages" in uses:
            assert writes == {"pages", "id-token"}, f"{name}: deploy needs exactly pages + id-token write"
            assert job.get("concurrency", {}).get("group") == "pages"
        else:
            assert writes == set(), f"{path.name}: job {name} should not write ({sorted(writes)})"


def test_ci_runs_make_test_on_pull_requests_and_deploys_only_from_main():
    workflow = load(ROOT / ".github" / "workflows" / "ci.yml")
    assert "pull_request" in workflow["on"]
    runs = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    assert "make test" in runs
    uses = {step.get("uses", "").split("@")[0] for step in steps(workflow)}
    assert {"actions/upload-artifact", "actions/upload-pages-artifact", "actions/configure-pages", "actions/deploy-pages"} <= uses
    assert "refs/heads/main" in workflow["jobs"]["deploy"]["if"]
    assert set(workflow["jobs"]["deploy"]["needs"]) == {"test", "build"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_fetch_full_history_for_page_dates(path):
    for step in steps(load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("fetch-depth") == 0, f"{path.name}: checkout needs fetch-depth: 0"


def test_pull_request_template_checklist_names_the_commands_the_tests_run():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for needle in ("make check", "make test", "make schemas", "make sizes", "data/examples.yml", "- [ ]"):
        assert needle in template, f"pull_request_template.md does not mention {needle!r}"
