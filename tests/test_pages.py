"""Every dashboard page through Streamlit's AppTest on the fixture world (tests/fixtures/world)."""
from pathlib import Path

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from loaders.build import build

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["pages/overview.py", "pages/projects.py", "pages/exhibition.py", "pages/organizers.py",
         "pages/explorer.py", "pages/sources.py", "pages/add_data.py"]


@pytest.fixture
def app(open_app):
    return lambda **query: open_app(**query)


def metric(at, label):
    return next(m for m in at.metric if m.label == label)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(app, page):
    at = app()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title, "every page has a title"
    if page != "pages/overview.py":
        assert at.title[0].value != "WMC overview", "switch_page fell back to the default page"


@pytest.mark.parametrize("first_run_at_root", [False, True])
def test_a_shared_overview_link_with_filters_opens_the_overview_with_them(open_app, first_run_at_root):
    """/overview?from=2019&to=2021&cur=USD (how people name the overview in a link). The sidebar binds
    from, to and cur to its widgets, and Streamlit refuses to set a bound parameter, so the alias
    used to end in an exception: it now switches before the sidebar is drawn."""
    query = {"from": "2019", "to": "2021", "cur": "USD", "edition": "2019", "lang": "zh"}
    if first_run_at_root:  # a session that was already open at "/" follows the link
        at = open_app(**query)
    else:  # the link opened in a new tab: the alias is the session's first run
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.query_params.update(query)
    at.switch_page("pages/overview.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "WMC 总览"
    assert (at.selectbox(key="from").value, at.selectbox(key="to").value, at.radio(key="cur").value) == (2019, 2021, "USD")
    assert at.selectbox(key="edition").value == 2019
    # What the address bar then shows is the browser's to tell: tests/e2e/test_e2e_pages.py.


def test_overview_2019_shows_projects_and_investment_with_delta_on_lower_bound(app):
    at = app(edition="2019")
    assert metric(at, "Projects signed").value == "638"
    assert metric(at, "Projects signed").delta == "+208 (≤ +48.4%) vs 430+ (2018)"
    assert metric(at, "Investment signed").value == "735.1 bn CNY"
    assert metric(at, "Investment signed").delta == "+288.1 bn (+64.5%) vs 447 bn (2018)"


def test_overview_defaults_to_latest_edition_with_data(app):
    at = app()
    assert at.selectbox(key="edition").value == 2021
    assert metric(at, "Exhibition area").value == "43,000+ m²"


def test_changing_the_edition_changes_the_deltas(app):
    at = app(edition="2019")
    assert not metric(at, "Attendees").delta  # 4,500+ against 4,000+: two lower bounds bound no change
    assert any("both figures are lower bounds (4,500+ and 4,000+)" in c.value for c in at.caption)
    at.selectbox(key="edition").select(2018).run()
    assert metric(at, "Attendees").value == "4,000+ people"
    assert metric(at, "Attendees").delta is None or metric(at, "Attendees").delta == ""


def test_no_delta_when_previous_edition_has_no_figure(app):
    at = app(edition="2019")
    assert metric(at, "Countries and regions").value == "78"
    assert not metric(at, "Countries and regions").delta


def test_currency_toggle_converts_at_the_stated_rate(app):
    at = app(edition="2019")
    at.radio(key="cur").set_value("USD").run()
    assert metric(at, "Investment signed").value == "105.01 bn USD"  # 735.1 / 7.0 (fixture rate)
    # Writing a bound widget's value into the URL is the browser's part: tests/e2e checks it.


def test_url_parameters_set_the_filters(app):
    at = app(cur="USD", derived="1", edition="2020", **{"from": "2019", "to": "2020"})
    assert at.radio(key="cur").value == "USD"
    assert at.toggle(key="derived").value is True
    assert at.selectbox(key="from").value == 2019
    assert metric(at, "Projects signed").value == "about 684"
    assert "derived" in metric(at, "Projects signed").help.lower()


def test_derived_figures_hidden_unless_asked(app):
    at = app(edition="2020")
    assert metric(at, "Projects signed").value == "–"


def test_malformed_url_parameters_fall_back_to_defaults(app):
    at = app(cur="EUR", derived="maybe", **{"from": "1900", "to": "x'; drop table facts;--"})
    assert not at.exception
    assert at.radio(key="cur").value == "CNY"
    assert at.selectbox(key="from").value == 2018


def _values(array):
    """Plotly 6 ships numeric arrays as {"dtype", "bdata"} (base64); lists stay lists."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return [np.nan if v is None else v for v in array]


def _chart_spec(at, key_part):
    charts = at.get("plotly_chart")
    for chart in charts:
        spec = json.loads(chart.proto.spec)
        if key_part in ((spec["layout"].get("title") or {}).get("text") or ""):
            return spec
    raise AssertionError(f"no chart titled like {key_part!r}")


def test_projects_chart_leaves_a_gap_for_an_edition_without_figure(app):
    at = app()
    at.switch_page("pages/projects.py").run()
    spec = _chart_spec(at, "Projects signed per edition")
    bars = spec["data"][0]
    by_year = dict(zip(_values(bars["x"]), _values(bars["y"])))
    assert by_year["2019"] == 638
    assert np.isnan(by_year["2021"])  # a gap (null), never a zero
    assert spec["layout"]["yaxis"]["title"]["text"] == "Projects signed (projects)"


def test_projects_investment_axis_follows_currency(app):
    at = app(cur="USD")
    at.switch_page("pages/projects.py").run()
    spec = _chart_spec(at, "Investment signed per edition")
    assert spec["layout"]["yaxis"]["title"]["text"] == "Investment signed (bn USD)"
    bars = spec["data"][0]
    assert round(dict(zip(_values(bars["x"]), _values(bars["y"])))["2019"], 2) == 105.01


def test_reported_growth_is_shown_only_in_the_sources_currency(monkeypatch, tmp_path):
    world = tmp_path / "world"
    world.mkdir()
    for f in (ROOT / "tests" / "fixtures" / "world").glob("*.csv"):
        (world / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    with open(world / "metrics.csv", "a", encoding="utf-8") as out:
        out.write("investment_signed_growth_pct,Investment growth as reported,percent,As stated,true,investment,none\n")
    with open(world / "facts.csv", "a", encoding="utf-8") as out:
        out.write("WMC,2019,investment_signed_growth_pct,64,percent,exact,whole convention,src-b,false,\n")
    db = tmp_path / "growth.duckdb"
    build(world, db)
    monkeypatch.setenv("WMC_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["edition"] = "2019"
    at.run()
    assert metric(at, "Investment signed").delta == "+288.1 bn (+64% reported) vs 447 bn (2018)"
    at.radio(key="cur").set_value("USD").run()
    assert "reported" not in metric(at, "Investment signed").delta


def test_usd_without_a_sourced_rate_shows_no_value_and_says_why(monkeypatch, tmp_path):
    world = tmp_path / "world"
    world.mkdir()
    for f in (ROOT / "tests" / "fixtures" / "world").glob("*.csv"):
        text = f.read_text(encoding="utf-8")
        if f.name == "fx_rates.csv":
            text = "\n".join(line for line in text.splitlines() if not line.startswith("2019,")) + "\n"
        (world / f.name).write_text(text, encoding="utf-8")
    db = tmp_path / "norate.duckdb"
    build(world, db)
    monkeypatch.setenv("WMC_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["edition"] = "2019"
    at.query_params["cur"] = "USD"
    at.run()
    card = metric(at, "Investment signed")
    assert card.value == "–"
    assert "No sourced annual exchange rate for 2019" in card.help
    at.switch_page("pages/projects.py").run()
    assert any("No sourced annual rate yet for 2019" in i.value for i in at.info)


def test_a_fall_against_the_previous_edition_reads_as_a_fall(app):
    at = app(edition="2020", derived="1")
    # 2020's derived 617.9 against 2019's 735.1: st.metric draws a down arrow for a leading "-"
    assert metric(at, "Investment signed").delta == "-117.2 bn (~-15.9%) vs 735.1 bn (2019)"
