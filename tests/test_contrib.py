"""The contributor furniture: field tables, sitemap, edit links, dates, tags, and the new-note scaffold."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from macros.models import DATA_FILES
from scripts.new_note import PLACEHOLDER
from tests.conftest import ROOT, strict_build

HOW = "about/how-it-works/index.html"
CONFIG = YAML(typ="rt").load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def _patterns(schema: dict) -> set[str]:
    found = set()
    if isinstance(schema, dict):
        if isinstance(schema.get("pattern"), str):
            found.add(schema["pattern"])
        for value in schema.values():
            found |= _patterns(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _patterns(value)
    return found


def test_field_tables_show_every_pattern_character_for_character(built_site):
    # `_`, `*` and `\` in a pattern must survive Markdown inside the table cells.
    cells = " ".join(c.get_text() for c in soup_of(built_site, HOW).select("article table td code"))
    patterns = set().union(*(_patterns(model.model_json_schema()) for model in DATA_FILES.values()))
    missing = sorted(p for p in patterns if p not in cells)
    assert missing == [], f"patterns shown wrongly on {HOW}: {missing}"


def html_pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("index.html"))


def test_sitemap_lists_every_page(built_site):
    site_url = CONFIG["site_url"]
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {e.text for e in ET.parse(built_site / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)}
    expected = {site_url + page.removesuffix("index.html") for page in html_pages(built_site)}
    assert locs == expected, f"sitemap missing {sorted(expected - locs)}, extra {sorted(locs - expected)}"


def test_every_page_has_an_edit_link_to_its_source_and_a_date(built_site):
    prefix = CONFIG["repo_url"].rstrip("/") + "/" + CONFIG["edit_uri"]
    for page in html_pages(built_site):
        soup = soup_of(built_site, page)
        edit = soup.select_one("a[rel=edit]")
        assert edit is not None, f"{page} has no edit link"
        href = edit["href"]
        assert href.startswith(prefix), href
        assert (ROOT / "docs" / href.removeprefix(prefix)).is_file(), f"{page} edits a file that does not exist: {href}"
        assert soup.select_one(".git-revision-date-localized-plugin"), f"{page} shows no last-updated date"


def test_repo_link_does_not_call_the_github_api(built_site):
    soup = soup_of(built_site, "index.html")
    assert soup.select_one("a.md-source") is not None
    assert soup.select_one('[data-md-component="source"]') is None


def test_tags_index_lists_the_tagged_pages(built_site):
    tags = soup_of(built_site, "about/tags/index.html").select_one("article")
    assert any(a["href"].rstrip("/").endswith("how-it-works") for a in tags.select("a[href]")), "tag index is empty"


def test_no_page_keeps_the_scaffold_placeholder():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.md") if PLACEHOLDER in p.read_text("utf-8")]
    assert offenders == [], f"{offenders} still hold the new-note placeholder comment; write the page and delete it"


@pytest.mark.slow  # two builds of its own: `make test` runs it, `make check` stays fast
def test_new_notes_build_in_a_shallow_clone_and_keep_mkdocs_yml_intact(tmp_path):
    """A depth-1 clone (what CI systems check out by default), two scaffolded pages git does not know yet."""
    clone = tmp_path / "clone"
    run = subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{ROOT}", str(clone)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    before = (clone / "mkdocs.yml").read_text(encoding="utf-8")
    for args in (
        ["--chapter", "docker", "--slug", "volumes", "--title", "볼륨"],
        ["--chapter", "k8s", "--slug", "pods", "--title", "파드", "--chapter-title", "2장 쿠버네티스"],
    ):
        run = subprocess.run([sys.executable, "-m", "scripts.new_note", *args], cwd=clone, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    for args in (["--chapter", "docker", "--slug", "build", "--title", "x"], ["--chapter", "docker", "--slug", "Bad_Slug", "--title", "x"]):
        run = subprocess.run([sys.executable, "-m", "scripts.new_note", *args], cwd=clone, capture_output=True, text=True)
        assert run.returncode == 1 and run.stderr.startswith("new-note: "), run.stderr
    after = (clone / "mkdocs.yml").read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["      - 볼륨: docker/volumes.md", "  - 2장 쿠버네티스:", "      - k8s/index.md", "      - 파드: k8s/pods.md"]
    assert [line for line in before.splitlines() if line not in after.splitlines()] == []  # comments, tags kept

    # The dates plugin warns about shallow clones only when GITHUB_ACTIONS is set; ci.yml uses fetch-depth: 0.
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    result = strict_build(clone, tmp_path / "site", **env)
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    assert soup_of(site, "docker/volumes/index.html").select_one("article h1").get_text().strip().startswith("볼륨")
    pods = soup_of(site, "k8s/pods/index.html")
    assert any(a.get_text().strip() == "파드" for a in pods.select("nav a")), "the new page is not in its chapter's nav"
    for page in ("docker/volumes/index.html", "docker/build/index.html"):  # build date, and a date from git
        assert soup_of(site, page).select_one(".git-revision-date-localized-plugin"), page
