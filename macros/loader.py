"""Load and validate the YAML source of truth in data/.

Every failure raises DataError naming the file, the field path and the line, so a contributor
knows exactly what to fix. Parsed files are cached by modification time: a build reads each
file once, and `mkdocs serve` picks up an edit on the next rebuild. A file is first parsed
with the fast libyaml parser (macros/fastyaml.py); only a file that fails is parsed again with
ruamel's round-trip loader, which keeps the line numbers the error message needs.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from . import fastyaml
from .models import DATA_FILES, DuplicateValue, Example, ExamplesFile, InstructionsFile, PrinciplesFile

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


class DataError(Exception):
    """A problem in a data file, located as precisely as we can."""

    def __init__(self, file: Path | str, message: str, *, field: str | None = None, line: int | None = None):
        self.file = str(file)
        self.field = field
        self.line = line
        self.message = message
        where = self.file + (f":{line}" if line else "")
        what = f"{field}: " if field else ""
        super().__init__(f"{where}: {what}{message}")


class UnknownId(DataError, LookupError):
    """A page asked for an id the catalogue does not have."""


@dataclass(frozen=True)
class Catalogue:
    instructions: InstructionsFile
    principles: PrinciplesFile
    examples: ExamplesFile

    @cached_property
    def _by_id(self) -> dict[str, Example]:
        return {example.id: example for example in self.examples.examples}

    @cached_property
    def files(self) -> frozenset[str]:
        """Every catalogued example file, relative to the repository root (computed once)."""
        return frozenset(path for example in self.examples.examples for path in example.all_files)

    def example(self, example_id: str) -> Example:
        if example_id in self._by_id:
            return self._by_id[example_id]
        known = ", ".join(e.id for e in self.examples.examples)
        raise UnknownId(
            relative(DATA_DIR / "examples.yml"), f"no example with id '{example_id}' (known ids: {known})", field="examples[].id"
        )


_cache: dict[Path, tuple[int, BaseModel]] = {}


def relative(path: Path, root: Path | None = None) -> str:
    """The path as a contributor finds it in the repository (data/examples.yml)."""
    try:
        return str(path.resolve().relative_to((root or ROOT).resolve()))
    except ValueError:
        return str(path)


def read_text(path: Path, root: Path | None = None) -> str:
    """A data file's text, after the checks YAML parsers report badly (encoding, tabs)."""
    shown = relative(path, root)
    if not path.is_file():
        raise DataError(shown, "file not found; every file in data/ is required (restore it from git)")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # tolerate a BOM that some Windows editors add
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(shown, f"not valid UTF-8 (byte {error.start}); save the file as UTF-8", line=line) from None
    for number, row in enumerate(text.splitlines(), 1):
        if "\t" in row[: len(row) - len(row.lstrip(" \t"))]:
            raise DataError(shown, "indentation uses a tab; YAML allows only spaces, replace it with spaces", line=number)
    return text


def read_yaml(path: Path, root: Path | None = None, text: str | None = None) -> Any:
    """Parse one YAML file with line information kept on every mapping and sequence."""
    shown = relative(path, root)
    text = read_text(path, root) if text is None else text
    yaml = YAML(typ="rt")  # round-trip loader: keeps line numbers and rejects duplicate keys
    try:
        document = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(filter(None, [error.context, error.problem])) or str(error)
        if "duplicate key" in problem:
            advice = "each key may appear once per entry; remove one of them"
        else:
            advice = "check the brackets, quotes and indentation on this line and the line above"
        raise DataError(shown, f"YAML syntax: {problem}; {advice}", line=line) from None
    except YAMLError as error:
        raise DataError(shown, f"YAML syntax: {error}") from None
    return document


def line_of(document: Any, loc: tuple) -> int | None:
    """Best line (1-based) for a pydantic error location inside a round-trip document."""
    node, line = document, None
    for key in loc:
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        try:
            if isinstance(node, list) and isinstance(key, int) and key < len(node):
                line = lc.item(key)[0] + 1
                node = node[key]
            elif isinstance(node, dict) and key in node:
                line = lc.key(key)[0] + 1
                node = node[key]
            else:
                line = line or lc.line + 1
                break
        except (KeyError, IndexError, TypeError):
            break
    return line if line is not None else getattr(getattr(document, "lc", None), "line", 0) + 1


def format_loc(loc: tuple) -> str:
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


# Regular expressions in models.py, said in words.
PATTERN_HELP = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "use only lower-case letters, digits and hyphens (like hello-multistage)",
    r"^[^/\\].*$": "must be a relative path (no leading / or \\); paths are relative to the repository root or the example's context",
    r"^/": "must start with / (a URL path such as /healthz)",
    r"^[A-Z]+$": "must be the instruction name in capitals (like COPY)",
    r"^--[a-z][a-z-]*$": "must be a flag such as --from",
}


def explain(error: dict, model: type[BaseModel]) -> str:
    """One pydantic error as a sentence that says what to do."""
    loc, kind = error["loc"], error["type"]
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        guess = f" Did you mean '{close[0]}'?" if close else " Remove it or fix its name."
        return f"unknown field '{loc[-1]}' (a typo?).{guess} Allowed here: {', '.join(allowed)}"
    if kind == "missing":
        return f"missing required field '{loc[-1]}'; add it to this entry"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        return f"{PATTERN_HELP.get(pattern, error['msg'])} (got {error['input']!r})"
    message = error["msg"].removeprefix("Value error, ")
    if kind.endswith(("_type", "_parsing")) and not isinstance(error.get("input"), (dict, list)):
        message += f" (got {error['input']!r})"
    return message


def load_file(name: str, directory: Path | None = None, root: Path | None = None) -> BaseModel:
    """Load data/<name>.yml into its model, or raise DataError."""
    path = (directory or DATA_DIR) / f"{name}.yml"
    shown = relative(path, root)
    model = DATA_FILES[name]
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise DataError(shown, "file not found; every file in data/ is required (restore it from git)") from None
    cached = _cache.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    text = read_text(path, root)
    try:  # the fast parse (macros/fastyaml.py); anything wrong is parsed again below, with lines
        value = model.model_validate(fastyaml.load(text))
    except Exception:  # noqa: BLE001 - the ruamel path below gives the error its file, field and line
        value = None
    if value is not None:
        _cache[path] = (mtime, value)
        return value
    document = read_yaml(path, root, text)
    keys = ", ".join(f"{key}:" for key in model.model_fields)
    if document is None:
        raise DataError(shown, f"file is empty; it needs a top-level mapping with {keys}", line=1)
    if not isinstance(document, dict):
        raise DataError(shown, f"the file must be a mapping with top-level {keys} (found {'a list' if isinstance(document, list) else 'plain text'})", line=1)
    try:
        value = model.model_validate(document)
    except ValidationError as errors:
        # A typo (extra field) also causes a "missing" error for the right name: report the typo.
        problems = sorted(errors.errors(), key=lambda e: e["type"] != "extra_forbidden")
        first = problems[0]
        loc = first["loc"]
        original = first.get("ctx", {}).get("error")
        if isinstance(original, DuplicateValue):
            loc = original.loc
        message = explain(first, model)
        more = len(problems) - 1
        if more:
            message += f" (and {more} more problem{'s' if more > 1 else ''} in this file)"
        raise DataError(shown, message, field=format_loc(loc), line=line_of(document, loc)) from None
    _cache[path] = (mtime, value)
    return value


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names allowed at `loc`, to suggest the right spelling after a typo."""
    current: Any = model
    for key in loc:
        if isinstance(key, int):
            continue
        field = current.model_fields.get(key)
        if field is None:
            return []
        annotation = field.annotation
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                current = candidate
                break
            for inner in getattr(candidate, "__args__", ()):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    current = inner
                    break
    return list(current.model_fields)


# (data dir, root) -> (the three models, referenced example files, their stamps, checked catalogue).
# Every macro call asks for the catalogue: without this, each call re-parsed examples.yml in
# check_references, so a build's cost grew with pages x examples (see bench/).
_checked: dict[tuple[Path, Path], tuple[tuple, tuple[str, ...], tuple, Catalogue]] = {}


def _stamps(paths: tuple[str, ...]) -> tuple:
    """What check_references depends on for each file: that it exists, is a file, and which one."""
    stamps = []
    for path in paths:
        try:
            st = os.stat(path)
            stamps.append((st.st_mode, st.st_ino, st.st_mtime_ns))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def load_catalogue(directory: Path | None = None, root: Path | None = None) -> Catalogue:
    """Load all data files and check the references between them and to examples/.

    The check runs again only when a data file or a referenced example file changed (their
    modification times, as for load_file); a failed check is never cached, so it fails again.
    """
    directory, root = directory or DATA_DIR, root or ROOT
    models = (
        load_file("instructions", directory, root),
        load_file("principles", directory, root),
        load_file("examples", directory, root),
    )
    key = (directory, root)
    cached = _checked.get(key)
    if cached and all(a is b for a, b in zip(cached[0], models)) and _stamps(cached[1]) == cached[2]:
        return cached[3]
    catalogue = Catalogue(instructions=models[0], principles=models[1], examples=models[2])
    paths = tuple(
        sorted({str(root / e.context / rel) for e in catalogue.examples.examples for rel in (e.dockerfile, *e.files)})
    )
    stamps = _stamps(paths)  # taken before the check: a file changed during it is checked again
    check_references(catalogue, directory, root)
    _checked[key] = (models, paths, stamps, catalogue)
    return catalogue


def check_references(catalogue: Catalogue, directory: Path, root: Path) -> None:
    examples_file = relative(directory / "examples.yml", root)

    def line(loc: tuple) -> int | None:  # parsed again only to locate an error, never on success
        return line_of(read_yaml(directory / "examples.yml", root), loc)

    known_checks = {check.id for p in catalogue.principles.principles for check in p.checks}
    examples_dir = (root / "examples").resolve()
    for index, example in enumerate(catalogue.examples.examples):
        for check in example.exempt:
            if check not in known_checks:
                loc = ("examples", index, "exempt", check)
                raise DataError(
                    examples_file,
                    f"'{check}' is not a check of any principle in data/principles.yml "
                    f"(known: {', '.join(sorted(known_checks))})",
                    field=format_loc(loc),
                    line=line(loc),
                )
        for position, rel in enumerate([example.dockerfile, *example.files]):
            loc = ("examples", index, "dockerfile") if position == 0 else ("examples", index, "files", position - 1)
            target = root / example.context / rel
            resolved = target.resolve()
            if not resolved.is_relative_to(examples_dir):
                raise DataError(
                    examples_file,
                    f"'{example.context}/{rel}' points outside examples/ (to {resolved}); example files must live under examples/",
                    field=format_loc(loc),
                    line=line(loc),
                )
            if not target.is_file():
                raise DataError(
                    examples_file,
                    f"'{example.context}/{rel}' does not exist; add the file or fix the path",
                    field=format_loc(loc),
                    line=line(loc),
                )
