"""The pure figure functions: qualifier labels on bars, expected / derived / USD-as-reported figures
drawn apart with their legend entries, footnotes from scopes, the edition's format under its year,
USD as the source reported it where no rate is stored. Figures in, figures out; no Streamlit run."""
import pandas as pd
import pytest

from ui import charts, format as fmt_en, format_zh
from queries.series import money_table
from queries.series import average_per_project

COLUMNS = ["year", "metric", "label", "unit", "value", "qualifier", "is_derived", "scope", "publisher",
           "published_on", "cny_per_usd"]


def series(rows):
    """metric_series-shaped rows: (year, metric, unit, value, qualifier[, is_derived, scope, rate])."""
    out = []
    for row in rows:
        year, metric, unit, value, qualifier, *rest = row
        derived, scope, rate = (rest + [False, "whole convention", 7.0][len(rest):])[:3]
        out.append((year, metric, metric.replace("_", " ").capitalize(), unit, value, qualifier,
                    None if value is None else derived, None if value is None else scope,
                    None if value is None else "Gazette", None, rate))
    return pd.DataFrame(out, columns=COLUMNS)


PROJECTS = series([
    (2018, "projects_signed", "projects", 430, "more_than"),
    (2021, "projects_signed", "projects", 703, "exact"),
    (2022, "projects_signed", "projects", 568, "expected"),
    (2023, "projects_signed", "projects", None, None),
])
YEARS = [2018, 2021, 2022, 2023]


def by_name(fig):
    return {trace.name: trace for trace in fig.data}


@pytest.mark.parametrize("module, value, qualifier, unit, expected", [
    (fmt_en, 430, "more_than", "projects", "430+"),
    (fmt_en, 1400, "nearly", "people", "≈1,400"),
    (fmt_en, 1400, "about", "people", "≈1,400"),
    (fmt_en, 568, "expected", "projects", "expected 568"),
    (fmt_en, 735.1, "exact", "bn CNY", "735.1"),  # the axis names bn CNY
    (format_zh, 430, "more_than", "projects", "超过 430"),
    (format_zh, 367.7, "expected", "bn CNY", "预计 3,677"),  # the axis names 亿元
    (fmt_en, None, "exact", "projects", ""),
])
def test_bar_labels_carry_the_qualifier(module, value, qualifier, unit, expected):
    assert module.bar_label(value, qualifier, unit) == expected


def test_expected_figures_get_their_own_lighter_patterned_trace_and_legend_entry():
    fig = charts.edition_bars(PROJECTS, "projects_signed", YEARS)
    traces = by_name(fig)
    reported, expected = traces["Reported"], traces["Expected (announced in advance)"]
    assert fig.layout.showlegend is True
    assert expected.marker.opacity < reported.marker.opacity
    assert expected.marker.pattern.shape and expected.marker.pattern.shape != reported.marker.pattern.shape
    # each edition is in exactly one trace: the other trace has a gap (null) there
    assert dict(zip(expected.x, expected.y)) == {"2018": None, "2021": None, "2022": 568.0, "2023": None}
    assert dict(zip(reported.x, reported.y))["2022"] is None
    labels = dict(zip(reported.x, reported.text)) | {x: t for x, t in zip(expected.x, expected.text) if t}
    assert labels["2018"] == "430+" and labels["2021"] == "703"
    assert labels["2022"] == "expected<br>568"  # the word on its own line keeps the label narrow


def test_only_reported_figures_draw_one_trace_without_legend():
    only = PROJECTS[PROJECTS["qualifier"] != "expected"]
    fig = charts.edition_bars(only, "projects_signed", [2018, 2021, 2023])
    assert len(fig.data) == 1 and fig.layout.showlegend is False
    assert fig.data[0].name == "Projects signed"


def test_a_missing_edition_is_a_gap_marked_n_a_never_a_zero():
    fig = charts.edition_bars(PROJECTS, "projects_signed", YEARS)
    assert all(dict(zip(t.x, t.y))["2023"] is None for t in fig.data)
    assert [a.text for a in fig.layout.annotations] == ["n/a"]


def test_derived_and_usd_as_reported_figures_are_told_apart():
    frame = series([(2019, "investment_signed", "bn USD", 105.0, "exact"),
                    (2020, "investment_signed", "bn USD", 89.5, "about", True),
                    (2024, "investment_signed", "bn USD", 52.48, "about")]).assign(as_reported=[False, False, True])
    fig = charts.edition_bars(frame, "investment_signed", [2019, 2020, 2024])
    traces = by_name(fig)
    assert set(traces) == {"Reported", "Derived (arithmetic, not reported)", "USD as the source reported it"}
    patterns = {name: trace.marker.pattern.shape for name, trace in traces.items()}
    assert len(set(patterns.values())) == 3
    assert "2024: USD as the source reported it" in fig.layout.title.subtitle.text
    assert dict(zip(traces["USD as the source reported it"].x, traces["USD as the source reported it"].text))["2024"] \
        == "≈52.48*"


def test_a_narrowed_scope_is_a_footnote_under_the_title_and_a_mark_on_the_bar():
    frame = series([(2022, "exhibitors", "companies", 641, "exact", False, "exhibition"),
                    (2023, "exhibitors", "companies", 600, "nearly", False, "market-oriented show")])
    fig = charts.edition_bars(frame, "exhibitors", [2022, 2023])
    assert fig.layout.title.subtitle.text == "* 2023: covers market-oriented show"
    assert list(fig.data[0].text) == ["641", "≈600*"]
    assert fig.layout.margin.t > charts.TOP_MARGIN  # the note has its room above the plot


def test_no_note_no_subtitle():
    fig = charts.edition_bars(PROJECTS, "projects_signed", YEARS)
    assert fig.layout.title.subtitle.text is None


def test_the_format_of_an_edition_reads_under_its_year():
    fig = charts.edition_bars(PROJECTS, "projects_signed", YEARS, formats={2018: "offline", 2021: "online",
                                                                           2022: "hybrid"})
    ticks = dict(zip(fig.layout.xaxis.tickvals, fig.layout.xaxis.ticktext))
    assert ticks["2018"] == "2018" and ticks["2023"] == "2023"
    assert "online" in ticks["2021"] and "hybrid" in ticks["2022"]


def test_a_long_note_is_wrapped_for_a_phone():
    lines = charts._wrap("* 2025: covers 10 exhibition zones and an unmanned-systems area and more words", 30)
    assert len(lines) > 1 and all(len(line) <= 30 for line in lines)
    assert charts._wrap("* 2025 年：统计范围为市场化展览", 16) == ["* 2025 年：统计", "范围为市场化展览"]


def test_usd_without_a_rate_takes_the_amount_the_source_reported():
    frame = series([(2023, "investment_signed", "bn CNY", 342.5, "exact", False, "whole convention", 7.0809),
                    (2024, "investment_signed", "bn CNY", 369.2, "exact", False, "whole convention", None),
                    (2025, "investment_signed", "bn CNY", 380.2, "exact", False, "whole convention", None),
                    (2024, "investment_signed_usd_reported", "bn USD", 52.48, "about", False, "whole convention",
                     None)])
    usd = money_table(frame, "USD").set_index(["metric", "year"])
    assert round(usd.loc[("investment_signed", 2023), "value"], 2) == 48.37
    assert usd.loc[("investment_signed", 2024), "value"] == 52.48
    assert usd.loc[("investment_signed", 2024), "qualifier"] == "about"
    assert bool(usd.loc[("investment_signed", 2024), "as_reported"])
    assert pd.isna(usd.loc[("investment_signed", 2025), "value"])
    assert bool(usd.loc[("investment_signed", 2025), "no_rate"])
    notes = charts.footnotes(usd.reset_index()[lambda f: f["metric"] == "investment_signed"])
    assert notes == {2024: "USD as the source reported it (no annual rate stored)",
                     2025: "no USD value: no annual rate stored and the source reported no USD amount"}
    assert not money_table(frame, "CNY")["as_reported"].any()  # CNY is never replaced


def test_line_points_resting_on_an_expected_figure_are_open():
    frame = pd.concat([PROJECTS, series([(y, "investment_signed", "bn CNY", v, q) for y, v, q in
                                         [(2018, 447, "exact"), (2021, 582.18, "exact"),
                                          (2022, 367.7, "expected"), (2023, None, None)]])])
    average = average_per_project(frame, "bn CNY")
    fig = charts.edition_lines(average, ["average_investment"], YEARS, "bn CNY per project")
    symbols = dict(zip(fig.data[0].x, fig.data[0].marker.symbol))
    assert symbols["2022"] == "circle-open" and symbols["2021"] == "circle"


def test_an_expected_total_area_is_an_open_diamond_with_its_own_legend_entry():
    area = series([(2018, "exhibition_area", "m2", 50000, "expected", False, "exhibition"),
                   (2019, "exhibition_area", "m2", 61000, "exact", False, "exhibition"),
                   (2019, "exhibition_area_hall", "m2", 51000, "exact", False, "indoor exhibition"),
                   (2018, "exhibition_area_hall", "m2", None, None)])
    fig = charts.area_bars(area, [2018, 2019])
    traces = by_name(fig)
    expected = traces["Total (expected, announced beforehand)"]
    assert expected.marker.symbol == "diamond-open" and traces["Total (as reported)"].marker.symbol == "diamond"
    assert list(expected.text) == ["expected<br>50,000"]
    assert fig.layout.yaxis.range[1] >= 61000 * 1.2  # room for the label over the tallest diamond


def test_stacked_bars_keep_every_edition_and_mark_one_without_data():
    frame = pd.DataFrame({"year": ["2023", "2023", "2025"], "kind": ["ministry", "academy", "ministry"],
                          "bodies": [6, 4, 4]})
    fig = charts.stacked_bars(frame, "year", "bodies", "kind", "bodies", "edition", categories=[2023, 2024, 2025])
    assert list(fig.layout.xaxis.categoryarray) == ["2023", "2024", "2025"]
    assert [(a.x, a.text) for a in fig.layout.annotations] == [(1, "n/a")]
