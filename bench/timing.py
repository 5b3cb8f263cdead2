"""Time commands with hyperfine (wall clock), interleaved round by round.

Each command runs in its own directory (`cd dir && ...`): pymdownx.snippets resolves example
paths against the working directory, exactly as `mkdocs build` does at the repository root.
The machine is shared: load from other work comes and goes over minutes. Running all of A's
runs, then all of B's (hyperfine's own order) lets that drift into the A/B ratio, so each
round runs every command once, in alternating order, and ratios are taken round by round.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from .stats import Sample

QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1"}  # Material's banner is noise in a benchmark


def interleaved(commands: dict[str, tuple[Path, list[str]]], rounds: int, warmup: int = 1) -> dict[str, Sample]:
    """`rounds` rounds of every command once (order alternating); times[i] of each is round i."""
    labels = list(commands)
    times: dict[str, list[float]] = {label: [] for label in labels}
    cpu: dict[str, list[float]] = {label: [] for label in labels}
    for n in range(rounds):
        order = labels if n % 2 == 0 else labels[::-1]
        result = hyperfine({label: commands[label] for label in order}, runs=1, warmup=warmup if n == 0 else 0)
        for label in order:
            times[label] += result[label].times
            cpu[label] += result[label].cpu
    return {label: Sample(label, times[label], cpu[label]) for label in labels}


def hyperfine(commands: dict[str, tuple[Path, list[str]]], runs: int, warmup: int = 1) -> dict[str, Sample]:
    """Run each labelled (directory, argv) `runs` times after `warmup` untimed runs."""
    if shutil.which("hyperfine") is None:
        raise RuntimeError("hyperfine is not installed; `make bench` installs it with apt (make bench-deps)")
    with tempfile.TemporaryDirectory(prefix="bench-hf-") as tmp:
        export = Path(tmp) / "out.json"
        argv = ["hyperfine", "--runs", str(runs), "--warmup", str(warmup), "--style", "basic"]
        argv += ["--export-json", str(export)]
        labels = list(commands)
        for label in labels:
            directory, cmd = commands[label]
            argv += ["--command-name", label, f"cd {shlex.quote(str(directory))} && exec {shlex.join(cmd)}"]
        result = subprocess.run(argv, env={**os.environ, **QUIET_ENV}, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"hyperfine failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
        data = json.loads(export.read_text())
    # With one run per call, hyperfine's mean user and system time is that run's CPU time.
    return {
        label: Sample(label, list(r["times"]), [r["user"] + r["system"]] if runs == 1 else [])
        for label, r in zip(labels, data["results"])
    }


def peak_rss_mb(directory: Path, cmd: list[str]) -> float | None:
    """Peak resident memory of one run, from GNU time -v (None when /usr/bin/time is missing)."""
    if not Path("/usr/bin/time").exists():
        return None
    result = subprocess.run(
        ["/usr/bin/time", "-v", *cmd], cwd=directory, env={**os.environ, **QUIET_ENV}, capture_output=True, text=True
    )
    for line in result.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.rsplit(":", 1)[1]) / 1024
    return None


def mkdocs_build(python: str, site: Path) -> list[str]:
    return [python, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]


def zensical_build(zensical: str) -> list[str]:
    return [zensical, "build", "--clean"]  # --clean drops its cache: a cold build, like mkdocs
