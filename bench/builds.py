"""Whole builds with hyperfine: the site as is, with a cold search cache, and without Korean segmentation.

All three run in one copy of the project, one build of each per round (bench/common.py). The
cache of the Korean search lives in .cache/korean-search/; "cold" deletes it before its build.
Then one more build of each under GNU time -v for peak memory.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from .common import (
    CACHE_DIR, NO_SEGMENTATION, Command, alternating, build_argv, copy_project, paired, peak_memory_mb, spread,
)

ZWSP = "\u200b"  # what the segmentation puts into the search index


def measure(rounds: int) -> dict:
    project = copy_project("builds")
    sites = Path(tempfile.mkdtemp(prefix="bench-builds-site-"))
    try:
        commands = {
            "as is (warm cache)": Command(project, build_argv(sites / "warm")),
            "cold cache": Command(project, build_argv(sites / "cold"), prepare=f"rm -rf '{project / CACHE_DIR}'"),
            "no segmentation": Command(project, build_argv(sites / "plain"), env=NO_SEGMENTATION),
        }
        times = alternating(commands, rounds)
        memory = {name: peak_memory_mb(command) for name, command in commands.items()}
        problems = sanity(sites)
        has_cache = (project / CACHE_DIR).is_dir()
    finally:
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(sites, ignore_errors=True)
    return {"rounds": rounds, "times": times, "peak_memory_mb": memory, "problems": problems, "has_cache": has_cache}


def sanity(sites: Path) -> list[str]:
    """Check that the variants differ as they claim to; a failure is printed and shown in the report."""
    segmented, plain = (
        " ".join(doc["text"] for doc in json.loads((sites / name / "search/search_index.json").read_bytes())["docs"])
        for name in ("warm", "plain")
    )
    problems = []
    if ZWSP not in segmented:
        problems.append("the site as is has no U+200B in its search index: segmentation did not run")
    if ZWSP in plain:
        problems.append("KOREAN_SEARCH=false still segmented the index: the 'no segmentation' build is not one")
    for problem in problems:
        print(f"ERROR (bench sanity check): {problem}", file=sys.stderr)
    return problems


def markdown(result: dict) -> str:
    times, memory = result["times"], result["peak_memory_mb"]
    warm = times["as is (warm cache)"]
    lines = [
        "## Whole builds (`mkdocs build --strict`, hyperfine)",
        "",
        f"{result['rounds']} rounds, one build of each per round in rotating order; seconds, median (min–max).",
        "",
        "| build | wall s | CPU s | vs as is, wall (paired) | vs as is, CPU (paired) | peak memory |",
        "|---|---|---|---|---|---|",
    ]
    for name, t in times.items():
        lines.append(
            f"| {name} | {spread(t['wall'])} | {spread(t['cpu'])} | {paired(t['wall'], warm['wall']):.2f} "
            f"| {paired(t['cpu'], warm['cpu']):.2f} | {memory[name]:.0f} MB |"
        )
    plain = times["no segmentation"]
    lines += [
        "",
        f"With/without Korean segmentation: **{paired(warm['wall'], plain['wall']):.2f}** wall, "
        f"{paired(warm['cpu'], plain['cpu']):.2f} CPU; peak memory "
        f"{memory['as is (warm cache)'] / memory['no segmentation']:.2f}.",
    ]
    if not result["has_cache"]:
        lines.append(f"- no {CACHE_DIR}/ after a build: the Korean search keeps no cache here, so warm = cold.")
    lines += [f"- **sanity check failed**: {problem}" for problem in result["problems"]]
    return "\n".join(lines)
