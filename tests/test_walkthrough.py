"""CONTRIBUTING.md's "노트와 예제 추가하기", replayed on a copy of the project, word for word.

Every file and YAML block the walkthrough tells a newcomer to write is taken from CONTRIBUTING.md
itself (its titled code blocks), and at each step the checks must fail with exactly the messages
CONTRIBUTING.md quotes, then pass. If a message changes, this fails until CONTRIBUTING.md says so.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, copy_project

pytestmark = pytest.mark.walkthrough

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
BLOCK = re.compile(r'^```\w* title="(?P<title>[^"]+)"\n(?P<body>.*?)^```$', re.MULTILINE | re.DOTALL)
BLOCKS = {m["title"]: m["body"] for m in BLOCK.finditer(GUIDE)}
# The messages quoted after each step, in order: ```text title="N단계에서 보는 메시지"
QUOTED = {title: body.splitlines() for title, body in BLOCKS.items() if title.endswith("보는 메시지")}


def checks(project) -> list[str]:
    """The assertion messages `make check` prints for the example and site tests (first line of each)."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--tb=line", "-p", "no:cacheprovider", "tests/test_examples.py", "tests/test_site.py"],
        cwd=project, capture_output=True, text=True,
    )  # fmt: skip
    found = re.findall(r"AssertionError: (.+)$", run.stdout, re.MULTILINE)
    if not found and run.returncode:  # the build itself failed: conftest stops with its message
        return [line for line in run.stdout.splitlines() if line.startswith(("ERROR", "mkdocs build"))]
    return sorted(set(found))


def test_contributing_walkthrough(tmp_path):
    project = tmp_path / "notes"
    copy_project(project)
    new_note = [sys.executable, "-m", "scripts.new_note", "--chapter", "docker", "--slug", "demo", "--title", "데모"]
    assert subprocess.run(new_note, cwd=project, capture_output=True).returncode == 0

    # 1. The example's files. 2. Its catalogue entry. 3. The page that shows it.
    files = {t: body for t, body in BLOCKS.items() if t.startswith("examples/demo/")}
    assert set(files) >= {"examples/demo/Dockerfile", "examples/demo/main.go", "examples/demo/go.mod"}
    for title, body in files.items():
        (project / title).parent.mkdir(parents=True, exist_ok=True)
        (project / title).write_text(body, encoding="utf-8")
    assert checks(project) == sorted(QUOTED["1단계에서 보는 메시지"])

    entry = BLOCKS["data/examples.yml 끝에 덧붙일 항목"]
    with (project / "data" / "examples.yml").open("a", encoding="utf-8") as catalogue:
        catalogue.write(entry)
    assert checks(project) == sorted(QUOTED["2단계에서 보는 메시지"])

    page = project / "docs" / "docker" / "demo.md"
    page.write_text("# 데모\n\n" + BLOCKS["docs/docker/demo.md에 쓰는 호출"], encoding="utf-8")
    assert checks(project) == []
