"""Write data/schema/<name>.schema.json from the pydantic models in macros/models.py.

Editors read these (each data file starts with a `yaml-language-server: $schema=` line), so a
contributor gets completion and red squiggles while typing. `--check` only compares and exits 1
when a committed schema is stale (the `schemas-fresh` hook of `make lint`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from macros.models import DATA_FILES  # noqa: E402 (needs the path above)

SCHEMA_DIR = ROOT / "data" / "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_text(name: str) -> str:
    """The exact text of data/schema/<name>.schema.json."""
    schema = {"$schema": DIALECT, **DATA_FILES[name].model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not write; fail if a schema is stale")
    args = parser.parse_args(argv)
    stale = []
    for name in DATA_FILES:
        path, text = schema_path(name), schema_text(name)
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        if args.check:
            stale.append(str(path.relative_to(ROOT)))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print(f"stale: {', '.join(stale)}; run `make schemas` and commit the result", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
