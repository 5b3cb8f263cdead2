"""mkdocs-macros entry point: registers the macros pages may call, and keeps code literal.

Each macro loads the YAML through macros.loader (cached per file modification time) and
delegates to a pure render function that the unit tests call without MkDocs. A failing macro
is reported as one line naming the page, the line, the call and the data file (macros.errors).
"""

from __future__ import annotations

import posixpath

from . import errors, examples, instructions, principles, reference, sizes
from .loader import load_catalogue as _load_catalogue
from .loader import load_file
from .protect import protect_code

FIX_INSTRUCTION = "Use a name from data/instructions.yml, or add the instruction there"
FIX_EXAMPLE = "Fix the id on the page, or add the example to data/examples.yml"
FIX_COMMANDS = "Fix the id (data/examples.yml) or the step names (macros/commands.py STEPS) on the page"
FIX_SIZES = "Run `make sizes` to rewrite data/measurements.yml, or fix the file it names"
FIX_FILE = "Fix the path on the page, or list the file under an example's files: in data/examples.yml"

errors.install()


def on_pre_page_macros(env) -> None:
    """Code blocks and inline code in a note are shown as written, never run through Jinja."""
    if (env.page.meta or {}).get("render_macros") is False:
        return  # Jinja will not run on this page, so the raw tags would stay in it
    env.markdown = protect_code(env.markdown)


def define_env(env) -> None:
    # mkdocs-macros calls define_env once per build (and per `mkdocs serve` rebuild): the first
    # macro call of a build loads and checks the catalogue, later calls reuse it. A failed load
    # is not kept, so every call of a broken build fails as before.
    loaded: list = []

    def load_catalogue():
        if not loaded:
            loaded.append(_load_catalogue())
        return loaded[0]

    def macro(hint: str):
        def register(func):
            env.macro(errors.contextual(env, func.__name__, func, hint), func.__name__)
            return func

        return register

    def relative_to_page(target: str) -> str:
        """A docs/-relative path made relative to the page being rendered (MkDocs then checks it)."""
        page_dir = posixpath.dirname(env.page.file.src_uri)
        return posixpath.relpath(target, page_dir or ".")

    @macro(FIX_INSTRUCTION)
    def instruction_table(*names: str) -> str:
        """All Dockerfile instructions, or only the ones named: instruction_table('FROM', 'COPY')."""
        data = load_catalogue().instructions
        return instructions.instruction_table(
            data, list(names) or None, reference=relative_to_page(instructions.REFERENCE_PAGE)
        )

    @macro(FIX_INSTRUCTION)
    def instruction_sections(*names: str) -> str:
        """One reference section (heading, syntax, options, notes, link) per instruction."""
        return instructions.instruction_sections(load_catalogue().instructions, list(names) or None)

    @macro("Fix the id on the page, or add the principle to data/principles.yml")
    def principles_table(*ids: str) -> str:
        """All design principles with the checks that enforce them, or only the ids named."""
        return principles.principles_table(load_catalogue().principles, list(ids) or None)

    @macro(FIX_FILE)
    def example_file(path: str, title: str | None = None) -> str:
        """One catalogued file under examples/, embedded verbatim with its path as the title."""
        return examples.example_file(load_catalogue(), path, title)

    @macro(FIX_EXAMPLE)
    def example_dockerfile(example_id: str) -> str:
        """An example's Dockerfile with a one-line summary of what it teaches."""
        return examples.example_dockerfile(load_catalogue(), example_id)

    @macro(FIX_COMMANDS)
    def example_commands(example_id: str, steps: str = "build run probe remove") -> str:
        """Commands for an example, by step names from macros.commands.STEPS, and curl's expected answer."""
        return examples.example_commands(load_catalogue(), example_id, steps)

    @macro(FIX_SIZES)
    def image_size_table() -> str:
        """Measured image sizes (data/measurements.yml, `make sizes`) with the Go binary as the floor."""
        return sizes.image_size_table(load_file("measurements"), load_catalogue())

    @macro(FIX_SIZES)
    def build_time_table() -> str:
        """Measured build and stop times per example (data/measurements.yml, `make sizes`)."""
        return sizes.build_time_table(load_file("measurements"), load_catalogue())

    @macro(FIX_SIZES)
    def image_size_chart() -> str:
        """The same figures as an HTML/CSS bar chart with a text label and value on every bar."""
        return sizes.image_size_chart(load_file("measurements"), load_catalogue())

    # Contributor reference (docs/about/how-it-works.md). Keep these two last: they describe the rest.
    @macro("Use the name of a file in data/ without .yml, e.g. data_fields('examples')")
    def data_fields(name: str) -> str:
        """Field tables of one data file (name without .yml), generated from its pydantic model."""
        return reference.data_fields(name)

    @macro("Document every registered macro in MACRO_DOCS (macros/reference.py)")
    def macro_reference() -> str:
        """Every macro registered above, with its arguments, a literal example call and its output."""
        return reference.macro_reference(project_macros(env))


def project_macros(env) -> dict:
    """The macros this package registered, in registration order (not mkdocs-macros' built-ins)."""
    return {name: f for name, f in env.macros.items() if getattr(f, "__module__", None) == __name__}
