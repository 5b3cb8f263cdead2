"""Check data/*.yml the way an editor and the site build both will.

1. Against the JSON Schema in data/schema/ (what the editor shows while typing), with jsonschema.
2. Through the pydantic models and the cross-file references (what the site build does).
Every problem is printed as file:line: field: message. Exit 1 if there is any.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from jsonschema import Draft202012Validator

from macros.loader import DataError, format_loc, line_of, load_catalogue, read_yaml
from macros.models import DATA_FILES  # noqa: E402 (needs the path above)


def schema_problems(name: str, data_dir: Path, schema_dir: Path) -> list[str]:
    path = data_dir / f"{name}.yml"
    schema = json.loads((schema_dir / f"{name}.schema.json").read_text(encoding="utf-8"))
    document = read_yaml(path)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        loc = tuple(error.absolute_path)
        line = line_of(document, loc)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        problems.append(f"{shown}:{line}: {format_loc(loc) or '(top level)'}: {error.message} (JSON Schema)")
    return problems


def main(data_dir: Path = ROOT / "data") -> int:
    problems: list[str] = []
    for name in DATA_FILES:
        try:
            problems += schema_problems(name, data_dir, data_dir / "schema")
        except DataError as error:
            problems.append(str(error))
    if not problems:
        try:
            load_catalogue(data_dir)
        except DataError as error:
            problems.append(str(error))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
