"""Pass rate of the search query set (notekit/search_queries.yml) in a real browser.

    .venv/bin/python -m scripts.search_eval            # the site's search and the stock one
    .venv/bin/python -m scripts.search_eval --only site
    .venv/bin/python -m scripts.search_eval --only stock -v   # every query with its top results
    .venv/bin/python -m scripts.search_eval --only site --site DIR   # a site built elsewhere

Prints, per variant: queries whose page is in the top 3 and first; queries whose result list
shows a word the reader did not type (not-found line or ?h= highlight); queries with an about
page in the top 3; the median time from the last key to rendered results.

"stock" builds the same pages with Material's search at its default settings (language and
separator from the theme, no Korean hook, no query script): the baseline the Korean search is
measured against. Prints figures only; the pass/fail gate is tests/browser/test_search.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from notekit import browser as harness, searching

ROOT = Path(__file__).resolve().parent.parent


def run(variant: str, browser, verbose: bool, site: Path | None = None) -> list[searching.Row]:
    queries = searching.load_queries()
    with tempfile.TemporaryDirectory(prefix=f"search-{variant}-") as tmp:
        if site is None:
            site = Path(tmp)
            harness.build(site, ROOT, stock_search=variant == "stock")
        words = site / "search" / "korean-words.json"
        stem_of = searching.stems(site) if words.exists() else {}
        with harness.serve(site, harness.site_prefix(ROOT)) as base:
            page = searching.search_tab(browser, base)
            rows = searching.evaluate(page, queries, stem_of)
            page.close()
    print(f"{variant:5}: {searching.summary(rows)}")
    for row in rows:
        if verbose or not row.passed or row.untyped:
            top = " | ".join(g[0] if g else "?" for g in row.groups[: searching.TOP]) or "(no results)"
            mark = "ok  " if row.passed else "MISS"
            print(f"  {mark} {row.query.text!r:24} want {row.query.expect:40} got {top} {' '.join(row.untyped)}")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["site", "stock"])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--site", type=Path, help="an already built site to search (with --only)")
    args = parser.parse_args()
    variants = [args.only] if args.only else ["stock", "site"]
    with harness.chromium() as browser:
        for variant in variants:
            run(variant, browser, args.verbose, args.site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
