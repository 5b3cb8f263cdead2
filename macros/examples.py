"""Render example files and example commands from data/examples.yml.

File contents are never put on the page here: the block holds a pymdownx.snippets line, and snippets
inserts the file after mkdocs-macros has run, so the text of an example never passes through
Jinja (a Go template such as {{ .Name }} in a file stays as it is).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from . import commands
from . import markup as m
from .loader import ROOT, Catalogue

LANGUAGES = {".go": "go", ".mod": "text", ".sh": "bash", ".yml": "yaml", ".yaml": "yaml", ".json": "json"}


def language(path: str) -> str:
    name = PurePosixPath(path).name
    if name.startswith("Dockerfile") or name.endswith(".Dockerfile"):
        return "dockerfile"
    return LANGUAGES.get(PurePosixPath(path).suffix, "text")


def catalogued_files(catalogue: Catalogue) -> frozenset[str]:
    return catalogue.files  # computed once per loaded catalogue, not once per macro call


def example_file(catalogue: Catalogue, path: str, title: str | None = None) -> str:
    """A titled code block that snippets fills with the file's exact text."""
    if path not in catalogued_files(catalogue):
        known = ", ".join(sorted(catalogued_files(catalogue)))
        raise KeyError(f"'{path}' is not a file of any example in data/examples.yml (known: {known})")
    # The file is read only to size the fence: a ``` inside it must not close the block early.
    raw = (ROOT / path).read_bytes()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ValueError(f"{path}:{line} is not valid UTF-8; save the file as UTF-8") from None
    return m.fence(f'--8<-- "{path}"', language(path), title or path, inserted=content)


def example_dockerfile(catalogue: Catalogue, example_id: str) -> str:
    """The example's Dockerfile with what it teaches, as an admonition-free block."""
    example = catalogue.example(example_id)
    path = commands.dockerfile_path(example)
    return f"\n\n**{m.text(example.title)}**: {m.text(example.teaches)}\n" + example_file(
        catalogue, path
    )


# What each step does, shown as a comment above its command.
STEP_NOTES = {
    "build": "이미지 빌드: -t 이름:태그, -f Dockerfile, 마지막 인자는 빌드 컨텍스트(저장소 루트에서 실행)",
    "run": "백그라운드(-d)로 실행하고 호스트 포트를 컨테이너 포트에 연결(-p 호스트:컨테이너)",
    "list": "실행 중인지 확인",
    "user": "어떤 사용자로 실행되는지 확인(--format은 Go 템플릿)",
    "logs": "표준 출력으로 남긴 로그 보기",
    "probe": "HTTP로 응답 확인",
    "stop": "정지: SIGTERM을 보내고, 유예 시간(기본 10초) 안에 끝나지 않으면 SIGKILL",
    "remove": "컨테이너 삭제(-f는 실행 중이어도 정지 후 삭제)",
}


def example_commands(catalogue: Catalogue, example_id: str, steps: str = "build run probe remove") -> str:
    """The chosen steps' commands for an example, plus the answer the tests expect from curl."""
    example = catalogue.example(example_id)
    names = steps.split()
    unknown = [n for n in names if n not in commands.STEPS]
    if unknown:
        raise KeyError(f"unknown step(s) {unknown}; known: {' '.join(commands.STEPS)}")
    lines = []
    for name in names:
        lines += [f"# {STEP_NOTES[name]}", commands.shell(commands.STEPS[name](example))]
    out = m.fence("\n".join(lines), "bash", f"{example.id}: {' → '.join(names)}")
    if "probe" in names:
        out += m.fence(example.expect.body, "text", f"curl의 응답 (HTTP {example.expect.status})")
    return out
