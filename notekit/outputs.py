"""What a command printed, as the page shows it and as the tests compare it.

`for_page` replaces what changes on every run (container and image IDs, digests, relative times, log
timestamps) with placeholders and re-aligns docker's tables. `shape` goes further (every number becomes
0, runs of spaces one space): two runs of the same step have the same shape unless the output's words or
columns changed, which is what the tests check against data/outputs.yml.
"""

from __future__ import annotations

import re

VOLATILE = [
    (re.compile(r"sha256:[0-9a-f]{64}"), "sha256:<digest>"),
    (re.compile(r"\b[0-9a-f]{64}\b"), "<id>"),
    (re.compile(r"\b[0-9a-f]{12}\b"), "<id>"),
    (re.compile(r"\b(?:About an? \w+|Less than a second|\d+ \w+) ago\b"), "<time> ago"),
    (re.compile(r"\bUp (?:About an? \w+|Less than a second|\d+ \w+)"), "Up <time>"),
    (re.compile(r"\bExited \((\d+)\) (?:About an? \w+|Less than a second|\d+ \w+) ago"), r"Exited (\1) <time> ago"),
    (re.compile(r"\b\d{4}/\d\d/\d\d \d\d:\d\d:\d\d\b"), "<date> <time>"),  # Go's log package
    (re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S*"), "<date>"),
]
# docker's tables: a header of capitalised words, columns padded with spaces (Go's tabwriter, padding 3).
HEADER = re.compile(r"^[A-Z][A-Z ]*[A-Z]$")
PADDING = 3


def volatile(text: str) -> str:
    for pattern, placeholder in VOLATILE:
        text = pattern.sub(placeholder, text)
    return text


def columns(header: str) -> list[int]:
    """Start of each column: a header word after two or more spaces begins a new column."""
    return [0] + [match.end() for match in re.finditer(r" {2,}", header)]


def table(lines: list[str]) -> list[str]:
    """Cut every row at the header's column starts, replace what is volatile cell by cell, pad again."""
    starts = columns(lines[0])
    rows = [[volatile(line[a:b].strip()) for a, b in zip(starts, [*starts[1:], None])] for line in lines]
    widths = [max(len(row[i]) for row in rows) + PADDING for i in range(len(starts))]
    return ["".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]


def for_page(text: str) -> str:
    """The output with placeholders for what changes on every run, tables re-aligned after the change."""
    lines = text.rstrip("\n").split("\n")
    if HEADER.match(lines[0]) and "  " in lines[0]:
        return "\n".join(table(lines)) + "\n"
    return "\n".join(volatile(line).rstrip() for line in lines) + "\n"


PROGRESS = re.compile(r": (Preparing|Waiting)$")  # a push's progress lines: how many depends on timing


def shape(text: str) -> str:
    """What must stay the same between runs: the words and columns, not the numbers or the padding."""
    lines = [line for line in text.strip("\n").split("\n") if not PROGRESS.search(line)]
    return "\n".join(" ".join(re.sub(r"\d+", "0", volatile(line)).split()) for line in lines)
