"""MkDocs hook: a snippet line that names a missing file fails the build with one clear line.

pymdownx.snippets (check_paths: true) already refuses a missing file, but MkDocs reports it as a
Python traceback ending in "Snippet at path ... could not be found", with no line. This hook
runs after mkdocs-macros (so it also sees the snippet lines that example_file() writes) and
before Markdown, and names the note, the line and the path instead:

    docs/docker/build.md:42: snippet 'examples/hello/nope.go' not found (looked in .); ...

Only the one-line form (--8<-- "path", optionally path:lines or path:section) is checked here;
the rare block form is left to pymdownx.snippets itself.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SNIPPET = re.compile(r"""^[ \t]*(?P<escape>;*)-+8<-+[ \t]+(?P<quote>["'])(?P<path>.+?)(?P=quote)[ \t]*$""", re.M)
# path:3, path:3:9, path:2,5:7 and path:section name the lines to take, not the file.
SELECTION = re.compile(r"(?::[\w,-]*)+$")


def _exists(path: str, bases: list[Path]) -> bool:
    candidates = {path, SELECTION.sub("", path)}
    return any((base / candidate).is_file() for base in bases for candidate in candidates if candidate)


def _line_in_source(page, path: str) -> int | None:
    """The line of the note that names the path (None when a macro wrote the snippet line)."""
    try:
        with open(page.file.abs_src_path, encoding="utf-8-sig") as source:
            for number, line in enumerate(source, 1):
                if "8<-" in line and path in line:
                    return number
    except OSError:
        pass
    return None


@event_priority(-50)  # after mkdocs-macros (priority 0) has rendered the page
def on_page_markdown(markdown: str, page, config, **kwargs) -> str:
    options = config["mdx_configs"].get("pymdownx.snippets", {})
    bases = [Path(b) for b in options.get("base_path", ["."])]
    for match in SNIPPET.finditer(markdown):
        path = match.group("path")
        if match.group("escape") or "://" in path or _exists(path, bases):
            continue
        line = _line_in_source(page, path)
        where = os.path.relpath(page.file.abs_src_path) + (f":{line}" if line else "")
        raise PluginError(
            f"{where}: snippet '{path}' not found (looked in {', '.join(map(str, bases))}); "
            "fix the path, or embed a catalogued file with example_file('examples/...')"
        )
    return markdown
