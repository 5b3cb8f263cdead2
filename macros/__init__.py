"""mkdocs-macros entry point: registers the macros pages may call, and nothing else.

Each macro loads the YAML through macros.loader (cached per file modification time) and
delegates to a pure render function that the unit tests call without MkDocs.
"""

from __future__ import annotations

import posixpath

from . import examples, instructions, principles
from .loader import load_catalogue


def define_env(env) -> None:
    def relative_to_page(target: str) -> str:
        """A docs/-relative path made relative to the page being rendered (MkDocs then checks it)."""
        page_dir = posixpath.dirname(env.page.file.src_uri)
        return posixpath.relpath(target, page_dir or ".")

    @env.macro
    def instruction_table(*names: str) -> str:
        """All Dockerfile instructions, or only the ones named: instruction_table('FROM', 'COPY')."""
        data = load_catalogue().instructions
        return instructions.instruction_table(
            data, list(names) or None, reference=relative_to_page(instructions.REFERENCE_PAGE)
        )

    @env.macro
    def instruction_sections(*names: str) -> str:
        """One reference section (heading, syntax, options, notes, link) per instruction."""
        return instructions.instruction_sections(load_catalogue().instructions, list(names) or None)

    @env.macro
    def principles_table() -> str:
        """The container design principles with the checks that enforce them."""
        return principles.principles_table(load_catalogue().principles)

    @env.macro
    def example_file(path: str, title: str | None = None) -> str:
        """One catalogued file under examples/, embedded verbatim with its path as the title."""
        return examples.example_file(load_catalogue(), path, title)

    @env.macro
    def example_dockerfile(example_id: str) -> str:
        """An example's Dockerfile with a one-line summary of what it teaches."""
        return examples.example_dockerfile(load_catalogue(), example_id)

    @env.macro
    def example_commands(example_id: str, steps: str = "build run probe remove") -> str:
        """Commands for an example, by step names from macros.commands.STEPS, and curl's expected answer."""
        return examples.example_commands(load_catalogue(), example_id, steps)
