"""Error messages that tell a contributor where the problem is and what to do.

mkdocs-macros (on_error_fail) prints one message and stops the build. Its default message names
the page relative to docs/ and, for a failing macro, dumps a Python traceback. Here every failure
a contributor can cause on a page becomes one line: `docs/<page>.md:<line>: <what>: <what to do>`.
"""

from __future__ import annotations

import functools
import os
import traceback
from typing import Callable

from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError

CODE_HINT = (
    "if it is code (a Go template, say), put it in `inline code` or a fenced code block (```), where Jinja "
    "never looks; a 4-space indented block is not protected, since tabs and admonitions indent macro calls too"
)


class MacroCallError(Exception):
    """A macro call on a page failed (unknown id, bad data file, ...)."""

    def __init__(self, page: str, call: str, reason: str):
        self.page, self.call, self.reason = page, call, reason
        super().__init__(f"{page}: {call}: {reason}")


def page_path(page) -> str:
    """The page as a contributor finds it in the repository, e.g. docs/docker/build.md."""
    try:
        return os.path.relpath(page.file.abs_src_path)
    except (AttributeError, TypeError, ValueError):
        return f"docs/{getattr(getattr(page, 'file', None), 'src_path', '?')}"


def front_matter_lines(page, markdown: str) -> int:
    """Lines MkDocs removed from the top of the file (front matter) before Jinja saw the page."""
    try:
        with open(page.file.abs_src_path, encoding="utf-8-sig") as source:
            return max(0, source.read().count("\n") - markdown.count("\n"))
    except (AttributeError, TypeError, OSError):
        return 0


def template_line(error: BaseException) -> int | None:
    """The line of the page template where the error happened, from Jinja's rewritten traceback."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else None


def call_text(name: str, args: tuple, kwargs: dict) -> str:
    return f"{name}({', '.join([*map(repr, args), *(f'{k}={v!r}' for k, v in kwargs.items())])})"


def reason_of(error: Exception) -> str:
    # KeyError's str() adds quotes around the message; show the message itself.
    return str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)


def contextual(env, name: str, func: Callable, hint: str) -> Callable:
    """Wrap a macro so any failure names the page, the call and the data file, plus what to do."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - re-raised with context, never swallowed
            # The hint fits an unknown name or id; a broken data file carries its own advice.
            advice = f". {hint}" if hint and isinstance(error, LookupError) else ""
            raise MacroCallError(page_path(env.page), call_text(name, args, kwargs), reason_of(error) + advice) from error

    return wrapper


def _where(page, markdown: str, line: int | None) -> str:
    if line is None:
        return page_path(page)
    return f"{page_path(page)}:{line + front_matter_lines(page, markdown)}"


def _macro_call(error: MacroCallError, markdown: str, page) -> str:
    return f"{_where(page, markdown, template_line(error))}: {error.call}: {error.reason}"


def _undefined(error: UndefinedError, markdown: str, page) -> str:
    return f"{_where(page, markdown, template_line(error))}: {error.message}; define it, fix the spelling, or {CODE_HINT}"


def _syntax(error: TemplateSyntaxError, markdown: str, page) -> str:
    lines = markdown.splitlines()
    text = lines[error.lineno - 1].strip() if error.lineno and error.lineno <= len(lines) else ""
    return f"{_where(page, markdown, error.lineno)}: Jinja syntax error: {error.message} in `{text}`; {CODE_HINT}"


def _not_found(error: TemplateNotFound, markdown: str, page) -> str:
    return (
        f"{_where(page, markdown, template_line(error))}: include file '{error.name}' not found; "
        "example files are embedded with example_file('examples/...'), not {% include %}"
    )


def install() -> None:
    """Teach mkdocs-macros' error formatter (a functools.singledispatch) our one-line messages."""
    try:
        from mkdocs_macros.errors import format_error
    except ImportError:  # another mkdocs-macros version: its own messages still fail the build
        return
    format_error.register(MacroCallError, _macro_call)
    format_error.register(UndefinedError, _undefined)
    format_error.register(TemplateSyntaxError, _syntax)
    format_error.register(TemplateNotFound, _not_found)
