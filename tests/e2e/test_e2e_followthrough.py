"""The Follow-through section in a real browser, on the shipped data: drawn with its chart in both
languages; with --screenshots, PNGs of the section at desktop and phone size, light and dark, English
and Chinese (artifacts/screenshots/followthrough-<size>-<theme>[-zh].png)."""
from __future__ import annotations

import pytest

from e2e_helpers import DESKTOP, PHONE, ROOT, exception_texts, open_app

OUT = ROOT / "artifacts" / "screenshots"
TITLES = {"en": "Follow-through: what became of the signed projects", "zh": "签约项目的后续进展"}
CHART_CAPTIONS = {"en": "One point per report", "zh": "每份报道一个点"}


# shipped_server: the app on data/ as shipped, one server for the session (tests/e2e/conftest.py).


def open_section(page, server, lang: str):
    """The Projects page scrolled to the section; returns the section's heading."""
    open_app(page, server.url, "projects", "" if lang == "en" else f"lang={lang}", plotly=True)
    heading = page.get_by_role("heading", name=TITLES[lang])
    heading.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    return heading


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_section_is_drawn_with_its_chart(shipped_server, new_context, lang):
    page = new_context(viewport=DESKTOP).new_page()
    heading = open_section(page, shipped_server, lang)
    assert heading.is_visible() and not exception_texts(page)
    caption = page.get_by_text(CHART_CAPTIONS[lang])
    assert caption.count() == 1
    # The follow-through chart is the last plotly chart before its caption: four points, no line.
    traces = page.evaluate("""() => { const plots = [...document.querySelectorAll('.js-plotly-plot')];
        const mine = plots.find(p => (p._fullLayout.title.text || '').length && p.data.every(t => t.mode === 'markers'));
        return mine ? mine.data.map(t => t.x.length) : null; }""")
    assert traces is not None and sum(traces) == 4


@pytest.mark.screenshots
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots_of_the_section(shipped_server, new_context, lang, theme, size, viewport):
    OUT.mkdir(parents=True, exist_ok=True)
    page = new_context(viewport=viewport, device_scale_factor=1, color_scheme=theme).new_page()
    open_section(page, shipped_server, lang)
    # Streamlit scrolls inside its main container: grow the viewport to the content, then clip the section.
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": min(height, 12_000)})
    page.wait_for_timeout(600)
    top = page.get_by_role("heading", name=TITLES[lang]).bounding_box()
    bottom = page.get_by_text(CHART_CAPTIONS[lang]).bounding_box()
    suffix = "" if lang == "en" else f"-{lang}"
    target = OUT / f"followthrough-{size}-{theme}{suffix}.png"
    page.screenshot(path=str(target), clip={"x": 0, "y": max(top["y"] - 16, 0), "width": viewport["width"],
                                             "height": bottom["y"] + bottom["height"] + 16 - max(top["y"] - 16, 0)},
                    animations="disabled")
    assert target.stat().st_size > 0
