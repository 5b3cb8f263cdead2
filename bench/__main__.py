"""`python -m bench`: run the figures, print the report, write bench-report.md and bench-report.json.

One module per figure, each with measure() -> dict and markdown(dict) -> str. A figure that
fails is reported as failed and the others still run; the exit code is then 1.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
import traceback
from importlib import metadata
from pathlib import Path

from macros.data import load_file
from macros.sizes import human
from notekit.browser import CHROMIUM

from . import builds, growth, hotspots, lighthouse, reader, reload
from .common import ROOT

FIGURES = ["builds", "hotspots", "growth", "reload", "reader", "lighthouse"]


def first_line(argv: list[str]) -> str:
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return f"{argv[0]} missing"


def header() -> str:
    packages = ["mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "kiwipiepy", "playwright"]
    versions = [f"{name} {metadata.version(name)}" for name in packages]
    versions += [first_line(["hyperfine", "--version"]), first_line([CHROMIUM, "--version"])]
    commit = first_line(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"# Benchmark report, {now}\n\n"
        f"Commit {commit}; {os.cpu_count()} cores, load average at start {os.getloadavg()[0]:.1f}. "
        f"{', '.join(versions)}.\nThe machine may be shared: read medians and paired ratios, not single runs."
    )


def image_sizes() -> str:
    """The example images' sizes as `make sizes` measured them (data/measurements.yml)."""
    data = load_file("measurements")
    sizes = ", ".join(f"{image.image} {human(image.size_bytes)}" for image in data.images)
    return f"## Example images\n\nFrom data/measurements.yml (`make sizes`, {data.measured_on}): {sizes}."


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(FIGURES), help="comma-separated figures (default: all of them)")
    parser.add_argument("--rounds", type=int, default=7, help="rounds of whole builds (default 7)")
    parser.add_argument("--sizes", default="1,10", help="growth sizes, e.g. 1,10,100 (100x: about a minute a build)")
    parser.add_argument("--growth-rounds", type=int, default=5)
    parser.add_argument("--reload-rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-report", help="writes OUT.md and OUT.json")
    args = parser.parse_args()
    runs = {
        "builds": lambda: builds.measure(args.rounds),
        "hotspots": hotspots.measure,
        "growth": lambda: growth.measure([int(size) for size in args.sizes.split(",")], args.growth_rounds),
        "reload": lambda: reload.measure(args.reload_rounds),
        "reader": reader.measure,
        "lighthouse": lighthouse.measure,
    }
    sections, results, failed = [header()], {}, []
    for name in args.only.split(","):
        print(f"== {name}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            results[name] = runs[name]()
            sections.append(sys.modules[f"bench.{name}"].markdown(results[name]))
        except Exception as error:  # report it and go on: one broken figure must not hide the others
            traceback.print_exc()
            failed.append(name)
            sections.append(f"## {name}: FAILED\n\n```\n{str(error)[-2000:]}\n```")
        print(f"   {name} took {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    sections.append(image_sizes())
    text = "\n\n".join(filter(None, sections)) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    print(text)
    args.out.with_suffix(".md").write_text(text, encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"written: {args.out.with_suffix('.md')} and {args.out.with_suffix('.json')}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
