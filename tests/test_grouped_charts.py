"""Charts by category and edition (breakdowns, the register): categories on the axis, each edition its own
bar beside the others in a colour fixed by its year, whole names, the legend clear of the labels, hovers
with units in the page's number style (no raw floats)."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from ui.charts import EDITION_PALETTE, edition_color
from ui.grouped import grouped_bars
from ui.i18n import speaking

RAW_FLOAT = re.compile(r"\d\.\d{4,}")  # '13.31517627477682'
FRAME = pd.DataFrame({
    "category": ["manufacturing", "manufacturing", "high-end equipment (general aviation, CNC machine tools, robots)"],
    "year": [2020, 2021, 2021], "value": [482.3, 533.4912345678, 52.56], "qualifier": ["exact", "exact", "more_than"],
    "count": [564, 656, 99], "count_qualifier": "exact", "publisher": "Xinhua"})


def test_an_editions_colour_is_fixed_by_its_year_whatever_the_range():
    assert edition_color(2021) == EDITION_PALETTE[3] and edition_color(2018) != edition_color(2019)
    wide = grouped_bars(FRAME, "bn CNY", "T", "Investment (bn CNY)")
    narrow = grouped_bars(FRAME[FRAME["year"] == 2021], "bn CNY", "T", "Investment (bn CNY)")
    colours = lambda fig: {trace.name: trace.marker.color for trace in fig.data}  # noqa: E731
    assert colours(wide)["2021"] == colours(narrow)["2021"] == edition_color(2021)


def test_editions_are_bars_side_by_side_never_one_stacked_bar():
    fig = grouped_bars(FRAME, "bn CNY", "T", "Investment (bn CNY)")
    assert fig.layout.barmode == "group" and [t.name for t in fig.data] == ["2020", "2021"]
    assert all(t.orientation == "h" for t in fig.data)  # categories down the axis, names readable on a phone
    manufacturing = [x for t in fig.data for y, x in zip(t.y, t.x) if y == "manufacturing"]
    assert manufacturing == [482.3, pytest.approx(533.4912345678)]  # two bars, not one of 1,015.8


def test_whole_category_names_wrapped_never_cut():
    fig = grouped_bars(FRAME, "bn CNY", "T", "Investment (bn CNY)")
    labels = list(fig.layout.yaxis.categoryarray)
    assert "…" not in "".join(labels)
    assert any("<br>" in label for label in labels)
    assert {label.replace("<br>", " ") for label in labels} == set(FRAME["category"])


def test_the_legend_has_its_own_band_between_title_and_plot():
    fig = grouped_bars(FRAME, "bn CNY", "T", "Investment (bn CNY)")
    assert (fig.layout.legend.orientation, fig.layout.legend.yanchor, fig.layout.legend.y) == ("h", "bottom", 1.0)
    assert fig.layout.title.yref == "container" and fig.layout.margin.t >= 44 + 24


@pytest.mark.parametrize("lang, unit_word, figure", [("en", "bn CNY", "533.49 bn CNY"), ("zh", "亿元", "5,334.91 亿元")])
def test_hovers_and_labels_in_the_languages_number_style_with_units(lang, unit_word, figure):
    with speaking(lang):
        fig = grouped_bars(FRAME, "bn CNY", "T", "Investment (bn CNY)")
    hovers = [row[1] for t in fig.data for row in t.customdata]
    assert any(figure in h for h in hovers), hovers
    assert all(unit_word in h for h in hovers) and not any(RAW_FLOAT.search(h) for h in hovers)
    assert not any(RAW_FLOAT.search(text) for t in fig.data for text in t.text)


def test_the_projects_breakdowns_are_grouped_by_edition(shipped_app):
    at = shipped_app("pages/projects.py")
    specs = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    sector = next(s for s in specs if s["layout"]["title"]["text"].startswith("By sector"))
    assert sector["layout"]["barmode"] == "group"
    names = [trace["name"] for trace in sector["data"]]
    assert names == sorted(names) and len(names) == len(set(names)) > 1
    assert all(trace["marker"]["color"] == edition_color(int(trace["name"])) for trace in sector["data"])
    assert not any(RAW_FLOAT.search(json.dumps(trace["customdata"])) for trace in sector["data"])


def test_the_register_chart_keeps_each_edition_apart(db_copy, tmp_path, monkeypatch):
    import queries
    from loaders import build, schema
    from ui import register
    from ui.filters import Filters

    rows = [("WMC", 2018, "P1", "Plant", "Acme", "USA", "NEV", "Hefei", 10.0, "signed"),
            ("WMC", 2019, "P2", "Works", "Bot", "Japan", "NEV", "Wuhu", 14.0, "signed"),
            ("WMC", 2019, "P3", "Fab", "Chip", "Germany", "ICs", "Hefei", 20.0, "signed")]
    pd.DataFrame(rows, columns=schema.TABLES["projects"].column_names).to_csv(tmp_path / "r.csv", index=False)
    build.add([tmp_path / "r.csv"], db_copy)
    monkeypatch.setenv("WMC_DB", str(db_copy))
    queries.clear_cache()
    filters = Filters("WMC", 2018, 2021, "CNY", True)
    shown = register.chart_rows(register.by_edition(filters, "sector", ["NEV", "ICs"]), "sector", "en")
    fig = grouped_bars(shown, "bn CNY", register.chart_title("sector", filters, "en", 2), "Investment (bn CNY)")
    bars = {(t.name, y): x for t in fig.data for y, x in zip(t.y, t.x)}
    assert bars == {("2018", "NEV"): 10.0, ("2019", "NEV"): 14.0, ("2019", "ICs"): 20.0}
    queries.clear_cache()


@pytest.mark.parametrize("lang, said", [("en", "6 bodies"), ("zh", "6 家")])
def test_stacked_parts_hover_with_their_unit(lang, said):
    from ui.charts import stacked_bars

    frame = pd.DataFrame({"year": ["2023", "2023"], "kind": ["ministry", "academy"], "bodies": [6, 1]})
    with speaking(lang):
        fig = stacked_bars(frame, "year", "bodies", "kind", "bodies", "edition", unit="bodies")
    assert said in [c for t in fig.data for c in t.customdata]


def test_the_legend_keeps_a_phones_rows_at_every_width():
    years = [str(y) for y in range(2018, 2026)]
    frame = pd.DataFrame({"category": "chips", "year": range(2018, 2026), "value": 1.0})
    fig = grouped_bars(frame, "bn CNY", "T", "Investment (bn CNY)")
    per_row = round(0.98 / fig.layout.legend.entrywidth)
    assert fig.layout.legend.entrywidthmode == "fraction" and per_row * 66 <= 180  # 8 entries of about 66 px
    assert fig.layout.margin.t == 44 + 24 * -(-len(years) // per_row)


@pytest.mark.parametrize("lang, word", [("en", "no figure reported"), ("zh", "未公布")])
def test_an_empty_slot_is_said_to_be_no_figure_under_the_axis(lang, word):
    with speaking(lang):
        fig = grouped_bars(FRAME, "bn CNY", "T", "Investment (bn CNY)")  # 2020 has no high-end equipment figure
        alone = grouped_bars(FRAME[FRAME["year"] == 2021], "bn CNY", "T", "Investment (bn CNY)")
        full = grouped_bars(FRAME[FRAME["category"] == "manufacturing"], "bn CNY", "T", "Investment (bn CNY)")
    assert word in fig.layout.xaxis.title.text and fig.layout.xaxis.title.text.startswith("Investment (bn CNY)<br>")
    assert fig.layout.margin.b > alone.layout.margin.b  # room for the line, which the height adds too
    for no_gap in (alone, full):  # one edition, or every edition in every category: nothing to say
        assert no_gap.layout.xaxis.title.text == "Investment (bn CNY)"
