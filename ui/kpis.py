"""KPI cards in words: `say(card, lang)` puts a card the read model decided (queries/read_model.py)
into the reader's language; `show_kpi_row()` draws them. No decision is made here."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import groupby

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
    sparkline_words: str = ""  # the sparkline's figures in words: its picture's alternative text


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
                   comparison=not_comparable, sparkline_words=sparkline_words(card, label, unit, lang))


def sparkline_words(card: Card, label: str, unit: str, lang: str) -> str:
    """'Projects signed, 2018 to 2025: 2018 536; 2019 638; 2020 no figure; … Selected: 2024.' The picture's
    alternative text: a screen reader hears every point the line draws."""
    if not card.sparkline:
        return ""
    f = FORMATS[lang]
    points = text(lang, "kpi.sparkline_joiner").join(
        text(lang, "kpi.sparkline_point", year=year,
             value=text(lang, "kpi.sparkline_none") if value is None
             else f.with_qualifier(value, None, unit, show_unit=True))
        for year, value in card.sparkline)
    return text(lang, "kpi.sparkline_alt", label=label, first=card.sparkline[0][0], last=card.sparkline[-1][0],
                points=points, year=card.year)


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


# The sparkline is a picture drawn here, not a chart drawn in the browser: a Vega-Lite chart made every
# KPI value wait for Vega's 770 KB module to load and run (the value and the chart painted together,
# about 1.1 s after the script; issue #24's peer paints its values 0.3 s after). Its viewBox units:
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 400.0, 44.0, 8.0
KPI_ROW_KEY = "wmc_kpi_row"  # its CSS class: st-key-wmc_kpi_row (ui/print_style.PRINT_CSS)
SPARK_RULE = "#888888"  # the selected edition's rule and the outline of its point, readable in both themes
HEX_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


def _spark_x(index: int, count: int) -> float:
    if count == 1:
        return SPARK_WIDTH / 2
    return SPARK_PAD + index * (SPARK_WIDTH - 2 * SPARK_PAD) / (count - 1)


def _spark_y(value: float, low: float, high: float) -> float:
    return SPARK_HEIGHT - SPARK_PAD - (value - low) / (high - low) * (SPARK_HEIGHT - 2 * SPARK_PAD)


def sparkline_points(kpi: KpiCard) -> list[dict]:
    """Where each edition of the range sits in the picture: x, y (None without a figure), its kind, and
    whether it is the selected or the reference edition."""
    low, high = _domain(kpi)
    count = len(kpi.sparkline)
    return [{"year": year, "x": _spark_x(i, count), "y": None if value is None else _spark_y(float(value), low, high),
             "kind": kpi.kinds.get(year, "none"), "selected": year == kpi.year,
             "reference": year == kpi.reference_year} for i, (year, value) in enumerate(kpi.sparkline)]


def sparkline_svg(kpi: KpiCard) -> str:
    """The sparkline as SVG markup, numbers only: one point per edition in the range, the line broken
    where an edition has no figure, a point for every figure (a lone one stays visible), open points for
    figures that are not closing counts, a dashed rule and a large point on the selected edition, a ring
    on the reference edition."""
    if not HEX_COLOR.fullmatch(kpi.color):  # only the palette's colours go into the markup
        raise ValueError(f"not a colour: {kpi.color!r}")
    points = sparkline_points(kpi)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SPARK_WIDTH:g} {SPARK_HEIGHT:g}" '
             f'width="{SPARK_WIDTH:g}" height="{SPARK_HEIGHT:g}">']
    for point in points:
        if point["selected"]:
            parts.append(f'<line x1="{point["x"]:.1f}" y1="1" x2="{point["x"]:.1f}" y2="{SPARK_HEIGHT - 1:g}" '
                         f'stroke="{SPARK_RULE}" stroke-width="1.5" stroke-dasharray="3 2"/>')
    for has_figures, run in groupby(points, key=lambda p: p["y"] is not None):  # a gap breaks the line
        run = list(run)
        if has_figures and len(run) > 1:
            path = " ".join(f'{"M" if i == 0 else "L"}{p["x"]:.1f} {p["y"]:.1f}' for i, p in enumerate(run))
            parts.append(f'<path d="{path}" fill="none" stroke="{kpi.color}" stroke-width="2" '
                         'stroke-linejoin="round" stroke-linecap="round"/>')
    for point in (p for p in points if p["y"] is not None):
        x, y = f'{point["x"]:.1f}', f'{point["y"]:.1f}'
        if point["kind"] == "reported":
            parts.append(f'<circle cx="{x}" cy="{y}" r="2.4" fill="{kpi.color}"/>')
        else:  # expected, derived or the source's own USD: an open point
            parts.append(f'<circle cx="{x}" cy="{y}" r="2.6" fill="none" stroke="{kpi.color}" stroke-width="1.5"/>')
        if point["reference"]:
            parts.append(f'<circle cx="{x}" cy="{y}" r="6.2" fill="none" stroke="{kpi.color}" stroke-width="2"/>')
        if point["selected"]:
            parts.append(f'<circle cx="{x}" cy="{y}" r="6.4" fill="{kpi.color}" stroke="{SPARK_RULE}" '
                         'stroke-width="1.5"/>')
    return "".join(parts) + "</svg>"


def show_kpi_row(cards: list[KpiCard]) -> None:
    """Render the cards in one wrapping row (ui/print_style.PRINT_CSS: two a row on a wide screen, one on a
    phone; two 'expected 367.7 bn CNY' and its change fit a card whole): the figure and its change, one caption with
    the card's notes, then the sparkline, or the reason the edition has no value instead of a line that
    would suggest one. Few elements on purpose: the browser applies a rerun's elements one by one, and
    the Overview's edition change repaints these cards (issue #24: rows of columns took 55 messages)."""
    with st.container(horizontal=True, gap="small", key=KPI_ROW_KEY):
        for kpi in cards:
            with st.container(border=True, key=f"kpi_{kpi.metric}"):
                st.metric(kpi.label, kpi.value, kpi.delta, delta_color=kpi.delta_color, delta_arrow=kpi.delta_arrow,
                          help=kpi.help)
                notes = [f"{icon} {words}" for icon, words in ((":material/info:", kpi.note),
                                                                (":material/compare_arrows:", kpi.comparison),
                                                                (":material/info:", kpi.missing)) if words]
                if notes:
                    st.caption("  \n".join(notes))
                if not kpi.missing and sum(v is not None for _, v in kpi.sparkline) > 1:
                    st.image(sparkline_svg(kpi), width="stretch", alt=kpi.sparkline_words)
