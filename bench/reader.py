"""Reader side: what a first visit downloads, and how long typing a search takes, in Chromium.

The site is built once, served by notekit/browser.py (the browser tests' server, under the
site_url path) and driven with its Chromium. Page weight: every page loaded cold (a fresh
context, empty cache) until the network is idle; bytes are the response bodies as served
(uncompressed), gzip is what a compressing host such as GitHub Pages would send. Search: the
query set of notekit/search_queries.yml typed with notekit/searching.py, timed from the first
key to the drawn results; the stock-vs-site pass rate is scripts/search_eval.py's job.
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path

from notekit import browser, searching

from .common import build, copy_project, spread


def cold_load(chromium, url: str) -> dict:
    """Bytes, gzip bytes and requests of one cold page load."""
    context = chromium.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    bodies = [response.body() for response in responses]
    context.close()
    return {
        "bytes": sum(map(len, bodies)),
        "gzip_bytes": sum(len(gzip.compress(body)) for body in bodies),
        "requests": len(bodies),
        "has_search_index": any(r.url.endswith("search_index.json") for r in responses),
    }


def measure() -> dict:
    project = copy_project("reader")
    site = Path(tempfile.mkdtemp(prefix="bench-reader-site-"))
    try:
        build(project, site)
        pages = sorted("" if p.parent == site else f"{p.parent.relative_to(site)}/" for p in site.rglob("index.html"))
        index = (site / "search/search_index.json").read_bytes()
        with browser.serve(site, browser.site_prefix(project)) as base, browser.chromium() as chromium:
            weights = {path: cold_load(chromium, base + path) for path in pages}
            tab = searching.search_tab(chromium, base)
            rows = searching.evaluate(tab, searching.load_queries(), searching.stems(site))
    finally:
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
    heaviest = max(weights, key=lambda path: weights[path]["bytes"])
    return {
        "home": weights[""],
        "heaviest": {"page": heaviest, **weights[heaviest]},
        "search_index": {"bytes": len(index), "gzip_bytes": len(gzip.compress(index))},
        "search_seconds": [row.seconds for row in rows],
        "search_found": sum(row.passed for row in rows),
    }


def markdown(result: dict) -> str:
    kib = 1024
    home, heaviest, index = result["home"], result["heaviest"], result["search_index"]
    lines = [
        "## Reader side (Chromium, cold cache)",
        "",
        "| what | bytes | gzip | requests |",
        "|---|---|---|---|",
        f"| home page | {home['bytes'] / kib:.1f} KiB | {home['gzip_bytes'] / kib:.1f} KiB | {home['requests']} |",
        f"| heaviest page (/{heaviest['page']}) | {heaviest['bytes'] / kib:.1f} KiB "
        f"| {heaviest['gzip_bytes'] / kib:.1f} KiB | {heaviest['requests']} |",
        f"| search index | {index['bytes'] / kib:.1f} KiB | {index['gzip_bytes'] / kib:.1f} KiB | |",
        "",
        f"The page loads {'include' if home['has_search_index'] else 'do not include'} the search index, "
        "which the search worker fetches.",
    ]
    seconds = result["search_seconds"]
    if seconds:
        lines.append(
            f"From the last key to results: {spread(seconds, 0.001, digits=0)} ms, median (min–max) over "
            f"{len(seconds)} queries; {result['search_found']} of them find their page in the top {searching.TOP}."
        )
    return "\n".join(lines)
