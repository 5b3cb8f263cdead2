"""Time commands with hyperfine (wall clock, several runs, one JSON export).

Each command runs in its own directory (`cd dir && ...`): pymdownx.snippets resolves example
paths against the working directory, exactly as `mkdocs build` does at the repository root.
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
    return {label: Sample(label, list(r["times"])) for label, r in zip(labels, data["results"])}


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
