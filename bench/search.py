"""Time from typing a search query to results, in headless Chromium (Playwright).

The built site is served over HTTP on 127.0.0.1 (the search worker needs http://, not file://).
Each query is typed with real key events; a script in the page notes the time of the last
keydown and of every change to the result list, both on the page's own clock, so the figure
is what a reader waits for, without the automation's round trips. The first query also waits
for the worker to fetch and index search_index.json; it is reported apart ("cold").
"""

from __future__ import annotations

from pathlib import Path

from notekit.browser import CHROMIUM  # one launch recipe and one static server for tests and bench
from notekit.browser import CHROMIUM_ARGS as ARGS
from notekit.browser import serve

from .stats import Sample

QUERIES = ["scratch", "ENTRYPOINT", "hello", "multistage", "USER"]
SETTLE_MS = 600  # results unchanged this long after the last keystroke: done

PROBE = """
() => {
  window.__bench = {key: 0, change: 0};
  document.addEventListener('keydown', () => { window.__bench.key = performance.now(); }, true);
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  const seen = () => { window.__bench.change = performance.now(); };
  new MutationObserver(seen).observe(list, {childList: true, subtree: true, characterData: true});
  new MutationObserver(seen).observe(meta, {childList: true, subtree: true, characterData: true});
}
"""


def _one_query(page, query: str) -> tuple[float, int]:
    """(ms from last keydown to the last change of the results, number of results shown)."""
    box = page.locator("input.md-search__input")
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_timeout(SETTLE_MS)
    page.evaluate("() => { window.__bench.key = 0; window.__bench.change = 0; }")
    page.keyboard.type(query, delay=60)  # about a fast typist
    page.wait_for_function("() => window.__bench.change > window.__bench.key", timeout=30000)
    while True:  # wait until the list stops changing
        before = page.evaluate("() => window.__bench.change")
        page.wait_for_timeout(SETTLE_MS)
        if page.evaluate("() => window.__bench.change") == before:
            break
    timing = page.evaluate("() => window.__bench.change - window.__bench.key")
    count = page.locator("li.md-search-result__item").count()
    return timing / 1000, count


def measure(site: Path, rounds: int = 3, log=print) -> dict:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing; `make bench` installs chromium with apt")
    warm: list[float] = []
    counts: dict[str, int] = {}
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(url, wait_until="load")
            page.evaluate(PROBE)
            cold, counts[QUERIES[0]] = _one_query(page, QUERIES[0])
            for _ in range(rounds):
                for query in QUERIES:
                    seconds, counts[query] = _one_query(page, query)
                    warm.append(seconds)
        finally:
            browser.close()
    log(f"  search: cold {cold * 1000:.0f} ms, warm median {Sample('w', warm).median * 1000:.0f} ms")
    return {"cold_s": cold, "warm": Sample("query to results", warm), "results": counts}
