"""Example images: sizes recorded by the container tests, and (optionally) one timed build.

data/measurements.yml is written by the container tests on another branch; when present it is
printed as it is. A build is timed only when BENCH_ENGINE names a container engine (podman,
docker): it runs the exact build command the page prints, with that engine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from typing import Any

from .project import ROOT, yaml


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [row for key, item in value.items() for row in _flatten(item, f"{prefix}{key}.")]
    if isinstance(value, list):
        return [row for i, item in enumerate(value) for row in _flatten(item, f"{prefix}{i}.")]
    return [(prefix.rstrip("."), str(value))]


def measurements() -> dict:
    path = ROOT / "data" / "measurements.yml"
    if not path.exists():
        return {"note": "data/measurements.yml not found (the container tests write it); nothing to show", "rows": []}
    return {"note": "from data/measurements.yml", "rows": _flatten(yaml().load(path.read_text(encoding="utf-8")))}


def timed_build(log=print) -> dict:
    engine = os.environ.get("BENCH_ENGINE", "")
    if not engine:
        return {"note": "no engine configured (set BENCH_ENGINE=podman to time an example build); skipped"}
    if shutil.which(engine) is None:
        return {"note": f"BENCH_ENGINE={engine} is not installed; skipped"}
    sys.path.insert(0, str(ROOT))
    from macros import commands
    from macros.loader import load_catalogue

    results = {}
    for example in load_catalogue().examples.examples:
        argv = commands.build_argv(example, engine)
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        results[example.id] = {"seconds": seconds, "ok": done.returncode == 0, "command": commands.shell(argv)}
        log(f"  {engine} build {example.id}: {seconds:.1f} s ({'ok' if done.returncode == 0 else 'FAILED'})")
    return {"note": f"one build each with {engine} (the page's command; cache state as found)", "builds": results}
