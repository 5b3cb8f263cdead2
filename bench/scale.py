"""A knowledge base N times the real one, generated into a copy of the project.

What grows is what a real knowledge base grows by: chapters. Copy k (2..N) of every chapter
(a top-level nav section whose pages live in one docs/ directory, e.g. docker/) goes to
docs/c<k>/<dir>/ with its own nav section, its own example directories examples/<dir>-c<k>/
with catalogue entries in data/examples.yml, and its own principles (ids suffixed) in
data/principles.yml. The copied pages call the same macros on their own examples and list
their own principles, so pages, examples and YAML entries grow together and each page stays
the size it was (the real chapter's principles page, too, then lists only its own).
Site-level pages (home, about/, the tags index) are not copied: a site has one of each, and
copies of an index that lists every page would grow as N squared.
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


def nav_pages(nav: Any) -> list[str]:
    """Every local page path in a nav (sub)tree."""
    if isinstance(nav, str):
        return [] if "://" in nav else [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    return []


def chapters(nav: list, site_dirs: tuple[str, ...] = ("about",)) -> dict[str, tuple[str, Any]]:
    """Top-level nav sections whose pages all sit in one docs/ directory: {dir: (title, section)}."""
    found = {}
    for item in nav:
        if not isinstance(item, dict) or not isinstance(next(iter(item.values())), list):
            continue
        title, section = next(iter(item.items()))
        dirs = {page.split("/")[0] if "/" in page else "" for page in nav_pages(section)}
        if len(dirs) == 1 and not dirs & {"", *site_dirs}:
            found[dirs.pop()] = (title, section)
    return found


def rewrite_page(text: str, ids: list[str], contexts: list[str], principle_ids: list[str], suffix: str) -> str:
    """Point a copied page's macro calls and snippet paths at the copy's own examples and principles."""
    for context in contexts:
        text = text.replace(f"{context}/", f"{context}-{suffix}/")
    if ids:
        pattern = re.compile(r"""(['"])(%s)\1""" % "|".join(map(re.escape, sorted(ids, key=len, reverse=True))))
        text = pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}-{suffix}{m.group(1)}", text)
    return own_principles(text, [f"{p}-{suffix}" for p in principle_ids])


def own_principles(text: str, principle_ids: list[str]) -> str:
    """A page's principles_table() call narrowed to its chapter's principles."""
    return text.replace("principles_table()", f"principles_table({', '.join(map(repr, principle_ids))})")


def scale(target: Path, factor: int) -> dict[str, int]:
    """Grow the project copy at `target` to `factor` times its chapters, in place. Returns counts."""
    y = project.yaml()
    examples_path, principles_path = target / "data/examples.yml", target / "data/principles.yml"
    examples_doc = y.load(examples_path.read_text(encoding="utf-8"))
    principles_doc = y.load(principles_path.read_text(encoding="utf-8"))
    base_examples = list(examples_doc["examples"])
    base_principles = list(principles_doc["principles"])
    ids = [str(e["id"]) for e in base_examples]
    principle_ids = [str(p["id"]) for p in base_principles]
    contexts = sorted({str(e["context"]) for e in base_examples})
    config = project.load_config(target)
    found = chapters(config["nav"])
    if not found:
        raise ValueError("mkdocs.yml nav has no chapter (a section whose pages share one docs/ directory)")
    base_files = {d: sorted(p for p in (target / "docs" / d).rglob("*") if p.is_file()) for d in found}
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
        for directory, (title, section) in found.items():
            for source in base_files[directory]:
                out = target / "docs" / suffix / source.relative_to(target / "docs")
                out.parent.mkdir(parents=True, exist_ok=True)
                if source.suffix == ".md":
                    text = source.read_text(encoding="utf-8")
                    out.write_text(rewrite_page(text, ids, contexts, principle_ids, suffix), encoding="utf-8")
                else:  # images and other files a page may load
                    shutil.copy2(source, out)
            config["nav"].append({f"{title} (사본 {k})": suffixed_nav(section, suffix)})
    if factor > 1:
        # Now that the copies are made from it, the real chapter lists only its own principles too:
        # one page listing all 600 is past Zensical's search-index limit for a section, and no
        # chapter of a real site would list the other chapters' principles.
        for directory in found:
            for page in (p for p in base_files[directory] if p.suffix == ".md"):
                page.write_text(own_principles(page.read_text(encoding="utf-8"), principle_ids), encoding="utf-8")
    with examples_path.open("w", encoding="utf-8") as out:
        y.dump(examples_doc, out)
    with principles_path.open("w", encoding="utf-8") as out:
        y.dump(principles_doc, out)
    project.save_config(target, config)
    return {
        "pages": sum(1 for _ in (target / "docs").rglob("*.md")),
        "chapter_pages": sum(1 for d in found for p in base_files[d] if p.suffix == ".md"),
        "examples": len(examples_doc["examples"]),
        "principles": len(principles_doc["principles"]),
    }
