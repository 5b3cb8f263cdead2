"""Shared fixtures, the one strict build, and the rule that no test group skips silently.

The site is built once, right after collection and before any test runs. If that build fails,
its error is printed once and the run stops: one mistake, one message.

`require(condition, group, why)` skips a test when a tool is missing on a laptop, and fails it
when CI=true. Every skip is collected and printed as one loud line at the end of the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
_skipped_groups: dict[str, set[str]] = defaultdict(set)
_notes: dict[str, list[str]] = defaultdict(list)
_site: dict[str, Path] = {}
_catalogue: dict = {}


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
    """A fact the run must state plainly at the end (e.g. which engine ran the examples)."""
    _notes[section].append(line)


def strict_build(root: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """The real `mkdocs build --strict` of the project at `root` (the repository or a copy of it)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


def copy_project(target: Path) -> Path:
    """The working tree (what a contributor has, committed or not) without venv, git, builds and caches."""
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv", ".git", "site", ".cache", "__pycache__"))
    return target


def code_blocks(soup) -> list[tuple[str | None, str]]:
    """(title, exact text) of every highlighted code block on a built page."""
    blocks = []
    for div in soup.select("div.highlight"):
        title, code = div.select_one("span.filename"), div.select_one("pre code")
        if code is not None:
            blocks.append((title.get_text() if title else None, code.get_text()))
    return blocks


def shown_commands(site: Path, title_prefix: str) -> list[tuple[Path, str]]:
    """(page, line) for every command line (not a # comment) in the built site's blocks whose title starts so."""
    from bs4 import BeautifulSoup

    shown = []
    for page in site.rglob("*.html"):
        for title, text in code_blocks(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")):
            if title and title.startswith(title_prefix):
                shown += [(page.relative_to(site), line) for line in text.splitlines() if line and not line.startswith("#")]
    return shown


def pytest_collection_finish(session) -> None:
    """Check data/ once, then build once, before any test, if a selected test reads the data or the built site."""
    needs = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    if ("catalogue" in needs or _catalogue) and catalogue_now() is None:
        pytest.exit(
            f"data/ did not load; nothing else was run (fix this first, `make build` shows the same):\n{_catalogue['error']}",
            returncode=1,
        )
    if "built_site" not in needs:
        return
    out = Path(tempfile.mkdtemp(prefix="built-site-"))
    result = strict_build(ROOT, out)
    if result.returncode != 0:
        lines = result.stderr.splitlines()
        problems = [line for line in lines if line.startswith(("ERROR", "WARNING"))] or lines[-20:]
        pytest.exit(
            "mkdocs build --strict failed; nothing else was run (fix this first, `make build` shows the same):\n"
            + "\n".join(problems),
            returncode=1,
        )
    _site["path"] = out


@pytest.fixture(scope="session")
def built_site() -> Path:
    return _site["path"]


def catalogue_now():
    """data/, loaded once per run, for what pytest needs before any fixture (a parametrize list); None when data/
    does not load: pytest_collection_finish then stops the run with that one line, before any test runs."""
    from macros.data import DataError, load_catalogue

    if "value" not in _catalogue:
        try:
            _catalogue["value"] = load_catalogue()
        except DataError as error:
            _catalogue.update(value=None, error=error)
    return _catalogue["value"]


@pytest.fixture(scope="session")
def catalogue():
    """data/, loaded once: a data mistake is one line (file, line, field), not an error per test or module."""
    return catalogue_now()


def pytest_terminal_summary(terminalreporter) -> None:
    for section, lines in _notes.items():
        terminalreporter.section(section, sep="-", bold=True)
        for line in lines:
            terminalreporter.write_line(line)
    if _skipped_groups:
        terminalreporter.section("SKIPPED TEST GROUPS", sep="!", red=True, bold=True)
        for group, reasons in sorted(_skipped_groups.items()):
            terminalreporter.write_line(f"!!! SKIPPED GROUP '{group}': {'; '.join(sorted(reasons))}", red=True, bold=True)


def pytest_sessionfinish(session) -> None:
    if "path" in _site:
        shutil.rmtree(_site["path"], ignore_errors=True)
