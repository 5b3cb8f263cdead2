"""Temporary copies of the project, and edits to their mkdocs.yml.

Benchmarks never touch the working tree: each one builds or serves a copy in a temp dir.
mkdocs.yml is edited with ruamel's round-trip loader, which keeps the
`!!python/object/apply` slugify tag that a plain YAML dump would lose.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
# What a build may read. Anything else tracked by git (and not ignored) is copied too, so a
# new folder that mkdocs.yml points at (overrides/, hooks/, ...) needs no change here.
PARTS = ["mkdocs.yml", "docs", "data", "examples", "macros", "hooks", "overrides"]


def yaml() -> YAML:
    y = YAML(typ="rt")
    y.width = 4096  # never re-wrap long strings
    return y


def project_files() -> list[str]:
    """The repository's files as git sees them (tracked or new, not ignored); PARTS without git."""
    try:
        listed = (
            subprocess.run(
                ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                cwd=ROOT,
                capture_output=True,
                check=True,
            )
            .stdout.decode()
            .split("\0")
        )
    except (OSError, subprocess.CalledProcessError):
        return [str(p.relative_to(ROOT)) for part in PARTS for p in _walk(ROOT / part)]
    return [name for name in listed if name and (ROOT / name).is_file()]


def _walk(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts] if path.is_dir() else []


def copy_project(prefix: str, parent: Path | None = None) -> Path:
    """A fresh copy of the project's files in a new temp dir (the caller removes it).

    Not a git repository: plugins that read git history (git-revision-date-localized) fall back
    to the build date there, so their git calls are not part of the timings.
    """
    target = Path(tempfile.mkdtemp(prefix=f"bench-{prefix}-", dir=parent))
    for name in project_files():
        out = target / name
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, out)
    return target


def load_config(project: Path) -> Any:
    return yaml().load((project / "mkdocs.yml").read_text(encoding="utf-8"))


def save_config(project: Path, config: Any) -> None:
    out = io.StringIO()
    yaml().dump(config, out)
    (project / "mkdocs.yml").write_text(out.getvalue(), encoding="utf-8")


def plugin_names(config: Any) -> list[str]:
    return [p if isinstance(p, str) else next(iter(p)) for p in config.get("plugins", [])]


def remove_plugin(config: Any, name: str) -> None:
    config["plugins"] = [p for p in config.get("plugins", []) if (p if isinstance(p, str) else next(iter(p))) != name]


def macros_options(config: Any) -> Any:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "macros" in plugin:
            return plugin["macros"]
    raise KeyError("mkdocs.yml has no macros plugin")


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
