"""data/glossary.yml: the notes use its preferred terms, and its render functions do what they say."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from macros.data import load_file
from macros.glossary import abbreviation_lines, avoided_variants, glossary_table, prose_lines
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
    assert [row.split("|")[1].strip() for row in rows] == ["**OCI**", "**스테이지**", "**컨테이너**"]
    assert "표준 \\| 단체 &lt;b&gt;다&lt;/b&gt;." in table  # a | cannot split the row, HTML stays text
    assert "콘테이너" not in table  # synonyms stay out of the page (and so out of the search index)


def test_real_glossary_table_has_a_row_per_term():
    assert glossary_table(GLOSSARY).count("\n| **") == len(GLOSSARY.terms)


def test_abbreviation_lines_cover_the_forms_the_page_uses():
    lines = abbreviation_lines(SMALL, "컨테이너를 띄운다. OCI", particles=("를", "가")).splitlines()
    assert lines == ["*[컨테이너]: 격리된 프로세스다.", "*[컨테이너를]: 격리된 프로세스다.", "*[OCI]: 표준 | 단체 <b>다</b>."]
