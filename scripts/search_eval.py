"""Pass rate of the search query set (notekit/search_queries.yml) in a real browser.

    .venv/bin/python -m scripts.search_eval            # the site's search and the stock one
    .venv/bin/python -m scripts.search_eval --only site
    .venv/bin/python -m scripts.search_eval --only stock -v   # every query with its top results

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


def run(variant: str, browser, verbose: bool) -> tuple[int, int]:
    queries = searching.load_queries()
    with tempfile.TemporaryDirectory(prefix=f"search-{variant}-") as tmp:
        harness.build(Path(tmp), ROOT, stock_search=variant == "stock")
        with harness.serve(Path(tmp), harness.site_prefix(ROOT)) as base:
            page = searching.search_tab(browser, base)
            rows = searching.evaluate(page, queries)
            page.close()
    passed = sum(ok for _, ok, _, _ in rows)
    first = sum(searching.found(q, groups, top_n=1) for q, _, groups, _ in rows)
    print(
        f"{variant:5}: {passed}/{len(rows)} queries find their page in the top {searching.TOP}"
        f" ({first} as the first result)"
    )
    for q, ok, groups, _ in rows:
        if verbose or not ok:
            top = " | ".join(g[0] if g else "?" for g in groups[: searching.TOP]) or "(no results)"
            print(f"  {'ok  ' if ok else 'MISS'} {q.text!r:24} want {q.expect:40} got {top}")
    return passed, len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["site", "stock"])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    variants = [args.only] if args.only else ["stock", "site"]
    with harness.chromium() as browser:
        for variant in variants:
            run(variant, browser, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
