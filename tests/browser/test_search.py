"""Korean-aware search, typed into the real search box of the real built site.

Every query in search_queries.yml must bring its page (or section) into the top 3 result groups.
The same queries against the stock Material search: scripts/search_eval.py.
"""

from __future__ import annotations

import json

import pytest

from hooks.korean_search import ZWSP, segment, segment_all
from notekit import searching

pytestmark = pytest.mark.browser
QUERIES = searching.load_queries()


def test_query_set_is_big_and_varied():
    texts = [q.text for q in QUERIES]
    assert len(texts) >= 30 and len(set(texts)) == len(texts)
    assert any(t.isascii() and t.isupper() for t in texts) and any(t.isascii() and t.islower() for t in texts)


def test_hook_cuts_particles_and_compounds_but_not_markup():
    out = segment('<p>멀티스테이지 빌드에서 컨테이너를 <code title="이미지를">이미지</code></p>')
    assert out.replace(ZWSP, "") == '<p>멀티스테이지 빌드에서 컨테이너를 <code title="이미지를">이미지</code></p>'
    assert f"멀티{ZWSP}스테이지" in out and f"컨테이너{ZWSP}를" in out
    assert 'title="이미지를"' in out  # attributes are markup, not text
    assert f"빌드{ZWSP}에서" in out and f"빌{ZWSP}드" not in out  # stems are never cut


def test_batch_segmentation_keeps_each_text_in_its_place():
    texts = ["<p>컨테이너를</p>", "no Korean here", "", "<b>이미지를</b> 빌드하면 멀티스테이지"]
    assert segment_all(texts) == [segment(t) for t in texts]
    assert segment_all(texts)[1:3] == ["no Korean here", ""]


def test_built_index_is_segmented_and_separator_knows_zwsp(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "\\u200b" in index["config"]["separator"]
    assert any(ZWSP in doc["text"] for doc in index["docs"])


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = context.new_page()
    searching.open_search(page, site_url)
    yield page
    context.close()


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
