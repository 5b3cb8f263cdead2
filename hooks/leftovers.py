"""MkDocs hook: fail the build when a page shows template syntax or an error that escaped rendering.

Runs on every page in `mkdocs build` and `mkdocs serve` (on_page_content: the page's own HTML,
not the theme's navigation, so the cost stays per page as the site grows). It reads the HTML
outside <code>/<pre>, so a Go template shown as code ({{ .Name }}) is fine while a
`{{ name }}` that Jinja never rendered is not. A snippet marker is wrong anywhere, code included:
it means an example file was not embedded. Text shown on purpose can use entities (&#123;&#123;).
"""

from __future__ import annotations

import html
import logging
from html.parser import HTMLParser

log = logging.getLogger("mkdocs.hooks.leftovers")

_JINJA = (
    "Jinja did not render it (a page with render_macros: false, or template text from a macro); "
    "put code in `inline code` or a code block, or write &#123;&#123; to show braces in prose"
)
_ERROR = "an error message ended up in the page; fix the error it names, or remove the pasted text"
OUTSIDE_CODE = {
    "{{": ("a Jinja expression", _JINJA),
    "{%": ("a Jinja statement", _JINJA),
    "{##": ("a Jinja comment", _JINJA),
    "Macro Syntax Error": ("mkdocs-macros error text", _ERROR),
    "Macro Rendering Error": ("mkdocs-macros error text", _ERROR),
    "Traceback (most recent call last)": ("a Python traceback", _ERROR),
}
ANYWHERE = {
    "--8<--": ("a snippet marker", "the example file was not embedded; embed files with example_file('examples/...')"),
}
CODE_TAGS = {"code", "pre", "script", "style", "textarea"}


class _Text(HTMLParser):
    """Collects (text, line, inside_code) for every text run of the page.

    Entities are decoded (`--8&lt;--` is a snippet marker), except braces written as entities:
    `&#123;&#123;` is text shown on purpose, not a leftover.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.runs: list[tuple[str, int, bool]] = []  # (text, HTML line, inside code)
        self._buffer: list[str] = []
        self._line = 1

    def _flush(self) -> None:
        if self._buffer:
            self.runs.append(("".join(self._buffer), self._line, self.depth > 0))
            self._buffer = []

    def _add(self, text: str) -> None:
        if not self._buffer:
            self._line = self.getpos()[0]
        self._buffer.append(text)

    def handle_starttag(self, tag, attrs) -> None:
        self._flush()
        if tag in CODE_TAGS:
            self.depth += 1

    def handle_endtag(self, tag) -> None:
        self._flush()
        if tag in CODE_TAGS and self.depth:
            self.depth -= 1

    def handle_data(self, data) -> None:
        self._add(data)

    def handle_entityref(self, name) -> None:
        self._add(html.unescape(f"&{name};"))

    def handle_charref(self, name) -> None:
        decoded = html.unescape(f"&#{name};")
        self._add(f"&#{name};" if decoded in "{}" else decoded)

    def close(self) -> None:
        super().close()
        self._flush()


# Raw-HTML spellings of every needle; a page holding none of them needs no parsing.
_QUICK = ("{{", "{%", "{#", "Macro Syntax Error", "Macro Rendering Error", "Traceback", "--8<--", "--8&lt;--")


def leftovers(html: str) -> list[str]:
    """One message per leftover: what the page shows, the text around it, and what to do."""
    if not any(needle in html for needle in _QUICK):
        return []
    parser = _Text()
    parser.feed(html)
    parser.close()
    found = []
    for text, _line, in_code in parser.runs:
        patterns = ANYWHERE if in_code else {**OUTSIDE_CODE, **ANYWHERE}
        for needle, (what, advice) in patterns.items():
            at = text.find(needle)
            if at >= 0:
                context = " ".join(text[max(0, at - 30) : at + 50].split())
                found.append(f"the built page shows {what} ({needle}) in \"{context}\": {advice}")
    return found


def on_page_content(html: str, page, config, files) -> str:
    for problem in leftovers(html):
        log.error(f"docs/{page.file.src_path}: {problem}")
    return html
