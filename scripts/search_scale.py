"""Search on a bigger site: today's engine (Material + korean-search) against Pagefind.

    .venv/bin/python -m scripts.search_scale [--sizes 1,30] [--pagefind DIR_WITH_node_modules]

For each size (bench/growth.py's generator), one strict build; Pagefind indexes the same built
site fed the Kiwi-segmented text (scripts/pagefind_index.mjs). In Chromium with the CPU throttled
4x (CDP Emulation.setCPUThrottlingRate): the bytes a reader downloads from opening a page to the
first result, and the time from the last key to rendered results (median over the queries).
Prints figures only.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import build, copy_project
from bench.growth import scale
from notekit import browser as harness, searching

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["컨테이너를", "멀티스테이지", "ENTRYPOINT", "포트 열기", "다이재스트", "캐시 마운트", "-p 8080:80", "레지스트리에서"]
PAGEFIND_PAGE = """<!doctype html><meta charset="utf-8"><link href="../pagefind/pagefind-ui.css" rel="stylesheet">
<div id="search"></div><script src="../pagefind/pagefind-ui.js"></script>
<script>new PagefindUI({ element: "#search", showSubResults: true })</script>"""


def throttled_tab(browser, rate: float):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = context.new_page()
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})
    received = []
    page.on("requestfinished", lambda request: received.append((request.url, request.sizes()["responseBodySize"])))
    return page, received


def weigh(received: list[tuple[str, int]]) -> tuple[int, int]:
    """(every byte received, the search's own: index, worker, lunr, tables, Pagefind's files)."""
    search = [size for url, size in received if any(part in url for part in ("/search", "/lunr/", "/pagefind/"))]
    return sum(size for _, size in received), sum(search)


def material(browser, base: str, rate: float) -> tuple[tuple[int, int], list[float]]:
    page, received = throttled_tab(browser, rate)
    searching.open_search(page, base)
    seconds = [searching.timed_search(page, query)[1] for query in QUERIES[:1]]
    first_bytes = weigh(received)
    seconds += [searching.timed_search(page, query)[1] for query in QUERIES[1:]]
    page.context.close()
    return first_bytes, seconds


def pagefind(browser, base: str, rate: float) -> tuple[tuple[int, int], list[float]]:
    page, received = throttled_tab(browser, rate)
    page.goto(base + "pagefind-search/")
    box = page.locator(".pagefind-ui__search-input")
    seconds = []
    for n, query in enumerate(QUERIES):
        box.fill("")
        page.wait_for_function("() => !document.querySelector('.pagefind-ui__result')")
        box.focus()
        page.keyboard.type(query)
        start = time.perf_counter()
        page.keyboard.press("End")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=30000)
        page.wait_for_function("() => !document.querySelector('.pagefind-ui__result .pagefind-ui__loading')")
        seconds.append(time.perf_counter() - start)
        if n == 0:
            first_bytes = weigh(received)
    page.context.close()
    return first_bytes, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,30")
    parser.add_argument("--rate", type=float, default=4.0)
    parser.add_argument("--pagefind", type=Path, required=True, help="a folder with node_modules/pagefind")
    args = parser.parse_args()
    print(f"CPU throttled {args.rate:g}x; {len(QUERIES)} queries; bytes = response bodies from opening the page to the"
          " first result (uncompressed: the test server does not gzip); Pagefind's times include its UI's input debounce")
    with harness.chromium() as browser:
        for size in [int(s) for s in args.sizes.split(",")]:
            project, site = copy_project(f"scale{size}x"), Path(tempfile.mkdtemp(prefix=f"search-scale-{size}x-"))
            try:
                pages = scale(project, size)
                start = time.perf_counter()
                build(project, site)
                built = time.perf_counter() - start
                prefix = harness.site_prefix(project)
                start = time.perf_counter()
                script = ROOT / "scripts/pagefind_index.mjs"
                subprocess.run(["node", str(script), str(site), prefix, str(args.pagefind.resolve())], check=True)
                indexed = time.perf_counter() - start
                (site / "pagefind-search").mkdir()
                (site / "pagefind-search/index.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
                index_bytes = (site / "search/search_index.json").stat().st_size
                with harness.serve(site, prefix) as base:
                    for name, run in (("material+korean-search", material), ("pagefind (Kiwi text)", pagefind)):
                        (total, own), seconds = run(browser, base, args.rate)
                        print(f"{size:>3}x ({pages} pages, build {built:.1f} s, pagefind index {indexed:.1f} s, lunr index"
                              f" {index_bytes / 1024:.0f} KiB) {name:24} first result after {total / 1024:7.1f} KiB"
                              f" ({own / 1024:.1f} KiB of it search);"
                              f" last key to results median {statistics.median(seconds) * 1000:5.0f} ms"
                              f" (min {min(seconds) * 1000:.0f}, max {max(seconds) * 1000:.0f})")
            finally:
                shutil.rmtree(project, ignore_errors=True)
                shutil.rmtree(site, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
