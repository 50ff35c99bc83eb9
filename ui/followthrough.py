"""The Follow-through section of Projects & investment, its Explorer rows and its brief line, in words.

queries/followthrough.py decides (which ratio, which bound, which flag); this module says it in the
reader's language, draws the chart, and shapes the progress rows for the Explorer and its exports.
"""
from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go

from queries.chart_facts import ShareFacts, share_facts
from queries.followthrough import FollowThrough, chart_points
from ui import chart_summary
from ui.charts import notes_layout
from ui.format import is_missing
from ui.i18n import FORMATS, text
from ui.i18n.names import name
from vocabulary import FOLLOW_THROUGH_CATEGORY, PROGRESS_MEASURES
from ui.tables import show_table

BOUND_MARKS = {"exact": "", "about": "≈", "at_least": "≥", "at_most": "≤"}
STATUS_MARKS = {"ratio": "✓", "stated_share": "–", "no_denominator": "?", "contradiction": "⚠"}
FLAGGED_MARK = "ⓘ"  # a share with something to know: an expected denominator, a source's share on another base
# A lower-bound ratio is drawn as an upward triangle: the share is at least there.
BOUND_SYMBOLS = {"at_least": "triangle-up", "at_most": "triangle-down"}
TABLE_COLUMNS = ["editions", "status", "measure", "reported", "signed", "share", "check", "stated", "publisher",
                 "published", "url"]
CHART_HEIGHT_PX = 320  # the plot itself; title and legend above it add their own height
LEGEND_ROW_PX = 24
CONTRADICTION_COLOR = "#D55E00"
CONTRADICTION_LINE_PX = 3


def span(editions: tuple[int, int]) -> str:
    first, last = editions
    return f"{first}" if first == last else f"{first}–{last}"


def measure_word(measure: str, lang: str) -> str:
    return text(lang, f"progress_measure.{measure}")


def share_text(ratio: float | None, bound: str) -> str:
    """'≥36.4%', '86.5%', '≈35.8%'; '–' without a ratio."""
    return "–" if ratio is None else f"{BOUND_MARKS.get(bound, '')}{ratio:.1%}"


def status_date(d: FollowThrough, lang: str) -> str:
    return FORMATS[lang].source_date(d.status_on, d.status_precision)


SHARE_MARKS = {"more_than": ">", "at_least": "≥", "about": "≈", "nearly": "≈"}


def _stated(value: float, qualifier: str | None) -> str:
    """A share as the source states it: '>80%', '≈94%', '93.8%'."""
    return f"{SHARE_MARKS.get(qualifier or '', '')}{value:g}%"


def _amount(value, qualifier, unit: str, lang: str) -> str:
    return FORMATS[lang].with_qualifier(value, qualifier, unit, show_unit=True)


def _finding(key: str, values: dict, d: FollowThrough, lang: str) -> str:
    words = {}
    for field, value in values.items():
        if field == "years":
            words[field] = text(lang, "common.list_joiner").join(str(y) for y in value)
        elif field == "span":
            words[field] = span(value)
        elif field in ("total", "value"):
            words[field] = _amount(value, values.get("qualifier") if field == "total" else d.qualifier, d.unit, lang)
        elif field == "stated":
            words[field] = f"{value:g}%"
        elif field == "ratio":
            words[field] = f"{value:.1%}"
        else:
            words[field] = value
    if key == "stated_other_base" and d.measure == "funds_in_place":
        key = "stated_contract_base"
    return text(lang, f"followthrough.{key}", **words)


def check(d: FollowThrough, lang: str) -> str:
    """The decision's mark and findings: '⚠ more than the about 1.2 tn CNY said to be signed over 2018–2024'."""
    said = text(lang, "followthrough.joiner").join(_finding(k, v, d, lang) for k, v in d.findings)
    mark = FLAGGED_MARK if d.status == "ratio" and d.findings else STATUS_MARKS[d.status]
    return f"{mark} {said or text(lang, 'followthrough.same_editions')}"


def table(found: list[FollowThrough], lang: str) -> pd.DataFrame:
    """One row per progress figure: editions, status date, measure, the figure, the signed figure of
    the same editions, the share, the share the source states, the check, the source."""
    f = FORMATS[lang]
    rows = []
    for d in found:
        whole = PROGRESS_MEASURES[d.measure][1]
        rows.append({
            "editions": span(d.editions),
            "status": status_date(d, lang),
            "measure": measure_word(d.measure, lang),
            "reported": _stated(d.value, d.qualifier) if whole is None else _amount(d.value, d.qualifier, d.unit, lang),
            "signed": "–" if d.signed_total is None else _amount(d.signed_total, None, d.unit, lang),
            "share": share_text(d.ratio, d.bound),
            "stated": "–" if d.stated_share is None else _stated(d.stated_share, d.stated_qualifier),
            "check": check(d, lang),
            "publisher": d.source.get("publisher") or "–",
            "published": f.source_date(d.source.get("published_on"), d.source.get("published_precision")),
            "url": d.source.get("url"),
        })
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def _hover(d: FollowThrough, lang: str) -> str:
    """Plain text for one point (every data value escaped: plotly reads a few HTML tags in hover text)."""
    lines = [
        text(lang, "followthrough.hover_editions", editions=span(d.editions), status=status_date(d, lang)),
        text(lang, "followthrough.hover_share", share=share_text(d.ratio, d.bound),
             value=_amount(d.value, d.qualifier, d.unit, lang), total=_amount(d.signed_total, None, d.unit, lang)),
        text(lang, "followthrough.hover_years", years=f"{d.years_since_first:.1f}"),
        text(lang, "followthrough.hover_source", publisher=d.source.get("publisher") or "–",
             published=FORMATS[lang].source_date(d.source.get("published_on"), d.source.get("published_precision"))),
    ]
    if d.expected_years:
        lines.append(_finding("expected_denominator", {"years": d.expected_years}, d, lang))
    if d.status == "contradiction":
        lines.append(check(d, lang))
    # Only & < > matter to plotly's hover markup; quotes stay as the source wrote them.
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def chart(found: list[FollowThrough], lang: str, dark: bool = False) -> go.Figure | None:
    """Funds in place as a share of the investment signed at the same editions, against the years
    since the first of them closed: one marker per report, one series per set of editions, no line
    between reports (a gap stays a gap). None when no edition has more than one such report."""
    points = chart_points(found)
    if not points:
        return None
    traces = []
    for editions in sorted({d.editions for d in points}):
        mine = [d for d in points if d.editions == editions]
        flagged = any(d.status == "contradiction" for d in mine)
        traces.append(go.Scatter(
            x=[round(d.years_since_first, 2) for d in mine], y=[round(d.ratio * 100, 1) for d in mine],
            mode="markers", name=text(lang, "followthrough.series", editions=span(editions)) + (" ⚠" if flagged else ""),
            marker=dict(size=13, symbol=[BOUND_SYMBOLS.get(d.bound, "circle") for d in mine],
                        line=dict(
                            width=[CONTRADICTION_LINE_PX if d.status == "contradiction" else 1 for d in mine],
                            color=[CONTRADICTION_COLOR if d.status == "contradiction" else "#444444" for d in mine])),
            customdata=[[_hover(d, lang)] for d in mine], hovertemplate="%{customdata[0]}<extra></extra>"))
    # Title and legend stack above the plot (the edition charts' layout); plotly gives every entry of a
    # horizontal legend the widest entry's width, so a phone shows one series a row: room for that.
    layout = notes_layout([], False, text(lang, "followthrough.chart_title"), {})
    layout.update(showlegend=True, margin=dict(l=10, r=10, b=10, t=layout["margin"]["t"] + LEGEND_ROW_PX * len(traces)))
    fig = go.Figure(traces, layout={**layout, "height": CHART_HEIGHT_PX + layout["margin"]["t"],
                                    "hovermode": "closest"})
    fig.update_xaxes(title=dict(text=text(lang, "followthrough.x_axis")), rangemode="tozero", fixedrange=True,
                     zeroline=False)
    fig.update_yaxes(title=dict(text=text(lang, "followthrough.y_axis")), range=[0, 100], fixedrange=True,
                     ticksuffix="%")
    return fig


# ---------------------------------------------------------------- the Explorer's rows

EXPLORER_COLUMNS = ["year", "metric", "label", "category", "value", "unit", "qualifier", "scope", "is_derived",
                    "note", "source_id", "publisher", "title", "published_on", "published_precision", "url",
                    "cny_per_usd"]


def explorer_rows(rows: pd.DataFrame, found: list[FollowThrough], lang: str) -> pd.DataFrame:
    """Every progress figure as an explorer_facts row in `lang`: category follow-through, year the
    year of its status date (money converts at that year's rate), scope naming the editions followed
    and the status date, the note starting with our share of the signed figure where there is one."""
    decided = {(d.report_id, d.measure): d for d in found}
    out = []
    for r in rows.to_dict("records"):
        d = decided.get((r["report_id"], r["measure"]))
        status = FORMATS[lang].source_date(r["status_on"], r["status_precision"])
        scope = text(lang, "followthrough.explorer_scope", editions=span((int(r["year_from"]), int(r["year_to"]))),
                     status=status, scope=name("scope", r["scope"], lang))
        note = "" if is_missing(r["note"]) else str(r["note"])
        if d is not None and d.ratio is not None and d.signed_total is not None:
            share = text(lang, "followthrough.explorer_share", share=share_text(d.ratio, d.bound),
                         total=_amount(d.signed_total, None, d.unit, lang))
            note = share + (text(lang, "export.note_joiner") + note if note else "")
        out.append({
            "year": pd.Timestamp(r["status_on"]).year, "metric": r["measure"],
            "label": measure_word(r["measure"], lang), "category": FOLLOW_THROUGH_CATEGORY,
            "value": float(r["value"]), "unit": r["unit"], "qualifier": r["qualifier"], "scope": scope,
            "is_derived": False, "note": note, "source_id": r["source_id"], "publisher": r["publisher"],
            "title": r["title"], "published_on": r["published_on"], "published_precision": r["published_precision"],
            "url": r["url"], "cny_per_usd": r["status_cny_per_usd"],
        })
    return pd.DataFrame(out, columns=EXPLORER_COLUMNS)


def with_progress(facts: pd.DataFrame, rows: pd.DataFrame, found: list[FollowThrough], lang: str) -> pd.DataFrame:
    """explorer_facts rows followed by the progress rows (nothing added when there are none)."""
    extra = explorer_rows(rows, found, lang)
    if extra.empty:
        return facts
    return pd.concat([facts, extra[[c for c in facts.columns if c in extra.columns]]], ignore_index=True)


# ---------------------------------------------------------------- the brief

def brief_text(line: tuple[str, dict] | None, lang: str) -> str:
    """queries.followthrough.brief_line said in `lang` ('' when the edition has no report)."""
    if line is None:
        return ""
    key, values = line
    parts = text(lang, "followthrough.brief_and").join(
        text(lang, f"followthrough.brief_{measure}", share=share_text(ratio, bound))
        for measure, ratio, bound, *_ in values["parts"] if ratio is not None)
    if not parts:
        return ""
    said = text(lang, f"followthrough.{key}", editions=span(values["span"]), parts=parts,
                status=FORMATS[lang].source_date(values["status_on"], values["status_precision"]),
                publisher=values["publisher"] or "–")
    if values["expected_years"]:
        said += text(lang, "followthrough.brief_expected",
                     years=text(lang, "common.list_joiner").join(map(str, values["expected_years"])))
    if values["contradiction"]:
        said += text(lang, "followthrough.brief_contradiction")
    return said


# ---------------------------------------------------------------- the section on Projects & investment

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def flagged_lines(found: list[FollowThrough], lang: str) -> list[str]:
    """One Markdown line per figure with something to know (a contradiction, an expected
    denominator, a share on another base): '2018–2023 · Funds in place · ≥48.5%: ⚠ …'; escaped."""
    lines = []
    for d in found:
        if d.status == "contradiction" or (d.status == "ratio" and d.findings):
            said = text(lang, "followthrough.line", editions=span(d.editions), measure=measure_word(d.measure, lang),
                        share=share_text(d.ratio, d.bound), check=check(d, lang))
            lines.append(_MARKDOWN_SPECIAL.sub(r"\\\1", said))
    return lines


def share_sentence(lang: str, title: str, facts: ShareFacts | None) -> str:
    """'Funds in place …, 2018–2023: 4 reports; lowest 24.3% (2018, 1.6 years after), highest ≥48.5% (…).'"""
    if facts is None:
        return ""
    low, high = facts.low, facts.high
    body = text(lang, "summary.shares", reports=chart_summary.counted(lang, "reports", facts.reports),
                low=share_text(low.ratio, low.bound), low_editions=span(low.editions),
                low_after=f"{low.years_since_first:.1f}", high=share_text(high.ratio, high.bound),
                high_editions=span(high.editions), high_after=f"{high.years_since_first:.1f}")
    return text(lang, "summary.sentence", title=title, span=chart_summary.span_of(lang, facts.years), body=body)


def show_section(found: list[FollowThrough], lang: str) -> None:
    """The Follow-through section: heading, the reports with their shares, the chart over time."""
    import streamlit as st

    st.subheader(text(lang, "followthrough.title"))
    st.caption(text(lang, "followthrough.intro"))
    if not found:
        st.info(text(lang, "followthrough.none"))
        return
    column = lambda key: text(lang, f"followthrough.col_{key}")  # noqa: E731
    show_table(table(found, lang), hide_index=True, width="stretch", key="followthrough_table", column_config={
        "editions": column("editions"), "status": column("status"), "measure": column("measure"),
        "reported": column("reported"), "signed": column("signed"), "share": column("share"),
        "stated": column("stated"), "check": st.column_config.TextColumn(column("check"), width="large"),
        "publisher": text(lang, "col.publisher"), "published": text(lang, "col.published"),
        "url": st.column_config.LinkColumn(text(lang, "col.link"), display_text=text(lang, "table.open_link"))})
    flagged = flagged_lines(found, lang)
    if flagged:  # the checks that matter, readable where the table's last columns lie beyond a phone's screen
        st.markdown("\n".join(f"- {line}" for line in flagged))
    st.caption(text(lang, "followthrough.caption"))
    figure = chart(found, lang)
    if figure is None:
        st.info(text(lang, "followthrough.no_chart"))
        return
    st.plotly_chart(figure, key="chart_followthrough")
    chart_summary.show(share_sentence(lang, text(lang, "followthrough.chart_title"),
                                                    share_facts(chart_points(found))))
    st.caption(text(lang, "followthrough.chart_caption"))
