"""What the built HTML must contain (conftest runs the one real `mkdocs build --strict`)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, code_blocks, copy_project

LEFTOVERS = ["#{", "}#", "#%", "%#", "--8<--", "매크로가 실패했다", "Macro Rendering Error", "Macro Syntax Error"]


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(built_site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in built_site.rglob("*.html")
    }


def test_instruction_table_lists_every_instruction(pages, catalogue):
    table = pages["docker/instructions/index.html"].select("article table")[0]
    names = [row.select_one("td code").get_text() for row in table.select("tbody tr")]
    assert names == [i.name for i in catalogue.instructions.instructions]


def test_every_embedded_example_file_is_byte_for_byte_the_file(pages):
    embedded = [(page, title, text) for page, soup in pages.items() for title, text in code_blocks(soup)
                if title and title.startswith("examples/")]  # fmt: skip
    assert embedded
    for page, title, text in embedded:
        assert text == (ROOT / title).read_text(encoding="utf-8"), f"{title} on {page} differs from the file"


def test_every_example_dockerfile_is_shown(pages, catalogue):
    shown = {title for soup in pages.values() for title, _ in code_blocks(soup)}
    missing = [e.dockerfile for e in catalogue.examples.examples if e.dockerfile not in shown]
    assert not missing, f"not on any page: {missing}; show each with #{{ example('<id>') }}#"


def test_korean_headings_get_readable_anchors(pages):
    ids = [h.get("id") for soup in pages.values() for h in soup.select("article h2, article h3")]
    assert ids and not [i for i in ids if not i or re.fullmatch(r"_\d+", i)]
    assert any(re.search(r"[가-힣]", i) for i in ids), "no heading id keeps its Hangul"


def test_go_templates_in_notes_stay_literal(pages):
    assert "{{.Config.User}}" in pages["docker/run/index.html"].select_one("article").get_text()


def test_no_template_leftovers_in_any_page(pages):
    """A page that skips Jinja (front matter `render_macros: false`) would show its calls raw.
    Code may show delimiters on purpose (the contributor page does), so only prose is read."""
    for page, soup in pages.items():
        article = BeautifulSoup(str(soup.select_one("article") or ""), "html.parser")
        for element in article.select("pre, code"):
            element.decompose()
        found = [needle for needle in LEFTOVERS if needle in article.get_text()]
        assert not found, f"{page} shows {found}"


def test_no_value_from_data_is_typed_into_a_note(catalogue):
    """Prose reads catalogue values through variables, so a changed port cannot leave a stale page."""
    values = {e.image for e in catalogue.examples.examples}
    for e in catalogue.examples.examples:
        if e.http:
            values |= {str(e.http.port), e.http.body.strip()}
    registry = catalogue.registry
    values |= {str(registry.port), registry.host, registry.repository, registry.image, registry.rebuild_label}
    typed = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = re.sub(r"#\{.*?\}#|#%.*?%#", "", line)
            typed += [f"{path.relative_to(ROOT)}:{number}: {v!r}" for v in values if v in text]
    assert not typed, "use #{ examples['<id>'].port }# (or .image, .body; #{ registry.port }#, .host, .image) instead of:\n" + "\n".join(typed)


def test_failed_build_names_page_line_and_fix_and_leaves_site_untouched(tmp_path, catalogue):
    """An unknown id and a misspelt macro: one ERROR line each with a suggestion; `make build` keeps site/."""
    copy = tmp_path / "project"
    copy_project(copy)
    (copy / "site").mkdir()
    (copy / "site" / "keep.html").write_text("old site")
    run = copy / "docs" / "docker" / "run.md"  # rendered before stop.md (nav order)
    run.write_text(run.read_text(encoding="utf-8").replace("commands('hello-multistage', 'stop", "commands('hello-multistag', 'stop"))
    stop = copy / "docs" / "docker" / "stop.md"
    stop.write_text(stop.read_text(encoding="utf-8").replace("commands(", "comands(", 1))
    line = next(n for n, row in enumerate(run.read_text(encoding="utf-8").splitlines(), 1) if "hello-multistag'" in row)
    typo = next(n for n, row in enumerate(stop.read_text(encoding="utf-8").splitlines(), 1) if "comands(" in row)
    result = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=copy, capture_output=True, text=True)
    assert result.returncode != 0
    known = ", ".join(s.id for s in catalogue.sessions.sessions)
    assert [line for line in result.stderr.splitlines() if line.startswith("ERROR")] == [
        f"ERROR   -  docs/docker/run.md:{line}: commands('hello-multistag', 'stop exit-code remove', title='정지와 삭제'): "
        f"data/sessions.yml: no session 'hello-multistag'; did you mean 'hello-multistage'? known: {known}",
        f"ERROR   -  docs/docker/stop.md:{typo}: 'comands' is not a macro or variable; did you mean 'commands'?",
    ]
    assert (copy / "site" / "keep.html").read_text() == "old site"
    assert not [p.name for p in copy.iterdir() if p.name.startswith(".site-build")]
