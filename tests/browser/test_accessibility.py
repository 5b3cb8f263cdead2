"""axe-core (shipped inside axe-playwright-python, runs offline) on every page, in both palettes."""

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_violations(browser, site_url, site_pages, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    failures = {}
    for path in [*site_pages, "no-such-page/"]:  # the 404 page too
        page.goto(site_url + path)
        page.wait_for_function(SETTLED)
        results = axe.run(page)
        assert "violations" in results.response, "axe did not run"
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
        if blocking:
            failures[path or "/"] = describe(blocking)
    context.close()
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
