"""What a reader touches: navigation, table of contents, copy button, palette, 404, phone layout, anchors."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser
HANGUL = re.compile(r"[가-힣]")
# Captures what the page copies, whichever API the theme uses (Clipboard API or execCommand).
CLIPBOARD_SPY = """
(() => {
  window.__copied = []
  if (navigator.clipboard) {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard)
    navigator.clipboard.writeText = text => { window.__copied.push(text); return write(text) }
  }
  document.addEventListener("copy", () => {
    const el = document.activeElement
    window.__copied.push(el && "value" in el ? el.value : String(getSelection()))
  }, true)
})()
"""


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight }",
    )


def test_navigation_reaches_every_chapter_page(page, site_url, site_pages):
    page.goto(site_url)
    # navigation.prune: from the home page a chapter is one link; its pages are listed once it is open
    page.locator("nav.md-nav--primary a.md-nav__link[href$='docker/']").first.click()
    page.wait_for_url(re.compile(r"docker/$"))
    for path in [p for p in site_pages if p.startswith("docker/") and p != "docker/"]:
        link = page.locator(f"nav.md-nav--primary a.md-nav__link[href$='{path.split('/')[-2]}/']").first
        title = link.inner_text().strip()
        link.click()
        page.wait_for_url(re.compile(re.escape(path) + r"$"))
        assert page.locator("article h1").count() == 1
        # the sidebar marks the page the reader is on
        assert page.locator("nav.md-nav--primary .md-nav__link--active").first.inner_text().strip() == title


def test_table_of_contents_scrolls_to_its_sections(page, site_url):
    page.goto(site_url + "docker/instructions/")
    links = page.locator("nav.md-nav--secondary a.md-nav__link")
    assert links.count() >= 5
    target = links.nth(links.count() - 1)  # the last section: far down, so the click must scroll
    anchor = unquote(target.get_attribute("href")).lstrip("#")
    target.click()
    page.wait_for_function("id => decodeURIComponent(location.hash) === '#' + id", arg=anchor)
    page.wait_for_timeout(300)  # smooth scrolling
    assert in_viewport(page, f"[id='{anchor}']")


def test_copy_button_copies_the_example_file_exactly(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.add_init_script(CLIPBOARD_SPY)
    page.goto(site_url + "docker/build/")
    checked = 0
    for name in ["examples/hello/Dockerfile", "examples/hello/Dockerfile.multistage", "examples/hello/main.go"]:
        title = page.locator("span.filename", has_text=re.compile(f"^{re.escape(name)}$"))
        block = page.locator("div.highlight", has=title)
        assert block.count() == 1, f"{name} is not shown once on the build page"
        block.hover()
        block.locator("button[data-md-type=copy], button.md-clipboard").first.click()
        copied = page.evaluate("window.__copied.at(-1)")
        expected = (ROOT / name).read_text(encoding="utf-8")
        # byte for byte, except the final newline: Material trims trailing whitespace from every copy
        assert copied == expected or copied + "\n" == expected, f"copy of {name} differs from the file"
        assert page.evaluate("navigator.clipboard.readText()") == copied  # it reached the clipboard
        checked += 1
    assert checked == 3
    context.close()


def test_palette_toggle_switches_and_persists(page, site_url):
    page.goto(site_url)
    scheme = lambda: page.get_attribute("body", "data-md-color-scheme")  # noqa: E731
    first = scheme()
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert scheme() != first
    page.reload()
    assert scheme() != first, "the chosen palette is forgotten on the next page load"


def test_missing_page_shows_the_site_404(page, site_url, site_pages):
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document" and failed.append(r.url))
    response = page.goto(site_url + "docker/no-such-page/")
    assert response.status == 404
    title = page.locator("article h1").inner_text()
    assert "404" in title and HANGUL.search(title), f"the 404 page is not in Korean: {title}"
    assert page.locator("header.md-header").is_visible()  # the theme's own page, styled
    assert not failed, f"the 404 page could not load: {failed}"
    # every chapter page is one click away
    listed = {urlsplit(a).path for a in page.eval_on_selector_all("article li a", "as => as.map(a => a.href)")}
    assert {urlsplit(site_url + p).path for p in site_pages if p.count("/") <= 2} <= listed | {urlsplit(site_url).path}
    # its button opens the search box
    assert not page.locator("#__search").is_checked()
    page.locator("article label[for=__search]").click()
    assert page.locator("#__search").is_checked(), "the 404 page's search button does not open the search"
    page.keyboard.press("Escape")
    page.locator("a.md-header__button.md-logo").click()  # a way back home
    assert urlsplit(page.url).path == urlsplit(site_url).path


def test_every_page_has_its_own_description_and_link_preview(page, site_url, site_pages):
    seen = {}
    for path in site_pages:
        page.goto(site_url + path)
        meta = page.eval_on_selector_all(
            "head meta[name], head meta[property]",
            "ms => Object.fromEntries(ms.map(m => [m.getAttribute('name') || m.getAttribute('property'), m.content]))",
        )
        for name in ["description", "og:title", "og:description", "og:url", "twitter:card", "twitter:description"]:
            assert meta.get(name), f"/{path}: no {name}"
        assert meta["og:description"] == meta["description"]
        seen.setdefault(meta["description"], []).append(path)
    shared = {d: ps for d, ps in seen.items() if len(ps) > 1}
    assert not shared, f"pages sharing one description: {shared}"


def test_instruction_table_is_readable_on_a_phone(browser, site_url, artifacts):
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(site_url + "docker/instructions/")
    table = page.locator("article table").first
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "instructions-375px.png"))
    page.screenshot(path=str(artifacts / "instructions-375px-full.png"), full_page=True)
    # the page itself never scrolls sideways; a wide table scrolls inside its own box
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    overflow = table.evaluate(
        """t => { for (let e = t; e; e = e.parentElement) {
                    const o = getComputedStyle(e).overflowX
                    if (o === 'auto' || o === 'scroll') return o }
                  return null }"""
    )
    assert overflow, "a table wider than the screen must scroll inside its own box"
    # the instruction names (first column) are on screen and large enough to read
    cell = table.locator("tbody tr td").first
    box = cell.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert float(cell.evaluate("c => parseFloat(getComputedStyle(c).fontSize)")) >= 12
    # Korean wraps between words, not inside them (docs/stylesheets/extra.css)
    assert cell.evaluate("c => getComputedStyle(c).wordBreak") == "keep-all"
    context.close()


def test_korean_heading_anchors_resolve(page, site_url, site_pages):
    checked = 0
    for path in site_pages:
        page.goto(site_url + path)
        ids = page.eval_on_selector_all("article :is(h2, h3)[id]", "hs => hs.map(h => h.id)")
        for anchor in [i for i in ids if HANGUL.search(i)][-2:]:  # the deepest two: they need scrolling
            page.goto(f"{site_url}{path}#{anchor}")  # the browser percent-encodes the Hangul
            page.wait_for_timeout(200)
            assert page.locator(f"[id='{anchor}']").count() == 1
            assert in_viewport(page, f"[id='{anchor}']"), f"{path}#{anchor} is not scrolled into view"
            checked += 1
    assert checked >= 3, "the site should have Korean anchors to check"


def test_glossary_tooltip_is_readable_and_leads_to_its_entry(page, site_url, artifacts):
    page.goto(site_url + "docker/build/")
    term = page.locator("article a.glossary-term").first
    definition = term.get_attribute("title")
    term.hover()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for()
    assert tooltip.inner_text().strip() == definition
    assert float(tooltip.evaluate("t => parseFloat(getComputedStyle(t).fontSize)")) >= 14  # body text is 16 px
    page.screenshot(path=str(artifacts / "tooltip-1280.png"))
    anchor = unquote(term.get_attribute("href").split("#")[1])
    term.click()
    page.wait_for_url(re.compile(r"glossary/#"))
    page.wait_for_timeout(300)
    assert in_viewport(page, f"[id='{anchor}']"), f"the glossary entry {anchor} is not scrolled into view"


def test_addresses_in_shell_commands_are_not_coloured_as_numbers(page, site_url):
    page.goto(site_url + "docker/registry/")
    colours = page.evaluate(
        """() => [...document.querySelectorAll('.language-bash code')].flatMap(code =>
             [...code.querySelectorAll('.m, .mi, .mf')].map(n => [getComputedStyle(n).color, getComputedStyle(code).color]))"""
    )
    assert colours, "the registry page shows no command with digits"
    assert all(number == text for number, text in colours), colours
