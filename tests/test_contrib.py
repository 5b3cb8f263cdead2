"""The contributor furniture: the generated reference page, sitemap, edit links, dates, tags, scaffold."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from macros import define_env, project_macros
from macros.models import DATA_FILES
from macros.reference import LITERAL_CLASS, MACRO_DOCS
from scripts.new_note import PLACEHOLDER
from tests.conftest import ROOT

HOW = "about/how-it-works/index.html"
CONFIG = YAML(typ="rt").load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


class FakeEnv:
    """Just enough of mkdocs-macros' env to collect what define_env registers."""

    def __init__(self) -> None:
        self.macros: dict = {}

    def macro(self, function, name=""):
        self.macros[name or function.__name__] = function
        return function


def registered_macros() -> dict:
    env = FakeEnv()
    define_env(env)
    return project_macros(env)


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_every_registered_macro_is_documented():
    registered = registered_macros()
    assert len(registered) >= 8
    assert set(registered) == set(MACRO_DOCS), (
        f"macros/reference.py MACRO_DOCS: add {sorted(set(registered) - set(MACRO_DOCS))}, "
        f"remove {sorted(set(MACRO_DOCS) - set(registered))}"
    )


def test_reference_page_has_a_section_and_a_literal_call_per_macro(built_site):
    article = soup_of(built_site, HOW).select_one("article")
    headings = {h.get("id") for h in article.select("h3")}
    literal = [block.get_text().strip() for block in article.select(f".{LITERAL_CLASS} code")]
    for name, doc in MACRO_DOCS.items():
        assert name in headings, f"no section for macro {name} on {HOW}"
        assert "{{ " + doc.call + " }}" in literal, f"the call {doc.call} is not shown literally"


def test_literal_blocks_hold_only_documented_calls(built_site):
    # test_site.py skips these blocks when it hunts for unrendered template syntax; keep them honest.
    allowed = {"{{ " + doc.call + " }}" for doc in MACRO_DOCS.values()}
    for page in built_site.rglob("*.html"):
        for block in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(f".{LITERAL_CLASS}"):
            code = block.select_one("code")
            assert code is not None and code.get_text().strip() in allowed, f"{page}: {block.get_text()!r}"


def test_reference_page_shows_real_macro_output(built_site):
    article = soup_of(built_site, HOW).select_one("article")
    outputs = article.select("details.example")
    assert len(outputs) == sum(doc.show_output for doc in MACRO_DOCS.values())
    text = "\n".join(d.get_text() for d in outputs)
    assert (ROOT / "examples/hello/go.mod").read_text(encoding="utf-8").strip() in text  # example_file output
    assert "docker image build -t hello-single:0.1" in text


def _model_fields(model) -> set[str]:
    schema = model.model_json_schema()
    fields = set(schema.get("properties", {}))
    for sub in schema.get("$defs", {}).values():
        fields |= set(sub.get("properties", {}))
    return fields


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_field_tables_list_every_model_field(built_site, name):
    article = soup_of(built_site, HOW).select_one("article")
    shown = {row.select_one("td code").get_text() for row in article.select("table tbody tr") if row.select_one("td code")}
    missing = _model_fields(DATA_FILES[name]) - shown
    assert not missing, f"fields of data/{name}.yml missing from {HOW}: {sorted(missing)}"


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
    assert any("_" in p for p in patterns) and any("\\" in p for p in patterns)
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


# --- builds of other copies of the project ------------------------------------------------

COPY_IGNORE = shutil.ignore_patterns(".venv", ".git", "site", ".site-*", ".pytest_cache", "__pycache__", ".cache")


def strict_build(project: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory) -> Path:
    """The working tree without .git: also proves the build copes with no git history at all."""
    target = tmp_path_factory.mktemp("project") / "notes"
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE)
    return target


def test_new_note_scaffold_builds_and_keeps_mkdocs_yml_intact(project_copy, tmp_path):
    before = (project_copy / "mkdocs.yml").read_text(encoding="utf-8")
    for args in (
        ["--chapter", "docker", "--slug", "volumes", "--title", "볼륨"],
        ["--chapter", "k8s", "--slug", "pods", "--title", "파드", "--chapter-title", "2장 쿠버네티스"],
    ):
        run = subprocess.run(
            [sys.executable, "-m", "scripts.new_note", *args], cwd=project_copy, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
    after = (project_copy / "mkdocs.yml").read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["      - 볼륨: docker/volumes.md", "  - 2장 쿠버네티스:", "      - k8s/index.md", "      - 파드: k8s/pods.md"]
    assert [line for line in before.splitlines() if line not in after.splitlines()] == []  # comments, tags kept
    nav = [next(iter(item)) if isinstance(item, dict) else item for item in YAML(typ="rt").load(after)["nav"]]
    assert nav[-1] == "이 사이트에 대해" and nav[-2] == "2장 쿠버네티스"

    result = strict_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    page = soup_of(tmp_path / "site", "docker/volumes/index.html")
    assert page.select_one("article h1").get_text().strip().startswith("볼륨")
    # navigation.prune: another chapter shows as one link (its title); its pages list once it is open
    assert any(a.get_text().strip() == "2장 쿠버네티스" for a in page.select("nav a")), "the new chapter is not in the nav"
    pods = soup_of(tmp_path / "site", "k8s/pods/index.html")
    assert any(a.get_text().strip() == "파드" for a in pods.select("nav a")), "the new page is not in its chapter's nav"


def test_scaffold_refuses_an_existing_page_and_a_bad_slug(project_copy):
    for args in (["--chapter", "docker", "--slug", "build", "--title", "x"], ["--chapter", "docker", "--slug", "Bad_Slug", "--title", "x"]):
        run = subprocess.run([sys.executable, "-m", "scripts.new_note", *args], cwd=project_copy, capture_output=True, text=True)
        assert run.returncode == 1 and run.stderr.startswith("new-note: "), run.stderr


def test_shallow_clone_with_an_uncommitted_page_builds(tmp_path):
    """A depth-1 clone (what CI systems check out by default) plus a page git does not know yet."""
    git = shutil.which("git")
    assert git, "git is needed for the site's last-updated dates"
    clone = tmp_path / "clone"
    run = subprocess.run([git, "clone", "--quiet", "--depth", "1", f"file://{ROOT}", str(clone)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    # The plugin warns about shallow clones only when GITHUB_ACTIONS is set; ci.yml avoids that with fetch-depth: 0.
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    scaffold = [sys.executable, "-m", "scripts.new_note", "--chapter", "docker", "--slug", "fresh", "--title", "새 페이지"]
    assert subprocess.run(scaffold, cwd=clone, capture_output=True).returncode == 0
    result = strict_build(clone, tmp_path / "site", env)
    assert result.returncode == 0, result.stderr[-3000:]
    for page in ("docker/fresh/index.html", "docker/build/index.html"):  # build date, and a date from git
        assert soup_of(tmp_path / "site", page).select_one(".git-revision-date-localized-plugin"), page
