"""Dark mode a user can reach: the OS preference is honoured and the viewer menu switches themes."""
from __future__ import annotations

from e2e_helpers import open_app, wait_for_app


def _background(page) -> tuple[int, ...]:
    text = page.evaluate("getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor")
    return tuple(int(v) for v in text[text.index("(") + 1:text.index(")")].split(",")[:3])


def _is_dark(rgb) -> bool:
    return sum(rgb) / 3 < 80


def test_the_os_preference_chooses_the_theme(new_context, app_url):
    dark = new_context(color_scheme="dark").new_page()
    open_app(dark, app_url)
    light = new_context(color_scheme="light").new_page()
    open_app(light, app_url)
    assert _is_dark(_background(dark)), _background(dark)
    assert not _is_dark(_background(light)), _background(light)


def test_the_viewer_switches_to_dark_in_the_menu(new_context, app_url):
    page = new_context(color_scheme="light").new_page()
    open_app(page, app_url, "projects", plotly=True)
    assert not _is_dark(_background(page))
    page.get_by_test_id("stMainMenu").click()
    page.get_by_role("menuitemradio", name="Dark").click()
    wait_for_app(page)
    assert _is_dark(_background(page)), _background(page)
