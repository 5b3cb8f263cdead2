"""The terminology source of truth (data/glossary.yml): model, renderers and the wording check.

Self-contained on purpose: it needs only pydantic and PyYAML, so the search side and the tests can
use it without the rest of macros/. Everything here except load_glossary() is a pure function.

- GlossaryFile validates the file (extra="forbid": a typo such as `defintion:` is an error).
- glossary_table() renders the glossary page's table.
- abbreviation_lines() renders `*[term]: definition` lines for the `abbr` extension, which Material
  shows as tooltips (theme feature content.tooltips).
- avoided_variants() finds the spellings the notes must not use, outside code.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

GLOSSARY_PATH = Path(__file__).resolve().parent.parent / "data" / "glossary.yml"

OneLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[^\n]+$")]


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    term: OneLine = Field(description="노트에서 쓰는 한국어 표기(또는 그대로 쓰는 영어 이름)")
    english: OneLine = Field(description="영어 용어")
    definition: OneLine = Field(description="한 줄 정의(해라체)")
    synonyms: list[OneLine] = Field([], description="독자가 검색창에 칠 수 있는 다른 표기")
    avoid: list[OneLine] = Field([], description="노트와 데이터 파일에서 쓰지 않는 표기")


class GlossaryFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    terms: list[Term] = Field(min_length=1, description="용어 목록")

    @model_validator(mode="after")
    def _consistent(self) -> GlossaryFile:
        seen: dict[str, int] = {}
        for index, entry in enumerate(self.terms):
            if entry.term in seen:
                raise ValueError(f"terms[{index}].term '{entry.term}' is already terms[{seen[entry.term]}]")
            seen[entry.term] = index
        preferred = set(seen)
        for index, entry in enumerate(self.terms):
            for variant in entry.avoid:
                if variant in preferred or any(variant in p for p in preferred):
                    # An avoided variant inside a preferred term would flag every correct use.
                    raise ValueError(f"terms[{index}].avoid '{variant}' is (part of) a preferred term")
        return self


def parse_glossary(text: str) -> GlossaryFile:
    return GlossaryFile.model_validate(yaml.safe_load(text))


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> GlossaryFile:
    return parse_glossary(Path(path).read_text(encoding="utf-8"))


def load_glossary(path: Path = GLOSSARY_PATH) -> GlossaryFile:
    """data/glossary.yml, parsed once per modification time."""
    return _load(str(path), path.stat().st_mtime)


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


def abbreviation_lines(glossary: GlossaryFile, particles: tuple[str, ...] = PARTICLES) -> str:
    """`*[term]: definition` lines (and the same for term+particle) for Material's tooltips."""
    lines = []
    for entry in glossary.terms:
        title = " ".join(entry.definition.split()).replace("]", ")")
        for form in (entry.term, *(entry.term + p for p in particles)):
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


def avoided_variants(text: str, glossary: GlossaryFile | None = None) -> list[tuple[int, str, str]]:
    """(1-based line, variant found, preferred term) for every avoided spelling in the prose of text."""
    glossary = glossary if glossary is not None else load_glossary()
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


def glossary_page_table() -> str:
    """Macro glossary_table(): the table of data/glossary.yml for the glossary page."""
    return glossary_table(load_glossary())


def with_tooltips(markdown: str, src_uri: str) -> str:
    """The page's Markdown plus the abbreviation lines, for a learner page other than the glossary."""
    if not src_uri.startswith(TOOLTIP_PAGES) or src_uri == GLOSSARY_PAGE:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + abbreviation_lines(load_glossary()) + "\n"
