"""Render the container design principles table from data/principles.yml."""

from __future__ import annotations

from . import markup as m
from .models import PrinciplesFile


def principles_table(data: PrinciplesFile) -> str:
    """Each principle with its explanation and the automated checks that enforce it on examples/."""
    rows = []
    for principle in data.principles:
        checks = "<br>".join(f"{m.code(c.id)} {m.text(c.rule)}" for c in principle.checks)
        origin = "책" if principle.from_book else "추가"
        rows.append([f"**{m.text(principle.title)}**", m.text(principle.summary), checks, origin])
    return m.table(["원칙", "내용", "자동 검사(모든 예제에 적용)", "출처"], rows)
