"""What a page may call: each macro is declared once, in the module that renders it, with @page_macro.

A macro's first parameter is the Page (the catalogue and the page being rendered); the rest is what the
page passes. Its Korean docstring is the reference text the how-it-works page shows, and its `예:` line
the example call rendered there. macros/__init__.py registers every declared macro with mkdocs-macros.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any, Callable

from .failures import page_source

DECLARED: dict[str, tuple[Callable, bool]] = {}  # page name -> (function, whether it reads data/)


def page_macro(name: str, *, uses_data: bool = True) -> Callable:
    def declare(function: Callable) -> Callable:
        DECLARED[name] = (function, uses_data)
        return function

    return declare


@dataclass
class Page:
    catalogue: Any  # macros.data.Catalogue, or None when data/ did not load
    env: Any  # the mkdocs-macros env; env.page is the page being rendered

    @property
    def extra(self) -> dict:
        return self.env.conf["extra"]

    def relative(self, target: str) -> str:
        """A path under docs/ as a link from this page."""
        return posixpath.relpath(target, posixpath.dirname(page_source(self.env)) or ".")


def registered(env) -> dict[str, Callable]:
    """The declared macros as mkdocs-macros holds them (callable as a page calls them), in declaration order."""
    return {name: env.macros[name] for name in DECLARED if name in env.macros}
