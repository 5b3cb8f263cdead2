"""The real `mkdocs build --strict` of the real site, and what the built HTML must contain."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.loader import load_catalogue
from tests.conftest import ROOT

CATALOGUE = load_catalogue()
EXAMPLE_FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").rglob("*") if p.is_file())
LEFTOVERS = ["{{", "{%", "--8<--", "Macro Syntax Error", "Macro Rendering Error", "{##"]


def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        str(p.relative_to(site)): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in site.rglob("*.html")
    }


def code_blocks(soup: BeautifulSoup) -> list[tuple[str | None, str]]:
    """(title, exact text) of every highlighted code block on a page."""
    blocks = []
    for div in soup.select("div.highlight"):
        title = div.select_one("span.filename")
        code = div.select_one("pre code")
        if code is not None:
            blocks.append((title.get_text() if title else None, code.get_text()))
    return blocks


@pytest.fixture(scope="module")
def site_pages(built_site):
    return pages(built_site)


def test_instruction_table_has_all_18_rows(site_pages):
    soup = site_pages["docker/instructions/index.html"]
    table = soup.select("article table")[0]
    names = [row.select_one("td code").get_text() for row in table.select("tbody tr")]
    assert sorted(names) == sorted(i.name for i in CATALOGUE.instructions.instructions)
    assert len(names) == 18


@pytest.mark.parametrize("path", EXAMPLE_FILES)
def test_every_example_file_is_embedded_byte_for_byte(site_pages, path):
    expected = (ROOT / path).read_text(encoding="utf-8")
    found = [page for page, soup in site_pages.items() for title, text in code_blocks(soup) if title == path]
    assert found, f"{path} is not embedded on any page (use example_file('{path}') or example_dockerfile)"
    for page in found:
        texts = [text for title, text in code_blocks(site_pages[page]) if title == path]
        assert all(text == expected for text in texts), f"{path} on {page} differs from the file"


def test_korean_headings_get_readable_anchors(site_pages):
    ids = [h.get("id") for soup in site_pages.values() for h in soup.select("article h2, article h3")]
    assert ids and all(i and not re.fullmatch(r"_\d+", i) for i in ids), [i for i in ids if not i or i.startswith("_")]
    assert any(re.search(r"[가-힣]", i) for i in ids), "no heading id keeps its Hangul"


def prose(soup: BeautifulSoup) -> str:
    """A page's text outside code: code may show a Go template such as {{.Config.User}} on purpose."""
    copy = BeautifulSoup(str(soup.select_one("article") or soup.body), "html.parser")
    for element in copy.select("pre, code"):
        element.decompose()
    return copy.get_text()


@pytest.mark.parametrize("needle", LEFTOVERS)
def test_no_template_leftovers_in_any_page(site_pages, needle):
    offenders = [page for page, soup in site_pages.items() if needle in prose(soup)]
    assert offenders == [], f"{needle!r} leaked into {offenders}"


def test_example_commands_are_those_the_tests_run(site_pages):
    from macros import commands

    text = "\n".join(t for soup in site_pages.values() for _, t in code_blocks(soup))
    for example in CATALOGUE.examples.examples:
        for argv in (commands.build_argv(example), commands.run_argv(example), commands.probe_argv(example)):
            assert commands.shell(argv) in text, f"page does not print: {commands.shell(argv)}"
