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
    assert len(texts) >= 120 and len(set(texts)) == len(texts)
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


@pytest.fixture(scope="module")
def stem_of(built_site):
    return searching.stems(built_site)


@pytest.mark.parametrize("query", QUERIES, ids=[q.text for q in QUERIES])
def test_query_finds_its_page_and_shows_only_what_was_typed(search_page, stem_of, query):
    groups = searching.search(search_page, query.text)
    top = [g[0] if g else "?" for g in groups[: searching.TOP]]
    assert searching.found(query, groups), f"{query.text!r} ({query.why}): want {query.url}, top {top}"
    assert not [page for page in top if page.startswith("about/")], f"{query.text!r}: an about page in {top}"
    # the not-found line and the ?h= highlight of every result: only what the reader typed, or its stem
    assert searching.untyped(query.text, *searching.shown_terms(search_page), stem_of) == []


@pytest.mark.parametrize("text", ["컨테이너를 중지하는 방법", "멈춰요", "-p 8080:80", "캐시 마운트"])
def test_following_a_result_highlights_words_not_syllables(browser, site_url, text):
    """Issue 21: "중지" highlighted every 중 and 지 on the stop lesson. Open the first result the way a
    reader does (click) and read the marks the theme put on the page."""
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    searching.open_search(page, site_url)
    searching.search(page, text)
    # the first result that carries a highlight (a page matched only in its sections carries none)
    first = page.evaluate(
        """() => [...document.querySelectorAll('a.md-search-result__link')]
                 .findIndex(a => a.checkVisibility() && new URL(a.href).searchParams.get('h'))"""
    )
    assert first >= 0, f"{text!r}: no result carries a highlight"
    page.locator("a.md-search-result__link").nth(first).click()
    page.wait_for_selector("mark[data-md-highlight]", timeout=10000)
    marks = page.eval_on_selector_all("mark[data-md-highlight]", "els => els.map(e => e.textContent)")
    context.close()
    assert all(len(mark.strip()) > 1 for mark in marks), f"{text!r}: single letters highlighted: {sorted(set(marks))}"


def test_snippets_do_not_carry_the_index_zero_width_spaces(search_page):
    searching.search(search_page, "컨테이너를")
    assert ZWSP not in search_page.inner_text(".md-search-result")


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
