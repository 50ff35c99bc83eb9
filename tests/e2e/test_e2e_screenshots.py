"""Artifact generator (not a check): full-page PNGs of every page at desktop and phone size, light
and dark theme, English and Chinese (…-zh.png), in artifacts/screenshots/. Runs only with --screenshots (make screenshots)."""
from __future__ import annotations

import pytest

from e2e_helpers import DESKTOP, PAGES, PHONE, ROOT, full_page_screenshot, open_app, served_path

OUT = ROOT / "artifacts" / "screenshots"
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.mark.screenshots
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots(app_server, new_context, theme, lang):
    server = app_server  # the theme follows the browser's colour scheme, as a viewer's OS sets it
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    suffix = "" if lang == "en" else f"-{lang}"  # English keeps the names it always had
    for size, viewport in VIEWPORTS.items():
        page = new_context(viewport=viewport, device_scale_factor=1, color_scheme=theme).new_page()
        for path, has_charts in PAGES.items():
            query = "&".join(q for q in ("edition=2019" if path == "overview" else "",
                                         f"lang={lang}" if lang != "en" else "") if q)
            try:
                open_app(page, server.url, served_path(path), query, plotly=has_charts, timeout=15_000)
            except Exception as exc:  # a page that is not ready yet still gets its picture
                print(f"{path} {size} {theme} {lang}: not idle or no chart ({type(exc).__name__}); shot anyway")
            target = OUT / f"{path}-{size}-{theme}{suffix}.png"
            full_page_screenshot(page, target)
            written.append(target)
    assert all(p.stat().st_size > 0 for p in written)
