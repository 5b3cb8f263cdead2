"""`python -m bench`: run every benchmark, print the table, write bench-report.md and .json.

Parts: builds at 1x/10x/100x (macros vs plain vs Zensical), reload latency under serve,
reader side (page weight, search index, search latency in Chromium), example images.
A part that fails is reported as failed and the run goes on; the exit code is then 1.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from importlib import metadata
from pathlib import Path

from . import builds, examples, reload, report, search, weight
from .project import ROOT


def _version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "missing"


def meta(args) -> dict:
    packages = ["mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "zensical", "playwright"]
    versions = []
    for name in packages:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} missing")
    versions += [_version(["hyperfine", "--version"]), _version(["/usr/bin/chromium", "--version"])]
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, load average at start {os.getloadavg()[0]:.1f}",
        "versions": ", ".join(versions),
        "runs": f"{args.runs} (100x: {args.large_runs}), 1 warm-up",
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default="1,10,100", help="content multipliers to build (default 1,10,100)")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 10)))  # 1x and 10x builds take seconds
    parser.add_argument(
        "--large-runs",
        type=int,
        default=int(os.environ.get("BENCH_LARGE_RUNS", 3)),
        help="runs at sizes of 100x and more (each build takes about a minute)",
    )
    parser.add_argument("--reload-rounds", type=int, default=5)
    parser.add_argument("--search-rounds", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "bench-report"), help="writes OUT.md and OUT.json")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: builds,reload,reader,examples")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    results: dict = {"meta": meta(args)}
    failed: list[str] = []
    sites = Path(tempfile.mkdtemp(prefix="bench-sites-"))

    def part(name: str, run) -> None:
        if name in skip:
            return
        print(f"== {name}", flush=True)
        try:
            results[name] = run()
        except Exception as error:  # report and carry on: one broken part must not hide the others
            traceback.print_exc()
            failed.append(f"{name}: {error}")

    def run_builds() -> list[dict]:
        rows = []
        for factor in map(int, args.sizes.split(",")):
            runs = args.large_runs if factor >= 100 else args.runs
            try:
                rows.append(builds.measure(factor, runs, keep_site=sites / f"{factor}x").as_dict())
            except Exception as error:  # one size failing keeps the other sizes' rows
                traceback.print_exc()
                failed.append(f"builds {factor}x: {error}")
        return rows

    def run_reader() -> dict:
        site = sites / "1x"
        if not site.exists():  # builds were skipped: build the real site once
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                cwd=ROOT,
                check=True,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
        data = {"weight": weight.summary(site), "index_sizes": {}, "search": {}}
        for built in sorted(sites.iterdir(), key=lambda p: int(p.name[:-1])):
            index = built / "search" / "search_index.json"
            data["index_sizes"][built.name] = index.stat().st_size if index.exists() else None
        for built in [site, *[p for p in sites.iterdir() if p.name == "100x"]]:
            try:
                result = search.measure(built, args.search_rounds)
                data["search"][built.name] = {**result, "warm": result["warm"].as_dict()}
            except Exception as error:
                traceback.print_exc()
                data["search"][built.name] = {"error": str(error)}
                failed.append(f"search {built.name}: {error}")
        return data

    try:
        part("builds", run_builds)
        part("reload", lambda: {k: s.as_dict() for k, s in reload.measure(args.reload_rounds).items()})
        part("reader", run_reader)
        part("examples", lambda: {"measurements": examples.measurements(), "build": examples.timed_builds()})
    finally:
        shutil.rmtree(sites, ignore_errors=True)
    results["failed"] = failed
    text = report.render(results)
    if failed:
        text += "\n## Failed parts\n\n" + "\n".join(f"- {f}" for f in failed) + "\n"
    out = Path(args.out)
    out.with_suffix(".md").write_text(text.rstrip("\n") + "\n", encoding="utf-8")  # one final newline
    out.with_suffix(".json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("\n" + text)
    print(f"\nwritten: {out.with_suffix('.md')} and {out.with_suffix('.json')}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
