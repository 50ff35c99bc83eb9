"""A real accessibility engine on every page: axe-core (shipped inside the axe-playwright-python wheel, so
no download) in both languages and both themes. Serious and critical violations fail the test."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from e2e_helpers import PAGES, open_app, served_path, wait_for_app

BLOCKING = ("serious", "critical")


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def violations(page) -> list[dict]:
    """axe.run over the whole document; each violation as id, impact and the first few targets."""
    page.evaluate(_axe_source())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [n["target"] for n in v["nodes"][:5]], "nodes": len(v["nodes"])}
            for v in result["violations"]]


# Every plotly chart redrawn on the dark theme's background (Streamlit redraws them after the page's switch).
CHARTS_REDRAWN_JS = """(light) => [...document.querySelectorAll('.js-plotly-plot .main-svg')]
  .every(svg => getComputedStyle(svg).backgroundColor !== light)"""
BACKGROUND_JS = "() => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor"


def settled_violations(page) -> list[dict]:
    found = violations(page)
    if any(v["impact"] in BLOCKING for v in found):
        # A page caught mid-redraw on a loaded machine (a placeholder, a status line) is looked at once more
        # 2 s later; what fails both times is what a user sees on the settled page, and fails the test.
        page.wait_for_timeout(2000)
        again = {(v["id"], tuple(map(tuple, v["targets"]))) for v in violations(page)}
        found = [v for v in found if v["impact"] not in BLOCKING
                 or (v["id"], tuple(map(tuple, v["targets"]))) in again]
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_accessibility_violation(new_context, app_url, name, lang):
    """The page in the light theme, then in the dark one: the viewer's system switches to dark, as a phone
    does at dusk, and Streamlit redraws the page and its charts in the dark theme without a reload (one
    page load for both themes)."""
    page = new_context(color_scheme="light").new_page()
    open_app(page, app_url, served_path(name), f"lang={lang}", plotly=PAGES[name])
    # the page's own accessibility script has run (it marks the sidebar's scroll region)
    page.wait_for_function("() => document.querySelector('[data-testid=\"stSidebarContent\"]')"
                           "?.getAttribute('tabindex') === '0'", timeout=30_000)
    blocking = {}
    for scheme in ("light", "dark"):
        if scheme == "dark":
            light = page.evaluate(BACKGROUND_JS)
            page.emulate_media(color_scheme="dark")
            page.wait_for_function(f"(light) => ({BACKGROUND_JS})() !== light", arg=light, timeout=30_000)
            page.wait_for_function(CHARTS_REDRAWN_JS, arg=light, timeout=30_000)
        wait_for_app(page, plotly=PAGES[name])  # and the page has stayed idle since (a condition, not a fixed 1 s)
        found = settled_violations(page)
        if os.environ.get("WMC_AXE_REPORT"):  # the full list, blocking or not, for the docs
            with open(os.environ["WMC_AXE_REPORT"], "a", encoding="utf-8") as out:
                out.write(json.dumps({"page": name, "lang": lang, "scheme": scheme, "violations": found}) + "\n")
        blocking[scheme] = [v for v in found if v["impact"] in BLOCKING]
    assert not blocking["light"] and not blocking["dark"], json.dumps(blocking, ensure_ascii=False, indent=1)
