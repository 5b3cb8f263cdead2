"""Every bad input in tests/bad_inputs/cases.py fails clearly or renders safely, never silently.

Each case runs on its own copy of the project in tmp_path; the real tree is never modified.
Build cases run the real scripts/build_site.py, so every failing build also proves that the
previous site/ survives and that no half-written build folder is left behind.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.loader import DataError, load_catalogue
from tests.bad_inputs.cases import CASES, Case
from tests.bad_inputs.project import build, copy_project
from tests.conftest import ROOT
from notekit.dockerfiles import example_problems

OLD_SITE = "<p>the site from the last good build</p>"


def line_of(root: Path, case: Case) -> str:
    path, marker = case.at  # type: ignore[misc]
    data = (root / path).read_bytes()
    at = data.find(marker.encode("utf-8"))
    assert at >= 0, f"{case.name}: marker {marker!r} not in mutated {path}"
    return str(data[:at].count(b"\n") + 1)


def run_case(root: Path, case: Case) -> tuple[bool, str]:
    """(succeeded, everything the contributor sees) for the case's command."""
    if case.run == "load":
        try:
            load_catalogue(root / "data", root)
        except DataError as error:
            return False, str(error)
        return True, ""
    if case.run == "dockerfile":
        catalogue = load_catalogue(root / "data", root)
        problems = [p for e in catalogue.examples.examples for p in example_problems(root, e, catalogue)]
        return not problems, "\n".join(problems)
    result = build(root)
    return result.returncode == 0, result.output


def visible_text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").select_one("article").get_text()


def instruction_table_intact(soup: BeautifulSoup) -> None:
    table = soup.select("article table")[0]
    rows = table.select("tbody tr")
    assert len(rows) == len(load_catalogue().instructions.instructions)
    assert all(len(row.select("td")) == 4 for row in rows), "a cell broke out of the instruction table"


def heading_my_id(soup: BeautifulSoup) -> None:
    heading = soup.select_one("article h2#my-id")
    assert heading is not None and "{#" not in heading.get_text(), "the {#id} attribute was not applied"


def notes_md_in_one_block(soup: BeautifulSoup) -> None:
    blocks = [code.get_text() for code in soup.select("article pre code")]
    assert "앞\n\n````text\n```\n{{ x }}\n```\n````\n\n뒤\n" in blocks, "the example file was split or cut"
    assert not any("이 문단은" in block for block in blocks), "the page text after the file ended up in the code block"


EXTRA_CHECKS = {
    "instruction_table_intact": instruction_table_intact,
    "heading_my_id": heading_my_id,
    "notes_md_in_one_block": notes_md_in_one_block,
}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(tmp_path, case: Case):
    root = copy_project(tmp_path / "project")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text(OLD_SITE, encoding="utf-8")
    for edit in case.edits:
        edit.apply(root)

    succeeded, output = run_case(root, case)

    if case.fails:
        assert not succeeded, f"{case.name}: the bad input was accepted; output:\n{output}"
        for fragment in case.fails:
            expected = fragment.replace("{line}", line_of(root, case)) if "{line}" in fragment else fragment
            assert expected in output, f"{case.name}: message lacks {expected!r}:\n{output}"
        if case.run == "build":
            assert (root / "site" / "index.html").read_text(encoding="utf-8") == OLD_SITE, "failed build touched site/"
            assert not list(root.glob(".site-build-*")), "a failed build left its half-written folder behind"
        return

    assert succeeded, f"{case.name}: expected a clean run, got:\n{output}"
    if case.run == "build":
        assert (root / "site" / "index.html").read_text(encoding="utf-8") != OLD_SITE, "a good build did not replace site/"
    if case.run == "load" and not case.page:
        # Tolerated input (e.g. a BOM) must load to exactly what the real file loads to.
        assert load_catalogue(root / "data", root) == load_catalogue(ROOT / "data", ROOT)
    if case.page:
        html = (root / "site" / case.page).read_text(encoding="utf-8")
        text = visible_text(html)
        for shown in case.shows:
            assert shown in text, f"{case.name}: {case.page} does not show {shown!r} literally"
        for raw in case.absent:
            assert raw not in html, f"{case.name}: {raw!r} reached the HTML unescaped"
        if case.check:
            EXTRA_CHECKS[case.check](BeautifulSoup(html, "html.parser"))


def test_real_examples_have_no_problems(catalogue):
    """The checker the Dockerfile cases rely on accepts the real examples (so it is not just always failing)."""
    problems = [p for e in catalogue.examples.examples for p in example_problems(ROOT, e, catalogue)]
    assert problems == []
