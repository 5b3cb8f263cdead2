"""A throw-away copy of the project, and the real commands run against it.

Every bad-input case mutates a copy in tmp_path; the real tree is never touched.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

# What a build reads. hooks/ holds the MkDocs hooks named in mkdocs.yml.
COPIED = ["mkdocs.yml", "docs", "data", "examples", "macros", "scripts", "hooks", "overrides"]


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore, symlinks=True)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


@dataclass
class Run:
    returncode: int
    output: str  # stdout and stderr together, as a contributor sees them in the terminal

    @property
    def lines(self) -> list[str]:
        return self.output.splitlines()


def build(root: Path) -> Run:
    """The real `make build`: scripts/build_site.py (strict mkdocs build, swap into site/ on success)."""
    result = subprocess.run(
        [sys.executable, "-m", "scripts.build_site"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    return Run(result.returncode, result.stdout)
