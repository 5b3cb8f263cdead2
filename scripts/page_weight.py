"""Page weight of the built site, measured in Chromium: what a reader's browser downloads.

    .venv/bin/python scripts/page_weight.py              # builds the site into a temporary folder
    .venv/bin/python scripts/page_weight.py --site site  # measures an existing build

Prints: bytes transferred for a cold load of the home page and of the heaviest page, the search
index size (raw and gzip), and the time from the last key of a typed query to rendered results
(median over several queries). Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from notekit import browser as harness, searching

TIMING_QUERIES = ["컨테이너", "이미지의", "멀티스테이지", "ENTRYPOINT", "exec 형식", "빌드 컨텍스트"]
ROUNDS = 3


def pages_of(site: Path) -> list[str]:
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
    )


def cold_load_bytes(browser, url: str) -> tuple[int, int]:
    """(bytes transferred, requests) for a first visit: a fresh context has an empty cache."""
    context = browser.new_context()
    page = context.new_page()
    done = []
    page.on("requestfinished", lambda r: done.append(r))
    page.goto(url, wait_until="networkidle")
    total = 0
    for r in done:
        sizes = r.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    context.close()
    return total, len(done)


def query_latency(browser, base: str) -> list[float]:
    """Seconds from the last key press of a query to its rendered results."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    searching.open_search(page, base)
    times = []
    for _ in range(ROUNDS):
        for q in TIMING_QUERIES:
            box = page.locator("input.md-search__input")
            box.focus()
            page.keyboard.press("Control+A")
            page.keyboard.press("Backspace")
            searching.wait_for_results(page)
            page.keyboard.insert_text(q)  # the whole query lands at once, as an IME commits it
            start = time.perf_counter()
            page.keyboard.press("End")  # the keyup Material reacts to
            searching.wait_for_results(page)
            times.append(time.perf_counter() - start)
    context.close()
    return times


def measure(site: Path) -> None:
    index = site / "search" / "search_index.json"
    raw = index.read_bytes()
    with harness.chromium() as browser, harness.serve(site, harness.site_prefix(ROOT)) as base:
        weights = {path: cold_load_bytes(browser, base + path) for path in pages_of(site)}
        latency = query_latency(browser, base)
    heaviest = max(weights, key=lambda p: weights[p][0])
    kib = 1024
    print(f"home page          {weights[''][0] / kib:8.1f} KiB in {weights[''][1]} requests (cold cache)")
    print(f"heaviest page      {weights[heaviest][0] / kib:8.1f} KiB in {weights[heaviest][1]} requests: /{heaviest}")
    print(f"search index       {len(raw) / kib:8.1f} KiB raw, {len(gzip.compress(raw)) / kib:.1f} KiB gzip")
    print(
        f"query -> results   median {statistics.median(latency) * 1000:.0f} ms, "
        f"max {max(latency) * 1000:.0f} ms over {len(latency)} typed queries"
    )
    print("(served uncompressed by python http.server; search index and worker load with the first page)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing build (default: build now into a temporary folder)")
    args = parser.parse_args()
    if args.site:
        measure(args.site.resolve())
        return 0
    with tempfile.TemporaryDirectory(prefix="page-weight-") as tmp:
        harness.build(Path(tmp), ROOT)
        measure(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
