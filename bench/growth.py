"""Growth: the site at 1x and 10x (100x on request) built with hyperfine; build time per page.

The generator copies each chapter folder (docs/docker/ -> docs/docker-c2/, ...) at the same depth,
so relative links still resolve under --strict, and adds a nav section per copy. Nothing else is
copied: site-level pages (home, about/) and the data exist once, so every page stays its size.
(An earlier generator copied the data too; its pages listing every principle grew as N squared.)
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from ruamel.yaml import YAML

from .common import Command, alternating, build_argv, copy_project, median, paired, spread

SITE_SECTIONS = {"about"}  # top-level nav folders that are about the site, not chapters


def moved(nav, old: str, new: str):
    """The nav (sub)tree with every page under old/ moved to new/."""
    if isinstance(nav, str):
        return new + nav[len(old):] if nav.startswith(old + "/") else nav
    if isinstance(nav, list):
        return [moved(item, old, new) for item in nav]
    return {title: moved(value, old, new) for title, value in nav.items()}


def scale(project: Path, factor: int) -> int:
    """Make the project at `project` `factor` times its chapters, in place; returns the page count."""
    yaml = YAML()  # round trip: keeps the !!python/object/apply slugify tag of mkdocs.yml
    yaml.width = 4096
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    chapters = []
    for item in config["nav"]:
        title, section = next(iter(item.items()))
        if isinstance(section, list) and isinstance(section[0], str) and "/" in section[0]:
            folder = section[0].split("/")[0]
            if folder not in SITE_SECTIONS:
                chapters.append((title, section, folder))
    for k in range(2, factor + 1):
        for title, section, folder in chapters:
            shutil.copytree(project / "docs" / folder, project / "docs" / f"{folder}-c{k}")
            config["nav"].append({f"{title} ({k})": moved(section, folder, f"{folder}-c{k}")})
    out = io.StringIO()
    yaml.dump(config, out)
    (project / "mkdocs.yml").write_text(out.getvalue(), encoding="utf-8")
    return sum(1 for _ in (project / "docs").rglob("*.md"))


def measure(factors: list[int], rounds: int) -> dict:
    projects = {f"{factor}x": copy_project(f"{factor}x") for factor in factors}
    sites = Path(tempfile.mkdtemp(prefix="bench-growth-site-"))
    try:
        pages = {size: scale(project, int(size[:-1])) for size, project in projects.items()}
        commands = {size: Command(project, build_argv(sites / size)) for size, project in projects.items()}
        times = alternating(commands, rounds)
        index_kib = {size: (sites / size / "search/search_index.json").stat().st_size / 1024 for size in projects}
        html_kib = {size: sum(p.stat().st_size for p in (sites / size).rglob("*.html")) / 1024 for size in projects}
    finally:
        for project in projects.values():
            shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(sites, ignore_errors=True)
    return {"rounds": rounds, "pages": pages, "times": times, "search_index_kib": index_kib, "html_kib": html_kib}


def markdown(result: dict) -> str:
    pages, times = result["pages"], result["times"]
    lines = [
        "## Growth (chapter folders copied N times)",
        "",
        f"{result['rounds']} rounds, one build of each size per round; seconds, median (min–max).",
        "",
        "| size | pages | wall s | CPU s | wall ms per page | HTML per page | search index |",
        "|---|---|---|---|---|---|---|",
    ]
    for size, n in pages.items():
        wall, cpu = times[size]["wall"], times[size]["cpu"]
        lines.append(
            f"| {size} | {n} | {spread(wall)} | {spread(cpu)} | {median(wall) / n * 1000:.0f} "
            f"| {result['html_kib'][size] / n:.1f} KiB | {result['search_index_kib'][size]:.0f} KiB |"
        )
    lines.append("")
    sizes = list(pages)
    for small, large in zip(sizes, sizes[1:]):
        per_page = {k: paired(times[large][k], times[small][k]) * pages[small] / pages[large] for k in ("wall", "cpu")}
        added = (median(times[large]["wall"]) - median(times[small]["wall"])) / (pages[large] - pages[small])
        lines.append(
            f"- build time per page, {large} / {small}: **{per_page['wall']:.2f}** wall, {per_page['cpu']:.2f} CPU "
            f"(paired); each page added costs {added * 1000:.0f} ms wall"
        )
    return "\n".join(lines)
