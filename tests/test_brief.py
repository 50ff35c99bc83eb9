"""ui/brief.py: the page escapes data, and printing is bounded (one per session, a time limit, a plain
message without a renderer). The real print in both languages is tests/e2e/test_e2e_brief.py."""
from __future__ import annotations

import threading

import pytest

import config
from ui import brief
from ui.kpis import KpiCard

MESSAGES = {m: f"<{m}>" for m in ("missing", "busy", "timeout", "failed")}
WORDS = {w: w for w in ("kpis", "charts", "organizers", "guests", "claims", "claims_more", "sources", "version",
                        "generated", "no_change", "no_claims", "editions", "metric", "claimed", "sum", "coverage",
                        "check", "list_joiner", "colon")}


def data(**changes) -> brief.BriefData:
    values = dict(lang="en", title="WMC 2019 brief", facts={"Theme": "<b>bold</b>"},
                  cards=[KpiCard("projects_signed", "Projects signed", "638", None, "", [])], charts=[],
                  organizers="A & B", guests="none reported", claims=[], claims_more=0,
                  sources=[("Xinhua <script>", "2019-09-24")], data_version="run 1", words=WORDS)
    return brief.BriefData(**{**values, **changes})


def test_data_values_are_escaped_and_nothing_is_fetched():
    page = brief.brief_html(data())
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "Xinhua &lt;script&gt;" in page and "A &amp; B" in page
    assert "http://" not in page and "https://" not in page  # plotly.js comes from the local package
    assert brief.PLOTLY_JS.is_file()


def test_no_claims_says_so():
    assert "no_claims" in brief.brief_html(data())


def test_a_second_brief_in_the_same_session_waits_its_turn():
    lock = threading.Lock()
    lock.acquire()
    with pytest.raises(brief.BriefError, match="<busy>"):
        brief.make(data(), lock, MESSAGES)


def test_a_missing_renderer_is_named(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "CHROMIUM", tmp_path / "no-chromium")
    assert brief.renderer_missing() == str(tmp_path / "no-chromium")
    with pytest.raises(brief.BriefError, match="<missing>"):
        brief.print_pdf("<p>x</p>", MESSAGES)


def test_a_renderer_that_hangs_is_stopped_at_the_time_limit(monkeypatch, tmp_path):
    slow = tmp_path / "slow-renderer"
    marker = tmp_path / "still-running"
    slow.write_text(f"#!/bin/sh\n(sleep 3; touch {marker}) &\nsleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setattr(config, "CHROMIUM", slow)
    with pytest.raises(brief.BriefError, match="<timeout>"):
        brief.print_pdf("<p>x</p>", MESSAGES, timeout_s=0.5)
    import time

    time.sleep(3.5)
    assert not marker.exists()  # the renderer's helper processes were stopped with it


def test_a_renderer_that_writes_nothing_fails_plainly(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "CHROMIUM", tmp_path / "true")
    (tmp_path / "true").write_text("#!/bin/sh\nexit 0\n")
    (tmp_path / "true").chmod(0o755)
    with pytest.raises(brief.BriefError, match="<failed>"):
        brief.print_pdf("<p>x</p>", MESSAGES)
    lock = threading.Lock()
    with pytest.raises(brief.BriefError):
        brief.make(data(), lock, MESSAGES)
    assert not lock.locked()  # a failure frees the session for the next try


def test_the_brief_names_the_organizing_bodies_the_pages_count(shipped_db, monkeypatch):
    """2022 lists co-organizers (承办单位) beside its 11 organizers and hosts: like the Overview card
    and the Organizers page, the brief names the 11 only (it once listed all of them)."""
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    import queries
    from ui import brief_page
    from ui.filters import Filters
    from ui.i18n.names import name

    rows = queries.run("participation", convention="WMC", year_from=2022, year_to=2022)
    organizing = set(rows.loc[rows["role"].isin(["organizer", "host"]), "organization"])
    only_co = set(rows.loc[rows["role"] == "co-organizer", "organization"]) - organizing
    assert len(organizing) == 11 and only_co, "the shipped 2022 edition has co-organizers besides 11 bodies"
    listed = brief_page.gather(brief_page.view_of(Filters("WMC", 2018, 2025, "CNY", False), 2022), "en").organizers.split(", ")
    assert sorted(listed) == sorted(name("organization", o, "en") for o in organizing)
    assert not {name("organization", o, "en") for o in only_co} & set(listed)


def test_a_printed_chart_keeps_the_figure_and_takes_the_print_settings():
    import json
    import re

    import plotly.graph_objects as go
    import plotly.io

    fig = go.Figure([go.Bar(x=[2018, 2019], y=[1, 2], text=["1", "2"], textfont=dict(color="#123456")),
                     go.Bar(x=[2018, 2019], y=[3, 4], yaxis="y2")])
    fig.update_layout(template="plotly_dark", title=dict(text="Projects", subtitle=dict(text="a note<br>another")),
                      yaxis=dict(title=dict(text="projects")), yaxis2=dict(title=dict(text="bn CNY"), overlaying="y"),
                      margin=dict(l=60, r=60, t=90, b=60), showlegend=True)
    before = fig.to_plotly_json()
    page = brief._chart_div(fig, "chart7")
    data, layout, config_ = (json.loads(part) for part in re.search(
        r'Plotly.newPlot\(\s*"chart7",\s*(\[.*?\]),\s*(\{.*\}),\s*(\{.*?\})\s*\)', page, re.S).groups())
    notes = 12 * 2 + 4  # two lines of notes under the title
    assert (layout["width"], layout["height"]) == (340, brief.PRINT_PLOT_HEIGHT_PX + brief.PRINT_TOP_PX + notes)
    assert layout["margin"] == {"l": 8, "r": 8, "t": brief.PRINT_TOP_PX + notes, "b": 8}
    assert layout["template"] == json.loads(plotly.io.json.to_json_plotly(plotly.io.templates["plotly_white"]))
    assert layout["title"]["text"] == "Projects" and layout["title"]["subtitle"]["text"] == "a note<br>another"
    assert layout["title"]["font"]["size"] == 12 and layout["title"]["subtitle"]["font"]["size"] == 9
    assert [t["textfont"]["size"] for t in data] == [8, 8] and data[0]["textfont"]["color"] == "#123456"
    assert [layout[a]["title"]["font"]["size"] for a in ("yaxis", "yaxis2")] == [9, 9]
    assert [layout[a]["title"]["text"] for a in ("yaxis", "yaxis2")] == ["projects", "bn CNY"]
    assert layout["showlegend"] is False and layout["paper_bgcolor"] == "white"
    assert layout["font"]["family"].startswith("Noto Sans CJK SC")
    assert config_["staticPlot"] is True and config_["displayModeBar"] is False
    assert fig.to_plotly_json() == before  # the page's own figure is left as it was
