"""Load and validate the YAML source of truth in data/.

Every failure raises DataError as `file:line: field: message`, so a contributor knows exactly
what to fix. One parser (ruamel.yaml's round-trip loader, which keeps line numbers and refuses
duplicate keys) and no cache: the site build loads the catalogue once (macros/__init__.py).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.tokens import ScalarToken

from . import dockerfile as dockerfiles

from .models import (
    DATA_FILES,
    PATTERN_HELP,
    BaseImagesFile,
    DuplicateValue,
    Example,
    ExamplesFile,
    GlossaryFile,
    InstructionsFile,
    MeasurementsFile,
    OutputsFile,
    PrinciplesFile,
    RegistryFile,
    SessionsFile,
)

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


class DataError(Exception):
    """A problem in a data file (or a file it points at), located as precisely as we can."""

    def __init__(self, file: str, message: str, *, field: str | None = None, line: int | None = None):
        self.file, self.field, self.line, self.message = file, field, line, message
        where = file + (f":{line}" if line else "")
        super().__init__(f"{where}: {field + ': ' if field else ''}{message}")


class UnknownName(DataError, LookupError):
    """A page asked for an id or name that the data does not have."""


def suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"did you mean '{close[0]}'? " if close else ""


def pick(items: list, key: str, file: str, what: str, attr: str = "id"):
    """The item whose `attr` is `key`, or UnknownName naming the file, a close match and every known key."""
    by_key = {getattr(item, attr): item for item in items}
    if key not in by_key:
        known = list(by_key)
        raise UnknownName(file, f"no {what} '{key}'; {suggest(key, known)}known: {', '.join(known)}")
    return by_key[key]


@dataclass(frozen=True)
class ExampleFacts:
    """What an example's Dockerfile owns: the final stage's USER, EXPOSEd port and the argv that runs as PID 1."""

    user: str | None
    port: int | None
    pid1: tuple[str, ...] | None = None  # the argv the engine starts as PID 1
    shell_form: bool = False  # PID 1 is the shell that runs a shell-form ENTRYPOINT or CMD


@dataclass(frozen=True)
class Catalogue:
    instructions: InstructionsFile
    principles: PrinciplesFile
    examples: ExamplesFile
    measurements: MeasurementsFile
    glossary: GlossaryFile
    base_images: BaseImagesFile
    registry: RegistryFile
    sessions: SessionsFile
    outputs: OutputsFile

    def example(self, example_id: str) -> Example:
        return pick(self.examples.examples, example_id, "data/examples.yml", "example")

    def facts(self, example: Example) -> ExampleFacts:
        final = dockerfiles.parse(ROOT / example.dockerfile).final
        users = [c.value[0] for c in final.commands if c.cmd == "USER"]
        ports = [c.value[0].split("/")[0] for c in final.commands if c.cmd == "EXPOSE"]
        pid1, shell_form = dockerfiles.start_argv(final) or (None, False)
        return ExampleFacts(
            user=users[-1] if users else None, port=int(ports[0]) if ports else None, pid1=pid1, shell_form=shell_form
        )


def relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def read_yaml(path: Path) -> Any:
    """One YAML file, with line information kept on every mapping and sequence."""
    shown = relative(path)
    if not path.is_file():
        raise DataError(shown, "file not found; every file in data/ is required (restore it from git)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(shown, f"not valid UTF-8 (byte {error.start}); save the file as UTF-8") from None
    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(filter(None, [error.context, error.problem]))
        opened = unclosed_quote(text, line)
        if opened:
            ran_on = (
                "the file ended inside it"
                if line is None or line > len(text.splitlines())
                else f"it ran on to line {line}"
            )
            raise DataError(shown, f"YAML syntax: the quote that opens on this line is never closed ({ran_on}); "
                            "close it on this line", line=opened) from None  # fmt: skip
        if "duplicate key" in problem:
            advice = "each key may appear once per entry; remove one of them"
        elif "\t" in problem or "tab" in problem:
            advice = "YAML allows only spaces for indentation; replace the tab with spaces"
        elif "mapping values are not allowed" in problem and (quoted := quote_value(text, line)):
            advice = f"a value that holds ': ' must be in quotes: {quoted}"
        else:
            advice = "check the indentation, brackets and quotes on this line and the line above"
        raise DataError(shown, f"YAML syntax: {problem}; {advice}", line=line) from None
    except YAMLError as error:
        raise DataError(shown, f"YAML syntax: {error}") from None


def unclosed_quote(text: str, error_line: int | None) -> int | None:
    """The line where a quoted value opens that caused the error: the file ended inside it, or it ran on over
    lines (YAML allows that) to the next quote mark, and the error is where that one closed it."""
    try:
        for token in YAML(typ="rt").scan(text):
            multiline = (
                isinstance(token, ScalarToken)
                and token.style in ('"', "'")
                and token.end_mark.line > token.start_mark.line
            )
            if multiline and token.end_mark.line + 1 == error_line:
                return token.start_mark.line + 1
    except MarkedYAMLError as error:
        if error.context_mark and "quoted scalar" in (error.context or ""):
            return error.context_mark.line + 1
    return None


def quote_value(text: str, line: int | None) -> str | None:
    """`key: "value"` for a line whose unquoted value holds ': ' (YAML reads it as a second key)."""
    rows = text.splitlines()
    found = re.match(r"^\s*(-\s+)?([\w-]+):\s+(.*?)\s*$", rows[line - 1]) if line and line <= len(rows) else None
    if not found or ": " not in found[3] or found[3][:1] in "\"'":
        return None
    quote = "'" if '"' in found[3] else '"'
    return f"{found[2]}: {quote}{found[3]}{quote}"


def line_of(document: Any, loc: tuple) -> int | None:
    """Best line (1-based) for a pydantic error location inside a round-trip document."""
    node, line = document, None
    for key in loc:
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        if isinstance(node, list) and isinstance(key, int) and key < len(node):
            line, node = lc.item(key)[0] + 1, node[key]
        elif isinstance(node, dict) and key in node:
            line, node = lc.key(key)[0] + 1, node[key]
        else:
            line = line or lc.line + 1
            break
    return line


def format_loc(loc: tuple) -> str:
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model that validates the mapping at `loc` (list indexes skipped)."""
    current: Any = model
    for key in (k for k in loc if not isinstance(k, int)):
        field = current.model_fields.get(key)
        if field is None:
            return None
        candidates = [field.annotation, *getattr(field.annotation, "__args__", ())]
        candidates += [inner for c in candidates for inner in getattr(c, "__args__", ())]
        current = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
        if current is None:
            return None
    return current


def explain(error: dict, model: type[BaseModel]) -> str:
    """One pydantic error as a sentence that says what to do."""
    loc, kind = error["loc"], error["type"]
    if kind == "extra_forbidden":
        here = _model_at(model, loc[:-1])
        allowed = list(here.model_fields) if here else []
        name = str(loc[-1])
        # A child of a sibling field that lost its indentation lands here: name the real cause first.
        for sibling in allowed:
            child = _model_at(model, (*loc[:-1], sibling))
            if child and name in child.model_fields:
                return f"'{name}' belongs under '{sibling}:'; indent it one level below '{sibling}:'"
        close = difflib.get_close_matches(name, allowed, n=1)
        guess = f"did you mean '{close[0]}'?" if close else "remove it or fix its name."
        return f"unknown field '{name}': {guess} Allowed here: {', '.join(allowed)}"
    if kind == "missing":
        return f"missing required field '{loc[-1]}'; add it to this entry"
    if kind == "string_pattern_mismatch":
        regex = error.get("ctx", {}).get("pattern", "")
        return f"{PATTERN_HELP.get(regex, error['msg'])} (got {error['input']!r})"
    message = error["msg"].removeprefix("Value error, ")
    if (kind.endswith(("_type", "_parsing")) or kind == "literal_error") and not isinstance(
        error.get("input"), (dict, list)
    ):
        message += f" (got {error['input']!r})"
    return message


def load_file(name: str, directory: Path = DATA_DIR) -> BaseModel:
    """data/<name>.yml validated by its model, or DataError."""
    path = directory / f"{name}.yml"
    shown, model = relative(path), DATA_FILES[name]
    document = read_yaml(path)
    if not isinstance(document, dict):
        keys = ", ".join(f"{key}:" for key in model.model_fields)
        raise DataError(shown, f"the file must be a mapping with top-level {keys}", line=1)
    try:
        return model.model_validate(document)
    except ValidationError as errors:
        # An unknown field explains the "missing" error that usually comes with it: report it first.
        problems = sorted(errors.errors(), key=lambda e: e["type"] != "extra_forbidden")
        first = problems[0]
        original = first.get("ctx", {}).get("error")
        loc = original.loc if isinstance(original, DuplicateValue) else first["loc"]
        message = explain(first, model)
        # The misspelt field is also a missing one: the same mistake, not one more.
        renamed = [p for p in problems[1:] if p["type"] == "missing" and p["loc"][:-1] == first["loc"][:-1]
                   and first["type"] == "extra_forbidden" and f"did you mean '{p['loc'][-1]}'" in message]  # fmt: skip
        if len(problems) > 1 + len(renamed):
            message += f" (and {len(problems) - 1 - len(renamed)} more in this file; fix this one first)"
        raise DataError(shown, message, field=format_loc(loc), line=line_of(document, loc)) from None


def load_catalogue(directory: Path = DATA_DIR) -> Catalogue:
    """All data files, and the references between them and to examples/."""
    catalogue = Catalogue(**{name: load_file(name, directory) for name in DATA_FILES})
    check_references(catalogue, directory)
    return catalogue


def check_references(catalogue: Catalogue, directory: Path) -> None:
    examples_file = directory / "examples.yml"

    def fail(loc: tuple, message: str, file: Path = examples_file) -> DataError:
        document = read_yaml(file)  # parsed again only to locate an error
        return DataError(relative(file), message, field=format_loc(loc), line=line_of(document, loc))

    known_checks = sorted(check.id for p in catalogue.principles.principles for check in p.checks)
    for index, example in enumerate(catalogue.examples.examples):
        for check in example.exempt:
            if check not in known_checks:
                raise fail(
                    ("examples", index, "exempt", check),
                    f"'{check}' is not a check in data/principles.yml; {suggest(check, known_checks)}"
                    f"known: {', '.join(known_checks)}",
                )
        path = ROOT / example.dockerfile
        if not path.is_file():
            raise fail(
                ("examples", index, "dockerfile"), f"'{example.dockerfile}' does not exist; add it or fix the path"
            )
        try:
            facts = catalogue.facts(example)
        except dockerfiles.DockerfileSyntaxError as error:
            raise DataError(example.dockerfile, error.message, line=error.line) from None
        if example.http and facts.port is None:
            raise fail(
                ("examples", index, "http"),
                f"{example.dockerfile} has no EXPOSE in its final stage; the page's `-p` needs the container port",
            )

    check_measured_base_images(catalogue, lambda loc, message: fail(loc, message, directory / "base_images.yml"))
    check_registry(catalogue, lambda loc, message: fail(loc, message, directory / "registry.yml"))
    check_sessions(catalogue, lambda loc, message: fail(loc, message, directory / "sessions.yml"))


def check_measured_base_images(catalogue: Catalogue, fail) -> None:
    """A size "measured here" must come from an example that data/measurements.yml has and whose
    final stage really starts FROM that base image; otherwise the table would claim a measurement
    of something else."""
    measured = [m.example for m in catalogue.measurements.images]
    for index, base in enumerate(catalogue.base_images.images):
        if base.measured_by is None:
            continue
        loc = ("images", index, "measured_by")
        if base.measured_by not in measured:
            raise fail(
                loc,
                f"'{base.measured_by}' has no size in data/measurements.yml; {suggest(base.measured_by, measured)}"
                f"measured: {', '.join(measured)}",
            )
        example = catalogue.example(base.measured_by)
        final = dockerfiles.parse(ROOT / example.dockerfile).final.base
        if final != base.image:
            raise fail(
                loc,
                f"the final stage of {example.dockerfile} starts FROM {final}, not {base.image}; "
                "name an example built on this image, or quote the size under quoted_size",
            )


def check_registry(catalogue: Catalogue, fail) -> None:
    """The registry page pushes an example that exists, on a port no example publishes."""
    registry, known = catalogue.registry, [e.id for e in catalogue.examples.examples]
    if registry.example not in known:
        raise fail(
            ("example",),
            f"no example '{registry.example}' in data/examples.yml; {suggest(registry.example, known)}known: {', '.join(known)}",
        )
    for index, example in enumerate(catalogue.examples.examples):
        if example.http and example.http.port == registry.port:
            raise fail(
                ("port",),
                f"'{registry.port}' is already examples[{index}].http.port in data/examples.yml; give the registry its own port",
            )


def check_sessions(catalogue: Catalogue, fail) -> None:
    """Every session names an example and steps that exist, fills every $name, and every example has a session."""
    from .sessions import VALUE_NAMES, UnfillableStep, names_in, plan, step_names  # sessions.py builds on this module: imported late

    known_examples, known_steps = [e.id for e in catalogue.examples.examples], list(catalogue.sessions.steps)
    fillable = sorted({*VALUE_NAMES, *(c for step in catalogue.sessions.steps.values() for c in step.capture)})
    for name, step in catalogue.sessions.steps.items():  # a misspelt $name is the step's mistake, not a session's
        for field, text in (("run", step.run), ("expect", step.expect or "")):
            for unknown in (n for n in names_in(text) if n not in fillable):
                raise fail(("steps", name, field), f"${unknown} is not a value a step can use; {suggest(unknown, fillable)}"
                           f"known: {' '.join(fillable)}")  # fmt: skip
    for index, session in enumerate(catalogue.sessions.sessions):
        if session.example not in known_examples:
            raise fail(
                ("sessions", index, "example"),
                f"no example '{session.example}' in data/examples.yml; {suggest(session.example, known_examples)}"
                f"known: {', '.join(known_examples)}",
            )
        for position, name in enumerate([*(session.steps or []), *session.expect]):
            if name not in known_steps:
                where = ("sessions", index, "steps", position) if position < len(session.steps or []) else ("sessions", index, "expect", name)
                raise fail(where, f"no step '{name}' under steps:; {suggest(name, known_steps)}known: {', '.join(known_steps)}")
        try:
            plan(catalogue, session)
        except UnfillableStep as error:
            listed = session.steps or []
            where = ("sessions", index, "steps", listed.index(error.step)) if error.step in listed else ("sessions", index)
            raise fail(where, str(error)) from None
    covered = {session.example for session in catalogue.sessions.sessions}
    for index, example in enumerate(catalogue.examples.examples):
        if example.id not in covered:
            raise fail(("sessions",), f"example '{example.id}' has no session; add one so its commands run")
    used = {name for s in catalogue.sessions.sessions for name in step_names(catalogue, s)}
    for name in known_steps:
        if name not in used:
            raise fail(("steps", name), f"no session runs step '{name}'; add it to a session or remove it")
