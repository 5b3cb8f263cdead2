"""axe-core (shipped inside axe-playwright-python, runs offline) on every page, on a phone and a desktop, in both
palettes; and no page is wider than the screen."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from notekit import searching

pytestmark = pytest.mark.browser
BLOCKING = {"serious", "critical"}
# Contrast is measured on settled colours: a scan during a fade-in reads half-transparent text.
SETTLED = "() => document.getAnimations().every(a => a.playState !== 'running')"


def _colours(node: dict) -> str:
    data = (node.get("any") or [{}])[0].get("data")
    if isinstance(data, dict) and "contrastRatio" in data:
        return f" {data['fgColor']} on {data['bgColor']} = {data['contrastRatio']}"
    return ""


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(f"{n['target']}{_colours(n)}" for n in v["nodes"][:3])
        lines.append(f"{v['impact']}: {v['id']} ({v['help']}) on {len(v['nodes'])} node(s): {targets}")
    return "\n".join(lines)


# A phone (touch, no hover: the theme then leaves wide code blocks unfocusable) and a desktop.
SCREENS = {
    390: {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    1280: {"viewport": {"width": 1280, "height": 900}},
}
WIDER_THAN_SCREEN = "document.documentElement.scrollWidth > document.documentElement.clientWidth"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", sorted(SCREENS))
def test_no_serious_or_critical_violations_and_no_sideways_page(browser, site_url, site_pages, width, scheme):
    context = browser.new_context(**SCREENS[width], color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    failures, too_wide = {}, {}
    for path in [*site_pages, "no-such-page/"]:  # the 404 page too
        page.goto(site_url + path)
        page.wait_for_function(SETTLED)
        if page.evaluate(WIDER_THAN_SCREEN):
            too_wide[path or "/"] = page.evaluate("document.documentElement.scrollWidth")
        results = axe.run(page)
        assert "violations" in results.response, "axe did not run"
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
        if blocking:
            failures[path or "/"] = describe(blocking)
    context.close()
    assert not too_wide, f"pages wider than the {width} px screen (scrollWidth): {too_wide}"
    assert not failures, "\n".join(f"{p}:\n{d}" for p, d in failures.items())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_dialog_with_results_has_no_serious_violations(browser, site_url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    searching.open_search(page, site_url)
    assert searching.search(page, "컨테이너"), "no results to scan"
    page.wait_for_function(SETTLED)
    results = Axe().run(page, context=".md-search")
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    context.close()
    assert not blocking, describe(blocking)
