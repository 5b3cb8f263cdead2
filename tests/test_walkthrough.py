"""CONTRIBUTING.md's "노트와 예제 추가하기", replayed on a copy of the project, word for word.

Every file and YAML block the walkthrough tells a newcomer to write is taken from CONTRIBUTING.md
itself (its titled code blocks), and at each step the checks must fail with exactly the messages
CONTRIBUTING.md quotes, then pass. If a message changes, this fails until CONTRIBUTING.md says so.
Then each mistake it shows ("실수 N: <file>": the wrong line) replaces the closest line of that file in
the finished example: the strict build must fail with exactly the quoted ERROR line, no traceback,
and the page must keep its title with one red box holding that message. The one thing not taken
literally is a line number in the quote (and data/examples.yml's entry index): it must be the line
the mistake is on, which depends on how many examples precede the new one.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys

import pytest

from bs4 import BeautifulSoup

from tests.conftest import ROOT, copy_project, strict_build

pytestmark = pytest.mark.walkthrough

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
BLOCK = re.compile(r'^```\w* title="(?P<title>[^"]+)"\n(?P<body>.*?)^```$', re.MULTILINE | re.DOTALL)
BLOCKS = {m["title"]: m["body"] for m in BLOCK.finditer(GUIDE)}
# The messages quoted after each step, in order: ```text title="N단계에서 보는 메시지"
QUOTED = {title: body.splitlines() for title, body in BLOCKS.items() if title.endswith("보는 메시지")}
# The mistakes shown after step 3, in order: ```jinja title="실수 1: docs/docker/demo.md" holds the wrong line.
MISTAKES = [(m[1], m[2], BLOCKS[m[0]].rstrip("\n")) for t in BLOCKS if (m := re.fullmatch(r"실수 (\d+): (\S+)", t))]


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

    for name, block in (("examples", "data/examples.yml 끝에 덧붙일 항목"), ("sessions", "data/sessions.yml 끝에 덧붙일 세션")):
        with (project / "data" / f"{name}.yml").open("a", encoding="utf-8") as data:
            data.write(BLOCKS[block])
    assert checks(project) == sorted(QUOTED["2단계에서 보는 메시지"])

    page = project / "docs" / "docker" / "demo.md"
    page.write_text("# 데모\n\n" + BLOCKS["docs/docker/demo.md에 쓰는 호출"], encoding="utf-8")
    assert checks(project) == []

    for number, file, wrong in MISTAKES:
        make_the_mistake(project, number, file, wrong, tmp_path / f"site-{number}")


def make_the_mistake(project, number: str, file: str, wrong: str, site) -> None:
    path = project / file
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    right = difflib.get_close_matches(wrong, lines, n=1, cutoff=0.8)
    assert right, f"실수 {number}: no line of {file} is close to {wrong!r}"
    line = lines.index(right[0]) + 1
    path.write_text(original.replace(right[0], wrong, 1), encoding="utf-8")
    try:
        result = strict_build(project, site)
    finally:
        path.write_text(original, encoding="utf-8")
    index = str(original.count("\n  - id: ") - 1)
    quoted = [re.sub(rf"({re.escape(file)}:)\d+", rf"\g<1>{line}", q) for q in QUOTED[f"실수 {number}에서 보는 메시지"]]
    quoted = [re.sub(r"examples\[\d+\]", f"examples[{index}]", q) if "data/examples.yml" in q else q for q in quoted]
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert [row for row in result.stderr.splitlines() if row.startswith("ERROR")] == quoted

    # What the preview shows: the page keeps its title and the rest, with one box where the mistake is.
    page = BeautifulSoup((site / "docker" / "demo" / "index.html").read_text(encoding="utf-8"), "html.parser")
    boxes = [box.get_text(" ", strip=True) for box in page.select("article .admonition.failure")]
    message = quoted[0].removeprefix("ERROR   -  ")
    assert len(boxes) == 1 and boxes[0].endswith(message), boxes
    assert page.select_one("article h1").get_text().strip().startswith("데모")
    assert "Macro Rendering Error" not in page.get_text()
