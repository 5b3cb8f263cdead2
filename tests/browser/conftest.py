"""Fixtures of the browser group: one Chromium and one local server for the whole session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from notekit import browser as harness
from tests.conftest import ROOT, require, require_tool

ARTIFACTS = ROOT / "test-artifacts"  # screenshots; gitignored


@pytest.fixture(scope="session")
def browser():
    if not os.environ.get("CHROMIUM_PATH"):
        require_tool("chromium", "browser")
    require(Path(harness.CHROMIUM).exists(), "browser", f"{harness.CHROMIUM} is missing (Debian's chromium)")
    with harness.chromium() as b:
        yield b


@pytest.fixture(scope="session")
def site_url(built_site):
    with harness.serve(built_site, harness.site_prefix(ROOT)) as url:
        yield url


@pytest.fixture(scope="session")
def site_pages(built_site) -> list[str]:
    """Every page of the built site as a URL path relative to the site root (index.html -> "")."""
    paths = []
    for html in sorted(built_site.rglob("index.html")):
        rel = html.parent.relative_to(built_site).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return paths


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
