"""Measure the example images and write data/measurements.yml (what the site's size and time tables show).

Builds each catalogued example with the page's own command and records its image size, its build time
cold (--no-cache, Go build cache dropped) and after a one-line change to main.go (on a copy of the build
context), how long the page's `docker container stop` takes and the exit code it leaves, the Go binary
the multi-stage build ships, the base images (and whether they were local stand-ins), the engine and the date.
Each time is the median of --runs runs, written with its spread (min and max).

Only examples whose inputs changed are measured again: the hash of the example's folder, its Dockerfile,
the engine (version, storage driver) and the base images is written next to its figures (`inputs:`),
and an example whose hash is unchanged keeps every figure as it was. Entries under `earlier:` (what an
image weighed before a Dockerfile fix) are carried over unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "measurements.yml"
HEADER = """\
# yaml-language-server: $schema=schema/measurements.schema.json
# 측정값: `make sizes`(scripts/measure_sizes.py)가 만든다. 손으로 고치지 말 것.
# tests/test_containers.py가 예제를 실제로 빌드해 이미지 크기와 Go 바이너리 크기가 이 값과 맞는지(5 % 또는 512 KiB 이내) 확인한다.
# 시간(빌드, 정지)은 비교하지 않는다: 기계마다 다르다.
"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.measure_sizes",
        description="Measure the examples whose inputs changed and rewrite data/measurements.yml "
        "(figures of unchanged examples are kept byte for byte).",
    )
    parser.add_argument("--only", action="append", default=[], metavar="ID",
                        help="measure this example now, changed or not (repeatable, or comma-separated); "
                        "`make sizes ONLY=hello-single`")  # fmt: skip
    parser.add_argument("--runs", type=int, default=3, help="runs per timing; the median is written (default 3)")
    parser.add_argument("--all", action="store_true", help="measure every example, changed or not")
    args = parser.parse_args(argv)
    args.only = [i for item in args.only for i in item.split(",") if i]
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def inputs_hash(example, engine_line: str, bases: list) -> str:
    """What the figures depend on: the build context's files, the Dockerfile, the engine, the base images."""
    digest = hashlib.sha256(engine_line.encode())
    for base in bases:
        digest.update(f"\0{base.name}\0{base.stand_in}\0{base.recipe}".encode())
    paths = sorted(p for p in (ROOT / example.context).rglob("*") if p.is_file()) + [ROOT / example.dockerfile]
    for path in paths:
        digest.update(b"\0" + str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def spread(name: str, values: list[float]) -> dict:
    """{name_s: median, name_range_s: [min, max]}, rounded to 1/100 s."""
    return {f"{name}_s": round(statistics.median(values), 2), f"{name}_range_s": [round(min(values), 2), round(max(values), 2)]}


def to_yaml(document: dict) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedSeq

    def flow(value):  # a [min, max] spread on one line; everything else in block style
        if isinstance(value, dict):
            return {k: flow(v) for k, v in value.items()}
        if isinstance(value, list) and value and all(isinstance(v, (int, float)) for v in value):
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()
            return seq
        return [flow(v) for v in value] if isinstance(value, list) else value

    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 4096  # one line per value: no wrapped lines, no trailing spaces
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = StringIO()
    yaml.dump(flow(document), out)
    return HEADER + out.getvalue()


def measure_times(engine, example, catalogue, runs: int) -> dict:
    from notekit.images import build_after_edit, build_cold, stop_timing

    cold = [build_cold(engine, example, catalogue) for _ in range(runs)]
    edit = [build_after_edit(engine, example, catalogue) for _ in range(runs)]
    stops = [s for s in (stop_timing(engine, example, catalogue) for _ in range(runs)) if s is not None]
    figures = {"runs": runs, **spread("build_cold", cold), **spread("build_after_edit", edit)}
    if stops:
        codes = {s.exit_code for s in stops}
        if len(codes) > 1:
            raise RuntimeError(f"{example.id}: docker container stop left different exit codes: {sorted(codes)}")
        figures |= {**spread("stop", [s.seconds for s in stops]), "stop_exit_code": codes.pop()}
    return figures


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from macros.data import load_catalogue
    from notekit import base_images
    from notekit.engine import EngineError, engine_session
    from notekit.images import build, forget_measurement_images, measurements

    catalogue = load_catalogue()
    examples = catalogue.examples.examples
    known = [e.id for e in examples]
    unknown = [i for i in args.only if i not in known]
    if unknown:
        print(f"sizes: unknown example {', '.join(unknown)}; known: {', '.join(known)}", file=sys.stderr)
        return 2
    old = catalogue.measurements
    before = {i.example: i.model_dump(mode="json", exclude_none=True) for i in old.images}
    try:
        with engine_session() as engine:
            print(f"engine: {engine.describe()}", flush=True)
            bases = base_images.ensure_all(engine)
            for image in bases:
                print(image.line(), flush=True)
            engine_line = f"docker {engine.version()} {engine.storage_driver()}"
            keys = {e.id: inputs_hash(e, engine_line, bases) for e in examples}
            chosen = [e for e in examples if args.all or e.id in args.only or before.get(e.id, {}).get("inputs") != keys[e.id]]
            for example in examples:
                why = "asked for" if example.id in args.only or args.all else "inputs changed" if example in chosen else ""
                print(f"sizes: {example.id}: {f'measuring ({why})' if why else 'unchanged, figures kept'}", flush=True)
            if not chosen:
                return 0
            timings = {}
            for example in chosen:
                timings[example.id] = {"inputs": keys[example.id], **measure_times(engine, example, catalogue, args.runs)}
                print(f"sizes: {example.id}: {timings[example.id]}", flush=True)
            built = [build(engine, example, catalogue) for example in chosen]
            forget_measurement_images(engine)
            earlier = [e.model_dump(mode="json") for e in old.earlier]
            binary = old.go_binary.model_dump(mode="json")
            fresh = measurements(engine, built, bases, timings, earlier, binary)
    except (EngineError, RuntimeError) as error:
        print(f"sizes: {error}", file=sys.stderr)
        return 1
    result = fresh.model_dump(mode="json", exclude_none=True)
    measured = {i["example"]: i for i in result["images"]}
    result["images"] = [measured.get(e.id) or before[e.id] for e in examples if e.id in measured or e.id in before]
    OUT.write_text(to_yaml(result), encoding="utf-8")
    for image in result["images"]:
        print(f"sizes: {image['image']}: {image['size_bytes']} bytes")
    print(f"sizes: Go binary {result['go_binary']['path']}: {result['go_binary']['size_bytes']} bytes -> data/measurements.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
