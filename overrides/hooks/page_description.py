"""MkDocs hook (mkdocs.yml `hooks:`): each page's description for search engines and link previews.

A page's front matter `description:` wins; otherwise the page's first paragraph, as plain text, cut
at a word boundary. Material writes it into <meta name="description">, overrides/main.html into the
Open Graph and Twitter tags, so a shared link shows what that page is about.
"""

from __future__ import annotations

import html
import re

LIMIT = 160  # characters; what search results and messengers show of a description
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


def first_paragraph(page_html: str, limit: int = LIMIT) -> str:
    """The text of the first plain <p> (not an admonition title or a caption), at most `limit` characters."""
    match = _PARAGRAPH.search(page_html)
    if not match:
        return ""
    text = " ".join(html.unescape(_TAG.sub("", match.group(1))).split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def on_page_content(html_text, page, config, files):
    if not page.meta.get("description"):
        page.meta["description"] = first_paragraph(html_text) or config.site_description
    return html_text
