"""The terminology source of truth (data/glossary.yml, model in macros/models.py): renderers and the wording check.

- glossary_table() renders the glossary page's table, one anchor per term.
- add_tooltips() links the first use of each term on a page to its entry, with the definition as the
  tooltip (called on the page's HTML by overrides/hooks/glossary_tooltips.py).
- avoided_variants() finds the spellings the notes must not use, outside code.
"""

from __future__ import annotations

import html
import re

from .models import GlossaryFile, Term
from .page import Page, page_macro

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
    """The glossary as a two-column Markdown table (it reads on a phone): the term with its anchor and its
    English name; the definition with the other spellings under it.

    The other spellings (synonyms and avoided variants) are on the page for Ctrl+F, but marked
    data-search-exclude: in the search index they would be tokens (가상머신, 멀티스테이지), and then
    docs/javascripts/korean-search.js no longer cuts such a query into the words the notes use, so the
    glossary would be the only hit. The search side reads the synonyms from data/glossary.yml instead.
    """
    lines = ["| 용어 | 뜻 |", "|---|---|"]
    for entry in sorted_terms(glossary):
        term = f'<strong id="{term_anchor(entry.term)}">{_cell(entry.term)}</strong><br>{_cell(entry.english)}'
        others = ""
        if entry.synonyms or entry.avoid:
            others = f'<br><span class="glossary-other" data-search-exclude>다른 표기: {other_spellings(entry)}</span>'
        lines.append(f"| {term} | {_cell(entry.definition)}{others} |")
    return "\n\n" + "\n".join(lines) + "\n\n"


def term_anchor(term: str) -> str:
    """The id of a term's row on the glossary page: term-컨테이너, term-pid-1, term-dockerignore."""
    return "term-" + "-".join(re.findall(r"\w+", term.casefold()))


def other_spellings(entry: Term) -> str:
    """Synonyms, then avoided spellings marked as such: the glossary page lists them so that Ctrl+F finds the entry."""
    shown = [_cell(s) for s in entry.synonyms if s not in entry.avoid]
    shown += [f"{_cell(s)}(쓰지 않음)" for s in entry.avoid]
    return ", ".join(shown)


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


# --- tooltips: the first use of a term on a page, in the page's HTML ---------------------------

# Never inside these: titles, headings, links, table heads, code, navigation, form controls.
SKIPPED_TAGS = {"a", "abbr", "button", "code", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
                "nav", "pre", "samp", "script", "style", "summary", "svg", "textarea", "th", "thead", "title"}  # fmt: skip
SKIPPED_CLASSES = re.compile(r'class="[^"]*\b(admonition-title|filename|tabbed-labels|headerlink|size-chart)\b')
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
_WORD = "0-9A-Za-z_가-힣"


def term_pattern(terms: list[Term]) -> re.Pattern[str]:
    """One alternation of the terms, longest first (so "Go 빌드 캐시" wins over "빌드 캐시"). A term starts
    at a word boundary; a term ending in a Latin letter or digit also ends at one, and not before a
    hyphen ("CRI" is not in "CRI-O"). A Korean term may be followed by its particle (컨테이너를)."""
    alternatives = []
    for entry in sorted(terms, key=lambda t: len(t.term), reverse=True):
        body = re.escape(html.escape(entry.term, quote=False))
        latin_end = re.match(r"[0-9A-Za-z]", entry.term[-1])
        alternatives.append(body + (r"(?![0-9A-Za-z_\-])" if latin_end else ""))
    return re.compile(rf"(?<![{_WORD}.\-/])(?:{'|'.join(alternatives)})")


def add_tooltips(page_html: str, terms: list[Term], glossary_url: str) -> str:
    """Wrap the first use of each term in the page's prose in a link to its glossary entry whose title is
    the definition (Material shows it as a tooltip: feature content.tooltips). HTML in, HTML out, so it
    does not depend on the site generator; only text outside SKIPPED_TAGS and SKIPPED_CLASSES changes."""
    by_text = {html.escape(t.term, quote=False): t for t in terms}
    pattern, used = term_pattern(terms), set()
    out, open_tags, skipping = [], [], 0

    def wrap(match: re.Match[str]) -> str:
        entry = by_text[match.group(0)]
        if entry.term in used:
            return match.group(0)
        used.add(entry.term)
        href = html.escape(f"{glossary_url}#{term_anchor(entry.term)}")
        title = html.escape(" ".join(entry.definition.split()))
        return f'<a class="glossary-term" href="{href}" title="{title}">{match.group(0)}</a>'

    position = 0
    for token in _TOKEN.finditer(page_html):
        text = page_html[position : token.start()]
        out.append(text if skipping else pattern.sub(wrap, text))
        out.append(token.group(0))
        position = token.end()
        name = _TAG_NAME.match(token.group(0))
        if not name or token.group(0).endswith("/>") or name.group(1).lower() in VOID_TAGS:
            continue
        tag = name.group(1).lower()
        if token.group(0).startswith("</"):
            while open_tags:  # pop to the matching start tag (tolerates unclosed ones)
                opened, skipped = open_tags.pop()
                skipping -= skipped
                if opened == tag:
                    break
        else:
            skipped = tag in SKIPPED_TAGS or bool(SKIPPED_CLASSES.search(token.group(0)))
            open_tags.append((tag, skipped))
            skipping += skipped
    rest = page_html[position:]
    out.append(rest if skipping else pattern.sub(wrap, rest))
    return "".join(out)


def tooltip_terms(glossary: GlossaryFile) -> list[Term]:
    """The terms a learner would look up (tooltip: false marks everyday words kept only for the wording check)."""
    return [entry for entry in glossary.terms if entry.tooltip]


def wants_tooltips(src_uri: str, roles: dict) -> bool:
    """Every page but the glossary and those under mkdocs.yml's extra.page_roles.no_tooltips."""
    return src_uri != roles["glossary"] and not any(src_uri.startswith(prefix) for prefix in roles["no_tooltips"])


# --- what pages call (macros/page.py) -----------------------------------------------------


@page_macro("glossary_table")
def glossary_table_macro(page: Page) -> str:
    """data/yml의 용어 표: 쓰는 말, 영어, 한 줄 정의, 쓰지 않는 말.

    예: glossary_table()
    """
    return glossary_table(page.catalogue.glossary)
