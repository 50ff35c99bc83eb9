"""The read model: for a filter state and an edition choice, what the Overview and the brief show,
decided once and in no language (no Streamlit, no plotly, no words).

`edition_view(...)` runs the named queries, converts money once (queries/series.money_table) and
decides each KPI card: its figure (value, bound, stage, scope, currency basis), the reference figure
and whether the two may be compared (a `Comparison` with a reason code when not), the change and its
direction, why an edition has no figure, the parts shown where no total is reported, the other
sources' values, the sparkline; and the cumulative claims that end at or before the edition.
`ui/kpis.say` and `ui/files`' brief put the same decisions into words, so the page and the paper agree.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from queries import memoized, run
from queries.series import comparability, money_table
from vocabulary import (LOWER_BOUNDS, ORGANIZING_ROLES, USD_REPORTED_SUFFIX, approximate, change_bound, figure_kind, flag,
                        is_missing, stage_of)

# Card order on the overview; growth metrics are the percentages a source itself reported.
KPI_METRICS = ("projects_signed", "investment_signed", "exhibition_area", "organizers", "attendees",
               "countries_regions")
REPORTED_GROWTH = {"projects_signed": "projects_signed_growth_pct",
                   "investment_signed": "investment_signed_growth_pct"}
# The USD amounts sources reported, shown where no annual rate is stored.
REPORTED_USD = ("investment_signed" + USD_REPORTED_SUFFIX,)
# A total's parts, named on its card for an edition that reports the parts but no total.
PARTS = {"exhibition_area": ("exhibition_area_hall", "exhibition_area_outdoor")}
SERIES_METRICS = KPI_METRICS + tuple(REPORTED_GROWTH.values()) + REPORTED_USD
VIEW_METRICS = SERIES_METRICS + tuple(m for parts in PARTS.values() for m in parts)
PREVIOUS = "previous"  # the reference edition by default: the edition before the selected one


@dataclass(frozen=True)
class Figure:
    """One edition's figure as shown: in the chosen currency, with what decides comparisons."""
    year: int
    value: float | None
    unit: str
    qualifier: str | None  # exact / more_than / at_least / about / nearly (expected: old data only)
    stage: str | None  # closing / preliminary / expected
    scope: str | None
    basis: str  # stored / annual_rate / as_reported
    kind: str | None  # reported / expected / preliminary / derived / usd_as_reported (how it is drawn)
    is_derived: bool = False
    publisher: str | None = None
    published_on: object = None
    published_precision: str | None = None
    metric: str = ""
    # Read off the fields above when the figure is made (plain values: whoever words the figure
    # reads them without calling back into the read model).
    present: bool = field(init=False)
    lower_bound: bool = field(init=False)
    as_reported: bool = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "present", not is_missing(self.value))
        object.__setattr__(self, "lower_bound", self.qualifier in LOWER_BOUNDS)
        object.__setattr__(self, "as_reported", self.basis == "as_reported")


@dataclass(frozen=True)
class Comparison:
    """The current figure against the reference edition's. `reason` is None when a change is shown,
    else one of: no_reference (no earlier edition), same_edition, not_earlier (a later edition was asked
    for), reference_missing, current_missing,
    different_scope, different_stage, different_basis, both_lower_bounds."""
    reference: Figure | None
    reason: str | None
    absolute: float | None = None
    percent: float | None = None  # None when the reference is 0
    direction: str | None = None  # up / down / flat
    bound: str | None = None  # at_least (≥) / at_most (≤)
    approximate: bool = False
    reported_growth_pct: float | None = None  # the source's own growth rate, when it fits this change
    chosen_year: int | None = None  # the reference edition asked for, when it is not an earlier one

    @property
    def comparable(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class Card:
    metric: str
    label: str  # the metric's stored (English) label; words come later
    unit: str  # the unit shown (bn USD in USD)
    year: int
    current: Figure
    comparison: Comparison
    missing: str | None = None  # no_rate / derived_hidden / parts_only / not_found
    stored: Figure | None = None  # the figure as stored (CNY), for a USD card left without a value
    parts: tuple[Figure, ...] = ()
    alternatives: tuple[dict, ...] = ()  # other sources' values (queries/alternatives.sql rows)
    sparkline: tuple[tuple[int, float | None], ...] = ()
    kinds: dict = field(default_factory=dict)  # year -> figure kind, for the sparkline's points
    higher_is_better: bool | None = True
    organizers: dict | None = None  # organizers card: {'stated', 'listed'} for the year


@dataclass(frozen=True)
class EditionView:
    """Everything the Overview and the brief show for one edition, decided once."""
    convention: str
    year: int
    reference: object  # PREVIOUS or a year
    currency: str
    years: tuple[int, ...]  # editions in the range
    edition: dict
    cards: tuple[Card, ...]
    series: pd.DataFrame  # metric_series rows of SERIES_METRICS in the currency (money_table)
    claims: pd.DataFrame  # claims_reconciliation rows ending at or before the edition, its own span first
    participation: pd.DataFrame  # the edition's participation rows
    sources: tuple[tuple, ...]  # (publisher, published_on, precision) behind the cards, by date
    # "preliminary" when every figure of the edition was given before the results (queries/edition_status.sql),
    # "reported" once one is a result; None for an edition without reported figures
    status: str | None = None


# ---------------------------------------------------------------- deciding one card

def figure(row: dict | None, year: int, unit: str, metric: str = "") -> Figure:
    if row is None or is_missing(row.get("value")):
        return Figure(year, None, unit, None, None, None if row is None else row.get("scope"), "stored", None,
                      metric=metric)
    return Figure(int(row["year"]), float(row["value"]), row["unit"], row.get("qualifier"), stage_of(row),
                  row.get("scope"), row.get("basis") or "stored", figure_kind(row), flag(row.get("is_derived")),
                  None if is_missing(row.get("publisher")) else row.get("publisher"), row.get("published_on"),
                  None if is_missing(row.get("published_precision")) else row.get("published_precision"),
                  metric=metric)


def earlier_editions(years, year: int) -> list[int]:
    """The editions a change may be measured against: those before `year`, latest first."""
    return sorted((int(y) for y in years if int(y) < int(year)), reverse=True)


def opening_edition(series: pd.DataFrame, years) -> int | None:
    """The edition the Overview opens on: the latest in `series` (metric_series rows) with a headline KPI's value,
    else the latest of `years`; None when there is no edition."""
    with_data = series.loc[series["value"].notna() & series["metric"].isin(KPI_METRICS), "year"]
    if not with_data.empty:
        return int(with_data.max())
    return max((int(y) for y in years), default=None)


def reference_year(years, year: int, reference) -> int | None:
    """The edition the change is measured against: the one before `year` in the range (PREVIOUS), or
    the edition chosen when it is earlier; None otherwise."""
    earlier = earlier_editions(years, year)
    if reference in (None, PREVIOUS):
        return earlier[0] if earlier else None
    return int(reference) if int(reference) in earlier else None


def compare(current: dict | None, base: dict | None, compare_by, reference, year: int, unit: str) -> Comparison:
    """The decision for one card: a change between comparable figures, or the reason there is none."""
    if base is None:
        if reference in (None, PREVIOUS):
            return Comparison(None, "no_reference")
        if int(reference) >= year:
            return Comparison(None, "same_edition" if int(reference) == year else "not_earlier",
                              chosen_year=int(reference))
        return Comparison(None, "no_reference", chosen_year=int(reference))
    ref = figure(base, int(base["year"]), unit)
    if current is None or is_missing(current.get("value")):
        return Comparison(ref, "current_missing")
    if not ref.present:
        return Comparison(ref, "reference_missing")
    reason = comparability(current, base, compare_by)
    if reason is not None:
        return Comparison(ref, reason)
    absolute = float(current["value"]) - ref.value
    return Comparison(ref, None, absolute, absolute / ref.value * 100 if ref.value else None,
                      "up" if absolute > 0 else "down" if absolute < 0 else "flat",
                      change_bound(current.get("qualifier"), base.get("qualifier")),
                      approximate(current.get("qualifier"), base.get("qualifier")))


def _missing_reason(metric: str, year: int, currency: str, stored: dict | None, hidden_derived, parts) -> str:
    if currency != "CNY" and stored is not None and not is_missing(stored.get("value")):
        return "no_rate"
    if parts:
        return "parts_only"
    if (metric, year) in hidden_derived:
        return "derived_hidden"
    return "not_found"


def decide_card(shown: dict[str, list[dict]], stored: dict[str, list[dict]], metric: str, year: int,
                currency: str, years, reference=PREVIOUS, higher_is_better=True,
                hidden_derived: frozenset = frozenset(), alternatives: tuple[dict, ...] = (),
                organizers: dict | None = None) -> Card | None:
    """One card from a view's rows (per metric, in edition order: as shown and as stored)."""
    records = shown.get(metric)
    if not records:
        return None
    unit = records[0]["unit"]
    by_year = {int(r["year"]): r for r in records}
    current = by_year.get(year)
    ref_year = reference_year(years, year, reference)
    base = by_year.get(ref_year) if ref_year is not None else None
    if base is None and ref_year is not None:
        base = {"year": ref_year, "value": None}
    compare_by = tuple(str(records[0].get("compare_by") or "scope stage basis").split())
    comparison = compare(current, base, compare_by, reference, year, unit)
    if comparison.comparable and (reference in (None, PREVIOUS)) and (currency == "CNY" or unit not in ("bn CNY", "bn USD")):
        growth = _reported_growth(stored, metric, year)
        if growth is not None:
            comparison = replace(comparison, reported_growth_pct=growth)
    shown_figure = figure(current, year, unit, metric)
    stored_row = next((r for r in stored.get(metric, []) if int(r["year"]) == year), None)
    parts: tuple[Figure, ...] = ()
    missing = None
    if not shown_figure.present:
        parts = tuple(figure(r, year, r["unit"], part) for part in PARTS.get(metric, ())
                      for r in shown.get(part, []) if int(r["year"]) == year and not is_missing(r["value"]))
        missing = _missing_reason(metric, year, currency, stored_row, hidden_derived, parts)
    return Card(
        metric, records[0]["label"], unit, year, shown_figure, comparison, missing,
        stored=figure(stored_row, year, stored_row["unit"], metric) if stored_row is not None else None,
        parts=parts,
        alternatives=tuple(a for a in alternatives if a["year"] == year and a["metric"] == metric
                           and a["scope"] == (current or {}).get("scope")),
        sparkline=tuple((int(r["year"]), None if is_missing(r["value"]) else float(r["value"])) for r in records),
        kinds={int(r["year"]): figure_kind(r) for r in records if not is_missing(r["value"])},
        higher_is_better=None if is_missing(higher_is_better) else bool(higher_is_better),
        organizers=organizers)


def _reported_growth(stored: dict[str, list[dict]], metric: str, year: int) -> float | None:
    growth_metric = REPORTED_GROWTH.get(metric)
    row = next((r for r in stored.get(growth_metric, []) if int(r["year"]) == year), None) if growth_metric else None
    return None if row is None or is_missing(row["value"]) else float(row["value"])


def by_metric(frame: pd.DataFrame) -> dict[str, list[dict]]:
    """Rows per metric in edition order. A card reads a handful of rows: plain Python beats a pandas
    selection per lookup (pandas 3's Arrow-backed strings make each selection costly)."""
    grouped: dict[str, list[dict]] = {}
    for record in sorted(frame.to_dict("records"), key=lambda r: r["year"]):
        grouped.setdefault(record["metric"], []).append(record)
    return grouped


# ---------------------------------------------------------------- the edition view

def organizer_check(rows: pd.DataFrame, stated: pd.DataFrame) -> pd.DataFrame:
    """Per edition: the organizing bodies a source states (`organizers` metric rows of a metric_series
    frame) beside the bodies listed by name (participation rows in an organizing role), so both pages
    can show the same number or say why they differ. Columns: year, stated, listed (None = none)."""
    listed = rows[rows["role"].isin(ORGANIZING_ROLES)].groupby("year")["organization"].nunique()
    stated = stated[(stated["metric"] == "organizers") & stated["value"].notna()].set_index("year")["value"]
    years = sorted(set(listed.index) | set(stated.index))
    return pd.DataFrame({"year": years,
                         "stated": [int(stated[y]) if y in stated.index else None for y in years],
                         "listed": [int(listed[y]) if y in listed.index else None for y in years]})


def edition_claims(claims: pd.DataFrame, year: int) -> pd.DataFrame:
    """The claims that end at or before `year`, the edition's own span first (latest end first, then
    the longest span, then the cards' metrics in card order): what an edition's reader can know."""
    mine = claims[claims["year_to"] <= year]
    rank = {metric: n for n, metric in enumerate(KPI_METRICS)}  # the cards' metrics first within a span
    mine = mine.assign(_rank=[rank.get(m, len(rank)) for m in mine["metric"]])
    return (mine.sort_values(["year_to", "year_from", "_rank"], ascending=[False, True, True], kind="stable")
            .drop(columns="_rank").reset_index(drop=True))


def view_series(convention: str, year_from: int, year_to: int, currency: str, include_derived: bool) -> pd.DataFrame:
    """The metric_series rows the cards read (their parts included), in `currency`."""
    series = run("metric_series", convention=convention, year_from=year_from, year_to=year_to,
                 metrics=list(VIEW_METRICS), include_derived=include_derived)
    return money_table(series, currency)


def edition_view(convention: str, year_from: int, year_to: int, currency: str, include_derived: bool,
                 year: int, reference=PREVIOUS) -> EditionView:
    """The Overview's and the brief's edition, decided once per database version (run it inside
    queries.snapshot()): an edition picked again, by this reader or another, is not decided again."""
    args = dict(convention=convention, year_from=year_from, year_to=year_to, currency=currency,
                include_derived=include_derived, year=year, reference=reference)
    return memoized("edition_view", lambda: _decide_edition_view(**args), **args)


def _decide_edition_view(convention: str, year_from: int, year_to: int, currency: str, include_derived: bool,
                         year: int, reference=PREVIOUS) -> EditionView:
    params = dict(convention=convention, year_from=year_from, year_to=year_to)
    editions = run("editions", **params)
    years = tuple(int(y) for y in editions["year"])
    raw = run("metric_series", **params, metrics=list(VIEW_METRICS), include_derived=include_derived)
    shown_frame = money_table(raw, currency)
    shown, stored = by_metric(shown_frame), by_metric(raw)
    directions = dict(run("metric_directions").itertuples(index=False))
    derived = run("derived_facts", **params)
    hidden = frozenset() if include_derived else frozenset(zip(derived["metric"], derived["year"]))
    participation = run("participation", **params)
    alternatives = tuple(run("alternatives", convention=convention, year_from=year, year_to=year).to_dict("records"))
    check = organizer_check(participation, raw)
    check_row = check[check["year"] == year].to_dict("records")
    cards = tuple(c for m in KPI_METRICS if (c := decide_card(
        shown, stored, m, year, currency, years, reference, directions.get(m), hidden, alternatives,
        organizers=check_row[0] if m == "organizers" and check_row else None)) is not None)
    edition_rows = editions[editions["year"] == year].to_dict("records")
    on_cards = [c.current for c in cards if c.current.present]
    dated = sorted({(f.publisher, f.published_on, f.published_precision) for f in on_cards if f.publisher},
                   key=lambda s: (str(s[1]), s[0]))
    series = shown_frame[shown_frame["metric"].isin(SERIES_METRICS)].reset_index(drop=True)
    statuses = run("edition_status", convention=convention, year_from=year, year_to=year)["status"].tolist()
    return EditionView(convention, year, reference, currency, years, edition_rows[0] if edition_rows else {},
                       cards, series, edition_claims(run("claims_reconciliation", convention=convention), year),
                       participation[participation["year"] == year].reset_index(drop=True), tuple(dated),
                       statuses[0] if statuses else None)
