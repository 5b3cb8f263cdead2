"""python -m mkdocs_korean_search SITE_DIR [--synonyms data/glossary.yml] [--cache-dir DIR]

The Korean search step on a site another generator built (for example `zensical build`): the
site's search/search_index.json is segmented in place and the query side's tables are written
next to it, exactly as the MkDocs plugin does after `mkdocs build`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import segment
from .cache import SegmentCache
from .glossary import GlossaryError, load_groups
from .step import INDEX_FILE, Step


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mkdocs_korean_search", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--synonyms", type=Path, help="glossary YAML with `terms:` (data/glossary.yml)")
    parser.add_argument("--cache-dir", type=Path, default=Path(".cache/korean-search"), help='"" for no disk cache')
    args = parser.parse_args(argv)
    try:
        groups = load_groups(args.synonyms) if args.synonyms else []
    except (OSError, GlossaryError) as err:
        print(f"korean-search: synonyms: {err}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    cache_dir = args.cache_dir if str(args.cache_dir) not in ("", ".") else None
    step = Step(SegmentCache(cache_dir, segment.version_key()))
    if not step.run(args.site_dir, groups=groups):
        print(f"korean-search: {args.site_dir / INDEX_FILE} not found: build the site first", file=sys.stderr)
        return 1
    print(
        f"korean-search: {step.stats['segmented']} of {step.stats['texts']} texts segmented by Kiwi,"
        f" the rest from the cache ({time.perf_counter() - start:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
