"""Render example files and example commands from data/examples.yml.

File contents are never read here: the block holds a pymdownx.snippets line, and snippets
inserts the file after mkdocs-macros has run, so the text of an example never passes through
Jinja (a Go template such as {{ .Name }} in a file stays as it is).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from . import commands
from . import markup as m
from .loader import Catalogue
from .models import Example

LANGUAGES = {".go": "go", ".mod": "text", ".sh": "bash", ".yml": "yaml", ".yaml": "yaml", ".json": "json"}


def language(path: str) -> str:
    name = PurePosixPath(path).name
    if name.startswith("Dockerfile") or name.endswith(".Dockerfile"):
        return "dockerfile"
    return LANGUAGES.get(PurePosixPath(path).suffix, "text")


def catalogued_files(catalogue: Catalogue) -> set[str]:
    return {path for example in catalogue.examples.examples for path in example.all_files}


def example_file(catalogue: Catalogue, path: str, title: str | None = None) -> str:
    """A titled code block that snippets fills with the file's exact text."""
    if path not in catalogued_files(catalogue):
        known = ", ".join(sorted(catalogued_files(catalogue)))
        raise KeyError(f"example_file('{path}'): not a file of any example in data/examples.yml (known: {known})")
    return m.fence(f'--8<-- "{path}"', language(path), title or path)


def example_dockerfile(catalogue: Catalogue, example_id: str) -> str:
    """The example's Dockerfile with what it teaches, as an admonition-free block."""
    example = catalogue.example(example_id)
    path = commands.dockerfile_path(example)
    return f"\n\n**{m.text(example.title)}**: {m.text(example.teaches)}\n" + example_file(
        catalogue, path
    )


def example_commands(catalogue: Catalogue, example_id: str) -> str:
    """Build, run, probe and clean-up commands, plus the answer the tests expect."""
    example = catalogue.example(example_id)
    script = "\n".join(
        [
            "# 저장소 루트에서 실행한다. 마지막 인자가 빌드 컨텍스트다.",
            commands.shell(commands.build_argv(example)),
            "# 호스트의 포트를 컨테이너의 포트에 연결(-p 호스트:컨테이너)해 백그라운드로 실행한다.",
            commands.shell(commands.run_argv(example)),
            commands.shell(commands.probe_argv(example)),
            "# 정리",
            commands.shell(commands.cleanup_argv(example)),
        ]
    )
    expected = example.expect.body
    return m.fence(script, "bash", f"{example.id}: 빌드하고 실행하기") + m.fence(
        expected, "text", f"curl의 응답 (HTTP {example.expect.status})"
    )
