"""Example images: the sizes the site shows, and how long each example takes to build.

Sizes come from data/measurements.yml (written by `make sizes`, checked by the container tests).
Build times use the same engine as the tests (notekit/engine.py: docker when a Docker engine
answers, else podman with .ci/containers/) and the exact build command the page prints:
`--no-cache` once (every step runs: the Go compile is most of it) and then the page's command
as is, with every layer cached (what a reader sees on a second run). BENCH_IMAGES=0 skips them.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

from .project import ROOT, yaml

CACHED_RUNS = 3


def measurements() -> dict:
    path = ROOT / "data" / "measurements.yml"
    if not path.exists():
        return {"note": "data/measurements.yml not found (`make sizes` writes it)", "data": None}
    return {"note": "from data/measurements.yml (`make sizes`)", "data": yaml().load(path.read_text(encoding="utf-8"))}


def timed_builds(log=print) -> dict:
    if os.environ.get("BENCH_IMAGES", "1") == "0":
        return {"note": "skipped (BENCH_IMAGES=0)"}
    from macros import commands
    from macros.loader import load_catalogue
    from notekit import base_images
    from notekit.engine import detect

    engine, why = detect()
    if engine is None:
        return {"note": f"no container engine, no build times: {why}"}
    bases = base_images.ensure_all(engine)
    results = {}
    for example in load_catalogue().examples.examples:
        argv = commands.build_argv(example, engine.name)
        cold = _timed(engine, [*argv[:3], "--no-cache", *argv[3:]])
        cached = [_timed(engine, argv) for _ in range(CACHED_RUNS)]
        results[example.id] = {
            "command": commands.shell(argv),
            "no_cache_s": cold,
            "cached_s": statistics.median(cached),
            "size_bytes": engine.image_size(example.image),
        }
        log(f"  {engine.name} build {example.id}: --no-cache {cold:.1f} s, cached {results[example.id]['cached_s']:.2f} s")
    return {
        "note": f"{engine.name} ({why}); base images: " + "; ".join(b.line().strip() for b in bases),
        "builds": results,
    }


def _timed(engine, argv: list[str]) -> float:
    start = time.perf_counter()
    engine.run_argv(argv)  # raises with the engine's output when the build fails
    return time.perf_counter() - start
