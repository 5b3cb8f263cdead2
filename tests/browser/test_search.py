"""Korean-aware search, typed into the real search box of the real built site.

Every query in notekit/search_queries.yml must bring its page (or section) into the top 3 result
groups. The same queries against the stock Material search: scripts/search_eval.py. The plugin's
own tests (segmentation, cache, synonyms table) are in plugins/korean_search/tests/.
"""

from __future__ import annotations

import json

import pytest

from notekit import searching

pytestmark = pytest.mark.browser
QUERIES = searching.load_queries()
ZWSP = "\u200b"


def test_query_set_is_big_and_varied():
    texts = [q.text for q in QUERIES]
    assert len(texts) >= 80 and len(set(texts)) == len(texts)
    assert any(t.isascii() and t.isupper() for t in texts) and any(t.isascii() and t.islower() for t in texts)
    assert sum(t.startswith("-") for t in texts) >= 3 and any(c in t for t in texts for c in "+:~^*")


def test_built_index_is_segmented_and_separator_knows_zwsp(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "\\u200b" in index["config"]["separator"]
    assert any(ZWSP in doc["text"] for doc in index["docs"])


def test_synonym_table_is_the_glossary(built_site):
    """The query side reads the glossary's groups from the site, never a copy of its own."""
    table = json.loads((built_site / "search" / "korean-synonyms.json").read_text(encoding="utf-8"))
    groups = {group[0]: group for group in table["groups"]}
    assert {"컨테이너", "엔트리포인트", "다이제스트"} <= groups.keys()
    assert "container" in groups["컨테이너"] and "entrypoint" in groups["엔트리포인트"]


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    page = searching.search_tab(browser, site_url)
    yield page
    page.context.close()


@pytest.mark.parametrize("query", QUERIES, ids=[q.text for q in QUERIES])
def test_query_finds_its_page(search_page, query):
    groups = searching.search(search_page, query.text)
    top = [g[0] if g else "?" for g in groups[: searching.TOP]]
    assert searching.found(query, groups), f"{query.text!r} ({query.why}): want {query.url}, top {top}"


@pytest.mark.parametrize("text", ["멀티스테이지로", "컨테이너를", "도커파일은", "이미지의", "CMD와"])
def test_particles_are_never_searched_as_words(search_page, text):
    searching.search(search_page, text)
    # the terms the worker searched for: highlighted ones ride in each result link's ?h=, the
    # unmatched ones are listed struck through under a result
    terms = search_page.evaluate(
        """() => [
          ...[...document.querySelectorAll('a.md-search-result__link')]
             .flatMap(a => (new URL(a.href).searchParams.get('h') || '').split(' ')),
          ...[...document.querySelectorAll('.md-search-result__terms del')].map(d => d.textContent)
        ].filter(Boolean)"""
    )
    assert terms, f"{text!r} found nothing"
    particles = {"로", "를", "은", "의", "와", "을", "는", "이", "가", "에"}
    assert not particles & set(terms), f"{text!r} searched for a bare particle: {sorted(set(terms))}"


@pytest.mark.parametrize("text", ["--from", "-p 8080:80", 'ENTRYPOINT ["/app"]', "a:b", "~^*+-", "exec~2"])
def test_typed_operators_never_break_the_query(browser, site_url, text):
    """lunr throws on some syntax (a lone ~, a:b with an unknown field); the worker then logs
    "Invalid query" and shows nothing. What the reader typed must reach it as plain words."""
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    warnings = []
    page.on("console", lambda msg: warnings.append(msg.text) if "Invalid query" in msg.text else None)
    searching.open_search(page, site_url)
    searching.search(page, text)
    context.close()
    assert warnings == []
