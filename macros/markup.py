"""Turn YAML text into safe Markdown fragments.

Text from data/ is always escaped: a `<script>`, a `|` or a stray `*` in a summary shows as
text and can never break a table or inject markup. Links stay Markdown so that MkDocs checks
them (and their anchors) in a strict build.
"""

from __future__ import annotations

import html
import re

# Python-Markdown's escapable characters, plus | for tables.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")


def text(value: str) -> str:
    """Escape plain YAML text for a Markdown paragraph or table cell (one line, no markup)."""
    one_line = " ".join(value.split())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))
    # Braces as entities: text from data/ shows them as written, whatever a later stage makes of braces.
    return escaped.replace("\\{", "&#123;").replace("\\}", "&#125;")


def code(value: str) -> str:
    """Inline code that survives inside a table cell, whatever the value holds."""
    return f"<code>{html.escape(' '.join(value.split()), quote=True).replace('|', '&#124;')}</code>"


def code_span(value: str) -> str:
    """Markdown inline code when the value allows it, else code().

    Either way the result is a <code> element, which glossary tooltips never enter.
    """
    one_line = " ".join(value.split())
    if not one_line or "`" in one_line or "|" in one_line:
        return code(value)
    return f"`{one_line}`"


def link(target: str, label: str) -> str:
    return f"[{label}]({target})"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table from cells that are already escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n\n" + "\n".join(lines) + "\n\n"


def fence(body: str, lang: str = "text", title: str | None = None, inserted: str = "") -> str:
    """A fenced code block whose fence is longer than any backtick run inside it.

    `inserted` is text that snippets will put into the block later (an example file's content).
    """
    longest = max((len(run) for run in re.findall(r"`+", body + inserted)), default=0)
    ticks = "`" * max(3, longest + 1)
    title_attr = ' title="{}"'.format(title.replace('"', "'")) if title else ""
    return f"\n\n{ticks} {lang}{title_attr}\n{body.rstrip(chr(10))}\n{ticks}\n\n"
