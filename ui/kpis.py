"""KPI cards in words: `say(card, lang)` puts a card the read model decided (queries/read_model.py)
into the reader's language; `show_kpi_row()` draws them. No decision is made here."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from queries.read_model import (KPI_METRICS, PREVIOUS, REPORTED_GROWTH, REPORTED_USD, SERIES_METRICS, Card,  # noqa: F401
                                Figure, by_metric, decide_card)
from queries.series import money_table
from ui import disagreements, edition
from ui.charts import color
from ui.format import Delta, is_missing
from ui.i18n import CATALOGUES, FORMATS, text
from ui.i18n.names import metric_label, name
from ui.safe_text import for_markdown
from vocabulary import PLAIN_SCOPES

# metrics.higher_is_better -> st.metric's delta_color: a neutral metric gets no good or bad colour.
DELTA_COLORS = {True: "normal", False: "inverse", None: "off"}
SHOWN_WITH_UNIT = ("bn CNY", "bn USD", "m2", "people")


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
    comparison: str | None = None  # why no change is shown between the two figures (not comparable ...)


def delta_color(higher_is_better) -> str:
    """'normal' when more is better, 'inverse' when less is, 'off' for a neutral metric (blank)."""
    return DELTA_COLORS[None if is_missing(higher_is_better) else bool(higher_is_better)]


def _figure_line(lang: str, key: str, figure: Figure, unit: str) -> str:
    """'2019: 638 projects (source: Xinhua, 2019-09-28)' for the help."""
    f = FORMATS[lang]
    value = f.with_qualifier(figure.value, figure.qualifier, unit, show_unit=True)
    if figure.as_reported:
        value += text(lang, "kpi.as_reported")
    return text(lang, key, year=figure.year, value=value, publisher=for_markdown(figure.publisher),
                published=f.source_date(figure.published_on, figure.published_precision))


def _scope_words(scope, lang: str) -> str:
    return for_markdown(name("scope", scope, lang))  # a scope is data, said in the card's Markdown help


def _not_comparable(card: Card, lang: str) -> str | None:
    """The neutral note on a card whose two figures are not compared, in the reader's words."""
    comparison, current, reference = card.comparison, card.current, card.comparison.reference
    if comparison.reason == "both_lower_bounds":
        f = FORMATS[lang]
        return text(lang, "kpi.both_lower_bounds", value=f.with_qualifier(current.value, current.qualifier, card.unit),
                    ref_value=f.with_qualifier(reference.value, reference.qualifier, card.unit))
    dimension = (comparison.reason or "").removeprefix("different_")
    if dimension not in ("scope", "stage", "basis"):
        return None
    mine, theirs = getattr(current, dimension), getattr(reference, dimension)
    if dimension == "scope":
        mine, theirs = _scope_words(mine, lang), _scope_words(theirs, lang)
    else:
        mine, theirs = text(lang, f"kpi.{dimension}.{mine}"), text(lang, f"kpi.{dimension}.{theirs}")
    detail = text(lang, f"kpi.not_comparable_{dimension}", year=current.year, ref_year=reference.year,
                  **{dimension: mine, f"ref_{dimension}": theirs})
    return text(lang, "kpi.not_comparable", detail=detail)


def _parts(card: Card, lang: str) -> str:
    f = FORMATS[lang]
    said = []
    for part in card.parts:
        label = text(lang, f"area.{part.metric}") if f"area.{part.metric}" in CATALOGUES[lang] else part.metric
        said.append(text(lang, "kpi.part", label=label.lower() if lang == "en" else label,
                         value=f.with_qualifier(part.value, part.qualifier, part.unit, show_unit=True)))
    return text(lang, "kpi.parts_only", year=card.year, parts=text(lang, "kpi.parts_joiner").join(said))


def _missing(card: Card, currency: str, lang: str) -> str:
    """Why an edition shows no value: no rate and no USD amount reported, only parts reported, a
    derived figure hidden, or no figure found in the sources."""
    if card.missing == "no_rate":
        stored = card.stored
        return text(lang, "kpi.missing_no_rate", year=card.year, currency=currency,
                    cny=FORMATS[lang].with_qualifier(stored.value, stored.qualifier, stored.unit, show_unit=True))
    if card.missing == "parts_only":
        return _parts(card, lang)
    if card.missing == "derived_hidden":
        return text(lang, "kpi.missing_derived_hidden", year=card.year)
    return text(lang, "kpi.missing_not_found", year=card.year)


def say(card: Card, lang: str, currency: str, notes: tuple[str, ...] = ()) -> KpiCard:
    """A decided card in `lang`: the value with its qualifier, the change (only between comparable
    figures) or why there is none, and the help: what it counts, the figure and its source, other
    sources' values, the reference figure and its source, then the notes."""
    f = FORMATS[lang]
    label, unit, current, comparison = metric_label(card.metric, card.label, lang), card.unit, card.current, card.comparison
    reference = comparison.reference
    value_text = f.with_qualifier(current.value, current.qualifier, unit, show_unit=unit in SHOWN_WITH_UNIT)
    if current.present and current.stage == "expected" and current.qualifier != "expected":
        value_text = text(lang, "kpi.expected_value", value=value_text)  # the stage, beside the bound: expected 43,000+
    help_notes: list[str] = []
    missing = None
    if not current.present:
        missing = _missing(card, currency, lang)
        help_notes.append(missing)
    elif current.as_reported:  # said under the value: beside it, a phone cuts it off
        help_notes.append(text(lang, "kpi.help_usd_as_reported", year=card.year))
    if current.is_derived:
        help_notes.append(text(lang, "kpi.help_derived"))
    delta_text, arrow, not_comparable = None, "auto", _not_comparable(card, lang)
    if comparison.comparable:
        change = Delta(comparison.absolute, comparison.percent, comparison.bound, comparison.approximate)
        base_text = f.with_qualifier(reference.value, reference.qualifier, unit)
        change_text = f.delta_text(change, unit)
        arrow = "off" if comparison.direction == "flat" else "auto"
        delta_text = text(lang, "kpi.delta", change=change_text, previous=base_text, year=reference.year)
        if comparison.reported_growth_pct is not None:
            absolute = change_text.split(" (")[0].split("（")[0]
            delta_text = text(lang, "kpi.delta_reported", change=absolute,
                              growth=f"{comparison.reported_growth_pct:+.0f}%", previous=base_text, year=reference.year)
        if comparison.bound == "at_most":
            help_notes.append(text(lang, "kpi.help_upper_bound", year=reference.year))
        elif comparison.bound == "at_least":
            help_notes.append(text(lang, "kpi.help_lower_bound_current", year=card.year))
    elif not_comparable:
        help_notes.append(not_comparable)
    elif comparison.reason == "reference_missing":
        help_notes.append(text(lang, "kpi.help_no_previous", year=reference.year))
    elif comparison.reason == "current_missing":
        help_notes.append(text(lang, "kpi.help_no_current"))
    elif comparison.reason == "same_edition":
        help_notes.append(text(lang, "kpi.help_same_edition", year=card.year))
    elif comparison.reason == "not_earlier":
        help_notes.append(text(lang, "kpi.help_earlier_only", year=comparison.chosen_year, edition=card.year))
    organizer = edition.organizer_words(card.organizers, card.year, lang)
    also = disagreements.help_text(pd.DataFrame(list(card.alternatives)) if card.alternatives else None,
                                   card.year, card.metric, current.scope, lang)
    return KpiCard(card.metric, label, value_text, delta_text,
                   card_help(lang, label, unit, card.year, current, reference,
                             help_notes + list(notes) + ([organizer] if organizer else []), also),
                   list(card.sparkline), year=card.year,
                   reference_year=None if reference is None else reference.year,
                   delta_color=delta_color(card.higher_is_better), missing=missing, color=color(card.metric),
                   kinds=dict(card.kinds), delta_arrow=arrow,
                   note=text(lang, "kpi.note_as_reported", year=card.year) if current.as_reported else None,
                   comparison=not_comparable)


def card_help(lang: str, label: str, unit: str, year: int, current: Figure, reference: Figure | None,
              notes: list[str], also_reported: str | None = None) -> str:
    """The (?) of a card, one paragraph a line: what it counts, the edition's figure and its source,
    the values other sources gave for it (`also_reported`), the reference edition's figure and its
    source, then the notes (why no value or no change, bounds, derived, USD as reported)."""
    f = FORMATS[lang]
    parts = [text(lang, "kpi.help_what", label=label, year=year, unit=f.unit_label(unit))]
    if current.present:  # else a note says why there is none
        parts.append(_figure_line(lang, "kpi.help_figure", current, unit))
        if current.scope not in PLAIN_SCOPES and not is_missing(current.scope):  # e.g. 2018: two co-held conventions
            parts.append(text(lang, "kpi.help_scope", scope=name("scope", current.scope, lang)))
        if also_reported:
            parts.append(also_reported)  # its publishers escaped by disagreements.help_text
    if reference is not None and reference.present:
        parts.append(_figure_line(lang, "kpi.help_reference", reference, unit))
    return "\n\n".join(parts + notes)


def card(series: pd.DataFrame, metric: str, year: int, currency: str, lang: str = "en", reference=PREVIOUS,
         higher_is_better=True, hidden_derived: frozenset = frozenset(), notes: tuple[str, ...] = (),
         alternatives: pd.DataFrame | None = None) -> KpiCard | None:
    """One card from a metric_series frame, decided by the read model and said in `lang` (the
    Overview and the brief take theirs from queries.read_model.edition_view)."""
    shown, stored = by_metric(money_table(series, currency)), by_metric(series)
    years = sorted(int(y) for y in series["year"].unique())
    rows = tuple(alternatives.to_dict("records")) if alternatives is not None and not alternatives.empty else ()
    decided = decide_card(shown, stored, metric, year, currency, years, reference, higher_is_better,
                          hidden_derived, rows)
    return None if decided is None else say(decided, lang, currency, notes)


def _domain(kpi: KpiCard) -> list[float]:
    """The sparkline's value range, padded a little (and around a lone or flat value)."""
    known = [float(v) for _, v in kpi.sparkline if v is not None]
    if not known:
        return [0.0, 1.0]
    low, high = min(known), max(known)
    pad = (high - low) * 0.08 or abs(high) * 0.05 or 1.0
    return [low - pad, high + pad]


def sparkline_spec(kpi: KpiCard, lang: str = "en") -> dict:
    """A Vega-Lite sparkline: one point per edition in the range, the line broken where an edition has
    no figure (null), a point for every figure (a lone one stays visible), open points for figures
    that are not closing counts, a rule and a large point on the selected edition, a ring on the
    reference edition."""
    values = [{"year": str(y), "value": v, "kind": kpi.kinds.get(y, "none"),
               "selected": y == kpi.year, "reference": y == kpi.reference_year} for y, v in kpi.sparkline]
    x = {"field": "year", "type": "ordinal", "axis": None, "sort": [str(y) for y, _ in kpi.sparkline]}
    # The y domain is given, not computed: Vega computes one per layer, and a layer that filters to no
    # point (no reference edition, no pre-event figure) logs "Infinite extent" in the console.
    y = {"field": "value", "type": "quantitative", "axis": None, "scale": {"zero": False, "domain": _domain(kpi)}}
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
                if kpi.comparison:
                    st.caption(":material/compare_arrows: " + kpi.comparison)
                if kpi.missing:
                    st.caption(":material/info: " + kpi.missing)
                elif sum(v is not None for _, v in kpi.sparkline) > 1:
                    st.vega_lite_chart(spec=sparkline_spec(kpi, lang), width="stretch", key=f"spark_{kpi.metric}")
