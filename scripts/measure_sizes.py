"""Measure the example images and write data/measurements.yml (what the site's size and time tables show).

Builds every catalogued example with the page's own command, then records each image's size,
its build time cold (--no-cache, Go build cache dropped) and after a one-line change to main.go,
how long the page's `docker container stop` takes, the Go binary the multi-stage build ships,
the base images (and whether they were local stand-ins), the engine and the date. Run: `make sizes`.

`--earlier REV` also builds each example's Dockerfile as it was at git revision REV (when it
differs) and records that size, plus the figure REV's own data/measurements.yml had for it,
under `earlier:`. Earlier entries already in the file are carried over.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from macros.commands import dockerfile_path
from macros.loader import DataError, load_catalogue, load_file
from macros.models import Example
from notekit import base_images
from notekit.dockerfiles import parse
from notekit.engine import Engine, EngineError, engine_session
from notekit.images import build, build_after_edit, build_cold, measurements, stop_seconds

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "measurements.yml"
HEADER = """\
# yaml-language-server: $schema=schema/measurements.schema.json
# 측정값: `make sizes`(scripts/measure_sizes.py)가 만든다. 손으로 고치지 말 것.
# tests/test_containers.py가 예제를 실제로 빌드해 이 값과 맞는지(5 % 또는 512 KiB 이내) 확인한다.
"""


def to_yaml(document: dict) -> str:
    from io import StringIO

    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 4096  # one line per value: no wrapped lines, no trailing spaces
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = StringIO()
    yaml.dump(document, out)
    return HEADER + out.getvalue()


def git_show(rev: str, path: str) -> str | None:
    shown = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=ROOT, capture_output=True, text=True)
    return shown.stdout if shown.returncode == 0 else None


def earlier_sizes(engine: Engine, example: Example, rev: str) -> list[dict]:
    """The example's Dockerfile at `rev`, built with docker in a copy of today's context, and the
    figure `rev`'s data/measurements.yml recorded for it; [] when the Dockerfile did not change."""
    old = git_show(rev, dockerfile_path(example))
    if old is None or old == (ROOT / dockerfile_path(example)).read_text():
        return []
    commit = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True, text=True, check=True)
    commit = commit.stdout.strip()
    why = "Go 빌드 캐시(/root/.cache/go-build)가 이미지 레이어에 남았다"
    found = []
    # Today's base images, so that the Dockerfile change is the only difference from today's figure.
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "Dockerfile").write_text(old)
        old_bases = [stage.base for stage in parse(Path(tmp) / "Dockerfile").stages]
    new_bases = [stage.base for stage in parse(ROOT / dockerfile_path(example)).stages]
    swapped = old
    for before, after in zip(old_bases, new_bases):
        swapped = swapped.replace(f"FROM {before}", f"FROM {after}")
    today = ", ".join(sorted(set(new_bases) - {"scratch"}))
    same_base = f"{why}. 기반 이미지만 지금과 같은 {today}로 바꿔 빌드했다"
    figures = yaml.safe_load(git_show(rev, "data/measurements.yml") or "{}") or {}
    for image in figures.get("images", []):
        if image.get("example") == example.id:
            bases = ", ".join(f"{b['name']}{' (대체 이미지)' if b.get('stand_in') else ''}" for b in figures["base_images"])
            engine_name = f"{figures['engine']} {figures['engine_version']}"
            why_then = f"{why}. 기반 이미지는 {bases}였다"
            found.append({"example": example.id, "revision": commit, "engine": engine_name,
                          "size_bytes": image["size_bytes"], "why": why_then})  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for name in ["go.mod", "main.go"]:
            (Path(tmp) / name).write_bytes((ROOT / example.context / name).read_bytes())
        (Path(tmp) / "Dockerfile").write_text(swapped)
        tag = f"{example.image.split(':')[0]}-earlier:{commit}"
        engine.docker("image", "build", "-t", tag, tmp)
        found.append({"example": example.id, "revision": commit, "engine": f"docker {engine.version()}",
                      "size_bytes": engine.image_size(tag), "why": same_base})  # fmt: skip
        engine.docker("image", "rm", tag, check=False)
    return found


def carried_over() -> list[dict]:
    try:
        return [e.model_dump(mode="json") for e in load_file("measurements").earlier]
    except DataError:
        return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--earlier", metavar="REV", help="also record the sizes of the Dockerfiles at git revision REV")
    parser.add_argument("--earlier-examples", metavar="ID", nargs="+", help="only these examples (default: all that changed)")
    args = parser.parse_args()
    examples = load_catalogue().examples.examples
    earlier = carried_over()
    try:
        with engine_session() as engine:
            print(f"engine: {engine.describe()}", flush=True)
            bases = base_images.ensure_all(engine)
            for image in bases:
                print(image.line(), flush=True)
            timings = {}
            for example in examples:
                cold = build_cold(engine, example)
                edit = build_after_edit(engine, example)
                stop = stop_seconds(engine, example)
                timings[example.id] = {"build_cold_s": round(cold, 2), "build_after_edit_s": round(edit, 2),
                                       "stop_s": round(stop, 2)}  # fmt: skip
                print(f"sizes: {example.id}: build cold {cold:.1f} s, after a main.go edit {edit:.1f} s, "
                      f"stop {stop:.2f} s", flush=True)  # fmt: skip
            built = [build(engine, example) for example in examples]
            if args.earlier:
                chosen = [e for e in examples if not args.earlier_examples or e.id in args.earlier_examples]
                fresh = [e for example in chosen for e in earlier_sizes(engine, example, args.earlier)]
                keys = {(e["example"], e["revision"], e["engine"]) for e in fresh}
                earlier = [e for e in earlier if (e["example"], e["revision"], e["engine"]) not in keys] + fresh
            result = measurements(engine, built, bases, timings, earlier)
    except EngineError as error:
        print(f"sizes: {error}", file=sys.stderr)
        return 1
    OUT.write_text(to_yaml(result.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
    for image in result.images:
        print(f"sizes: {image.image}: {image.size_bytes} bytes")
    for old in result.earlier:
        print(f"sizes: earlier {old.example} ({old.revision}, {old.engine}): {old.size_bytes} bytes")
    print(f"sizes: Go binary {result.go_binary.path}: {result.go_binary.size_bytes} bytes -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
