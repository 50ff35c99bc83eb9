"""KPI cards: value with qualifier, change vs the previous edition, sparkline. Logic is pure."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ui.format import delta, is_missing, to_currency
from ui.i18n import FORMATS, text
from ui.i18n.names import metric_label

# Card order on the overview; growth metrics are the percentages a source itself reported.
KPI_METRICS = ("projects_signed", "investment_signed", "exhibition_area", "organizers", "attendees",
               "countries_regions")
REPORTED_GROWTH = {"projects_signed": "projects_signed_growth_pct",
                   "investment_signed": "investment_signed_growth_pct"}
SERIES_METRICS = KPI_METRICS + tuple(REPORTED_GROWTH.values())


@dataclass(frozen=True)
class KpiCard:
    metric: str
    label: str
    value: str
    delta: str | None
    help: str
    sparkline: list[float]


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts in edition order. A card reads a handful of rows: plain Python beats one small
    pandas selection per lookup (pandas 3's Arrow-backed strings make each selection costly)."""
    return sorted(frame.to_dict("records"), key=lambda r: r["year"])


def _in_year(records: list[dict], year: int) -> dict | None:
    return next((r for r in records if r["year"] == year), None)


def _money_records(rows: list[dict], currency: str) -> list[dict]:
    """ui.charts.in_currency for records: bn CNY rows in `currency` at the row's rate (NaN without one)."""
    if currency != "USD":
        return rows
    converted = []
    for row in rows:
        if row["unit"] == "bn CNY":
            value = to_currency(row["value"], row["cny_per_usd"], "USD")
            row = {**row, "value": float("nan") if value is None else value, "unit": "bn USD"}
        converted.append(row)
    return converted


def cards(series: pd.DataFrame, metrics, year: int, currency: str, lang: str = "en") -> list[KpiCard]:
    """The cards of `metrics` the metric_series frame has, in order. The frame is read into records
    once: a selection per card on pandas 3's Arrow-backed frames cost 6-7 ms each under load."""
    by_metric: dict[str, list[dict]] = {}
    for row in _records(series):
        by_metric.setdefault(row["metric"], []).append(row)
    return [c for m in metrics if (c := _card(by_metric, m, year, currency, lang)) is not None]


def card(series: pd.DataFrame, metric: str, year: int, currency: str, lang: str = "en") -> KpiCard | None:
    """The card for one metric in `year` from a metric_series frame, in `lang`; None if the metric is unknown."""
    return next(iter(cards(series, [metric], year, currency, lang)), None)


def _card(by_metric: dict[str, list[dict]], metric: str, year: int, currency: str, lang: str) -> KpiCard | None:
    rows = by_metric.get(metric)
    if not rows:
        return None
    f = FORMATS[lang]
    records = _money_records(rows, currency)
    label, unit = metric_label(metric, records[0]["label"], lang), records[0]["unit"]
    current = _in_year(records, year) or {"value": None, "qualifier": None}
    earlier = [r for r in records if r["year"] < year]
    previous = earlier[-1] if earlier else None
    value_text = f.with_qualifier(current["value"], current["qualifier"], unit,
                                  show_unit=unit in ("bn CNY", "bn USD", "m2", "people"))
    help_parts = [text(lang, "kpi.help_what", label=label, year=year, unit=f.unit_label(unit))]
    reported = _in_year(rows, year)
    if currency != "CNY" and is_missing(current["value"]) and reported and not is_missing(reported["value"]):
        help_parts.append(text(lang, "kpi.help_no_rate", year=year, currency=currency))
    if not is_missing(current["value"]):
        help_parts.append(text(lang, "kpi.help_source", publisher=current.get("publisher"),
                               published=str(current.get("published_on"))[:10]))
        if current.get("is_derived"):
            help_parts.append(text(lang, "kpi.help_derived"))
    delta_text = None
    if previous is not None:
        change = delta(current["value"], previous["value"], current["qualifier"], previous["qualifier"])
        previous_year = int(previous["year"])
        if change is not None:
            prev_text = f.with_qualifier(previous["value"], previous["qualifier"], unit)
            change_text = f.delta_text(change, unit)
            delta_text = text(lang, "kpi.delta", change=change_text, previous=prev_text, year=previous_year)
            # A reported growth rate is in the source's currency (CNY); beside a USD change it misleads.
            growth = _reported_growth(by_metric, metric, year) if currency == "CNY" or unit not in ("bn CNY", "bn USD") else None
            if growth is not None:
                absolute = change_text.split(" (")[0].split("（")[0]
                delta_text = text(lang, "kpi.delta_reported", change=absolute, growth=f"{growth:+.0f}%",
                                  previous=prev_text, year=previous_year)
            if change.lower_bound_base:
                help_parts.append(text(lang, "kpi.help_upper_bound", year=previous_year))
        else:
            help_parts.append(text(lang, "kpi.help_no_previous", year=previous_year) if is_missing(previous["value"])
                              else text(lang, "kpi.help_no_current"))
    sparkline = [float(r["value"]) for r in records if not is_missing(r["value"])]
    return KpiCard(metric, label, value_text, delta_text, (" " if lang == "en" else "").join(help_parts), sparkline)


def _reported_growth(by_metric: dict[str, list[dict]], metric: str, year: int) -> float | None:
    growth_metric = REPORTED_GROWTH.get(metric)
    if growth_metric is None:
        return None
    row = _in_year(by_metric.get(growth_metric, []), year)
    return None if row is None or is_missing(row["value"]) else float(row["value"])


def show_kpi_row(cards: list[KpiCard], columns: int = 3) -> None:
    """Render cards in rows of `columns`; keys kpi_<metric> for tests."""
    for start in range(0, len(cards), columns):
        cols = st.columns(columns)
        for col, kpi in zip(cols, cards[start:start + columns]):
            with col:
                st.metric(kpi.label, kpi.value, kpi.delta, help=kpi.help, border=True,
                          chart_data=kpi.sparkline if len(kpi.sparkline) > 1 else None, chart_type="line")
