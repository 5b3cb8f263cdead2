"""What the built HTML must contain (conftest runs the one real `mkdocs build --strict`)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, code_blocks, copy_project

LEFTOVERS = ["#{", "}#", "#%", "%#", "--8<--", "Macro Rendering Error", "Macro Syntax Error"]


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
        found += [box.get_text(" ", strip=True) for box in article.select(".admonition.failure")]  # a failed macro
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


@pytest.mark.slow  # a build of its own: `make test` runs it, `make check` stays fast
def test_failed_build_names_page_line_and_fix_and_leaves_site_untouched(tmp_path, catalogue):
    """A Jinja syntax error, an unknown id, a bad argument in the second of two calls with the same id, and a
    misspelt macro: one ERROR line each, at the line of that exact call, with a suggestion; no traceback (the
    build goes on to the next page); `make build` keeps site/."""
    copy = tmp_path / "project"
    copy_project(copy)
    (copy / "site").mkdir()
    (copy / "site" / "keep.html").write_text("old site")
    pages = copy / "docs" / "docker"
    edits = {"dockerfile.md": ("#{ example('hello-single') }#", "#{ example('hello-single' }#"),
             "build.md": ("example('hello-nomount')", "example('hello-nomont')"),
             "run.md": ("'hello-multistage', 'stop exit-code remove'", "'hello-multistage', 'stop exit-code remov'"),
             "stop.md": ("commands(", "comands(")}  # fmt: skip
    line, text = {}, {}
    for name, (right, wrong) in edits.items():
        text[name] = (pages / name).read_text(encoding="utf-8")
        assert right in text[name], f"the case no longer applies to docs/docker/{name}: {right!r}"
        (pages / name).write_text(text[name].replace(right, wrong, 1), encoding="utf-8")
        line[name] = text[name][: text[name].index(right)].count("\n") + 1
    first_call = text["run.md"].index("commands('hello-multistage'")
    assert first_call < text["run.md"].index(edits["run.md"][0]), "run.md no longer calls it twice with one id"
    result = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=copy, capture_output=True, text=True)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    known = ", ".join(e.id for e in catalogue.examples.examples)
    errors = sorted(line for line in result.stderr.splitlines() if line.startswith("ERROR"))  # build, dockerfile, run, stop
    assert len(errors) == 4, errors
    assert errors.pop(1) == f"ERROR   -  docs/docker/dockerfile.md:{line['dockerfile.md']}: Jinja syntax: unexpected '}}', expected ')'"
    assert errors[0] == (
        f"ERROR   -  docs/docker/build.md:{line['build.md']}: example('hello-nomont'): data/examples.yml: "
        f"no example 'hello-nomont'; did you mean 'hello-nomount'? known: {known}"
    )
    # The step's own message belongs to the command macro; the line must be the second call's.
    second = "commands('hello-multistage', 'stop exit-code remov', title='멈추고 종료 코드를 본 뒤 지우기'): "
    assert errors[1].startswith(f"ERROR   -  docs/docker/run.md:{line['run.md']}: {second}"), errors[1]
    assert errors[2] == (
        f"ERROR   -  docs/docker/stop.md:{line['stop.md']}: 'comands' is not a macro or variable; did you mean 'commands'?"
    )
    assert (copy / "site" / "keep.html").read_text() == "old site"
    assert not [p.name for p in copy.iterdir() if p.name.startswith(".site-build")]


def test_every_page_with_commands_says_once_when_and_where_they_ran_and_search_skips_it(pages, built_site, catalogue):
    """The note comes from includes/ran-by-ci.md with data/outputs.yml's date and engine; it is not a search hit."""
    with_commands = [p for p, soup in pages.items() if soup.select("div.language-bash") and not p.startswith("about/")]
    assert with_commands
    for page in with_commands:
        notes = pages[page].select("div.ran-by-ci")
        assert len(notes) == 1, f"{page} has {len(notes)} ran-by-ci notes"
        assert f"{catalogue.outputs.recorded_on}에 {catalogue.outputs.engine}로" in notes[0].get_text(), page
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "실행해 기록한" not in index
