"""Plotly figures shared by the pages: one colour per metric, units on axes, gaps for missing data."""
from __future__ import annotations

import functools
import hashlib
import pickle
import re
import threading
from collections import OrderedDict

import pandas as pd
import plotly.graph_objects as go

from ui.format import is_missing
from ui.i18n import fmt, language, metric_label, name, t
from ui.safe_text import for_plotly
from vocabulary import FIRST_EDITION_YEAR, PLAIN_SCOPES, figure_kind, flag, stage_of

# One colour per metric across every page (colour-blind-safe Okabe-Ito order first).
METRIC_COLORS = {
    "projects_signed": "#0072B2",
    "investment_signed": "#E69F00",
    "average_investment": "#CC79A7",
    "exhibition_area": "#009E73",
    "exhibition_area_hall": "#009E73",
    "exhibition_area_outdoor": "#56B4E9",
    "exhibitors": "#D55E00",
    "exhibits": "#8C6D31",
    "attendees": "#7F3C8D",
    "overseas_guests": "#11A579",
    "countries_regions": "#3969AC",
    "visitors": "#F2B701",
    "organizers": "#80BA5A",
    "fortune500_executives": "#E73F74",
}
FALLBACK_COLOR = "#7F7F7F"

# One colour per edition on every chart that tells editions apart by colour (breakdowns, the register):
# fixed by the year, so 2021 keeps its colour whatever range is selected. Tableau 10: each reads on
# the light and the dark theme; past 2027 the list starts again.
EDITION_PALETTE = ("#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
                   "#9C755F", "#BAB0AC")


def edition_color(year) -> str:
    """The colour of edition `year`, the same on every chart and in every range."""
    return EDITION_PALETTE[(int(year) - FIRST_EDITION_YEAR) % len(EDITION_PALETTE)]


_FIGURES: OrderedDict = OrderedDict()
_FIGURES_LOCK = threading.Lock()
MAX_FIGURES = 256


def _key_part(value):
    if isinstance(value, pd.DataFrame):
        # Equal bytes mean equal content; two equal frames that pickle differently only miss the memo.
        return ("frame", hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).digest())
    if isinstance(value, (list, tuple)):
        return tuple(_key_part(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _key_part(v)) for k, v in value.items()))
    return value


def memo_figure(builder):
    """Reuse a built figure for the same inputs.

    Building a plotly figure validates every property (~15-20 ms a chart); st.plotly_chart only
    serializes it and never changes it, so one object can serve every rerun that asks the same. The
    frames are keyed by their content, so new data is a new key: no data version is needed.
    """
    @functools.wraps(builder)
    def cached(*args, **kwargs):
        # The language is part of the key: the builders read it for their words and number style.
        key = (builder.__qualname__, language(), _key_part(args), _key_part(kwargs))
        with _FIGURES_LOCK:
            if key in _FIGURES:
                _FIGURES.move_to_end(key)
                return _FIGURES[key]
        figure = builder(*args, **kwargs)
        with _FIGURES_LOCK:
            _FIGURES[key] = figure
            while len(_FIGURES) > MAX_FIGURES:
                _FIGURES.popitem(last=False)
        return figure
    return cached


def plain(values, scale: float = 1.0) -> list:
    """Values as a JSON list with null for missing (plotly's binary arrays mis-draw NaN gaps), times
    `scale` (the display scale of the language: bn -> 亿 in Chinese)."""
    return [None if is_missing(v) else float(v) * scale for v in values]


def color(metric: str) -> str:
    return METRIC_COLORS.get(metric, FALLBACK_COLOR)


def axis_title(label: str, unit: str) -> str:
    """'Exhibition area (m²)'; no repeat when the label already names the unit ('Countries and regions')."""
    unit_text = fmt().unit_label(unit)
    if language() == "zh":
        return label if unit_text in ("", "个", "%") else f"{label}（{unit_text}）"
    return label if unit_text.lower() == label.lower() else f"{label} ({unit_text})"


# One look per kind, the same in light and dark themes: a lighter fill with an outline reads as
# "not a closing count" on either background, and the pattern still tells it apart in greyscale.
KIND_ORDER = ("reported", "preliminary", "expected", "derived", "usd_as_reported")
KIND_LOOK = {
    "reported": dict(opacity=1.0, pattern=""),
    "preliminary": dict(opacity=0.55, pattern="-"),
    "expected": dict(opacity=0.4, pattern="."),
    "derived": dict(opacity=0.75, pattern="/"),
    "usd_as_reported": dict(opacity=0.75, pattern="x"),
}
FOOTNOTE_MARK = "*"
TOP_MARGIN = 44  # px above the plot for the title alone


def _hover_text(row) -> str:
    if is_missing(row["value"]):
        return t("chart.no_figure")
    text = fmt().with_qualifier(row["value"], row["qualifier"], row["unit"], show_unit=True)
    if narrowed_scope(row):
        text += t("chart.scope", scope=for_plotly(name("scope", row["scope"])))
    if flag(row.get("as_reported")):
        text += t("chart.usd_as_reported")
    return text + (t("chart.derived") if flag(row.get("is_derived")) else "")


def narrowed_scope(row) -> bool:
    """True when a figure's scope says it covers less or other than the metric itself (an online
    showcase, the market-oriented show only)."""
    scope = row.get("scope")
    return isinstance(scope, str) and scope not in PLAIN_SCOPES


def footnotes(frame: pd.DataFrame) -> dict[int, str]:
    """Edition -> what a reader must know to read its figure: a narrowed scope, a USD amount as the
    source reported it, a USD value missing for want of a rate. From the rows themselves (scope,
    as_reported, no_rate), never from a list of years."""
    notes: dict[int, list[str]] = {}
    for row in frame.to_dict("records"):
        year = int(row["year"])
        if not is_missing(row["value"]) and narrowed_scope(row):
            notes.setdefault(year, []).append(t("chart.note_scope", scope=for_plotly(name("scope", row["scope"]))))
        if flag(row.get("as_reported")):
            notes.setdefault(year, []).append(t("chart.note_usd_as_reported"))
        if flag(row.get("no_rate")) and is_missing(row["value"]):
            notes.setdefault(year, []).append(t("chart.note_no_rate"))
    return {year: t("common.list_joiner").join(parts) for year, parts in sorted(notes.items())}


def _source_date(row: dict, suffix: str = "") -> str:
    on = row.get(f"published_on{suffix}")
    return "–" if is_missing(on) or pd.isna(on) else fmt().source_date(on, row.get(f"published_precision{suffix}"))


def hover_rows(records: list[dict]) -> list[list[str]]:
    """Per row (a record of a series frame): the figure as the hover writes it, its publisher and
    the source date as precisely as it is known; a figure computed from two (average, growth) names
    the second source too (publisher_2 ...). Publishers are data: escaped for plotly's HTML (ui/safe_text)."""
    rows = []
    for row in records:
        publisher = "–" if is_missing(row.get("publisher")) else for_plotly(row["publisher"])
        second = (row.get("publisher_2"), _source_date(row, "_2"))
        if not is_missing(second[0]) and second != (row.get("publisher"), _source_date(row)):
            publisher = t("chart.two_sources", first=publisher, first_date=_source_date(row),
                          second=for_plotly(row["publisher_2"]))
            rows.append([_hover_text(row), publisher, _source_date(row, "_2")])
        else:
            rows.append([_hover_text(row), publisher, _source_date(row)])
    return rows


def hover_template() -> str:
    """Edition, figure with qualifier and unit, then its source: the hover of every edition chart."""
    return "<b>%{x}</b>: %{customdata[0]}<br>" + t("chart.source") + "<extra>%{fullData.name}</extra>"


def edition_ticks(years: list[int], formats: dict | None) -> dict:
    """Tick labels of the edition axis: the year, and under it the format where an edition was not
    held on site only ('2020 / online'), from editions.format."""
    ticktext = []
    for year in years:
        form = (formats or {}).get(year)
        word = t(f"chart.tick.{form}") if form in ("online", "hybrid") else ""
        # 线上线下 two characters a line, so neighbouring editions' words stay apart at phone width
        lines = [word[i:i + 2] for i in range(0, len(word), 2)] if word and _wide(word[0]) else [word]
        ticktext.append(str(year) + "".join(f"<br><span style='font-size:10px'>{w}</span>" for w in lines)
                        if word else str(year))
    # Upright: turned on their side, two-line ticks read worse than slightly tight ones.
    return dict(tickmode="array", tickvals=[str(y) for y in years], ticktext=ticktext, tickangle=0)


def notes_layout(traces: list[dict], showlegend: bool, title: str, notes: dict[int, str],
                 wrap: int | None = None) -> dict:
    """Layout keys for the title, and under it one line per footnote ('* 2023: market-oriented show
    only'), wrapped so a phone shows it whole; the legend above the plot; the top margin grows with
    the lines. For the Figure constructor: plotly validates a layout handed to it in one pass, where
    update_layout on a built figure costs several times the build."""
    lines = []
    width = wrap or 58
    for year, note in notes.items():
        lines += _wrap(t("chart.note", mark=FOOTNOTE_MARK, year=year, note=note), width)
    subtitle = dict(text="<br>".join(lines), font=dict(size=11, color="#888888")) if lines else None
    legend, grid = legend_grid(_legend_names(traces) if showlegend else [])
    # Title, notes and legend stack from the top down, so none of them meets the two-line edition ticks.
    return dict(title=dict(text=title, x=0, y=1, yref="container", yanchor="top", pad=dict(t=8),
                           font=dict(size=15), subtitle=subtitle),
                legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, **grid),
                showlegend=showlegend, margin=dict(t=TOP_MARGIN + 15 * len(lines) + legend))


def legend_grid(names: list[str], width_px: int = 300) -> tuple[int, dict]:
    """A horizontal legend laid out the same at every width: (its height in px, its legend settings).
    Where the entries do not fit on one row of a phone-width plot (`width_px`), plotly would lay
    them out in as many rows as the width allows, so a band sized for a phone was empty on a desktop;
    a fixed share of the width per entry (`entrywidth`) keeps the phone's rows everywhere."""
    entries = [_entry_px(name) for name in names]
    if not entries:
        return 0, {}
    if sum(entries) <= width_px:
        return 24, {}
    per_row = max(1, int(width_px // max(entries)))
    # a hair under 1/per_row, so rounding never pushes the last entry of a row onto the next
    return 24 * -(-len(entries) // per_row), dict(entrywidth=0.98 / per_row, entrywidthmode="fraction")


def _entry_px(name: str) -> float:
    """About 40 px of symbol and gap plus 6.5 px a Latin and 12 px a Chinese character."""
    return 40 + sum(12 if ord(ch) > 0x2E80 else 6.5 for ch in name or "")


def _legend_names(traces: list[dict]) -> list[str]:
    return [trace.get("name") or "" for trace in traces if trace.get("showlegend") is not False]


def _wide(ch: str) -> bool:
    return ord(ch) > 0x2E80  # CJK characters and full-width punctuation take two columns


def wrap_message(message: str, width: int = 44) -> str:
    """A message drawn inside a chart, on lines a phone shows whole."""
    return "<br>".join(_wrap(message, width)) if message else ""


def wrap_lines(text: str, width: int) -> list[str]:
    """`text` on lines of at most `width` columns (see _wrap): whole words, nothing cut."""
    return _wrap(text, width)


def _wrap(text: str, width: int) -> list[str]:
    """Break a note into lines of at most `width` columns (a Chinese character counts two): between
    words in English, between any two characters in Chinese."""
    lines, line, used = [], "", 0
    for token in re.findall(r"[\u2E80-\uFFFF]|[^\s\u2E80-\uFFFF]+|\s+", text):
        size = sum(2 if _wide(ch) else 1 for ch in token)
        if line and used + size > width and not token.isspace():
            lines.append(line.rstrip())
            line, used = "", 0
        if token.isspace() and not line:
            continue
        line, used = line + token, used + size
    return lines + ([line.rstrip()] if line.strip() else [])


def edition_figure(traces: list[dict], layout: dict, y_title: str, years: list[int], height: int = 340,
                   formats: dict | None = None, yaxis: dict | None = None) -> go.Figure:
    """The figure of an edition chart in one constructor call: `traces` (dicts with their type),
    `layout` (notes_layout's keys and the chart's own) over the shared edition axes; `yaxis`: settings
    over the shared ones."""
    # Notes and legend above the plot add to the height, so the plot itself keeps its size.
    top = layout.get("margin", {}).get("t") or TOP_MARGIN
    y = {**dict(title=dict(text=y_title), rangemode="tozero", fixedrange=True, separatethousands=True), **(yaxis or {})}
    if language() == "zh":  # 40,000 rather than plotly's SI "40k", which is no Chinese way of writing it
        y["exponentformat"] = "none"
    shared = dict(
        height=height + max(0, top - TOP_MARGIN), margin=dict(l=10, r=10, b=10, t=top), hovermode="closest",
        bargap=0.25,
        xaxis=dict(title=dict(text=t("chart.edition_axis")), type="category", categoryorder="array",
                   categoryarray=[str(y) for y in years], fixedrange=True, **edition_ticks(years, formats)),
        yaxis=y)
    return go.Figure(traces, layout={**layout, **shared})


def gap_annotations(frame: pd.DataFrame, years: list[int]) -> list[dict]:
    """'n/a' at the foot of editions without a figure, so a gap reads as a gap."""
    return [gap_mark(years.index(int(year))) for year in frame.loc[frame["value"].isna(), "year"].unique()]


def gap_mark(index: int) -> dict:
    """The 'n/a' annotation at the foot of category `index`. On a category axis plotly reads a
    numeric-looking x ("2024") as a category index, so the position is given as the index itself.
    Grey reads on light and dark."""
    return dict(x=index, y=0, yref="y", text=t("chart.gap"), showarrow=False, yshift=10,
                font=dict(size=11, color="#888888"))


def bar_text(row, unit: str, noted: bool) -> str:
    """A bar's label: the figure with its qualifier ('430+', '≈1,400', 'expected<br>568'), marked
    with the footnote sign when a note under the title explains it."""
    label = fmt().bar_label(row["value"], row["qualifier"], unit)
    if row["qualifier"] == "expected":  # the word on a line of its own keeps the label as narrow as its bar
        label = label.replace(" ", "<br>", 1)
    return label + (FOOTNOTE_MARK if noted and label else "")


def empty_note(message: str) -> list[dict]:
    """An empty chart's reason ('Only one edition (2020) is in the selected range …') in its middle,
    so an empty frame never stands unexplained; [] without one."""
    return [dict(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                 font=dict(size=13, color="#888888"))] if message else []


@memo_figure
def edition_bars(series: pd.DataFrame, metric: str, years: list[int], title: str = "",
                 formats: dict | None = None, message: str = "") -> go.Figure:
    """Bars per edition for one metric, one trace per kind of figure (reported, expected, derived,
    USD as reported) so each kind looks different and has its legend entry; missing editions marked
    n/a; footnotes for narrowed scopes and USD amounts under the title; the format under the year."""
    frame = series[series["metric"] == metric].sort_values("year")
    label, unit = metric_label(metric, frame["label"].iloc[0]), frame["unit"].iloc[0]
    scale = fmt().display_scale(unit)
    notes = footnotes(frame)
    records = frame.to_dict("records")
    kinds = [None if is_missing(r["value"]) else figure_kind(r) for r in records]
    present = [k for k in KIND_ORDER if k in kinds]
    x = [str(r["year"]) for r in records]
    hovers = hover_rows(records)
    empty = [_hover_text({**r, "value": None}) for r in records]  # a bar of another kind, shown as no figure here
    texts = [bar_text(r, unit, int(r["year"]) in notes) if k is not None else "" for r, k in zip(records, kinds)]
    bars = []
    for kind in present or ["reported"]:
        look = KIND_LOOK[kind]
        mine = [k == kind for k in kinds]
        bars.append(dict(
            type="bar", x=x, y=[float(r["value"]) * scale if m else None for r, m in zip(records, mine)],
            name=t(f"chart.kind.{kind}") if present != ["reported"] else label, legendgroup=kind,
            marker=dict(color=color(metric), opacity=look["opacity"], line=dict(color=color(metric), width=1.5),
                        pattern=dict(shape=look["pattern"], fgcolor=color(metric), solidity=0.35)),
            customdata=[h if m else [e, *h[1:]] for h, e, m in zip(hovers, empty, mine)],
            hovertemplate=hover_template(), text=[tx if m else "" for tx, m in zip(texts, mine)],
            textposition="outside", cliponaxis=False, textfont=dict(size=11), constraintext="none",
        ))
    showlegend = present != ["reported"] and bool(present)
    layout = dict(barmode="overlay", **notes_layout(bars, showlegend, title or label, notes),
                  annotations=gap_annotations(frame, years) + empty_note(wrap_message(message)))
    return edition_figure(bars, layout, axis_title(label, unit), years, formats=formats)


@memo_figure
def edition_lines(series: pd.DataFrame, metrics: list[str], years: list[int], y_title: str,
                  title: str = "", names: dict | None = None, formats: dict | None = None,
                  yaxis: dict | None = None, message: str = "") -> go.Figure:
    """One line per metric over editions; a missing edition breaks the line; a point that is or rests
    on an expected figure (qualifier expected, or `on_expected`) is drawn open, as its bar is drawn light."""
    lines = []
    for metric in metrics:
        frame = series[series["metric"] == metric].sort_values("year")
        if frame.empty:
            continue
        scale = fmt().display_scale(frame["unit"].iloc[0])
        records = frame.to_dict("records")
        symbols = ["circle-open" if _not_closing(r) else "circle" for r in records]
        lines.append(dict(
            type="scatter", x=[str(r["year"]) for r in records], y=plain([r["value"] for r in records], scale),
            mode="lines+markers", connectgaps=False,
            name=(names or {}).get(metric, metric_label(metric, frame["label"].iloc[0])),
            line=dict(color=color(metric), width=2.5),
            marker=dict(size=9, symbol=symbols, line=dict(width=2, color=color(metric))),
            customdata=hover_rows(records), hovertemplate=hover_template(),
        ))
    if any(_not_closing(r) for r in series[series["metric"].isin(metrics)].to_dict("records")):
        lines.append(open_marker_legend())
    layout = dict(**notes_layout(lines, len(lines) > 1, title, {}), annotations=empty_note(wrap_message(message)))
    return edition_figure(lines, layout, y_title, years, formats=formats, yaxis=yaxis)


def _not_closing(row: dict) -> bool:
    """A point drawn open: the figure, or one it rests on (`on_expected`), is not a closing count."""
    if is_missing(row.get("value")):
        return False
    return flag(row.get("on_expected")) or stage_of(row) != "closing"


def open_marker_legend() -> dict:
    """A legend entry saying what an open marker means, with no points of its own."""
    return dict(type="scatter", x=[None], y=[None], mode="markers", name=t("chart.open_marker"),
                marker=dict(size=9, symbol="circle-open", color="#888888", line=dict(width=2, color="#888888")),
                hoverinfo="skip", showlegend=True)


AREA_PARTS = ("exhibition_area_hall", "exhibition_area_outdoor", "exhibition_area_market")  # names: area.<metric>
MARKET_COLOR = "#F0E442"


@memo_figure
def area_bars(area: pd.DataFrame, years: list[int], formats: dict | None = None) -> go.Figure:
    """Exhibition area: the parts a source split the site into, stacked; the total a source stated as
    a diamond, open and in its own legend entry where it was only expected; notes for narrowed scopes."""
    traces = []
    for metric in AREA_PARTS:
        part = area[area["metric"] == metric]
        if part["value"].notna().any():
            records = part.to_dict("records")
            traces.append(dict(type="bar", x=[str(r["year"]) for r in records], y=plain([r["value"] for r in records]),
                               name=t(f"area.{metric}"),
                               marker=dict(color=color(metric) if metric != "exhibition_area_market" else MARKET_COLOR),
                               customdata=hover_rows(records), hovertemplate=hover_template()))
    total = area[area["metric"] == "exhibition_area"].sort_values("year")
    notes = footnotes(total)
    expected = pd.Series([stage_of(r) == "expected" for r in total.to_dict("records")], index=total.index, dtype=bool)
    for name_key, rows, symbol in (("area.total", total[~expected], "diamond"),
                                   ("area.total_expected", total[expected], "diamond-open")):
        if not rows["value"].notna().any():
            continue
        records = rows.to_dict("records")
        traces.append(dict(
            type="scatter", x=[str(r["year"]) for r in records], y=plain([r["value"] for r in records]),
            name=t(name_key), mode="markers+text",
            marker=dict(symbol=symbol, size=13, color="#7F7F7F", line=dict(color="#7F7F7F", width=2)),
            text=[bar_text(r, "m2", int(r["year"]) in notes) for r in records],
            textposition="top center", textfont=dict(size=11), cliponaxis=False,
            customdata=hover_rows(records), hovertemplate=hover_template()))
    top = max([v for v in plain(area["value"]) if v is not None] + [0])
    stacked = area[area["metric"].isin(AREA_PARTS)].groupby("year")["value"].sum().max()
    covered = area.groupby("year")["value"].apply(lambda v: v.notna().any())
    layout = dict(barmode="stack", **notes_layout(traces, True, t("area.title"), notes),
                  annotations=gap_annotations(covered[~covered].reset_index().assign(value=None), years))
    # Room above the tallest bar or diamond for its label (plotly leaves none for a marker's text).
    return edition_figure(traces, layout, axis_title(t("area.axis"), "m2"), years, height=380, formats=formats,
                          yaxis=dict(range=[0, 1.2 * max(top, 0 if pd.isna(stacked) else stacked) or 1]))


def edition_formats(editions: pd.DataFrame) -> dict[int, str]:
    """Edition year -> its format (offline, online, hybrid) from an editions query, for the axis ticks."""
    return {int(y): f for y, f in zip(editions["year"], editions["format"]) if not is_missing(f)}


@memo_figure
def stacked_bars(frame: pd.DataFrame, x: str, y: str, stack: str, y_title: str, x_title: str,
                 title: str = "", colors: dict | None = None, height: int = 340, names: dict | None = None,
                 categories: list | None = None, unit: str = "") -> go.Figure:
    """Generic stacked bars (e.g. organizers per edition by kind). With `categories` (e.g. every edition
    in the range) the axis keeps them all in that order and marks those without data n/a. Hovers give
    each part with its `unit` in the language's number style ('3 bodies', '3 家')."""
    said = fmt().with_qualifier
    bars = [dict(type="bar", x=part[x].astype(str), y=part[y], name=(names or {}).get(name, str(name)),
                 marker=dict(color=(colors or {}).get(name)),
                 customdata=[said(v, None, unit, show_unit=bool(unit)) for v in part[y]],
                 hovertemplate=f"<b>%{{x}}</b><br>{(names or {}).get(name, name)}: %{{customdata}}<extra></extra>")
            for name, part in frame.groupby(stack, sort=True)]
    xaxis = dict(title=dict(text=x_title), type="category", categoryorder="category ascending", fixedrange=True)
    annotations = []
    if categories is not None:
        xaxis.update(categoryorder="array", categoryarray=[str(c) for c in categories])
        shown = set(frame[x].astype(str))
        annotations = [gap_mark(index) for index, category in enumerate(categories) if str(category) not in shown]
    # The legend in its own band between the title and the plot (under the axis it ran into the edition
    # labels and the axis title); the figure grows by the band, so the plot keeps its size.
    legend, grid = legend_grid([bar["name"] for bar in bars])
    top = TOP_MARGIN + legend
    return go.Figure(bars, layout=dict(
        barmode="stack", height=height + top - 40,
        title=dict(text=title, x=0, y=1, yref="container", yanchor="top", pad=dict(t=8), font=dict(size=15)),
        margin=dict(l=10, r=10, t=top, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, **grid),
        xaxis=xaxis, yaxis=dict(title=dict(text=y_title), fixedrange=True, rangemode="tozero"), annotations=annotations))
