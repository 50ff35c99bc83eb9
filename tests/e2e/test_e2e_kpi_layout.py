"""The Overview's six KPI cards (ui/kpis.show_kpi_row): two a row on a desktop and on paper, one a row on
a phone, and the cards of a row as tall as each other, in both languages."""
from __future__ import annotations

import pytest

from e2e_helpers import DESKTOP, PHONE, open_app

# Each card's box, in the page's order.
CARDS_JS = """() => [...document.querySelectorAll('[class*="st-key-kpi_"]')].map(card => {
  const box = card.getBoundingClientRect();
  return {left: Math.round(box.left), top: Math.round(box.top), width: Math.round(box.width),
          height: Math.round(box.height)};
})"""


def rows_of(cards: list[dict]) -> list[list[dict]]:
    """The cards grouped by the top of their box (a row shares its top)."""
    rows: dict[int, list[dict]] = {}
    for card in cards:
        rows.setdefault(card["top"], []).append(card)
    return [rows[top] for top in sorted(rows)]


def cards_on(page, url: str, query: str, print_media: bool = False) -> list[dict]:
    open_app(page, url, "", query)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stMetricValue]').length >= 6")
    if print_media:
        page.emulate_media(media="print")
        page.wait_for_timeout(300)  # the print rules' layout
    return page.evaluate(CARDS_JS)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_two_cards_a_row_on_a_desktop_and_paper_one_on_a_phone(new_context, app_url, lang):
    query = f"lang={lang}"
    desktop = cards_on(new_context(viewport=DESKTOP).new_page(), app_url, query)
    phone = cards_on(new_context(viewport=PHONE).new_page(), app_url, query)
    paper = cards_on(new_context(viewport=DESKTOP).new_page(), app_url, query, print_media=True)
    assert len(desktop) == len(phone) == len(paper) == 6
    for where, cards in (("desktop", desktop), ("paper", paper)):
        rows = rows_of(cards)
        assert [len(row) for row in rows] == [2, 2, 2], (where, cards)
        for row in rows:
            assert len({card["height"] for card in row}) == 1, (where, row)  # a row's cards as tall as each other
            assert abs(row[0]["width"] - row[1]["width"]) <= 1, (where, row)
    assert [len(row) for row in rows_of(phone)] == [1] * 6, phone
    assert len({card["left"] for card in phone}) == 1
