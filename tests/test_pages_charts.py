"""Charts and cards as the pages show them (AppTest): values, labels, colours, notes and help on the
shipped data and the fixture world."""
from __future__ import annotations

import base64
import json
from pathlib import Path
from xml.etree import ElementTree

import numpy as np

import duckdb
import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto

from ui import kpis
from ui.kpis import KPI_METRICS

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
GREEN, GRAY = MetricProto.MetricColor.GREEN, MetricProto.MetricColor.GRAY


@pytest.fixture
def shipped(shipped_app):
    """shipped(page=None, **query): the dashboard on the shipped data, run once (switched to `page`)."""
    return shipped_app


def cards(at) -> dict:
    return {m.label: m for m in at.metric}


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def chart(at, title_part: str) -> dict:
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        if title_part in ((spec["layout"].get("title") or {}).get("text") or ""):
            return spec
    raise AssertionError(f"no chart titled like {title_part!r}")


def values(array) -> list:
    """Plotly ships numeric arrays as {"dtype", "bdata"} (base64); lists stay lists."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def traces(spec) -> dict:
    return {trace.get("name"): trace for trace in spec["data"]}


def labels(spec) -> dict:
    """Edition -> bar label over every trace of an edition chart."""
    out = {}
    for trace in spec["data"]:
        out |= {x: text for x, text in zip(trace["x"], trace.get("text") or []) if text}
    return out


def sparklines(at) -> list[dict]:
    """Each card's sparkline as the browser gets it: the picture (SVG markup, from its data URI) and its
    alternative text."""
    out = []
    for element in at.get("image"):
        for image in element.proto.imgs:
            head, _, body = image.url.partition(",")
            assert head == "data:image/svg+xml;base64"
            out.append({"svg": ElementTree.fromstring(base64.b64decode(body)), "alt": image.alt})
    return out


def circles(svg, radius: str) -> list[float]:
    """The x of every circle of that radius in the picture."""
    return [float(c.get("cx")) for c in svg.iter(f"{SVG}circle") if c.get("r") == radius]


def test_organizing_bodies_are_neutral_while_projects_read_as_good_news(shipped):
    at = shipped(edition="2019")
    shown = cards(at)
    assert shown["Organizing bodies"].delta == "+7 (+175.0%) vs 4 (2018)"
    assert shown["Organizing bodies"].proto.color == GRAY
    assert shown["Projects signed"].proto.color == GREEN


def test_the_reference_edition_comes_from_the_url_and_the_help_shows_both_figures(shipped):
    at = shipped(edition="2025", vs="2019")
    assert at.selectbox(key="vs").value == 2019
    projects = cards(at)["Projects signed"]
    assert projects.delta == "+97 (+15.2%) vs 638 (2019)"
    assert "2025: 735 projects (source: Media OutReach Newswire" in projects.help
    assert "Compared with 2019: 638 projects (source: Anhui Foreign Affairs Office, 28 Sep 2019)." in projects.help
    assert any("change against 2019" in c for c in captions(at))
    # a reported growth rate is against the edition before: not shown beside another reference
    assert "reported" not in cards(at)["Investment signed"].delta


def test_choosing_a_reference_edition_changes_every_change(shipped):
    at = shipped(edition="2025")
    assert cards(at)["Exhibition area (total)"].delta == ""  # 2024 has no total area
    at.selectbox(key="vs").select(2023).run()
    assert cards(at)["Projects signed"].delta == "+148 (+25.2%) vs 587 (2023)"
    # 10 exhibition zones against the whole site: no change, a neutral note instead
    assert cards(at)["Exhibition area (total)"].delta == ""
    # captions are Markdown with data words escaped (ui.safe_text); compare the words they show
    from ui.safe_text import from_markdown

    assert ("Not comparable: 2025 counts 10 exhibition zones and an unmanned-systems area; 2023 counts whole site."
            in from_markdown(" ".join(captions(at))))


def test_a_card_without_a_value_says_why_and_draws_no_line(shipped, shipped_db):
    with duckdb.connect(str(shipped_db), read_only=True) as con:
        present = {m for (m,) in con.execute("select metric from facts where year = 2024 and not is_derived "
                                              "and scope not like 'subset%'").fetchall()}
    missing = [m for m in KPI_METRICS if m not in present]
    assert missing and len(missing) < len(KPI_METRICS)  # the shipped 2024 has both kinds of card
    at = shipped(edition="2024")
    shown = {m.label: m.value for m in at.metric}
    assert "–" in shown.values()
    # the total area is missing but its parts are reported: the card names them
    assert "No total reported for 2024; hall 20,000 m² + outdoor 32,000 m²." in " ".join(captions(at))
    assert sum(c.endswith("No figure for 2024 found in the sources.") for c in captions(at)) == len(missing) - 1
    assert len(sparklines(at)) == len(KPI_METRICS) - len(missing)  # a line only where 2024 has a value


def test_sparklines_keep_gaps_and_mark_the_selected_edition(shipped):
    at = shipped(edition="2023")
    area = next(line for line in sparklines(at) if "2023 80,000 m²" in line["alt"])
    # the words name every point, the gaps as gaps, and the selected edition
    assert "2020 no figure" in area["alt"] and "2024 no figure" in area["alt"]
    assert area["alt"].startswith("Exhibition area (total), 2018 to 2025: 2018 ") and area["alt"].endswith("Selected: 2023.")
    editions = list(range(2018, 2026))
    x_of = {year: kpis._spark_x(i, len(editions)) for i, year in enumerate(editions)}
    # the line breaks at each gap: 2018-2019, 2021-2023 and 2025 alone (a point, no path)
    assert len(list(area["svg"].iter(f"{SVG}path"))) == 2
    (selected,) = circles(area["svg"], "6.4")
    (reference,) = circles(area["svg"], "6.2")
    assert selected == pytest.approx(x_of[2023], abs=0.1) and reference == pytest.approx(x_of[2022], abs=0.1)


def test_usd_without_a_rate_shows_the_reported_usd_labelled_and_never_a_silent_dash(shipped):
    at = shipped(edition="2024", cur="USD")
    investment = cards(at)["Investment signed"]
    assert investment.value == "about 52.48 bn USD"
    assert "USD as reported by the source: no annual rate is stored for 2024." in " ".join(captions(at))
    assert "the USD amount the source itself reported, not a conversion" in investment.help
    at = shipped(edition="2025", cur="USD")
    investment = cards(at)["Investment signed"]
    assert investment.value == "–"
    reason = next(c for c in captions(at) if "2025" in c and "exchange rate" in c)
    assert "the source reported no USD amount" in reason and "380.2 bn CNY" in reason


def test_projects_bars_carry_qualifiers_and_draw_expected_figures_apart(shipped):
    at = shipped("pages/projects.py")
    spec = chart(at, "Projects signed per edition")
    # the results briefing's headline, not the release's 430+; starred: it covers two co-held conventions
    assert labels(spec)["2018"] == "436*"
    assert "2018: covers WMC 2018 with the co-held 2018 China International Huishang Convention" in \
        spec["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")  # the subtitle wraps long notes
    assert labels(spec)["2022"] == "expected<br>568"
    expected = traces(spec)["Expected (announced in advance)"]
    assert expected["marker"]["opacity"] < traces(spec)["Reported"]["marker"]["opacity"]
    assert expected["marker"]["pattern"]["shape"] == "."
    assert spec["layout"]["showlegend"] is True
    attendees = chart(shipped("pages/exhibition.py"), "Attendees")
    assert labels(attendees)["2018"] == "4,000+" and labels(attendees)["2021"] == "≈1,400"


def test_projects_in_usd_mark_the_reported_amount_and_say_why_an_edition_has_none(shipped):
    at = shipped("pages/projects.py", cur="USD")
    spec = chart(at, "Investment signed per edition")
    assert labels(spec)["2024"] == "≈52.48*"
    assert "USD as the source reported it" in traces(spec)
    notes = spec["layout"]["title"]["subtitle"]["text"]
    assert "* 2024: USD as the source reported it" in notes
    assert "* 2025: no USD value" in notes
    info = " ".join(i.value for i in at.info)
    assert "No sourced annual rate yet for 2024, 2025" in info and "marked as reported" in info


def test_exhibition_charts_note_scope_changes_and_formats_from_the_data(shipped):
    at = shipped("pages/exhibition.py")
    exhibitors = chart(at, "Exhibitors")
    notes = exhibitors["layout"]["title"]["subtitle"]["text"]
    assert "2023: covers market-oriented (professional) exhibition" in notes
    assert "2020: covers online cloud showcase of Anhui firms" in notes
    assert labels(exhibitors)["2023"] == "≈600*" and labels(exhibitors)["2022"] == "641"
    ticks = dict(zip(exhibitors["layout"]["xaxis"]["tickvals"], exhibitors["layout"]["xaxis"]["ticktext"]))
    assert "hybrid" in ticks["2020"] and ticks["2019"] == "2019"  # editions.format, not a list of years
    area = chart(at, "Exhibition area per edition")
    assert "Total (expected, announced beforehand)" in traces(area)


def test_an_online_edition_reads_online_under_its_year(open_app):
    at = open_app("pages/exhibition.py")  # the fixture world holds 2020 as online
    spec = chart(at, "Exhibitors")
    ticks = dict(zip(spec["layout"]["xaxis"]["tickvals"], spec["layout"]["xaxis"]["ticktext"]))
    assert "online" in ticks["2020"] and "hybrid" in ticks["2021"]


def test_organizing_bodies_agree_between_overview_and_organizers_page(shipped):
    overview = cards(shipped(edition="2022"))["Organizing bodies"]
    assert overview.value == "11"
    assert "The Organizers page lists the same 11 bodies for 2022 by name." in overview.help
    at = shipped("pages/organizers.py")
    by_kind = chart(at, "Organizing bodies per edition, by kind")
    in_2022 = sum(y for trace in by_kind["data"] for x, y in zip(values(trace["x"]), values(trace["y"])) if x == "2022")
    assert in_2022 == 11
    assert any("the two numbers agree" in c for c in captions(at))
    assert any("Co-organizers" in c and "2022: 4" in c for c in captions(at))


def test_the_derived_switch_says_that_nothing_is_derived_in_the_shipped_data(shipped):
    assert any(c.startswith("Nothing is derived in 2018–2025") for c in captions(shipped()))


def test_the_derived_switch_says_what_it_adds_or_hides(open_app):
    at = open_app(derived="true")
    included = next(c for c in captions(at) if c.startswith("Included: 2 derived figure(s)"))
    assert "2020 Projects signed (about 684 projects)" in included
    at = open_app()
    assert any(c.startswith("Hidden: 2 derived figure(s)") for c in captions(at))
    assert "a derived one is hidden" in cards(at.selectbox(key="edition").select(2020).run())["Projects signed"].help


def test_chinese_cards_and_charts(shipped):
    at = shipped(edition="2022", vs="2019", lang="zh")
    projects = cards(at)["签约项目"]
    assert projects.value == "预计 568"
    assert "对比 2019 年：638 个" in projects.help
    at.switch_page("pages/projects.py").run()
    spec = chart(at, "历届签约项目")
    assert labels(spec)["2022"] == "预计<br>568"
    assert "预计数据（事先公布）" in traces(spec)
