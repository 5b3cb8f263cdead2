"""MkDocs hook (mkdocs.yml `hooks:`): glossary tooltips on the learner pages.

The work is macros.glossary.add_tooltips, a plain HTML-in, HTML-out function: the first use of each
term on a page becomes a link to its glossary entry with the definition as the tooltip. It runs on
the page's HTML because only there are headings, links, table heads and code known for sure (a
Markdown-level pass would have to re-parse Markdown; the `abbr` extension wraps every occurrence).
Zensical does not run MkDocs hooks: there the same function would run over the built HTML.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project folder: macros/ is importable

from macros import glossary  # noqa: E402
from macros.data import DataError, load_file  # noqa: E402

_terms: list = []


def on_config(config):
    try:  # once per build, so `make serve` sees edits
        _terms[:] = glossary.tooltip_terms(load_file("glossary"))
    except DataError:
        _terms.clear()  # macros/__init__.py reports the broken file once; the pages just lose their tooltips


def on_page_content(html, page, config, files):
    if not glossary.wants_tooltips(page.file.src_uri):
        return html
    url = files.get_file_from_path(glossary.GLOSSARY_PAGE).url_relative_to(page.file)
    return glossary.add_tooltips(html, _terms, url)
