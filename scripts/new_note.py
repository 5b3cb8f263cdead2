"""Create a new note page from a template and add it to the nav in mkdocs.yml.

    make new-note CHAPTER=docker SLUG=volumes TITLE="볼륨"
    make new-note CHAPTER=k8s SLUG=pods TITLE="파드" CHAPTER_TITLE="2장 쿠버네티스"

The nav is edited with ruamel.yaml's round-trip mode, so comments, quoting and the
`!!python/object/apply` tag in mkdocs.yml survive unchanged; only the new entry is added.
"""

from __future__ import annotations

import argparse
import io
import re
import string
import sys
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

ROOT = Path(__file__).resolve().parent.parent
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# The marker test_contrib.py looks for: a page that still has it was never written.
PLACEHOLDER = "<!-- 새 노트: 이 주석과 안내 문단을 지우고 본문을 쓴다 -->"
ABOUT_PREFIX = "about/"  # the "이 사이트에 대해" section stays last

TEMPLATES = Path(__file__).resolve().parent / "templates"  # note.md, chapter.md: string.Template ($title, ...)


def render(template: str, **values: str) -> str:
    return string.Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(placeholder=PLACEHOLDER, **values)


def chapter_tags(index: Path) -> list[str]:
    """The tags of a chapter's index page (a new note starts with them), read from its front matter."""
    text = index.read_text(encoding="utf-8") if index.is_file() else ""
    if not text.startswith("---\n"):
        return []
    front = YAML(typ="safe").load(text[4 : text.index("\n---", 4)]) or {}
    return list(front.get("tags") or [])


class ScaffoldError(Exception):
    pass


def yaml_rt() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout mkdocs.yml already uses
    return yaml


def entry_paths(item) -> list[str]:
    """Every page path inside one nav item (a string, {title: path} or {title: [items]})."""
    if isinstance(item, str):
        return [item]
    paths = []
    for value in item.values():
        if isinstance(value, str):
            paths.append(value)
        else:
            for child in value:
                paths += entry_paths(child)
    return paths


def chapter_section(nav: CommentedSeq, chapter: str) -> CommentedSeq | None:
    """The children of the nav section whose pages live in docs/<chapter>/."""
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            children = next(iter(item.values()))
            if isinstance(children, list) and any(p.startswith(f"{chapter}/") for p in entry_paths(item)):
                return children
    return None


def add_to_nav(config_text: str, chapter: str, page: str, title: str, chapter_title: str | None) -> str:
    yaml = yaml_rt()
    config = yaml.load(config_text)
    nav = config.get("nav")
    if nav is None:
        raise ScaffoldError("mkdocs.yml has no nav; add the page by hand")
    if page in [p for item in nav for p in entry_paths(item)]:
        raise ScaffoldError(f"{page} is already in the nav")
    children = chapter_section(nav, chapter)
    if children is None:
        if not chapter_title:
            raise ScaffoldError(
                f"no nav section holds docs/{chapter}/ yet; give CHAPTER_TITLE (e.g. \"2장 쿠버네티스\") to create one"
            )
        section = CommentedMap({chapter_title: CommentedSeq([f"{chapter}/index.md"])})
        about = next((i for i, item in enumerate(nav) if any(p.startswith(ABOUT_PREFIX) for p in entry_paths(item))), len(nav))
        nav.insert(about, section)
        children = section[chapter_title]
    children.append(CommentedMap({title: page}))
    out = io.StringIO()
    yaml.dump(config, out)
    return out.getvalue()


def scaffold(root: Path, chapter: str, slug: str, title: str, chapter_title: str | None = None) -> list[Path]:
    """Write the page (and the chapter index if the chapter is new), then add it to the nav."""
    if not SLUG.match(chapter) or not SLUG.match(slug):
        raise ScaffoldError("CHAPTER and SLUG take lower-case letters, digits and single hyphens (e.g. docker, multi-stage)")
    if not title.strip():
        raise ScaffoldError("TITLE is empty")
    page = f"{chapter}/{slug}.md"
    target = root / "docs" / page
    if target.exists():
        raise ScaffoldError(f"docs/{page} already exists")
    config_path = root / "mkdocs.yml"
    new_config = add_to_nav(config_path.read_text(encoding="utf-8"), chapter, page, title.strip(), chapter_title)
    created = []
    index = root / "docs" / chapter / "index.md"
    if not index.exists():
        if not chapter_title:
            raise ScaffoldError(f"docs/{chapter}/index.md is missing; give CHAPTER_TITLE to create the chapter")
        index.parent.mkdir(parents=True, exist_ok=True)
        index.write_text(render("chapter.md", title=chapter_title), encoding="utf-8")
        created.append(index)
    tags = "".join(f"\n  - {tag}" for tag in chapter_tags(index)) or " []"
    target.write_text(render("note.md", title=title.strip(), tags=tags), encoding="utf-8")
    created.append(target)
    config_path.write_text(new_config, encoding="utf-8")
    return created


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create docs/<chapter>/<slug>.md and add it to the nav.")
    parser.add_argument("--chapter", required=True, help="folder under docs/, e.g. docker")
    parser.add_argument("--slug", required=True, help="file name without .md, e.g. volumes")
    parser.add_argument("--title", required=True, help="page title shown in the nav, e.g. 볼륨")
    parser.add_argument("--chapter-title", default=None, help="nav title of a new chapter, e.g. '2장 쿠버네티스'")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        created = scaffold(args.root, args.chapter, args.slug, args.title, args.chapter_title)
    except ScaffoldError as error:
        print(f"new-note: {error}", file=sys.stderr)
        return 1
    for path in created:
        print(f"created {path.relative_to(args.root)}")
    print("added to the nav in mkdocs.yml")
    print("next: write the page, remove the placeholder comment, then run `make serve` and `make test`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
