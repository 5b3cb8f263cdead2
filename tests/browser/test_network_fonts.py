"""No request leaves the site's host, and Hangul renders with the system's fonts."""

from __future__ import annotations

import subprocess
from urllib.parse import urlsplit

import pytest

from notekit import searching
from tests.conftest import require

pytestmark = pytest.mark.browser


def test_no_request_leaves_the_site_host(page, site_url, site_pages):
    host = urlsplit(site_url).netloc
    requests: list[str] = []
    broken: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: broken.append(r.url))
    page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document" and broken.append(r.url))
    for path in [*site_pages, "no-such-page/"]:  # the 404 page too
        page.goto(site_url + path, wait_until="networkidle")
    # the search worker, its index and language scripts load on demand: exercise them too
    page.add_init_script(searching.PROBE)
    searching.open_search(page, site_url)
    searching.search(page, "컨테이너")
    foreign = sorted({u for u in requests if urlsplit(u).scheme in {"http", "https"} and urlsplit(u).netloc != host})
    assert len(requests) > len(site_pages)  # the recorder saw the pages and their assets
    assert any("search_index.json" in u for u in requests)
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not broken, f"assets that did not load: {sorted(set(broken))}"
    other = sorted({u for u in requests if urlsplit(u).scheme not in {"http", "https", "data", "blob"}})
    assert not other, f"requests with unexpected schemes: {other}"


def _hangul_font_families() -> set[str]:
    out = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True).stdout
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


def test_hangul_renders_with_a_system_font(page, site_url, artifacts):
    families = _hangul_font_families()
    require(bool(families), "browser", "no font with Hangul (fonts-noto-cjk); `make test` installs it")
    page.goto(site_url)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "article h1"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    assert fonts, "Chromium reports no font for the page title"
    assert not any(f["isCustomFont"] for f in fonts), f"a web font was used: {fonts}"
    # every glyph of the (Hangul) title comes from a font that fontconfig lists as covering Korean
    hangul = [f for f in fonts if f["familyName"] in families]
    assert hangul and sum(f["glyphCount"] for f in hangul) >= 5, f"Hangul not drawn by a Korean font: {fonts}"
    page.screenshot(path=str(artifacts / "home-hangul.png"))
