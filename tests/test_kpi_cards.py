"""The pure card functions: change against a chosen edition, coloured by the metric's direction,
help with both figures and their sources, sparklines with gaps and the selected edition, the reason
a card has no value, USD as the source reported it; organizing-body counts; the derived switch."""
import pandas as pd
import pytest

from ui import kpis
from ui.edition import organizer_check, organizer_note
from ui.filters import Filters, derived_note

COLUMNS = ["year", "metric", "label", "unit", "value", "qualifier", "is_derived", "scope", "publisher",
           "published_on", "cny_per_usd"]


def series(rows):
    """(year, metric, unit, value, qualifier, publisher[, rate])"""
    out = []
    for year, metric, unit, value, qualifier, publisher, *rate in rows:
        out.append((year, metric, metric.replace("_", " ").capitalize(), unit, value, qualifier,
                    None if value is None else False, "whole convention", publisher,
                    None if value is None else pd.Timestamp(f"{year}-09-28"), (rate or [7.0])[0]))
    return pd.DataFrame(out, columns=COLUMNS)


ORGANIZERS = series([(2018, "organizers", "bodies", 4, "exact", "Paper A"),
                     (2019, "organizers", "bodies", 11, "exact", "Paper B"),
                     (2020, "organizers", "bodies", None, None, None),
                     (2021, "organizers", "bodies", 10, "exact", "Paper C")])


@pytest.mark.parametrize("higher_is_better, colour", [(True, "normal"), (False, "inverse"), (None, "off"),
                                                      (float("nan"), "off")])
def test_delta_colour_follows_the_metric_direction(higher_is_better, colour):
    assert kpis.delta_color(higher_is_better) == colour


def test_a_neutral_metric_gets_no_good_or_bad_colour():
    card = kpis.card(ORGANIZERS, "organizers", 2019, "CNY", higher_is_better=None)
    assert card.delta == "+7 (+175.0%) vs 4 (2018)"
    assert card.delta_color == "off"
    assert kpis.card(ORGANIZERS, "organizers", 2019, "CNY", higher_is_better=True).delta_color == "normal"


def test_the_sparkline_keeps_a_gap_for_a_missing_edition_and_knows_the_selected_one():
    card = kpis.card(ORGANIZERS, "organizers", 2021, "CNY", higher_is_better=None)
    assert card.sparkline == [(2018, 4.0), (2019, 11.0), (2020, None), (2021, 10.0)]
    assert card.year == 2021
    points = {p["year"]: p for p in kpis.sparkline_points(card)}
    assert points[2020]["y"] is None  # the line breaks there
    assert points[2021]["selected"] and not points[2019]["selected"]
    svg = kpis.sparkline_svg(card)
    # two runs of the line (2018-2019, and 2021 alone, a point without a path), a large point on 2021
    assert svg.count("<path ") == 1
    assert f'<circle cx="{points[2021]["x"]:.1f}" cy="{points[2021]["y"]:.1f}" r="6.4"' in svg
    assert f'cx="{points[2020]["x"]:.1f}"' not in svg  # no point where there is no figure


def test_the_sparkline_says_every_point_in_words_in_both_languages():
    en = kpis.card(ORGANIZERS, "organizers", 2021, "CNY", higher_is_better=None)
    assert en.sparkline_words == (f"{en.label}, 2018 to 2021: 2018 4 bodies; 2019 11 bodies; 2020 no figure; 2021 10 bodies. "
                                  "Selected: 2021.")
    zh = kpis.card(ORGANIZERS, "organizers", 2019, "CNY", lang="zh", higher_is_better=None)
    assert zh.sparkline_words.endswith("：2018年 4 家；2019年 11 家；2020年 无数据；2021年 10 家。所选届次：2019年。")


def test_the_reference_edition_is_selectable():
    card = kpis.card(ORGANIZERS, "organizers", 2021, "CNY", reference=2018, higher_is_better=None)
    assert card.delta == "+6 (+150.0%) vs 4 (2018)"
    assert card.reference_year == 2018
    assert kpis.card(ORGANIZERS, "organizers", 2019, "CNY").delta.endswith("(2018)")  # previous by default
    # the edition before 2021 is 2020, which has no figure: no change, and the help says why
    previous = kpis.card(ORGANIZERS, "organizers", 2021, "CNY")
    assert previous.reference_year == 2020
    assert previous.delta is None and "No change shown: 2020 has no figure." in previous.help
    same = kpis.card(ORGANIZERS, "organizers", 2021, "CNY", reference=2021)
    assert same.delta is None and "the reference edition is 2021 itself" in same.help


def test_the_help_shows_both_figures_with_their_sources():
    card = kpis.card(ORGANIZERS, "organizers", 2021, "CNY", reference=2018)
    assert "2021: 10 bodies (source: Paper C, 28 Sep 2021)." in card.help
    assert "Compared with 2018: 4 bodies (source: Paper A, 28 Sep 2018)." in card.help


def test_a_card_without_a_value_says_why_instead_of_drawing_a_line():
    card = kpis.card(ORGANIZERS, "organizers", 2020, "CNY")
    assert card.value == "–"
    assert card.missing == "No figure for 2020 found in the sources."
    assert card.missing in card.help
    hidden = kpis.card(ORGANIZERS, "organizers", 2020, "CNY", hidden_derived=frozenset({("organizers", 2020)}))
    assert "a derived one is hidden" in hidden.missing


def test_usd_without_a_rate_shows_the_amount_the_source_reported_labelled_as_reported():
    frame = series([(2023, "investment_signed", "bn CNY", 342.5, "exact", "Bureau", 7.0809),
                    (2024, "investment_signed", "bn CNY", 369.2, "exact", "Xinhua", None),
                    (2024, "investment_signed_usd_reported", "bn USD", 52.48, "about", "Xinhua", None),
                    (2025, "investment_signed", "bn CNY", 380.2, "exact", "Daily", None)])
    card = kpis.card(frame, "investment_signed", 2024, "USD")
    assert card.value == "about 52.48 bn USD"
    assert card.note == "USD as reported by the source: no annual rate is stored for 2024."
    assert "this is the USD amount the source itself reported, not a conversion" in card.help
    assert "2024: about 52.48 bn USD (as reported) (source: Xinhua" in card.help
    assert card.delta is None  # 2023 was converted at the annual rate: another currency basis
    assert card.comparison == ("Not comparable: 2024 is the source's own USD amount; 2023 is converted at the "
                               "annual average rate.")
    none = kpis.card(frame, "investment_signed", 2025, "USD")
    assert none.value == "–"
    assert none.missing.startswith("No sourced annual exchange rate for 2025 yet, and the source reported no USD")
    assert "In CNY: 380.2 bn CNY." in none.missing
    assert kpis.card(frame, "investment_signed", 2024, "CNY").value == "369.2 bn CNY"


def test_a_zero_change_has_no_arrow():
    frame = series([(2021, "organizers", "bodies", 10, "exact", "A"), (2022, "organizers", "bodies", 10, "exact", "B")])
    card = kpis.card(frame, "organizers", 2022, "CNY", higher_is_better=None)
    assert card.delta.startswith("+0") and card.delta_arrow == "off"


PARTICIPATION = pd.DataFrame(
    [(2022, f"Org {i}", "organizer") for i in range(11)] + [(2022, f"Co {i}", "co-organizer") for i in range(4)]
    + [(2025, f"Host {i}", "host") for i in range(4)] + [(2019, "UK", "guest country of honor")],
    columns=["year", "organization", "role"])


def test_organizing_bodies_count_organizers_and_hosts_not_co_organizers():
    stated = series([(2022, "organizers", "bodies", 11, "exact", "A"), (2025, "organizers", "bodies", 5, "exact", "B"),
                     (2019, "organizers", "bodies", 11, "exact", "C")])
    check = organizer_check(PARTICIPATION, stated).set_index("year")
    assert check.loc[2022, "listed"] == 11 and check.loc[2022, "stated"] == 11
    assert check.loc[2025, "listed"] == 4
    assert pd.isna(check.loc[2019, "listed"])
    check = check.reset_index()
    assert organizer_note(check, 2022, "en") == "The Organizers page lists the same 11 bodies for 2022 by name."
    assert organizer_note(check, 2025, "en") == ("The Organizers page lists 4 organizing bodies for 2025 by name; "
                                                 "the source states 5.")
    assert organizer_note(check, 2019, "en") == "The Organizers page has no list of names for 2019."


def test_the_derived_switch_says_what_it_changes():
    none = pd.DataFrame(columns=["year", "metric", "label", "value", "unit", "qualifier", "note"])
    off = Filters("WMC", 2018, 2025, "CNY", False)
    assert derived_note(none, off, "en").startswith("Nothing is derived in 2018–2025")
    two = pd.DataFrame([(2020, "projects_signed", "Projects signed", 684, "projects", "about", "")],
                       columns=none.columns)
    assert derived_note(two, off, "en") == ("Hidden: 1 derived figure(s) in 2018–2025: 2020 Projects signed "
                                            "(about 684 projects). Switch on to include them.")
    on = Filters("WMC", 2020, 2020, "CNY", True)
    assert derived_note(two, on, "en").startswith("Included: 1 derived figure(s) in 2020: 2020 Projects signed")
    assert "推算" in derived_note(two, on, "zh")
