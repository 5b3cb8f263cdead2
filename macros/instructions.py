"""Render the Dockerfile instruction table and reference sections from data/instructions.yml."""

from __future__ import annotations

from . import markup as m
from .data import pick
from .models import Instruction, InstructionsFile
from .page import Page, page_macro

# The page that holds one section per instruction; the overview table links into it.


def anchor(instruction: Instruction) -> str:
    """The heading id of an instruction's section (pymdownx slugify lower-cases the name)."""
    return instruction.name.lower()


def official_url(data: InstructionsFile, instruction: Instruction) -> str:
    return f"{data.reference_base}#{instruction.reference_anchor or instruction.name.lower()}"


def select(data: InstructionsFile, names: list[str] | None) -> list[Instruction]:
    """The instructions named (in the order given), or all of them; an unknown name is an error with a suggestion."""
    if not names:
        return list(data.instructions)
    return [pick(data.instructions, n.upper(), "data/instructions.yml", "Dockerfile instruction", attr="name") for n in names]


def instruction_table(data: InstructionsFile, names: list[str] | None = None, reference: str = "") -> str:
    """Overview table: name (linked to its section), category, summary, and whether the book had it.

    `reference` is the path of the reference page relative to the calling page.
    """
    rows = []
    for instruction in select(data, names):
        name = m.link(f"{reference}#{anchor(instruction)}", m.code(instruction.name))
        summary = m.text(instruction.summary)
        if instruction.deprecated:
            summary = f"**폐기 예정** → {m.code(instruction.deprecated.replacement)}. {summary}"
        rows.append([name, m.text(instruction.category), summary, "✓" if instruction.in_book else ""])
    return m.table(["명령어", "분류", "설명", "책의 표"], rows)


def instruction_sections(data: InstructionsFile, names: list[str] | None = None, level: int = 3) -> str:
    """One section per instruction: heading, summary, syntax block, flags, notes, official link."""
    parts = []
    for instruction in select(data, names):
        parts.append(f"\n\n{'#' * level} {instruction.name}\n\n{m.text(instruction.summary)}\n")
        if instruction.deprecated:
            note = m.text(instruction.deprecated.note or "")
            parts.append(
                f'\n!!! warning "폐기 예정"\n    대신 {m.code(instruction.deprecated.replacement)}을 쓴다. {note}\n'
            )
        syntax = "\n".join((f"# {s.form}\n" if s.form else "") + s.code for s in instruction.syntax)
        parts.append(m.fence(syntax, "dockerfile"))
        if instruction.flags:
            parts.append(m.table(["옵션", "설명"], [[m.code(f.name), m.text(f.summary)] for f in instruction.flags]))
        if instruction.notes:
            parts.append(f"\n{m.text(instruction.notes)}\n")
        parts.append(f"\n공식 레퍼런스: {m.link(official_url(data, instruction), m.code(instruction.name))}\n")
    return "".join(parts)


# --- what pages call (macros/page.py) -----------------------------------------------------


@page_macro("instruction_table")
def instruction_table_macro(page: Page, *names: str) -> str:
    """Dockerfile 명령어 개요 표. 인자가 없으면 전부, 이름을 주면 그 명령어만 준 순서대로. 이름은 레퍼런스 절로 연결된다.

    예: instruction_table('FROM', 'COPY')
    """
    reference_page = page.relative(page.extra["page_roles"]["instruction_reference"])
    return instruction_table(page.catalogue.instructions, list(names) or None, reference=reference_page)


@page_macro("instruction_sections")
def instruction_sections_macro(page: Page, *names: str) -> str:
    """명령어마다 제목, 요약, 문법, 옵션 표, 설명, 공식 레퍼런스 링크로 된 절을 만든다.

    예: instruction_sections('EXPOSE')
    """
    return instruction_sections(page.catalogue.instructions, list(names) or None)
