"""CONTRIBUTING.md's "예제 추가하기" walkthrough, replayed on a copy of the project.

A newcomer adds examples/demo/, then the catalogue entry, then a page; at each step the test suite
must fail with exactly the messages CONTRIBUTING.md quotes, and pass at the end. If a test's wording
changes, this fails until CONTRIBUTING.md quotes the new message.

The replay renames "demo" to "walkthrough" (and picks a free published port), so it still works after
someone follows the guide literally and commits a real examples/demo.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

IGNORE = shutil.ignore_patterns(".venv", ".git", "site", ".site-*", ".pytest_cache", "__pycache__", ".cache")
QUOTED = re.findall(r"^(AssertionError: .+)$", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.MULTILINE)

DEMO = {
    "Dockerfile": (
        "# 빌드 스테이지: 정적 바이너리를 만든다.\n"
        "FROM golang:1.27-bookworm AS build\nWORKDIR /src\nCOPY go.mod main.go ./\n"
        "RUN CGO_ENABLED=0 go build -trimpath -o /out/demo .\n\n"
        "# 실행 스테이지: 바이너리 하나만 둔다.\n"
        "FROM scratch\nCOPY --from=build /out/demo /demo\nUSER 65532:65532\nEXPOSE 8080\n"
        'ENTRYPOINT ["/demo"]\n'
    ),
    ".dockerignore": "*_test.go\nDockerfile*\n.dockerignore\n",
    "go.mod": "module demo\n\ngo 1.27\n",
    "main.go": (
        '// demo는 8080 포트에서 "Hello, demo"라고 답한다.\npackage main\n\nimport (\n\t"fmt"\n\t"log"\n\t"net/http"\n)\n\nfunc main() {\n'
        '\thttp.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "Hello, demo") })\n'
        '\tlog.Fatal(http.ListenAndServe(":8080", nil))\n}\n'
    ),
}


NAME = "walkthrough"


def renamed(text: str, port: int | None = None) -> str:
    """CONTRIBUTING.md's demo text with the example renamed to NAME (and its port moved)."""
    for old, new in (("examples/demo", f"examples/{NAME}"), ("id: demo", f"id: {NAME}"), ("'demo'", f"'{NAME}'"), ("demo:0.1", f"{NAME}:0.1")):
        text = text.replace(old, new)
    if port is not None:
        text = re.sub(r"published_port: \d+", f"published_port: {port}", text)
    return text


def free_port(project: Path) -> int:
    used = re.findall(r"published_port: (\d+)", (project / "data" / "examples.yml").read_text(encoding="utf-8"))
    return max(map(int, used)) + 1


def catalogue_entry() -> str:
    """The YAML block CONTRIBUTING.md shows, taken from the document itself."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(  - id: demo.*?)```", text, re.DOTALL)
    assert block, "CONTRIBUTING.md no longer shows the demo catalogue entry"
    return block[1]


def page_body() -> str:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(r"```jinja\n(.*?example_dockerfile\('demo'\).*?)```", text, re.DOTALL)
    assert block, "CONTRIBUTING.md no longer shows how to embed the demo example"
    return "---\ntags:\n  - 도커\n---\n\n# 데모 예제\n\n기여 안내를 따라 더한 예제다.\n\n" + block[1]


def run_tests(project: Path, *selection: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header", "-rN", *selection],
        cwd=project,
        capture_output=True,
        text=True,
    )
    return f"exit {result.returncode}\n{result.stdout}{result.stderr}"


STATIC = ["tests/test_examples_static.py", "-k", "catalogued or follows_principle"]
BOTH = ["tests/test_examples_static.py", "tests/test_site.py", "-k", "catalogued or follows_principle or embedded or example_commands"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("walkthrough") / "notes"
    shutil.copytree(ROOT, target, ignore=IGNORE)
    return target


def test_contributing_quotes_five_messages():
    assert len(QUOTED) == 5, QUOTED


def test_walkthrough_messages_are_the_ones_contributing_quotes(project):
    demo = project / "examples" / NAME
    demo.mkdir()
    quoted = [renamed(message) for message in QUOTED]
    for name, text in DEMO.items():
        (demo / name).write_text(text, encoding="utf-8")

    # Step 1: files only.
    out = run_tests(project, *BOTH)
    assert out.startswith("exit 1")
    for message in quoted[:2]:
        assert message in out, f"step 1 no longer says:\n{message}\n--- output ---\n{out[-4000:]}"

    # Step 2: the catalogue entry, exactly as CONTRIBUTING.md shows it.
    examples_yml = project / "data" / "examples.yml"
    entry = renamed(catalogue_entry(), free_port(project))
    examples_yml.write_text(examples_yml.read_text(encoding="utf-8") + entry, encoding="utf-8")
    out = run_tests(project, *BOTH)
    assert out.startswith("exit 1") and quoted[0] not in out
    for message in quoted[2:4]:
        assert message in out, f"step 2 no longer says:\n{message}\n--- output ---\n{out[-4000:]}"

    # Step 3: a page that embeds every file (made with the scaffold, then written).
    scaffold = [sys.executable, "-m", "scripts.new_note", "--chapter", "docker", "--slug", NAME, "--title", "따라 하기"]
    assert subprocess.run(scaffold, cwd=project, capture_output=True).returncode == 0
    (project / "docs" / "docker" / f"{NAME}.md").write_text(renamed(page_body()), encoding="utf-8")
    out = run_tests(project, *BOTH)
    assert out.startswith("exit 0"), out[-4000:]

    # And a broken principle names the check and the line.
    dockerfile = demo / "Dockerfile"
    dockerfile.write_text(DEMO["Dockerfile"].replace("USER 65532:65532", "USER root"), encoding="utf-8")
    out = run_tests(project, *STATIC)
    assert quoted[4] in out, f"the principle message changed:\n{out[-4000:]}"
