"""The terminology source of truth (data/glossary.yml, model in macros/models.py): renderers and the wording check.

- glossary_table() renders the glossary page's table.
- abbreviation_lines() renders `*[term]: definition` lines for the `abbr` extension, which Material
  shows as tooltips (theme feature content.tooltips).
- avoided_variants() finds the spellings the notes must not use, outside code.
"""

from __future__ import annotations

import html
import re

from .models import GlossaryFile, Term

# --- rendering ---------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")


def _cell(value: str) -> str:
    """Plain text for a table cell: HTML and Markdown escaped, braces as entities (never Jinja)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(value.split()), quote=False))
    return escaped.replace("\\{", "&#123;").replace("\\}", "&#125;")


def sorted_terms(glossary: GlossaryFile) -> list[Term]:
    """Alphabetical (Hangul in 가나다 order after Latin letters), as a reader scans a glossary."""
    return sorted(glossary.terms, key=lambda t: t.term.casefold())


def glossary_table(glossary: GlossaryFile) -> str:
    """The glossary as one Markdown table: term, English, definition.

    Synonyms are left out on purpose: written on the page they would enter the search index as
    tokens (가상머신, 멀티스테이지), and then docs/javascripts/korean-search.js no longer cuts such a
    query into the words the notes use, so the glossary would be the only hit. The search side
    reads the synonyms from data/glossary.yml instead.
    """
    lines = ["| 용어 | 영어 | 뜻 |", "|---|---|---|"]
    for entry in sorted_terms(glossary):
        lines.append(f"| **{_cell(entry.term)}** | {_cell(entry.english)} | {_cell(entry.definition)} |")
    return "\n\n" + "\n".join(lines) + "\n\n"


# Korean particles glue onto the noun (컨테이너를), and the abbr extension matches whole words only
# (\bterm\b), so each term is also listed with the particles a note is likely to put after it.
PARTICLES = (
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "과",
    "와",
    "의",
    "에",
    "에서",
    "으로",
    "로",
    "도",
    "만",
    "처럼",
    "이다",
    "다",
)


def abbreviation_lines(glossary: GlossaryFile, text: str, particles: tuple[str, ...] = PARTICLES) -> str:
    """`*[term]: definition` lines (and the same for term+particle) for Material's tooltips, only for
    the forms that occur in `text`: every definition line is a Markdown block, and they are not free."""
    lines = []
    for entry in glossary.terms:
        title = " ".join(entry.definition.split()).replace("]", ")")
        for form in (entry.term, *(entry.term + p for p in particles)):
            if form in text:
                lines.append(f"*[{form}]: {title}")
    return "\n".join(lines)


# --- the wording check ---------------------------------------------------------------------------

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|#\{.*?\}#|#%.*?%#")  # macro calls, both delimiter styles
_HTML_COMMENT = re.compile(r"<!--.*?-->")
_GLOSSARY_LIST = re.compile(r"^(\s*-?\s*)(avoid|synonyms)\s*:")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def prose_lines(text: str) -> list[str]:
    """The text's lines with code blocks, code spans, link targets, macro calls, HTML comments and
    a glossary's own `avoid:`/`synonyms:` lists blanked out (line numbers stay the same)."""
    out: list[str] = []
    fence: str | None = None
    list_indent: int | None = None  # inside a block-style avoid:/synonyms: list
    for line in text.splitlines():
        if fence is not None:
            out.append("")
            if line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(2)
            out.append("")
            continue
        indent = len(line) - len(line.lstrip())
        if list_indent is not None:
            if line.strip() and (indent > list_indent or line.lstrip().startswith("- ") and indent >= list_indent):
                out.append("")
                continue
            list_indent = None
        listed = _GLOSSARY_LIST.match(line)
        if listed:
            if not line.split(":", 1)[1].strip():
                list_indent = len(listed.group(1))
            out.append("")
            continue
        for pattern in (_INLINE_CODE, _LINK_TARGET, _JINJA, _HTML_COMMENT):
            line = pattern.sub(_blank, line)
        out.append(line)
    return out


def avoided_variants(text: str, glossary: GlossaryFile) -> list[tuple[int, str, str]]:
    """(1-based line, variant found, preferred term) for every avoided spelling in the prose of text."""
    rules = [(variant, entry.term) for entry in glossary.terms for variant in entry.avoid]
    found = []
    for number, line in enumerate(prose_lines(text), start=1):
        for variant, preferred in rules:
            if variant in line:
                found.append((number, variant, preferred))
    return found


# --- the MkDocs side (called from macros/__init__.py) ------------------------------------------

GLOSSARY_PAGE = "docker/glossary.md"
TOOLTIP_PAGES = "docker/"  # learner pages; the about pages and the glossary itself get no tooltips


def with_tooltips(markdown: str, src_uri: str, glossary: GlossaryFile) -> str:
    """The page's Markdown plus the abbreviation lines, for a learner page other than the glossary."""
    if not src_uri.startswith(TOOLTIP_PAGES) or src_uri == GLOSSARY_PAGE:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + abbreviation_lines(glossary, markdown) + "\n"
