"""Render the container design principles table from data/principles.yml."""

from __future__ import annotations

from . import markup as m
from .data import pick
from .models import Principle, PrinciplesFile
from .page import Page, page_macro


def select(data: PrinciplesFile, ids: list[str] | None) -> list[Principle]:
    """The principles with these ids (in the order given), or all of them; an unknown id is an error with a suggestion."""
    if not ids:
        return list(data.principles)
    return [pick(data.principles, i, "data/principles.yml", "principle") for i in ids]


def principles_table(data: PrinciplesFile, ids: list[str] | None = None) -> str:
    """Each principle with its explanation and the lints that check part of it on examples/, with what each misses."""
    rows = []
    for principle in select(data, ids):
        checks = "<br><br>".join(
            f"{m.code(c.id)} {m.text(c.rule)}<br>*놓치는 것:* {m.text(c.misses)}" for c in principle.checks
        )
        origin = "책" if principle.from_book else "추가"
        rows.append([f"**{m.text(principle.title)}**", m.text(principle.summary), checks, origin])
    return m.table(["원칙", "내용", "린트(모든 예제에 적용)와 놓치는 것", "출처"], rows)


# --- what pages call (macros/page.py) -----------------------------------------------------


@page_macro("principles_table")
def principles_table_macro(page: Page, *ids: str) -> str:
    """설계 원칙과, 그 원칙의 일부를 모든 예제 Dockerfile에서 확인하는 린트와 린트가 놓치는 것의 표. id를 주면 그 원칙만.

    예: principles_table('small-image', 'non-root')
    """
    return principles_table(page.catalogue.principles, list(ids) or None)
