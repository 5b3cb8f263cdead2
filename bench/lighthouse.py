"""Lighthouse (mobile, its defaults: a mid-range phone on a slow 4G link, simulated) for every page.

Lighthouse is an npm package, installed once at a pinned version into .cache/lighthouse/ (the only
network use: `npm install`). It drives Debian's Chromium (--chrome-path) against the site served
by notekit/browser.py on 127.0.0.1 with gzip, as GitHub Pages sends it. Goal: each category >= 95.
Performance depends on the machine's load; read it next to the load average in the report header.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from notekit import browser

from .common import ROOT, build, copy_project

VERSION = "12.8.2"  # the last line that runs on Debian's Node 20 (13.x needs Node 22)
INSTALL = ROOT / ".cache" / "lighthouse"
CLI = INSTALL / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GOAL = 95


def install() -> Path:
    """The pinned Lighthouse CLI, installed with npm on first use."""
    package = INSTALL / "node_modules" / "lighthouse" / "package.json"
    if not package.is_file() or json.loads(package.read_text())["version"] != VERSION:
        if not shutil.which("npm"):
            raise RuntimeError("npm is missing: apt-get install npm (Lighthouse is an npm package)")
        INSTALL.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(INSTALL), f"lighthouse@{VERSION}"],
            check=True, capture_output=True,
        )  # fmt: skip
    return CLI


def audit(cli: Path, url: str) -> dict:
    """Scores (0-100) per category and the weighted audits that scored under 0.9."""
    argv = [
        "node", str(cli), url, f"--chrome-path={browser.CHROMIUM}",
        f"--chrome-flags=--headless=new {' '.join(browser.CHROMIUM_ARGS)}",
        f"--only-categories={','.join(CATEGORIES)}", "--output=json", "--output-path=stdout", "--quiet",
        "--disable-full-page-screenshot",
    ]  # fmt: skip
    result = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse {url}: {result.stderr[-1000:]}")
    report = json.loads(result.stdout)
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    weak = sorted(
        f"{name}: {ref['id']} {report['audits'][ref['id']].get('displayValue', '')}".strip()
        for name in CATEGORIES
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] and (report["audits"][ref["id"]]["score"] or 1) < 0.9
    )
    return {"scores": scores, "weak": weak}


def measure() -> dict:
    cli = install()
    project = copy_project("lighthouse")
    site = Path(tempfile.mkdtemp(prefix="bench-lighthouse-site-"))
    try:
        build(project, site)
        pages = sorted("" if p.parent == site else f"{p.parent.relative_to(site)}/" for p in site.rglob("index.html"))
        with browser.serve(site, browser.site_prefix(project), compress=True) as base:
            return {"version": VERSION, "pages": {path: audit(cli, base + path) for path in pages}}
    finally:
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)


def markdown(result: dict) -> str:
    lines = [
        f"## Lighthouse {result['version']} (mobile), every page",
        "",
        f"Goal: every category >= {GOAL}. Performance is simulated on a throttled phone and moves with the machine's load.",
        "",
        "| page | " + " | ".join(CATEGORIES) + " |",
        "|---|" + "---|" * len(CATEGORIES),
    ]
    below = []
    for path, page in result["pages"].items():
        cells = [f"**{s}**" if s < GOAL else str(s) for s in page["scores"].values()]
        lines.append(f"| /{path} | " + " | ".join(cells) + " |")
        if any(s < GOAL for s in page["scores"].values()):
            below.append(f"- /{path}: {'; '.join(page['weak']) or 'no single audit under 0.9'}")
    if below:
        lines += ["", "Under the goal (bold), with the audits that scored under 0.9:", "", *below]
    return "\n".join(lines)
