"""What a chart's one-sentence summary says, decided from the chart's own rows in no language.

Each function takes the frame a chart is drawn from and returns plain facts (years, values with their
qualifier and stage, names, counts, and a reason code when the chart is empty). `ui/chart_summary.py`
puts them into words in the reader's language, so the sentence under a chart says what its bars say.

Empty-chart reasons: `one_edition` (a change needs two editions and the range holds one),
`no_figure` (no edition in the range has a figure), or None.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from vocabulary import is_missing, stage_of

NOT_CLOSING = ("expected", "preliminary")  # stages named apart in a summary: not a closing count


@dataclass(frozen=True)
class Point:
    """One figure of a chart: its edition, value (stored unit), qualifier and stage."""
    year: int
    value: float
    qualifier: str | None = None
    stage: str | None = None
    name: str = ""  # the category or body it belongs to, for charts by category


@dataclass(frozen=True)
class SeriesFacts:
    """A metric over editions: the lowest and highest closing figure, the figures that are not a
    closing count, the editions without a figure, and why nothing is drawn when nothing is."""
    metric: str
    unit: str
    years: tuple[int, ...]
    low: Point | None
    high: Point | None
    not_closing: tuple[Point, ...]
    missing: tuple[int, ...]
    empty: str | None
    parts_only: tuple[int, ...] = ()  # editions with parts of the total drawn, but no total


@dataclass(frozen=True)
class GroupedFacts:
    """Bars per category and edition: how many categories and editions, and the largest bar."""
    years: tuple[int, ...]
    categories: int
    largest: Point | None
    unit: str
    empty: str | None


@dataclass(frozen=True)
class MatrixFacts:
    """Organizations x editions: how many bodies, and the one seen in most editions."""
    years: tuple[int, ...]
    bodies: int
    most: Point | None  # name, and in `value` the number of editions it took part in


@dataclass(frozen=True)
class CoverageFacts:
    """Metrics x editions by status: cells per status (reported, derived, expected, missing)."""
    years: tuple[int, ...]
    metrics: int
    cells: dict[str, int]


@dataclass(frozen=True)
class ShareFacts:
    """Shares over time (funds in place of the signed investment): how many reports, the lowest and
    the highest share, each with its editions, bound and years since the first edition closed."""
    years: tuple[int, ...]
    reports: int
    low: object  # a queries.followthrough.FollowThrough
    high: object


def _point(row: dict, name: str = "") -> Point:
    return Point(int(row["year"]), float(row["value"]), row.get("qualifier") or None, stage_of(row), name)


def series_facts(series: pd.DataFrame, metric: str, years: list[int], needs_two: bool = False) -> SeriesFacts:
    """Facts of one metric's chart over `years` (the editions in the range). `needs_two`: the values
    are changes against the edition before, so one edition in the range draws nothing."""
    frame = series[series["metric"] == metric].sort_values("year")
    rows = [r for r in frame.to_dict("records") if int(r["year"]) in set(years)]
    present = [r for r in rows if not is_missing(r["value"])]
    closing = [r for r in present if stage_of(r) not in NOT_CLOSING]
    ranked = sorted(closing or present, key=lambda r: (float(r["value"]), int(r["year"])))
    empty = None
    if needs_two and len(years) < 2:
        empty = "one_edition"
    elif not present:
        empty = "no_figure"
    unit = frame["unit"].iloc[0] if not frame.empty else ""
    return SeriesFacts(
        metric=metric, unit=unit, years=tuple(int(y) for y in years),
        low=_point(ranked[0]) if ranked else None, high=_point(ranked[-1]) if ranked else None,
        not_closing=tuple(_point(r) for r in present if closing and stage_of(r) in NOT_CLOSING),
        # a change starts with the second edition: the first one has none by definition
        missing=tuple(sorted(set(int(y) for y in years[1 if needs_two else 0:]) - {int(r["year"]) for r in present})),
        empty=empty)


def total_facts(frame: pd.DataFrame, total: str, parts, years: list[int]) -> SeriesFacts:
    """Facts of a total drawn over its parts (exhibition area over hall, outdoor ...): the total's
    figures; an edition with parts but no total is no gap, it is named apart."""
    facts = series_facts(frame, total, years)
    with_parts = {int(y) for y in frame.loc[frame["metric"].isin(parts) & frame["value"].notna(), "year"]}
    parts_only = tuple(y for y in facts.missing if y in with_parts)
    return replace(facts, missing=tuple(y for y in facts.missing if y not in with_parts), parts_only=parts_only,
                   empty=None if facts.empty == "no_figure" and parts_only else facts.empty)


def grouped_facts(frame: pd.DataFrame, unit: str, category: str = "category", value: str = "investment",
                  qualifier: str = "investment_qualifier") -> GroupedFacts:
    """Facts of a chart of `value` by `category` and edition (a breakdown, the register by sector ...)."""
    rows = [r for r in frame.to_dict("records") if not is_missing(r.get(value))]
    years = tuple(sorted({int(r["year"]) for r in rows}))
    best = max(rows, key=lambda r: (float(r[value]), -int(r["year"])), default=None)
    largest = None if best is None else Point(int(best["year"]), float(best[value]), best.get(qualifier) or None,
                                              None, str(best[category]))
    return GroupedFacts(years=years, categories=len({r[category] for r in rows}), largest=largest, unit=unit,
                        empty=None if rows else "no_figure")


def totals_facts(frame: pd.DataFrame, years: list[int], value: str = "bodies", unit: str = "bodies",
                 counted=()) -> SeriesFacts:
    """Facts of stacked bars per edition (parts of a count): the lowest and highest edition total.
    `counted`: editions whose list was read, where no row means none (0), not a gap."""
    totals = frame.groupby("year")[value].sum()
    rows = [{"year": int(y), "value": float(totals[y]) if y in totals.index else 0.0, "metric": value, "unit": unit}
            for y in years if y in totals.index or y in set(counted)]
    return series_facts(pd.DataFrame(rows, columns=["year", "value", "metric", "unit"]), value, years)


def matrix_facts(rows: pd.DataFrame, years: list[int]) -> MatrixFacts:
    """Facts of the organizations x editions matrix: bodies, and the body in most editions (ties: the
    first seen, then by name)."""
    if rows.empty:
        return MatrixFacts(tuple(years), 0, None)
    per_body = rows.groupby("organization")["year"].agg(["nunique", "min"]).reset_index()
    best = per_body.sort_values(["nunique", "min", "organization"], ascending=[False, True, True]).iloc[0]
    return MatrixFacts(tuple(int(y) for y in years), len(per_body),
                       Point(int(best["min"]), float(best["nunique"]), name=str(best["organization"])))


def coverage_facts(coverage: pd.DataFrame, statuses) -> CoverageFacts:
    """Facts of the coverage matrix: cells per status, in the order of `statuses`."""
    counts = coverage["status"].value_counts()
    return CoverageFacts(tuple(sorted(int(y) for y in coverage["year"].unique())), int(coverage["metric"].nunique()),
                         {status: int(counts.get(status, 0)) for status in statuses})


def share_facts(points: list) -> ShareFacts | None:
    """Facts of the follow-through chart from its points (FollowThrough with a ratio); None without any."""
    if not points:
        return None
    ranked = sorted(points, key=lambda d: (d.ratio, d.year_from, d.year_to))
    years = tuple(sorted({y for d in points for y in (d.year_from, d.year_to)}))
    return ShareFacts(years=years, reports=len(points), low=ranked[0], high=ranked[-1])


def year_runs(years) -> list[tuple[int, int]]:
    """Consecutive years as runs: [2018, 2019, 2020, 2023] -> [(2018, 2020), (2023, 2023)]."""
    runs: list[tuple[int, int]] = []
    for year in sorted(int(y) for y in years):
        if runs and year == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs
