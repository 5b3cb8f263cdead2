"""Example images: the sizes the site shows, and how long each example takes to build.

Sizes come from data/measurements.yml (written by `make sizes`, checked by the container tests).
Build times use the same engine as the tests (notekit/engine.py: the Docker engine that answers,
else a private dockerd) and the exact build command the page prints: `--no-cache` once, with the
Go build cache mount dropped too (every step runs: the Go compile is most of it), and then the
page's command as is, with every layer cached (what a reader sees on a second run). BENCH_IMAGES=0
skips them.
"""

from __future__ import annotations

import os
import statistics

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
    from notekit.engine import EngineError, engine_session
    from notekit.images import build_cold, timed

    results = {}
    try:
        with engine_session() as engine:
            described = engine.describe()
            bases = base_images.ensure_all(engine)
            for example in load_catalogue().examples.examples:
                argv = commands.build_argv(example)
                cold = build_cold(engine, example)
                cached = [timed(engine, argv) for _ in range(CACHED_RUNS)]
                results[example.id] = {
                    "command": commands.shell(argv),
                    "no_cache_s": cold,
                    "cached_s": statistics.median(cached),
                    "size_bytes": engine.image_size(example.image),
                }
                log(f"  docker build {example.id}: --no-cache {cold:.1f} s, cached {results[example.id]['cached_s']:.2f} s")
    except EngineError as error:
        return {"note": f"no container engine, no build times: {error}"}
    return {
        "note": f"{described}; base images: " + "; ".join(b.line().strip() for b in bases),
        "builds": results,
    }
