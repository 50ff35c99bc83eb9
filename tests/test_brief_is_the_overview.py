"""The brief is the Overview on paper: for every edition, currency and language of the shipped data the
Overview's cards (AppTest) and the brief's cards say the same label, value, change and note, and the
brief lists the claims that end at or before the edition."""
from __future__ import annotations

import pytest

from queries.read_model import PREVIOUS

CASES = [(year, currency, lang) for year in range(2018, 2026) for currency in ("CNY", "USD") for lang in ("en", "zh")]


def _overview(at) -> list[tuple]:
    notes = [c.value for c in at.caption]
    return [(m.label, m.value, m.proto.delta or None, m.proto.help) for m in at.metric], notes


@pytest.mark.parametrize("year, currency, lang", CASES)
def test_the_brief_says_what_the_overview_says(shipped_app, year, currency, lang):
    from ui import brief_page
    from ui.filters import Filters
    from ui.i18n import speaking

    at = shipped_app(edition=str(year), cur=currency, lang=lang)
    cards, captions = _overview(at)
    with speaking(lang):
        data = brief_page.gather(brief_page.view_of(Filters("WMC", 2018, 2025, currency, False), year, PREVIOUS),
                                 lang)
    assert [(c.label, c.value, c.delta, c.help) for c in data.cards] == cards
    for card in data.cards:  # the neutral note, the reason a value is missing: on the page as in the brief
        for said in (card.comparison, card.missing):
            if said:
                assert any(said in caption for caption in captions), said


def test_the_brief_file_name_names_the_currency():
    from ui import brief_page
    from ui.filters import Filters

    assert brief_page.file_name(Filters("WMC", 2018, 2025, "USD", False), 2023, "en") == "wmc_brief_2023_en_USD.pdf"
    assert brief_page.file_name(Filters("WMC", 2018, 2025, "CNY", False), 2023, "zh") == "wmc_brief_2023_zh_CNY.pdf"
