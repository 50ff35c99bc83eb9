"""What became of the signed projects: each progress figure against the signed figures of the same
editions. Decides, in no language (ui/followthrough.py says it), over progress_followthrough rows.

A ratio is taken only where numerator and denominator cover the same editions and scope (the query
matches them); an edition signed only as expected (2022) still gives a ratio, flagged; an edition
with no signed figure gives none. A bound is carried: "more than 1 trillion in place" over an exact
total reads "≥". A report is a contradiction, as `ui.claims.verdict` flags claims, when what it says
is in place or started exceeds what was signed over the same editions, or over more of them.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vocabulary import APPROXIMATE, LOWER_BOUNDS, PROGRESS_MEASURES, PROGRESS_SHARE_OF, is_missing

TOLERANCE = 0.05  # as the claims check: figures are rounded, a part may exceed its whole by 5% before it is flagged
STATED_POINTS = 1.0  # a share the source states agrees with ours within one percentage point (rounding, base)
ROUGH = (*APPROXIMATE, "expected")  # a figure that is near the true one, either side
DAYS_PER_YEAR = 365.25
CHART_MEASURE = "funds_in_place"


@dataclass(frozen=True)
class FollowThrough:
    """One progress figure and what it says about the signed projects of its editions."""
    report_id: str
    measure: str
    year_from: int
    year_to: int
    status_on: pd.Timestamp
    status_precision: str
    value: float
    unit: str
    qualifier: str
    scope: str
    signed_total: float | None  # the signed figure of the same editions and scope (the denominator)
    ratio: float | None  # value / signed_total (0.86 for 86%), or the stated share where only that is known
    bound: str  # how the ratio reads: "exact", "about", "at_least" (≥), "at_most" (≤)
    status: str  # ratio / stated_share / no_denominator / contradiction
    findings: tuple[tuple[str, dict], ...]  # (catalogue key under "followthrough.", its values)
    expected_years: tuple[int, ...]  # editions whose signed figure is only the one expected at the opening
    stated_share: float | None  # the share the same report states for this figure, in percent
    stated_qualifier: str | None
    years_since_first: float | None  # status date minus the close of the first edition covered, in years
    years_since_last: float | None
    source: dict  # publisher, title, url, published_on, published_precision, note

    @property
    def editions(self) -> tuple[int, int]:
        return self.year_from, self.year_to

    def covers(self, year: int) -> bool:
        return self.year_from <= year <= self.year_to


def signed_metrics() -> list[str]:
    """The signed metrics a progress measure can be a part of: the query's $signed_metrics."""
    return sorted({whole for _, whole in PROGRESS_MEASURES.values() if whole})


def _listed(value) -> list:
    return [] if value is None or (not hasattr(value, "__len__") and is_missing(value)) else list(value)


def _years(start, end) -> float | None:
    if start is None or is_missing(start) or pd.isna(pd.Timestamp(start)):
        return None
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / DAYS_PER_YEAR


def _bound(numerator: str, denominator: list[str]) -> str | None:
    """How value / total reads given both qualifiers; None when the bounds point opposite ways
    (a lower bound over a lower bound says nothing)."""
    low_top = numerator in LOWER_BOUNDS
    low_bottom = any(q in LOWER_BOUNDS for q in denominator)
    if low_top and low_bottom:
        return None
    if low_top:
        return "at_least"
    if low_bottom:
        return "at_most"
    rough = numerator in ROUGH or any(q in ROUGH for q in denominator)
    return "about" if rough else "exact"


def _expected(figure: dict) -> bool:
    """A signed figure announced before or at the opening (facts.stage, or the qualifier of old files)."""
    return figure.get("stage") == "expected" or figure["qualifier"] == "expected"


def _denominator(row: dict, whole: str) -> tuple[float | None, list[str], tuple[int, ...], tuple[int, ...]]:
    """(total, qualifiers, expected years, missing years) of the signed `whole` over the report's editions."""
    figures = {int(f["year"]): f for f in _listed(row["signed_figures"]) if f["metric"] == whole}
    years = range(int(row["year_from"]), int(row["year_to"]) + 1)
    missing = tuple(y for y in years if y not in figures)
    if missing:
        return None, [], (), missing
    # An expected figure (announced at the opening) reads as rough, whatever its own qualifier.
    expected = tuple(y for y in years if _expected(figures[y]))
    qualifiers = ["expected" if y in expected else figures[y]["qualifier"] for y in years]
    return sum(float(figures[y]["value"]) for y in years), qualifiers, expected, ()


def _contradictions(row: dict, whole: str, total: float | None, qualifiers: list[str]) -> list[tuple[str, dict]]:
    """A part above its whole: above the signed total of the same editions, or above a signed claim
    over the same or more editions (unless that total or claim is itself only a lower bound)."""
    value, found = float(row["value"]), []
    if total is not None and not any(q in LOWER_BOUNDS for q in qualifiers) and value > total * (1 + TOLERANCE):
        found.append(("exceeds_signed", {"total": total, "value": value}))
    for claim in _listed(row["signed_claims"]):
        if claim["metric"] != whole or claim["qualifier"] in LOWER_BOUNDS:
            continue
        if value > float(claim["value"]) * (1 + TOLERANCE):
            found.append(("exceeds_claim", {"span": (int(claim["year_from"]), int(claim["year_to"])),
                                            "total": float(claim["value"]), "qualifier": claim["qualifier"],
                                            "value": value}))
    return found


def decide(row: dict, stated: dict | None = None) -> FollowThrough:
    """The decision for one progress_followthrough row; `stated`: the row of the share the same
    report states for this figure, if any."""
    unit, whole = PROGRESS_MEASURES[row["measure"]]
    findings: list[tuple[str, dict]] = []
    total, ratio, bound, expected, status = None, None, "exact", (), "ratio"
    stated_share = None if stated is None else float(stated["value"])
    stated_qualifier = None if stated is None else stated["qualifier"]
    if whole is None:  # a share the source states, without the count it is a share of
        ratio, bound, status = float(row["value"]) / 100, _bound(row["qualifier"], []) or "exact", "stated_share"
        findings.append(("stated_only", {}))
    else:
        total, qualifiers, expected, missing = _denominator(row, whole)
        if missing:
            status = "no_denominator"
            findings.append(("no_signed", {"years": missing}))
        else:
            bound = _bound(row["qualifier"], qualifiers)
            if bound is None:
                status = "no_denominator"
                findings.append(("bounds_cross", {}))
            elif total:
                ratio = float(row["value"]) / total
            if expected:
                findings.append(("expected_denominator", {"years": expected}))
        contradictions = _contradictions(row, whole, total, qualifiers if not missing else [])
        if contradictions:
            status = "contradiction"
            findings += contradictions
        if stated_share is not None and ratio is not None and abs(ratio * 100 - stated_share) > STATED_POINTS:
            findings.append(("stated_other_base", {"stated": stated_share, "ratio": ratio}))
    source = {k: row.get(k) for k in ("publisher", "title", "url", "published_on", "published_precision", "note",
                                       "source_id")}
    return FollowThrough(
        report_id=row["report_id"], measure=row["measure"], year_from=int(row["year_from"]),
        year_to=int(row["year_to"]), status_on=pd.Timestamp(row["status_on"]),
        status_precision=row["status_precision"], value=float(row["value"]), unit=unit,
        qualifier=row["qualifier"], scope=row["scope"], signed_total=total, ratio=ratio, bound=bound or "exact",
        status=status, findings=tuple(findings), expected_years=tuple(expected), stated_share=stated_share,
        stated_qualifier=stated_qualifier, years_since_first=_years(row.get("first_signed_on"), row["status_on"]),
        years_since_last=_years(row.get("last_signed_on"), row["status_on"]), source=source)


def decisions(rows: pd.DataFrame) -> list[FollowThrough]:
    """One decision per progress figure; a share the report states beside its count or amount is
    folded into that figure's decision (its `stated_share`) instead of standing alone."""
    records = rows.to_dict("records")
    by_key = {(r["report_id"], r["measure"]): r for r in records}
    folded = {(r["report_id"], r["measure"]) for r in records
              if r["measure"] in PROGRESS_SHARE_OF and (r["report_id"], PROGRESS_SHARE_OF[r["measure"]]) in by_key}
    twins = {(r["report_id"], PROGRESS_SHARE_OF[r["measure"]]): r for r in records
             if (r["report_id"], r["measure"]) in folded}
    return [decide(r, twins.get((r["report_id"], r["measure"]))) for r in records
            if (r["report_id"], r["measure"]) not in folded]


def chart_points(found: list[FollowThrough], measure: str = CHART_MEASURE) -> list[FollowThrough]:
    """The funds-in-place ratios worth a chart: those of reports covering an edition that more than
    one such report covers (one point per report; a gap between reports stays a gap)."""
    with_ratio = [d for d in found if d.measure == measure and d.ratio is not None and d.years_since_first is not None]
    covered: dict[int, int] = {}
    for d in with_ratio:
        for year in range(d.year_from, d.year_to + 1):
            covered[year] = covered.get(year, 0) + 1
    shared = {year for year, n in covered.items() if n > 1}
    return [d for d in with_ratio if shared & set(range(d.year_from, d.year_to + 1))]


BRIEF_MEASURES = ("projects_started", "funds_in_place", "projects_registered")


def brief_line(found: list[FollowThrough], year: int) -> tuple[str, dict] | None:
    """The brief's one line for edition `year`: of the reports covering it, the latest of those over
    the fewest editions (the one closest to this edition alone); its started and in-place ratios, or
    its registered one when it has neither. (catalogue key, values), or None when no report covers it."""
    covering = [d for d in found if d.covers(year) and d.measure in BRIEF_MEASURES]
    if not covering:
        return None
    narrowest = min(d.year_to - d.year_from for d in covering)
    latest = max((d for d in covering if d.year_to - d.year_from == narrowest), key=lambda d: d.status_on)
    same = sorted((d for d in covering if d.report_id == latest.report_id),
                  key=lambda d: BRIEF_MEASURES.index(d.measure))
    if any(d.measure != "projects_registered" for d in same):  # started and in place say more than registered
        same = [d for d in same if d.measure != "projects_registered"]
    parts = [(d.measure, d.ratio, d.bound, d.value, d.qualifier, d.unit) for d in same]
    flagged = any(d.status == "contradiction" for d in same)
    expected = sorted({y for d in same for y in d.expected_years})
    return ("brief_line", {"span": latest.editions, "status_on": latest.status_on,
                           "status_precision": latest.status_precision, "parts": parts,
                           "contradiction": flagged, "expected_years": expected,
                           "publisher": latest.source.get("publisher")})


def rows_and_decisions(convention: str, year_from: int, year_to: int) -> tuple[pd.DataFrame, list[FollowThrough]]:
    """The progress_followthrough rows of reports overlapping the year range, and their decisions."""
    from queries import run

    rows = run("progress_followthrough", convention=convention, year_from=year_from, year_to=year_to,
               signed_metrics=signed_metrics())
    return rows, decisions(rows)


def load(convention: str, year_from: int, year_to: int) -> list[FollowThrough]:
    """Every decision for reports overlapping the year range (the named query, then `decisions`)."""
    return rows_and_decisions(convention, year_from, year_to)[1]
