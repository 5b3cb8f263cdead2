"""The benchmark compares like with like: the macro-free twin builds the same HTML, and the
scaled knowledge base is a valid strict build. (No timing here: `make bench` prints those.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import plain, project, scale

# Outside git, git-revision-date-localized shows the build time: the only part that may differ.
BUILD_TIME = re.compile(rb'(git-revision-date-localized-plugin-date" title=")[^"]*"')
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(directory: Path, site: Path) -> None:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    result = subprocess.run(cmd, cwd=directory, env=ENV, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]


def html(path: Path) -> bytes:
    return BUILD_TIME.sub(rb"\1\"", path.read_bytes())


@pytest.fixture
def copy(tmp_path):
    return project.copy_project("test", parent=tmp_path)


def test_macro_free_twin_builds_the_same_html(copy, tmp_path):
    twin = plain.make_plain(copy, tmp_path / "twin")
    assert "macros" not in project.plugin_names(project.load_config(twin))
    # No check for "{{" in the twin's Markdown: pages show literal calls and Go templates on purpose.
    # Without macros, an unrendered call would change the HTML, which the comparison below sees.
    build(copy, tmp_path / "site-real")
    build(twin, tmp_path / "site-twin")
    real = {p.relative_to(tmp_path / "site-real"): html(p) for p in (tmp_path / "site-real").rglob("*.html")}
    same = {p.relative_to(tmp_path / "site-twin"): html(p) for p in (tmp_path / "site-twin").rglob("*.html")}
    assert real.keys() == same.keys()
    assert [str(page) for page in real if real[page] != same[page]] == []


def test_scaled_knowledge_base_is_a_valid_strict_build(copy, tmp_path):
    pages = plain.page_count(copy)
    counts = scale.scale(copy, 3)
    assert counts["pages"] == pages + 2 * counts["chapter_pages"]
    build(copy, tmp_path / "site")
    built = {str(p.relative_to(tmp_path / "site")) for p in (tmp_path / "site").rglob("*.html")}
    assert {"c2/docker/index.html", "c3/docker/design-principles/index.html"} <= built
    assert not any(page.startswith(("c2/about/", "c3/about/")) for page in built)  # one site-level section


def test_scaled_chapters_stay_the_size_of_the_real_one(copy, tmp_path):
    """A copied chapter lists its own principles only, so a page does not grow with the site."""
    scale.scale(copy, 3)
    build(copy, tmp_path / "site")
    own = (tmp_path / "site/c3/docker/design-principles/index.html").read_text(encoding="utf-8")
    assert "<code>non-root-user-c3</code>" in own
    assert "-c2</code>" not in own and "<code>non-root-user</code>" not in own
    real = (tmp_path / "site/docker/design-principles/index.html").read_text(encoding="utf-8")
    assert "<code>non-root-user</code>" in real and "-c3</code>" not in real
