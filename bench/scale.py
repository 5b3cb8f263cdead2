"""A knowledge base N times the real one, generated into a copy of the project.

Copy k (2..N) gets its own chapter tree docs/c<k>/ (same pages, renamed), its own example
directories examples/<dir>-c<k>/ with catalogue entries in data/examples.yml, its own
principles (ids suffixed) in data/principles.yml, and a nav section. The copied pages call
the same macros on their own examples, so pages, examples and YAML entries grow together.
Instructions are not copied: their names must be the ones the Dockerfile parser knows.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

from . import project

FIRST_PORT = 20000  # published ports of generated examples: unique, above the real ones


def suffixed_nav(nav: Any, prefix: str) -> Any:
    """The nav with every local page path moved under `prefix`/."""
    if isinstance(nav, str):
        return nav if "://" in nav else f"{prefix}/{nav}"
    if isinstance(nav, list):
        return [suffixed_nav(item, prefix) for item in nav]
    if isinstance(nav, dict):
        return {key: suffixed_nav(value, prefix) for key, value in nav.items()}
    return nav


def rewrite_page(text: str, ids: list[str], contexts: list[str], suffix: str) -> str:
    """Point a copied page's macro calls and snippet paths at the copy's own examples."""
    for context in contexts:
        text = text.replace(f"{context}/", f"{context}-{suffix}/")
    if ids:
        pattern = re.compile(r"""(['"])(%s)\1""" % "|".join(map(re.escape, sorted(ids, key=len, reverse=True))))
        text = pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}-{suffix}{m.group(1)}", text)
    return text


def scale(target: Path, factor: int) -> dict[str, int]:
    """Grow the project copy at `target` to `factor` times its content, in place. Returns counts."""
    y = project.yaml()
    examples_path, principles_path = target / "data/examples.yml", target / "data/principles.yml"
    examples_doc = y.load(examples_path.read_text(encoding="utf-8"))
    principles_doc = y.load(principles_path.read_text(encoding="utf-8"))
    base_examples = list(examples_doc["examples"])
    base_principles = list(principles_doc["principles"])
    ids = [str(e["id"]) for e in base_examples]
    contexts = sorted({str(e["context"]) for e in base_examples})
    base_pages = sorted((target / "docs").rglob("*.md"))
    config = project.load_config(target)
    base_nav = copy.deepcopy(config["nav"])
    port = FIRST_PORT
    for k in range(2, factor + 1):
        suffix = f"c{k}"
        for context in contexts:
            shutil.copytree(target / context, target / f"{context}-{suffix}")
        for example in base_examples:
            new = copy.deepcopy(example)
            name, tag = str(example["image"]).rsplit(":", 1)
            new["id"] = f"{example['id']}-{suffix}"
            new["image"] = f"{name}-{suffix}:{tag}"
            new["context"] = f"{example['context']}-{suffix}"
            new["published_port"] = port
            port += 1
            examples_doc["examples"].append(new)
        for principle in base_principles:
            new = copy.deepcopy(principle)
            new["id"] = f"{principle['id']}-{suffix}"
            for check in new["checks"]:
                check["id"] = f"{check['id']}-{suffix}"
            principles_doc["principles"].append(new)
        for page in base_pages:
            rel = page.relative_to(target / "docs")
            out = target / "docs" / suffix / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(rewrite_page(page.read_text(encoding="utf-8"), ids, contexts, suffix), encoding="utf-8")
        for asset in (target / "docs").rglob("*"):  # images and other files a page may load
            rel = asset.relative_to(target / "docs")
            if asset.is_file() and asset.suffix != ".md" and not re.match(r"c\d+$", rel.parts[0]):
                (target / "docs" / suffix / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(asset, target / "docs" / suffix / rel)
        config["nav"].append({f"사본 {k}": suffixed_nav(base_nav, suffix)})
    with examples_path.open("w", encoding="utf-8") as out:
        y.dump(examples_doc, out)
    with principles_path.open("w", encoding="utf-8") as out:
        y.dump(principles_doc, out)
    project.save_config(target, config)
    return {
        "pages": sum(1 for _ in (target / "docs").rglob("*.md")),
        "examples": len(examples_doc["examples"]),
        "principles": len(principles_doc["principles"]),
    }
