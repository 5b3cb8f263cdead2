"""Build times at 1x, 10x and 100x: the real site, its macro-free twin, and Zensical on the twin.

For each size: a project copy (scaled by bench/scale.py), its twin (bench/plain.py), then one
hyperfine session over the three builds. Also times one load_catalogue() call in that copy,
since that is what every macro call pays.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import plain, project, scale, timing
from .stats import Sample, paired_cpu_ratio, paired_ratio, ratio, ratio_of_minima

CATALOGUE_PROBE = """\
import statistics, sys, time
from macros.loader import load_catalogue
load_catalogue()
times = []
for _ in range(int(sys.argv[1])):
    start = time.perf_counter(); load_catalogue(); times.append(time.perf_counter() - start)
print(statistics.median(times))
"""


@dataclass
class SizeResult:
    factor: int
    pages: int
    examples: int
    principles: int
    samples: dict[str, Sample]
    catalogue_call_s: float
    peak_rss_mb: dict[str, float | None] = field(default_factory=dict)
    events: dict = field(default_factory=dict)  # bench/events.py: seconds per event handler
    html_bytes: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def macro_ratio(self) -> float:
        """Median of the per-round ratios: the headline figure."""
        return paired_ratio(self.samples["mkdocs+macros"], self.samples["mkdocs plain"])

    @property
    def macro_ratio_of_medians(self) -> float:
        return ratio(self.samples["mkdocs+macros"], self.samples["mkdocs plain"])

    @property
    def macro_ratio_min(self) -> float:
        return ratio_of_minima(self.samples["mkdocs+macros"], self.samples["mkdocs plain"])

    @property
    def overhead_per_page(self) -> float:
        """What the macros add per page: (macros - plain) medians over the page count."""
        return (self.samples["mkdocs+macros"].median - self.samples["mkdocs plain"].median) / self.pages

    def per_page(self, label: str = "mkdocs+macros") -> float:
        return self.samples[label].median / self.pages

    def as_dict(self) -> dict:
        return {
            "factor": self.factor,
            "pages": self.pages,
            "examples": self.examples,
            "principles": self.principles,
            "catalogue_call_s": self.catalogue_call_s,
            "peak_rss_mb": self.peak_rss_mb,
            "events": self.events,
            "html_bytes": self.html_bytes,
            "macro_overhead_per_page_s": self.overhead_per_page,
            "macro_ratio": self.macro_ratio,
            "macro_ratio_of_medians": self.macro_ratio_of_medians,
            "macro_cpu_ratio": paired_cpu_ratio(self.samples["mkdocs+macros"], self.samples["mkdocs plain"]),
            "cpu_per_page_s": {
                label: statistics.median(s.cpu) / self.pages for label, s in self.samples.items() if s.cpu
            },
            "zensical_ratio": (
                paired_ratio(self.samples["zensical plain"], self.samples["mkdocs plain"])
                if "zensical plain" in self.samples
                else None
            ),
            "macro_ratio_of_minima": self.macro_ratio_min,
            "per_page_s": {label: self.per_page(label) for label in self.samples},
            "samples": {label: s.as_dict() for label, s in self.samples.items()},
            "notes": self.notes,
        }


def catalogue_call(copy: Path, calls: int = 5) -> float:
    """Median seconds of one load_catalogue() call, in the copy's own macros and data."""
    result = subprocess.run(
        [sys.executable, "-c", CATALOGUE_PROBE, str(calls)], cwd=copy, capture_output=True, text=True, check=True
    )
    return float(result.stdout.strip())


def event_seconds(copy: Path) -> dict:
    """One extra build of `copy`, in-process with every plugin and hook event handler timed (bench/events.py)."""
    with tempfile.TemporaryDirectory(prefix="bench-events-") as site:
        result = subprocess.run(
            [sys.executable, str(Path(__file__).with_name("events.py")), "--site-dir", site],
            cwd=copy,
            env={**os.environ, **timing.QUIET_ENV},
            capture_output=True,
            text=True,
        )
    try:
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):  # an auxiliary figure: say why, keep the size's timings
        print(f"  event timing unavailable (exit {result.returncode}): {result.stderr[-500:]}", flush=True)
        return {}


# Largest size Zensical is run at (default: all). zensical 0.0.73 was OOM-killed after 24 GB on an
# earlier generator's 100x site, whose content grew as N squared; on today's it needs about 0.55 GB.
ZENSICAL_MAX_FACTOR = int(os.environ.get("BENCH_ZENSICAL_MAX", 1000))


def zensical_bin() -> str | None:
    candidate = Path(sys.executable).with_name("zensical")
    return str(candidate) if candidate.exists() else shutil.which("zensical")


def measure(factor: int, runs: int, keep_site: Path | None = None, log=print) -> SizeResult:
    """Time the three builds at `factor` times the real content; optionally keep the real build."""
    real = project.copy_project(f"x{factor}")
    twin = real.with_name(real.name + "-plain")
    try:
        counts = (
            scale.scale(real, factor)
            if factor > 1
            else {
                "pages": plain.page_count(real),
                "examples": len(project.yaml().load((real / "data/examples.yml").read_text())["examples"]),
                "principles": len(project.yaml().load((real / "data/principles.yml").read_text())["principles"]),
            }
        )
        log(f"  {factor}x: {counts['pages']} pages, {counts['examples']} examples; rendering the macro-free twin")
        plain.make_plain(real, twin)
        commands = {
            "mkdocs+macros": (real, timing.mkdocs_build(sys.executable, real / "site")),
            "mkdocs plain": (twin, timing.mkdocs_build(sys.executable, twin / "site-mkdocs")),
        }
        notes = []
        zensical = zensical_bin()
        if zensical and factor > ZENSICAL_MAX_FACTOR:
            notes.append(
                f"Zensical skipped above {ZENSICAL_MAX_FACTOR}x (BENCH_ZENSICAL_MAX)"
            )
        elif zensical:
            commands["zensical plain"] = (twin, timing.zensical_build(zensical))
            if project.load_config(twin).get("hooks"):
                notes.append(
                    "Zensical reads the twin's mkdocs.yml unchanged but does not run MkDocs hooks, so it skips "
                    "hooks/leftovers.py and hooks/snippet_paths.py (checks): less work"
                )
        else:
            notes.append("zensical not installed: no Zensical column (pip install -r requirements-bench.txt)")
        log(f"  {factor}x: hyperfine, {runs} interleaved rounds of {', '.join(commands)}")
        samples = timing.interleaved(commands, rounds=runs)
        rss = {
            label: timing.peak_rss_mb(directory, cmd)
            for label, (directory, cmd) in commands.items()
            if label.startswith("mkdocs")
        }  # one extra run each under GNU time -v
        events = event_seconds(real)
        html = sum(p.stat().st_size for p in (real / "site").rglob("*.html"))
        if keep_site is not None:  # the last timed build of the real site, for page weight and search
            shutil.rmtree(keep_site, ignore_errors=True)
            shutil.move(real / "site", keep_site)
        return SizeResult(
            factor,
            counts["pages"],
            counts["examples"],
            counts["principles"],
            samples,
            catalogue_call(real),
            rss,
            events,
            html,
            notes,
        )
    finally:
        project.remove(real)
        project.remove(twin)
