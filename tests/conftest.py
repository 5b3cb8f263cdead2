"""Shared fixtures, and the rule that no test group skips silently.

`require(tool, group)` skips a test when a tool is missing on a laptop, and fails it when
CI=true. Every skip is collected and printed as one loud line at the end of the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
_skipped_groups: dict[str, set[str]] = defaultdict(set)
_notes: dict[str, list[str]] = defaultdict(list)


def require(condition: bool, group: str, why: str) -> None:
    """Skip (laptop) or fail (CI=true) when a tool a test group needs is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"[{group}] {why} (CI=true: a missing tool is a failure, not a skip)", pytrace=False)
    _skipped_groups[group].add(why)
    pytest.skip(f"[{group}] {why}")


def require_tool(tool: str, group: str) -> str:
    path = shutil.which(tool)
    require(path is not None, group, f"'{tool}' is not installed; `make test` installs it with apt as root")
    return path  # type: ignore[return-value]


def note(section: str, line: str) -> None:
    """A fact the run must state plainly at the end (e.g. which base images were local stand-ins)."""
    _notes[section].append(line)


def pytest_terminal_summary(terminalreporter) -> None:
    for section, lines in _notes.items():
        terminalreporter.section(section, sep="-", bold=True)
        for line in lines:
            terminalreporter.write_line(line)
    if _skipped_groups:
        terminalreporter.section("SKIPPED TEST GROUPS", sep="!", red=True, bold=True)
        for group, reasons in sorted(_skipped_groups.items()):
            terminalreporter.write_line(f"!!! SKIPPED GROUP '{group}': {'; '.join(sorted(reasons))}", red=True, bold=True)


@pytest.fixture(scope="session")
def catalogue():
    from macros.loader import load_catalogue

    return load_catalogue()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real strict build of the real site, once per test session, into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out
