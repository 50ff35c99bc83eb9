"""KPI cards: value with qualifier, change against a reference edition, sparkline. Logic is pure;
show_kpi_row() draws."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from ui import disagreements
from ui.charts import color, figure_kind, flag, in_currency, narrowed_scope
from ui.format import delta, is_missing
from ui.i18n import FORMATS, text
from ui.i18n.names import metric_label, name
from vocabulary import USD_REPORTED_SUFFIX

# Card order on the overview; growth metrics are the percentages a source itself reported.
KPI_METRICS = ("projects_signed", "investment_signed", "exhibition_area", "organizers", "attendees",
               "countries_regions")
REPORTED_GROWTH = {"projects_signed": "projects_signed_growth_pct",
                   "investment_signed": "investment_signed_growth_pct"}
# The USD amounts sources reported, shown where no annual rate is stored.
REPORTED_USD = ("investment_signed" + USD_REPORTED_SUFFIX,)
SERIES_METRICS = KPI_METRICS + tuple(REPORTED_GROWTH.values()) + REPORTED_USD
PREVIOUS = "previous"  # the reference edition by default: the edition before the selected one
# metrics.higher_is_better -> st.metric's delta_color: a neutral metric gets no good or bad colour.
DELTA_COLORS = {True: "normal", False: "inverse", None: "off"}


@dataclass(frozen=True)
class KpiCard:
    metric: str
    label: str
    value: str
    delta: str | None
    help: str
    sparkline: list[tuple[int, float | None]]  # every edition in the range; None where it has no figure
    year: int | None = None  # the selected edition, marked on the sparkline
    reference_year: int | None = None  # the edition the change is measured against
    delta_color: str = "normal"
    missing: str | None = None  # why the edition has no value, shown instead of the sparkline
    color: str = "#7F7F7F"
    kinds: dict = field(default_factory=dict)  # year -> reported / expected / derived / usd_as_reported
    delta_arrow: str = "auto"  # "off" for no change: an up arrow beside +0 would say it rose
    note: str | None = None  # what the value is when it is not the usual figure (USD as reported)


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts in edition order. A card reads a handful of rows: plain Python beats one small
    pandas selection per lookup (pandas 3's Arrow-backed strings make each selection costly)."""
    return sorted(frame.to_dict("records"), key=lambda r: r["year"])


def _in_year(records: list[dict], year: int) -> dict | None:
    return next((r for r in records if r["year"] == year), None)


def delta_color(higher_is_better) -> str:
    """'normal' when more is better, 'inverse' when less is, 'off' for a neutral metric (blank)."""
    return DELTA_COLORS[None if is_missing(higher_is_better) else bool(higher_is_better)]


def reference_record(records: list[dict], year: int, reference) -> dict | None:
    """The row the change is measured against: the edition before `year` in the range (PREVIOUS), or
    the edition chosen; None when there is none or it is the selected edition itself."""
    if reference in (None, PREVIOUS):
        earlier = [r for r in records if r["year"] < year]
        return earlier[-1] if earlier else None
    if int(reference) == year:
        return None
    return _in_year(records, int(reference))


def _figure_line(lang: str, key: str, row: dict, unit: str, year: int) -> str:
    """'2019: 638 projects (source: Xinhua, 2019-09-28)' for the help."""
    f = FORMATS[lang]
    value = f.with_qualifier(row["value"], row["qualifier"], unit, show_unit=True)
    if flag(row.get("as_reported")):
        value += text(lang, "kpi.as_reported")
    return text(lang, key, year=year, value=value, publisher=row.get("publisher"),
                published=f.source_date(row.get("published_on"), row.get("published_precision")))


def card_help(lang: str, label: str, unit: str, year: int, current: dict, reference: dict | None,
              notes: list[str], also_reported: str | None = None) -> str:
    """The (?) of a card, one paragraph a line: what it counts, the edition's figure and its source,
    the values other sources gave for it (`also_reported`), the reference edition's figure and its
    source, then the notes (why no value or no change, lower bounds, derived, USD as reported)."""
    f = FORMATS[lang]
    parts = [text(lang, "kpi.help_what", label=label, year=year, unit=f.unit_label(unit))]
    if not is_missing(current.get("value")):  # else a note says why there is none
        parts.append(_figure_line(lang, "kpi.help_figure", current, unit, year))
        if narrowed_scope(current):  # e.g. 2018's totals cover two co-held conventions
            parts.append(text(lang, "kpi.help_scope", scope=name("scope", current["scope"], lang)))
        if also_reported:
            parts.append(also_reported)
    if reference is not None and not is_missing(reference.get("value")):
        parts.append(_figure_line(lang, "kpi.help_reference", reference, unit, int(reference["year"])))
    return "\n\n".join(parts + notes)


def missing_reason(lang: str, metric: str, year: int, currency: str, raw: dict | None,
                   hidden_derived: frozenset) -> str:
    """Why an edition shows no value: no rate and no USD amount reported, a derived figure hidden,
    or no figure found in the sources."""
    f = FORMATS[lang]
    if currency != "CNY" and raw is not None and not is_missing(raw.get("value")):
        return text(lang, "kpi.missing_no_rate", year=year, currency=currency,
                    cny=f.with_qualifier(raw["value"], raw["qualifier"], raw["unit"], show_unit=True))
    if (metric, year) in hidden_derived:
        return text(lang, "kpi.missing_derived_hidden", year=year)
    return text(lang, "kpi.missing_not_found", year=year)


@dataclass(frozen=True)
class SeriesRecords:
    """A metric_series frame read into records once for all the cards of a page: per metric, the
    rows as stored and the rows in `currency` (in_currency over the whole frame, so a USD row
    without a rate takes its as-reported twin). Selecting a metric's rows out of the frame once per
    card and lookup cost milliseconds each on pandas 3's Arrow-backed strings."""
    currency: str
    stored: dict[str, list[dict]]
    shown: dict[str, list[dict]]


def series_records(series: pd.DataFrame, currency: str) -> SeriesRecords:
    def by_metric(frame: pd.DataFrame) -> dict[str, list[dict]]:
        grouped: dict[str, list[dict]] = {}
        for record in _records(frame):
            grouped.setdefault(record["metric"], []).append(record)
        return grouped
    return SeriesRecords(currency, by_metric(series), by_metric(in_currency(series, currency)))


def card(series: pd.DataFrame | SeriesRecords, metric: str, year: int, currency: str, lang: str = "en",
         reference=PREVIOUS, higher_is_better=True, hidden_derived: frozenset = frozenset(),
         notes: tuple[str, ...] = (), alternatives: pd.DataFrame | None = None) -> KpiCard | None:
    """The card for one metric in `year` from a metric_series frame (or its series_records, read once
    for all cards), in `lang`, its change measured against `reference` (PREVIOUS or an edition year);
    None if the metric is unknown. `hidden_derived` holds (metric, year) of derived figures the
    filters hide; `notes` are extra help lines; `alternatives` (queries/alternatives.sql rows): other
    sources' values, named in the help."""
    prepared = series if isinstance(series, SeriesRecords) else series_records(series, currency)
    assert prepared.currency == currency, "series_records were read for another currency"
    stored = prepared.stored.get(metric)
    if not stored:
        return None
    f = FORMATS[lang]
    records = prepared.shown[metric]
    label, unit = metric_label(metric, records[0]["label"], lang), records[0]["unit"]
    current = _in_year(records, year) or {"year": year, "value": None, "qualifier": None}
    base = reference_record(records, year, reference)
    value_text = f.with_qualifier(current["value"], current["qualifier"], unit,
                                  show_unit=unit in ("bn CNY", "bn USD", "m2", "people"))
    help_notes: list[str] = []
    missing = None
    if is_missing(current["value"]):
        missing = missing_reason(lang, metric, year, currency, _in_year(stored, year), hidden_derived)
        help_notes.append(missing)
    elif flag(current.get("as_reported")):  # said under the value: beside it, a phone cuts it off
        help_notes.append(text(lang, "kpi.help_usd_as_reported", year=year))
    if flag(current.get("is_derived")):
        help_notes.append(text(lang, "kpi.help_derived"))
    delta_text, arrow = None, "auto"
    if base is not None:
        change = delta(current["value"], base["value"], current["qualifier"], base["qualifier"])
        base_year = int(base["year"])
        if change is not None:
            base_text = f.with_qualifier(base["value"], base["qualifier"], unit)
            change_text = f.delta_text(change, unit)
            arrow = "off" if change.absolute == 0 else "auto"
            delta_text = text(lang, "kpi.delta", change=change_text, previous=base_text, year=base_year)
            # A reported growth rate is in the source's currency (CNY) and against the edition before;
            # beside a USD change or another reference edition it misleads.
            if reference in (None, PREVIOUS) and (currency == "CNY" or unit not in ("bn CNY", "bn USD")):
                growth = _reported_growth(prepared, metric, year)
                if growth is not None:
                    absolute = change_text.split(" (")[0].split("（")[0]
                    delta_text = text(lang, "kpi.delta_reported", change=absolute, growth=f"{growth:+.0f}%",
                                      previous=base_text, year=base_year)
            if change.lower_bound_base:
                help_notes.append(text(lang, "kpi.help_upper_bound", year=base_year))
            if flag(current.get("as_reported")) != flag(base.get("as_reported")):
                help_notes.append(text(lang, "kpi.help_mixed_usd"))
        elif is_missing(base["value"]):
            help_notes.append(text(lang, "kpi.help_no_previous", year=base_year))
        else:
            help_notes.append(text(lang, "kpi.help_no_current"))
    elif reference not in (None, PREVIOUS) and int(reference) == year:
        help_notes.append(text(lang, "kpi.help_same_edition", year=year))
    sparkline = [(int(r["year"]), None if is_missing(r["value"]) else float(r["value"])) for r in records]
    kinds = {int(r["year"]): figure_kind(r) for r in records if not is_missing(r["value"])}
    return KpiCard(metric, label, value_text, delta_text,
                   card_help(lang, label, unit, year, current, base, help_notes + list(notes),
                             disagreements.help_text(alternatives, year, metric, current.get("scope"), lang)),
                   sparkline,
                   year=year, reference_year=None if base is None else int(base["year"]),
                   delta_color=delta_color(higher_is_better), missing=missing, color=color(metric), kinds=kinds,
                   delta_arrow=arrow, note=text(lang, "kpi.note_as_reported", year=year)
                   if flag(current.get("as_reported")) else None)


def _reported_growth(prepared: SeriesRecords, metric: str, year: int) -> float | None:
    growth_metric = REPORTED_GROWTH.get(metric)
    if growth_metric is None:
        return None
    row = _in_year(prepared.stored.get(growth_metric, []), year)
    return None if row is None or is_missing(row["value"]) else float(row["value"])


def sparkline_spec(kpi: KpiCard, lang: str = "en") -> dict:
    """A Vega-Lite sparkline: one point per edition in the range, the line broken where an edition has
    no figure (null), a point for every figure (a lone one stays visible), open points for figures
    that are not closing counts, a rule and a large point on the selected edition, a ring on the
    reference edition."""
    values = [{"year": str(y), "value": v, "kind": kpi.kinds.get(y, "none"),
               "selected": y == kpi.year, "reference": y == kpi.reference_year} for y, v in kpi.sparkline]
    x = {"field": "year", "type": "ordinal", "axis": None, "sort": [str(y) for y, _ in kpi.sparkline]}
    y = {"field": "value", "type": "quantitative", "axis": None, "scale": {"zero": False}}
    tooltip = [{"field": "year", "title": text(lang, "chart.edition_axis")},
               {"field": "value", "title": kpi.label, "format": ",.4~g"}]
    figures = {"filter": "datum.value != null"}
    return {
        "height": 44, "width": "container",
        "data": {"values": values},
        "config": {"view": {"stroke": None}},
        "layer": [
            {"mark": {"type": "rule", "strokeDash": [3, 2], "strokeWidth": 1.5, "color": "#888888"},
             "transform": [{"filter": "datum.selected"}], "encoding": {"x": x}},
            {"mark": {"type": "line", "color": kpi.color, "strokeWidth": 2, "invalid": "break-paths-show-domains"},
             "encoding": {"x": x, "y": y}},
            {"mark": {"type": "point", "color": kpi.color, "size": 18, "filled": True},
             "transform": [figures, {"filter": "datum.kind == 'reported'"}], "encoding": {"x": x, "y": y, "tooltip": tooltip}},
            {"mark": {"type": "point", "color": kpi.color, "size": 22, "filled": False, "strokeWidth": 1.5},
             "transform": [figures, {"filter": "datum.kind != 'reported'"}], "encoding": {"x": x, "y": y, "tooltip": tooltip}},
            {"mark": {"type": "point", "color": kpi.color, "size": 120, "filled": False, "strokeWidth": 2},
             "transform": [figures, {"filter": "datum.reference"}], "encoding": {"x": x, "y": y}},
            {"mark": {"type": "point", "color": kpi.color, "size": 130, "filled": True, "opacity": 1,
                      "stroke": "#888888", "strokeWidth": 1.5},
             "transform": [figures, {"filter": "datum.selected"}], "encoding": {"x": x, "y": y}},
        ],
    }


def show_kpi_row(cards: list[KpiCard], columns: int = 2, lang: str = "en") -> None:
    """Render cards in rows of `columns` (two: 'expected 367.7 bn CNY' and its change fit a card whole):
    the figure and its change, then the sparkline, or the reason the edition has no value instead of a
    line that would suggest one."""
    for start in range(0, len(cards), columns):
        cols = st.columns(columns)
        for col, kpi in zip(cols, cards[start:start + columns]):
            with col, st.container(border=True, key=f"kpi_{kpi.metric}"):
                st.metric(kpi.label, kpi.value, kpi.delta, delta_color=kpi.delta_color, delta_arrow=kpi.delta_arrow,
                          help=kpi.help)
                if kpi.note:
                    st.caption(":material/info: " + kpi.note)
                if kpi.missing:
                    st.caption(":material/info: " + kpi.missing)
                elif sum(v is not None for _, v in kpi.sparkline) > 1:
                    st.vega_lite_chart(spec=sparkline_spec(kpi, lang), width="stretch", key=f"spark_{kpi.metric}")
