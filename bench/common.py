"""What the figures share: a temp copy of the project, the build command, hyperfine, medians."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
QUIET = {"NO_MKDOCS_2_WARNING": "1"}  # Material's banner about MkDocs 2 is noise here
NO_SEGMENTATION = {"KOREAN_SEARCH": "false"}
CACHE_DIR = ".cache/korean-search"  # the Korean search's cache, relative to the project


def copy_project(name: str) -> Path:
    """The project's files (tracked or new, not ignored) copied to a new temp dir; the caller removes it.

    Not a git repository: git-revision-date-localized falls back to the build date, untimed git calls.
    """
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")
    target = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
    for path in filter(None, listed):
        if (ROOT / path).is_file():  # a deleted file is still listed until committed
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / path, target / path)
    return target


def build_argv(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)]


def build(project: Path, site_dir: Path) -> None:
    subprocess.run(build_argv(site_dir), cwd=project, env={**os.environ, **QUIET}, check=True)


@dataclass
class Command:
    """A command for hyperfine: run in `cwd` with extra `env`, after `prepare` (a shell line)."""

    cwd: Path
    argv: list[str]
    env: dict = field(default_factory=dict)
    prepare: str = "true"

    def shell(self) -> str:
        env = [f"{k}={shlex.quote(v)}" for k, v in self.env.items()]
        return f"cd {shlex.quote(str(self.cwd))} && exec env {' '.join(env)} {shlex.join(self.argv)}"


def alternating(commands: dict[str, Command], rounds: int) -> dict[str, dict[str, list[float]]]:
    """Wall and CPU seconds per command, one run of each per round, the order rotating every round.

    Load from other work on a shared machine comes and goes over minutes; hyperfine's own order
    (all runs of A, then all of B) lets that drift into an A/B ratio. Round i of every command
    saw about the same load, so ratios are taken round by round (paired()).
    """
    names = list(commands)
    times = {name: {"wall": [], "cpu": []} for name in names}
    with tempfile.TemporaryDirectory(prefix="bench-hyperfine-") as tmp:
        export = Path(tmp) / "out.json"
        for n in range(rounds):
            order = rotated(names, n)
            argv = ["hyperfine", "--runs", "1", "--warmup", "1" if n == 0 else "0", "--style", "none"]
            argv += ["--export-json", str(export)]
            for name in order:
                argv += ["--command-name", name, "--prepare", commands[name].prepare, commands[name].shell()]
            result = subprocess.run(argv, env={**os.environ, **QUIET}, capture_output=True, text=True)
            if result.returncode != 0:
                raise RuntimeError(f"hyperfine failed:\n{result.stderr[-3000:]}")
            for name, run in zip(order, json.loads(export.read_text())["results"]):
                times[name]["wall"] += run["times"]
                times[name]["cpu"].append(run["user"] + run["system"])  # one run: its own CPU time
    return times


def rotated(names: list[str], n: int) -> list[str]:
    """The names in round n's order: each starts a round in turn."""
    return names[n % len(names):] + names[: n % len(names)]


def peak_memory_mb(command: Command) -> float:
    """Peak resident memory of one run, from GNU time -v."""
    subprocess.run(["sh", "-c", command.prepare], check=True)
    result = subprocess.run(
        ["/usr/bin/time", "-v", *command.argv],
        cwd=command.cwd, env={**os.environ, **QUIET, **command.env}, capture_output=True, text=True,
    )
    for line in result.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.rsplit(":", 1)[1]) / 1024
    raise RuntimeError(f"/usr/bin/time -v printed no peak memory:\n{result.stderr[-2000:]}")


def paired(numerator: list[float], denominator: list[float]) -> float:
    """Median of the per-round ratios."""
    return median(a / b for a, b in zip(numerator, denominator, strict=True))


def spread(values: list[float], unit: float = 1.0, digits: int = 2) -> str:
    """'median (min–max)' in `unit` (1 for seconds, 0.001 for ms)."""
    low, mid, high = (f"{v / unit:.{digits}f}" for v in (min(values), median(values), max(values)))
    return f"{mid} ({low}–{high})"
