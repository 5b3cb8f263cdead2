"""data/glossary.yml: the notes use its preferred terms, and its render functions do what they say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from macros.data import load_file
from macros.glossary import add_tooltips, avoided_variants, glossary_table, prose_lines, term_anchor, tooltip_terms
from macros.models import GlossaryFile
from tests.conftest import ROOT

GLOSSARY = load_file("glossary")
CHECKED = sorted(
    [p for p in (ROOT / "docs").rglob("*.md")] + [p for p in (ROOT / "data").glob("*.yml")],
    key=str,
)

SMALL = GlossaryFile.model_validate(
    {
        "terms": [
            {
                "term": "컨테이너",
                "english": "container",
                "definition": "격리된 프로세스다.",
                "synonyms": ["콘테이너"],
                "avoid": ["콘테이너"],
            },
            {
                "term": "스테이지",
                "english": "stage",
                "definition": "FROM 하나로 시작하는 구간이다.",
                "avoid": ["1단계", "앞 단계"],
            },
            {"term": "OCI", "english": "Open Container Initiative", "definition": "표준 | 단체 <b>다</b>."},
        ]
    }
)


# --- the check over the real pages and data files ---------------------------------------------


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_notes_use_the_preferred_terms(path: Path):
    found = avoided_variants(path.read_text(encoding="utf-8"), GLOSSARY)
    where = path.relative_to(ROOT)
    assert not found, "\n".join(
        f"{where}:{line}: '{variant}' -> write '{preferred}' (data/glossary.yml)" for line, variant, preferred in found
    )


def test_every_definition_is_one_haerache_sentence():
    for entry in GLOSSARY.terms:
        assert entry.definition.endswith("다."), f"{entry.term}: end the definition with 다. (해라체, one sentence)"


# --- avoided_variants / prose_lines -------------------------------------------------------------


def test_avoided_variant_in_prose_is_reported_with_line_and_preferred_term():
    text = "첫 줄\n콘테이너를 띄운다.\n앞 단계에서 만든다.\n"
    assert avoided_variants(text, SMALL) == [(2, "콘테이너", "컨테이너"), (3, "앞 단계", "스테이지")]


def test_code_spans_fences_links_and_macros_do_not_count():
    text = "\n".join(
        [
            "`콘테이너`는 코드라서 괜찮다.",
            "``두 개의 `백틱` 콘테이너``도 괜찮다.",
            "```bash",
            "# 1단계 콘테이너",
            "```",
            "    ~~~text",
            "    콘테이너",
            "    ~~~",
            "[링크](page.md#앞-단계-콘테이너)",
            "{{ example('콘테이너') }}",
            "#{ example('콘테이너') }#",
            "<!-- 콘테이너 -->",
        ]
    )
    assert avoided_variants(text, SMALL) == []


def test_text_after_a_closed_fence_counts_again():
    assert avoided_variants("```\n콘테이너\n```\n콘테이너\n", SMALL) == [(4, "콘테이너", "컨테이너")]


def test_a_glossarys_own_avoid_and_synonym_lists_do_not_count():
    text = (
        "terms:\n"
        "  - term: 컨테이너\n"
        "    synonyms: [콘테이너]\n"
        "    avoid:\n"
        "      - 콘테이너\n"
        "    definition: 콘테이너가 아니다.\n"
    )
    assert avoided_variants(text, SMALL) == [(6, "콘테이너", "컨테이너")]


def test_prose_lines_keep_line_numbers():
    text = "a\n```\nb\n```\nc"
    assert prose_lines(text) == ["a", "", "", "", "c"]


def test_an_avoided_variant_inside_a_preferred_term_is_rejected():
    with pytest.raises(ValidationError, match="preferred term"):
        GlossaryFile.model_validate(
            {"terms": [{"term": "멀티 스테이지 빌드", "english": "x", "definition": "x다.", "avoid": ["스테이지"]}]}
        )


def test_duplicate_terms_are_rejected():
    terms = [{"term": "a", "english": "b", "definition": "c"}, {"term": "a", "english": "d", "definition": "e"}]
    with pytest.raises(ValidationError, match="already"):
        GlossaryFile.model_validate({"terms": terms})


# --- render functions ---------------------------------------------------------------------------


def test_glossary_table_lists_every_term_sorted_and_escaped():
    table = glossary_table(SMALL)
    rows = [line for line in table.strip().splitlines()[2:]]
    firsts = [row.split("|")[1].strip() for row in rows]
    assert firsts == [f'<strong id="{term_anchor(t)}">{t}</strong>' for t in ["OCI", "스테이지", "컨테이너"]]
    assert "표준 \\| 단체 &lt;b&gt;다&lt;/b&gt;." in table  # a | cannot split the row, HTML stays text
    # other spellings are on the page for Ctrl+F, but out of the search index (see glossary_table)
    assert "<span data-search-exclude>콘테이너(쓰지 않음)</span>" in table
    assert "<span data-search-exclude>1단계(쓰지 않음), 앞 단계(쓰지 않음)</span>" in table


def test_real_glossary_table_has_a_row_per_term_with_its_own_anchor():
    table = glossary_table(GLOSSARY)
    assert table.count("\n| <strong id=") == len(GLOSSARY.terms)
    assert len({term_anchor(t.term) for t in GLOSSARY.terms}) == len(GLOSSARY.terms)
    assert "베이스 이미지" in table  # Ctrl+F for the avoided spelling finds the entry


# --- add_tooltips ---------------------------------------------------------------------------------

TERMS = GlossaryFile.model_validate(
    {
        "terms": [
            {"term": t, "english": "x", "definition": f"{t}의 정의다.", **extra}
            for t, extra in [
                ("컨테이너", {}), ("빌드 캐시", {}), ("Go 빌드 캐시", {}), ("CRI", {}), ("OCI", {}),
                ("ENTRYPOINT", {}), ("시작", {"tooltip": False}),
            ]
        ]
    }
)  # fmt: skip


def tips(page_html: str) -> list[tuple[str, str]]:
    """(linked text, glossary href) of every tooltip in the result."""
    out = add_tooltips(page_html, tooltip_terms(TERMS), "../glossary/")
    return re.findall(r'<a class="glossary-term" href="([^"]*)" title="[^"]*">([^<]*)</a>', out)


def test_only_the_first_use_of_a_term_gets_a_tooltip_linking_to_its_entry():
    assert tips("<p>컨테이너를 띄운다. 컨테이너가 돈다.</p><p>컨테이너</p>") == [("../glossary/#term-컨테이너", "컨테이너")]


def test_titles_headings_links_table_heads_code_and_admonition_titles_get_none():
    page = (
        '<h1 id="x">컨테이너</h1><h2>OCI <a class="headerlink" href="#x">¶</a></h2><p><a href="y">CRI</a> '
        "<code>ENTRYPOINT</code></p><table><thead><tr><th>빌드 캐시</th></tr></thead><tbody><tr><td>x</td></tr></tbody>"
        '</table><div class="admonition"><p class="admonition-title">컨테이너</p><p>본문</p></div><pre><code>OCI</code></pre>'
    )
    assert tips(page) == []
    assert tips(page + "<p>컨테이너, OCI, CRI, 빌드 캐시, ENTRYPOINT</p>") == [
        ("../glossary/#term-컨테이너", "컨테이너"), ("../glossary/#term-oci", "OCI"), ("../glossary/#term-cri", "CRI"),
        ("../glossary/#term-빌드-캐시", "빌드 캐시"), ("../glossary/#term-entrypoint", "ENTRYPOINT"),
    ]  # fmt: skip


def test_the_longest_term_wins_and_latin_terms_end_at_a_word_boundary():
    assert tips("<p>Go 빌드 캐시를 쓴다. 빌드 캐시는 레이어다.</p>") == [
        ("../glossary/#term-go-빌드-캐시", "Go 빌드 캐시"), ("../glossary/#term-빌드-캐시", "빌드 캐시"),
    ]  # fmt: skip
    assert tips("<p>CRI-O와 OCIX, ENTRYPOINTS</p>") == []


def test_everyday_words_get_no_tooltip_and_the_rest_of_the_html_is_unchanged():
    page = '<p class="a">시작한다 &amp; <img src="x.png" alt="컨테이너"><br>끝</p><!-- 컨테이너 -->'
    assert add_tooltips(page, tooltip_terms(TERMS), "g/") == page


# --- the built site -------------------------------------------------------------------------------


def test_built_pages_link_each_term_once_to_its_own_glossary_anchor(built_site):
    from bs4 import BeautifulSoup

    glossary_page = BeautifulSoup((built_site / "docker/glossary/index.html").read_text(encoding="utf-8"), "html.parser")
    anchors = {el["id"] for el in glossary_page.select("article [id^='term-']")}
    assert anchors == {term_anchor(t.term) for t in GLOSSARY.terms}
    assert "베이스 이미지" in glossary_page.select_one("article").get_text()  # Ctrl+F finds the entry
    counts = {}
    for html_file in sorted((built_site / "docker").rglob("index.html")):
        article = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").select_one("article")
        links = article.select("a.glossary-term")
        page = html_file.parent.relative_to(built_site).as_posix()
        counts[page] = len(links)
        targets = [a["href"].split("#")[1] for a in links]
        assert len(targets) == len(set(targets)), f"{page}: a term has more than one tooltip"
        assert set(targets) <= anchors, f"{page}: links to missing glossary anchors {set(targets) - anchors}"
        for a in links:
            assert a["title"], f"{page}: {a.text} has no definition"
            inside = [p.name for p in a.parents if p.name in {"h1", "h2", "h3", "h4", "a", "code", "pre", "th", "nav"}]
            assert not inside, f"{page}: tooltip for {a.text} inside {inside}"
    assert counts["docker/glossary"] == 0 and all(counts[p] for p in counts if p != "docker/glossary"), counts
    entrypoint = BeautifulSoup((built_site / "docker/dockerfile/index.html").read_text(encoding="utf-8"), "html.parser")
    assert entrypoint.select_one("a.glossary-term[href$='#term-entrypoint']"), "ENTRYPOINT has no tooltip"
