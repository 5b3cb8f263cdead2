"""Build the catalogued examples with exactly the page's command, and measure what came out.

Plain Python, shared by tests/test_containers.py, scripts/measure_sizes.py and bench/.
"""

from __future__ import annotations

import contextlib
import datetime
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from macros.sessions import step_argv
from macros.data import Catalogue
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


def build(engine: Engine, example: Example, catalogue: Catalogue) -> Built:
    command = step_argv(catalogue, "build", example)
    start = time.perf_counter()
    result = engine.run(command, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        return Built(example, command, seconds, None, f"`{' '.join(command)}` failed ({result.returncode}):\n{tail}")
    return Built(example, command, seconds, engine.image_size(example.image))


def shipped_binary(example: Example) -> str | None:
    """The ENTRYPOINT program of an example whose final stage is FROM scratch (all it ships), else None."""
    final = parse(ROOT / example.dockerfile).final
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


def timed(engine: Engine, argv: list[str]) -> float:
    start = time.perf_counter()
    engine.run(argv)  # raises with the engine's output when the command fails
    return time.perf_counter() - start


MEASUREMENT_LABEL = "org.k8s-study-notes.measurement"  # on the images only a measurement built, never the page's


def measurement_argv(command: list[str], example: Example, *flags: str, context: Path | None = None) -> list[str]:
    """The page's build command with the measurement's own flags after `build` (a label, so that what it
    leaves behind can be removed by label), and optionally built from a copy of the build context."""
    command = [*command[:3], "--label", f"{MEASUREMENT_LABEL}={example.id}", *flags, *command[3:]]
    if context is not None:
        dockerfile = ROOT / example.dockerfile
        inside = dockerfile.is_relative_to(ROOT / example.context)
        copy = context / dockerfile.relative_to(ROOT / example.context) if inside else context.parent / dockerfile.name
        command[command.index("-f") + 1], command[-1] = str(copy), str(context)
    return command


def forget_measurement_images(engine: Engine) -> None:
    """The images only a measurement built, once the page's build has taken their tag back (by label only)."""
    engine.docker("image", "prune", "--force", "--filter", f"label={MEASUREMENT_LABEL}", check=False)


def build_cold(engine: Engine, example: Example, catalogue: Catalogue) -> float:
    """The page's build with --no-cache, after dropping BuildKit's cache mounts (the Go build cache),
    which --no-cache alone keeps. The Dockerfiles give their cache mounts no id= of ours, so no filter can
    tell the project's cache mounts from the contributor's: they are dropped only on the private dockerd,
    whose data root is the project's. On any other engine this raises instead of touching them."""
    if not engine.own:
        raise EngineError(
            "a cold build needs the engine's cache mounts dropped, and this engine is not the project's own "
            "(they may be yours); run `make sizes` as root on Debian so it uses its private dockerd"
        )
    engine.docker("builder", "prune", "--force", "--filter", "type=exec.cachemount")
    return timed(engine, measurement_argv(step_argv(catalogue, "build", example), example, "--no-cache"))


@contextlib.contextmanager
def edited_main_go(example: Example) -> Iterator[Path]:
    """A copy of the build context (and Dockerfile) whose main.go has one more comment line (a source
    change, same program). The tracked files are never touched; the copy is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"edit-{example.id}-") as tmp:
        context = Path(tmp) / "context"
        shutil.copytree(ROOT / example.context, context)
        dockerfile = ROOT / example.dockerfile
        if not dockerfile.is_relative_to(ROOT / example.context):
            shutil.copy2(dockerfile, Path(tmp) / dockerfile.name)
        main = context / "main.go"
        main.write_bytes(main.read_bytes() + f"\n// edited at {time.time()} to time a rebuild\n".encode())
        yield context


def build_after_edit(engine: Engine, example: Example, catalogue: Catalogue) -> float:
    """The page's build, cache allowed, of a copy of the context after a one-line change to main.go;
    then the page's own build takes the tag back."""
    with edited_main_go(example) as context:
        seconds = timed(engine, measurement_argv(step_argv(catalogue, "build", example), example, context=context))
    engine.run(step_argv(catalogue, "build", example))
    return seconds


@dataclass(frozen=True)
class Stopped:
    seconds: float  # how long the page's `docker container stop` took
    exit_code: int  # the container's exit code afterwards (0: the app ended itself; 137: SIGKILL)


def stop_timing(engine: Engine, example: Example, catalogue: Catalogue) -> Stopped | None:
    """Run a server example with the page's command, time the page's `docker container stop`, read the exit code."""
    if not example.http:
        return None  # a program ends by itself
    engine.remove_container(example.id)
    engine.run(step_argv(catalogue, "run", example))
    try:
        time.sleep(1)  # let it start listening, as a reader would
        seconds = timed(engine, step_argv(catalogue, "stop", example))
        return Stopped(seconds, engine.inspect("container", example.id)["State"]["ExitCode"])
    finally:
        engine.remove_container(example.id)


def measurements(
    engine: Engine, built: list[Built], base_images: list, timings: dict[str, dict] | None = None,
    earlier: list | None = None, go_binary: dict | None = None,
) -> MeasurementsFile:
    """The data/measurements.yml document for images that all built (timings: per example id).
    go_binary: the figure written before; it is kept unless its example is among the ones built now."""
    failed = [b.error for b in built if b.error]
    if failed:
        raise EngineError("cannot measure: " + "\n".join(failed))
    binaries = [(b.example, path) for b in built if (path := shipped_binary(b.example))]
    if go_binary is not None:
        binaries = [(example, path) for example, path in binaries if example.id == go_binary["example"]]
    if not binaries and go_binary is None:
        raise EngineError("no example ships a binary FROM scratch; nothing to use as the Go binary floor")
    if binaries:
        example, path = binaries[0]
        go_binary = {"example": example.id, "path": path, **binary_facts(engine, example, path)}
    return MeasurementsFile(
        measured_on=datetime.date.today(),
        engine="docker",
        engine_version=engine.version(),
        storage_driver=engine.storage_driver(),
        base_images=[
            {"name": b.name, "stand_in": b.stand_in, "recipe": b.recipe, "size_bytes": b.size} for b in base_images
        ],
        images=[
            {"example": b.example.id, "image": b.example.image, "size_bytes": b.size, **(timings or {}).get(b.example.id, {})}
            for b in built
        ],
        go_binary=go_binary,
        earlier=earlier or [],
    )
