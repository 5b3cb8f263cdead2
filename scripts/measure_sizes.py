"""Measure the example images and write data/measurements.yml (what the site's size and time tables show).

Builds every catalogued example with the page's own command, then records each image's size,
its build time cold (--no-cache, Go build cache dropped) and after a one-line change to main.go,
how long the page's `docker container stop` takes and the exit code it leaves, the Go binary the multi-stage build ships,
the base images (and whether they were local stand-ins), the engine and the date. Run: `make sizes`.

Entries under `earlier:` (what an image weighed before a Dockerfile fix, recorded by the commit
that made the fix with this script as it was then) are carried over unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.data import load_catalogue
from notekit import base_images
from notekit.engine import EngineError, engine_session
from notekit.images import build, build_after_edit, build_cold, measurements, stop_timing

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


def main() -> int:
    catalogue = load_catalogue()
    examples = catalogue.examples.examples
    earlier = [e.model_dump(mode="json") for e in catalogue.measurements.earlier]
    try:
        with engine_session() as engine:
            print(f"engine: {engine.describe()}", flush=True)
            bases = base_images.ensure_all(engine)
            for image in bases:
                print(image.line(), flush=True)
            timings = {}
            for example in examples:
                cold = build_cold(engine, example, catalogue)
                edit = build_after_edit(engine, example, catalogue)
                stop = stop_timing(engine, example, catalogue)
                timings[example.id] = {"build_cold_s": round(cold, 2), "build_after_edit_s": round(edit, 2)}
                if stop is not None:
                    timings[example.id] |= {"stop_s": round(stop.seconds, 2), "stop_exit_code": stop.exit_code}
                stopped = f"stop {stop.seconds:.2f} s, exit code {stop.exit_code}" if stop else "not a server"
                print(f"sizes: {example.id}: build cold {cold:.1f} s, after a main.go edit {edit:.1f} s, {stopped}",
                      flush=True)  # fmt: skip
            built = [build(engine, example, catalogue) for example in examples]
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
