"""Measure the example images and write data/measurements.yml (what the site's size table shows).

Builds every catalogued example with the page's own command (cached layers make this quick),
then records each image's size, the Go binary the multi-stage build ships, the base images
(and whether they were local stand-ins), the engine and the date. Run: `make sizes`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from macros.loader import load_catalogue
from notekit import base_images
from notekit.engine import detect
from notekit.images import build, measurements

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
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = StringIO()
    yaml.dump(document, out)
    return HEADER + out.getvalue()


def main() -> int:
    engine, why = detect()
    if engine is None:
        print(f"sizes: no container engine: {why}", file=sys.stderr)
        return 1
    print(f"sizes: engine {engine.name} ({why})")
    bases = base_images.ensure_all(engine)
    for image in bases:
        print(image.line())
    built = [build(engine, example) for example in load_catalogue().examples.examples]
    result = measurements(engine, built, bases)
    OUT.write_text(to_yaml(result.model_dump(mode="json")), encoding="utf-8")
    for image in result.images:
        print(f"sizes: {image.image}: {image.size_bytes} bytes")
    print(f"sizes: Go binary {result.go_binary.path}: {result.go_binary.size_bytes} bytes -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
