"""Render examples: their files, embedded verbatim, and the commands that build and run them.

File contents are never put on the page here: the block holds a pymdownx.snippets line, and
snippets inserts the file after mkdocs-macros has run, so an example's text never meets Jinja.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from . import archives
from . import markup as m
from .data import ROOT, Catalogue, UnknownName, suggest
from .page import Page, page_macro

LANGUAGES = {".go": "go", ".mod": "text", ".sh": "bash", ".yml": "yaml", ".yaml": "yaml", ".json": "json"}


def language(path: str) -> str:
    name = PurePosixPath(path).name
    if name.startswith("Dockerfile") or name.endswith(".Dockerfile"):
        return "dockerfile"
    return LANGUAGES.get(PurePosixPath(path).suffix, "text")


def example_files() -> list[str]:
    """Every file under examples/, relative to the repository root."""
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").rglob("*") if p.is_file())


def file_block(path: str, title: str | None = None) -> str:
    """A titled code block that snippets fills with the file's exact text."""
    target = (ROOT / path).resolve()
    if not target.is_file() or not target.is_relative_to((ROOT / "examples").resolve()):
        known = example_files()
        raise UnknownName(path, f"no such file under examples/; {suggest(path, known)}known: {', '.join(known)}")
    raw = target.read_bytes()
    try:
        content = raw.decode("utf-8")  # read only to size the fence: a ``` inside must not close it
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ValueError(f"{path}:{line}: not valid UTF-8; save it as UTF-8") from None
    return m.fence(f'--8<-- "{path}"', language(path), title or path, inserted=content)


def example(catalogue: Catalogue, example_id: str, show: list[str] | tuple[str, ...] = ()) -> str:
    """What the example teaches, its Dockerfile, and the other files named in `show` as tabs."""
    ex = catalogue.example(example_id)
    intro = f"\n\n**{m.text(ex.title)}**: {m.text(ex.teaches)}\n"
    paths = [ex.dockerfile, *(f"{ex.context}/{name}" for name in show)]
    if len(paths) == 1:
        return intro + file_block(ex.dockerfile)
    tabs = []
    for path in paths:
        block = file_block(path).strip("\n")
        tabs.append(f'=== "{PurePosixPath(path).name}"\n\n' + "\n".join("    " + line for line in block.split("\n")))
    return intro + "\n\n" + "\n\n".join(tabs) + "\n\n"


# --- what pages call (macros/page.py) -----------------------------------------------------

LINKED_ON_PAGE: set[str] = set()  # example folders whose zip the page being rendered links (cleared per page)


@page_macro("example")
def example_macro(page: Page, example_id: str, show: list[str] | tuple[str, ...] = ()) -> str:
    """예제 하나를 싣는다: 무엇을 가르치는지 한 줄, Dockerfile, 그리고 show에 적은 파일(빌드 컨텍스트 기준)을
    탭으로. 파일 내용은 pymdownx.snippets가 그대로 끼워 넣는다.

    예: example('hello-multistage', show=['main.go', 'go.mod'])
    """
    shown, folder = example(page.catalogue, example_id, show), page.catalogue.example(example_id).context
    if folder in LINKED_ON_PAGE:  # one download link per folder and page
        return shown
    LINKED_ON_PAGE.add(folder)
    return shown + archives.download_link(folder, page.env.page.url, page.extra["download_label"])


@page_macro("example_file", uses_data=False)
def example_file_macro(page: Page, path: str, title: str | None = None) -> str:
    """examples/ 아래 파일 하나를 경로를 제목으로 달아 그대로 싣는다. 없는 경로면 빌드가 실패한다.

    예: example_file('examples/hello/.dockerignore')
    """
    return file_block(path, title)
