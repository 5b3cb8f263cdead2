"""The macro-free twin of a project: the same pages with every macro call already rendered.

A capture module wraps the project's own `define_env` and, through mkdocs-macros'
`on_post_page_macros` hook, writes each page's Markdown after Jinja ran. The twin holds that
Markdown and a mkdocs.yml without the macros plugin, so plain MkDocs builds the same site:
the build-time difference between the two is what the macros cost.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.utils.meta import YAML_RE

from . import project

CAPTURE_MODULE = "bench_capture"
CAPTURE_SOURCE = '''\
"""Written by bench/plain.py: the project's macro module, plus a hook that saves rendered Markdown."""
import os
from pathlib import Path

import macros as _project

OUT = Path(os.environ["BENCH_CAPTURE_DIR"])

# Every hook mkdocs-macros looks for in a module, passed through unchanged.
define_env = _project.define_env
if hasattr(_project, "on_pre_page_macros"):
    on_pre_page_macros = _project.on_pre_page_macros
if hasattr(_project, "on_post_build"):
    on_post_build = _project.on_post_build


def on_post_page_macros(env):
    if hasattr(_project, "on_post_page_macros"):
        _project.on_post_page_macros(env)
    target = OUT / env.page.file.src_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(env.markdown, encoding="utf-8")
'''


def capture(source: Path, out: Path) -> None:
    """Build `source` once with the capture hook; rendered pages land in `out` (docs layout)."""
    (source / f"{CAPTURE_MODULE}.py").write_text(CAPTURE_SOURCE, encoding="utf-8")
    config = project.load_config(source)
    project.macros_options(config)["module_name"] = CAPTURE_MODULE
    save_config(source, config)
    site = source / ".capture-site"
    env = {**os.environ, "BENCH_CAPTURE_DIR": str(out)}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    result = subprocess.run(cmd, cwd=source, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"capture build failed in {source}:\n{result.stderr[-3000:]}")
    shutil.rmtree(site, ignore_errors=True)


def save_config(source: Path, config) -> None:
    project.save_config(source, config)


def make_plain(source: Path, target: Path) -> Path:
    """Write the macro-free twin of the project at `source` into `target` and return it."""
    work = target.with_name(target.name + ".capture")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work, ignore=shutil.ignore_patterns("__pycache__", "site"))
    rendered = target.with_name(target.name + ".rendered")
    shutil.rmtree(rendered, ignore_errors=True)
    try:
        capture(work, rendered)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "site"))
        docs = target / "docs"
        for page in rendered.rglob("*.md"):
            # mkdocs-macros sees the page without its front matter (title, hide, ...): put it back.
            original = docs / page.relative_to(rendered)
            front = YAML_RE.match(original.read_text(encoding="utf-8"))
            body = page.read_text(encoding="utf-8")
            original.write_text((front.group(0) if front else "") + body, encoding="utf-8")
        config = project.load_config(target)
        project.remove_plugin(config, "macros")
        if "watch" in config:  # plain MkDocs refuses a watch path that does not exist
            config["watch"] = [w for w in config["watch"] if w != "macros"]
        project.save_config(target, config)
        shutil.rmtree(target / "macros", ignore_errors=True)  # proves nothing still imports them
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(rendered, ignore_errors=True)


def page_count(project_dir: Path) -> int:
    return sum(1 for _ in (project_dir / "docs").rglob("*.md"))


if __name__ == "__main__":  # python -m bench.plain: make a twin of the real project and say where
    src = project.copy_project("real")
    out = make_plain(src, src.with_name(src.name + "-plain"))
    print(src, out, sep="\n")
    os.sys.exit(0)
