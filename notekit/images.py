"""Build the catalogued examples with exactly the page's command, and measure what came out.

Plain Python, shared by tests/test_containers.py and scripts/measure_sizes.py.
"""

from __future__ import annotations

import datetime
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from macros.commands import build_argv, dockerfile_path
from macros.models import Example, MeasurementsFile
from notekit.dockerfiles import parse
from notekit.engine import Engine, EngineError
from notekit.gotool import elf_facts

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Built:
    example: Example
    argv: list[str]
    seconds: float
    size: int | None  # None when the build failed
    error: str | None = None


def build(engine: Engine, example: Example) -> Built:
    argv = build_argv(example, engine.name)
    start = time.perf_counter()
    result = engine.run_argv(argv, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        return Built(example, argv, seconds, None, f"`{' '.join(argv)}` failed ({result.returncode}):\n{tail}")
    return Built(example, argv, seconds, engine.image_size(example.image))


def shipped_binary(example: Example) -> str | None:
    """The ENTRYPOINT program of an example whose final stage is FROM scratch (all it ships), else None."""
    final = parse(ROOT / dockerfile_path(example)).final
    if final.base != "scratch":
        return None
    for command in reversed(final.commands):
        if command.cmd == "ENTRYPOINT":
            return command.value[0]
    return None


def binary_facts(engine: Engine, example: Example, path: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        local = engine.copy_out(example.image, path, Path(tmp) / "binary")
        return {"size_bytes": local.stat().st_size, **elf_facts(local)}


def storage_driver(engine: Engine) -> str | None:
    if engine.name != "podman":
        return None
    out = engine.run("info", "--format", "{{.Store.GraphDriverName}}", check=False).stdout.strip()
    return out or None


def measurements(engine: Engine, built: list[Built], base_images: list) -> MeasurementsFile:
    """The data/measurements.yml document for images that all built."""
    failed = [b.error for b in built if b.error]
    if failed:
        raise EngineError("cannot measure: " + "\n".join(failed))
    binaries = [(b.example, shipped_binary(b.example)) for b in built if shipped_binary(b.example)]
    if not binaries:
        raise EngineError("no example ships a binary FROM scratch; nothing to use as the Go binary floor")
    example, path = binaries[0]
    return MeasurementsFile(
        measured_on=datetime.date.today(),
        engine=engine.name,
        engine_version=engine.version(),
        storage_driver=storage_driver(engine),
        base_images=[
            {"name": b.name, "stand_in": b.stand_in, "recipe": b.recipe, "size_bytes": b.size} for b in base_images
        ],
        images=[{"example": b.example.id, "image": b.example.image, "size_bytes": b.size} for b in built],
        go_binary={"example": example.id, "path": path, **binary_facts(engine, example, path)},
    )
