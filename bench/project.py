"""Temporary copies of the project, and edits to their mkdocs.yml.

Benchmarks never touch the working tree: each one builds or serves a copy in a temp dir.
mkdocs.yml is edited with ruamel's round-trip loader, which keeps the
`!!python/object/apply` slugify tag that a plain YAML dump would lose.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
# What a build reads: the config, pages, YAML, example files, macros and MkDocs hooks.
PARTS = ["mkdocs.yml", "docs", "data", "examples", "macros", "hooks"]


def yaml() -> YAML:
    y = YAML(typ="rt")
    y.width = 4096  # never re-wrap long strings
    return y


def copy_project(prefix: str, parts: list[str] = PARTS, parent: Path | None = None) -> Path:
    """A fresh copy of the project's build inputs in a new temp dir (the caller removes it)."""
    target = Path(tempfile.mkdtemp(prefix=f"bench-{prefix}-", dir=parent))
    ignore = shutil.ignore_patterns("__pycache__")
    for part in parts:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, target / part)
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
