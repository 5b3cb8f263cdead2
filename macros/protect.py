"""Keep code in the notes literal: Jinja never sees fenced code blocks or inline code spans.

A note may show `docker inspect --format '{{.State.Running}}'` or a Helm template; without this,
Jinja would try to run it and fail the build (or worse, swallow it). Every fenced block and inline
code span that contains a Jinja start string is wrapped in {% raw %}...{% endraw %}. The tags are
inserted inside existing lines, so line numbers in Jinja error messages stay those of the file.
Macro calls outside code keep working; a Jinja slip outside code still fails the build.
"""

from __future__ import annotations

import re

JINJA_START = ("{{", "{%", "{#")
RAW, ENDRAW = "{% raw %}", "{% endraw %}"
# What Jinja accepts as the end of a raw block (with whitespace control), e.g. `{%- endraw %}`.
_ENDRAW_TAG = re.compile(r"\{%[-+]?\s*endraw\s*[-+]?%\}")
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t>]*)(?P<fence>`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<body>.+?)(?<!`)(?P=ticks)(?!`)", re.DOTALL)


def needs_raw(text: str) -> bool:
    return any(start in text for start in JINJA_START)


def raw(text: str) -> str:
    """`text` wrapped so that Jinja outputs it unchanged, even if it contains an endraw tag itself."""
    # An endraw inside would close the raw block early: close it, print the tag as a string, reopen.
    body = _ENDRAW_TAG.sub(lambda m: f"{ENDRAW}{{{{ {m.group(0)!r} }}}}{RAW}", text)
    return f"{RAW}{body}{ENDRAW}"


def _protect_inline(text: str) -> str:
    def wrap(match: re.Match) -> str:
        span = match.group(0)
        # A blank line ends a paragraph, so a "span" across one is two stray backticks, not code.
        if "\n\n" in span or not needs_raw(span):
            return span
        return raw(span)

    return _INLINE_CODE.sub(wrap, text)


def protect_code(markdown: str) -> str:
    """The page with every code block and code span that Jinja would touch made literal."""
    lines = markdown.split("\n")
    out: list[str] = []
    prose: list[str] = []
    index = 0
    while index < len(lines):
        opening = _FENCE_OPEN.match(lines[index])
        if not opening:
            prose.append(lines[index])
            index += 1
            continue
        fence = opening.group("fence")
        closing = re.compile(rf"^[ \t>]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = next((i for i in range(index + 1, len(lines)) if closing.match(lines[i])), None)
        if end is None:  # an unclosed fence runs to the end of the page, as in Markdown
            end = len(lines) - 1
        out.append(_protect_inline("\n".join(prose)) if prose else None)
        prose = []
        block = "\n".join(lines[index : end + 1])
        out.append(raw(block) if needs_raw(block) else block)
        index = end + 1
    if prose:
        out.append(_protect_inline("\n".join(prose)))
    return "\n".join(part for part in out if part is not None)
