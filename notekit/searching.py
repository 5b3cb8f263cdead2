"""Type a query into the site's search box like a reader and read back the ranked results.

Shared by tests/browser/test_search.py and scripts/search_eval.py (which also measures the stock
Material configuration). The query set lives in notekit/search_queries.yml.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

QUERIES = Path(__file__).with_name("search_queries.yml")
TOP = 3  # a query passes when its target is in the first TOP result groups (one group per page)

# Counts the queries posted to the search worker and the results it sends back, so a test waits
# for the answer to the last key it typed instead of sleeping. Observes only; changes nothing.
PROBE = """
(() => {
  const probe = window.__searchProbe = { ready: false, queries: 0, results: 0 }
  const Native = window.Worker
  const post = Native.prototype.postMessage
  Native.prototype.postMessage = function (message, ...rest) {
    if (message && typeof message.data === "string") probe.queries++
    return post.call(this, message, ...rest)
  }
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", ev => {
        if (ev.data && ev.data.data && Array.isArray(ev.data.data.items)) probe.results++
        else probe.ready = true
      })
    }
  }
})()
"""


@dataclass(frozen=True)
class Query:
    text: str
    expect: str  # page path as in docs/ ("docker/build.md") or page#anchor
    why: str = ""

    @property
    def url(self) -> str:
        """The expected target as a site URL path: docker/build/ or docker/build/#anchor."""
        page, _, anchor = self.expect.partition("#")
        path = page.removesuffix(".md")
        path = "" if path == "index" else path.removesuffix("/index") + "/"
        return path + (f"#{anchor}" if anchor else "")


def load_queries() -> list[Query]:
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return [Query(**item) for item in data["queries"]]


def open_search(page, base_url: str) -> None:
    page.add_init_script(PROBE)
    page.goto(base_url)
    page.wait_for_function("window.__searchProbe && window.__searchProbe.ready", timeout=15000)
    page.click("label.md-search__icon[for=__search], .md-search__input")


def search_tab(browser, base_url: str):
    """A tab the way a reader in Korea has it (ko-KR, a desktop window), with the search box open."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR").new_page()
    open_search(page, base_url)
    return page


def search(page, query: str) -> list[list[str]]:
    """Type query with real key events; return result groups as lists of site paths (page first)."""
    return timed_search(page, query)[0]


def timed_search(page, query: str) -> tuple[list[list[str]], float]:
    """search(), plus the seconds from the reader's last key to the rendered results."""
    box = page.locator("input.md-search__input")
    box.focus()
    if box.input_value():
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
    page.keyboard.type(query)
    # Playwright types characters that are not on a US keyboard (Hangul) as committed text, the way
    # an IME commits a syllable, without keyup; Material reads the box on keyup. A real IME sends
    # keyup for every key, so one harmless key is pressed at the end.
    start = time.perf_counter()
    page.keyboard.press("End")
    wait_for_results(page)
    return read_results(page), time.perf_counter() - start


def wait_for_results(page) -> None:
    """Wait until the worker has answered every query the typing sent, then for the list to render."""
    page.wait_for_function(
        "() => { const p = window.__searchProbe; return p.queries > 0 && p.results >= p.queries }",
        timeout=10000,
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def read_results(page) -> list[list[str]]:
    """Result links as paths below the site's base (the theme's own idea of it, from __config)."""
    base, hrefs = page.evaluate(
        """() => [
          new URL(JSON.parse(document.getElementById('__config').textContent).base, location.href).pathname,
          [...document.querySelectorAll('.md-search-result__item')].map(item =>
            [...item.querySelectorAll('a.md-search-result__link')].map(a => a.href))
        ]"""
    )
    return [[_site_path(h, base) for h in group] for group in hrefs]


def _site_path(href: str, base: str) -> str:
    parts = urlsplit(href)
    path = unquote(parts.path).removeprefix(unquote(base))
    return path + (f"#{unquote(parts.fragment)}" if parts.fragment else "")


def found(query: Query, groups: list[list[str]], top_n: int = TOP) -> bool:
    top = groups[:top_n]
    if "#" in query.url:
        return any(query.url in group for group in top)
    return any(group and group[0].split("#")[0] == query.url for group in top)


def shown_terms(page) -> tuple[set[str], set[str]]:
    """What the result list says about the query: (terms every result link's ?h= highlights,
    words struck through on the "not found" line)."""
    highlighted, missing = page.evaluate(
        """() => [
          [...document.querySelectorAll('a.md-search-result__link')]
             .flatMap(a => (new URL(a.href).searchParams.get('h') || '').split(' ')).filter(Boolean),
          [...document.querySelectorAll('.md-search-result__terms del')].map(d => d.textContent)
        ]"""
    )
    return set(highlighted), set(missing)


def stems(site: Path) -> dict[str, str]:
    """Every verb form the site's word table knows (search/korean-words.json) -> its Kiwi stem."""
    table = json.loads((site / "search" / "korean-words.json").read_text(encoding="utf-8"))
    return {form: stem for part in ("stems", "typed") for stem, forms in table[part].items() for form in forms}


def untyped(query: str, highlighted: set[str], missing: set[str], stem_of: dict[str, str]) -> list[str]:
    """What the result list shows that the reader did not type: a struck-through word that is not
    one of the typed words, or a highlight that is not a piece (two letters or more) of the query
    nor the stem of a typed word (멈춰요 -> 멈추)."""
    typed = query.split()
    allowed_stems = {stem_of[w[: len(w) - k]] for w in typed for k in range(4) if w[: len(w) - k] in stem_of}
    wrong = [f"not-found {w!r}" for w in sorted(missing - set(typed))]
    for term in sorted(highlighted):
        if len(term) < 2 or not (term in query.lower() or term in allowed_stems):
            wrong.append(f"highlight {term!r}")
    return wrong


@dataclass
class Row:
    query: Query
    groups: list[list[str]]
    seconds: float
    untyped: list[str]

    @property
    def passed(self) -> bool:
        return found(self.query, self.groups)

    @property
    def first(self) -> bool:
        return found(self.query, self.groups, top_n=1)

    @property
    def about_in_top(self) -> bool:
        return any(g and g[0].startswith("about/") for g in self.groups[:TOP])


def evaluate(page, queries: list[Query], stem_of: dict[str, str]) -> list[Row]:
    """Run every query: its result groups, seconds from the last key to rendered results, and
    what the result list shows that the reader did not type."""
    rows = []
    for q in queries:
        groups, seconds = timed_search(page, q.text)
        rows.append(Row(q, groups, seconds, untyped(q.text, *shown_terms(page), stem_of)))
    return rows


def summary(rows: list[Row]) -> str:
    return (
        f"{sum(r.passed for r in rows)}/{len(rows)} in the top {TOP}, {sum(r.first for r in rows)} first;"
        f" {sum(bool(r.untyped) for r in rows)} show words not typed;"
        f" {sum(r.about_in_top for r in rows)} with an about page in the top {TOP};"
        f" typing-to-results median {statistics.median(r.seconds for r in rows) * 1000:.0f} ms"
    )
