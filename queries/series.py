"""Series frames as every page reads them, in no language: one row per edition x metric
(queries/metric_series.sql), converted to the chosen currency here, once, on the table; what kind of
figure each row is; and the two series computed from them (average per project, growth), which
follow the same comparability rules as the KPI cards (queries/read_model.py).
"""
from __future__ import annotations

import pandas as pd

from vocabulary import (APPROXIMATE, LOWER_BOUNDS, USD_REPORTED_SUFFIX, approximate, change_bound, flag,
                        is_missing, money_in, stage_of)

# What a row takes over from the source's own USD figure: the figure and where it comes from.
AS_REPORTED_COLUMNS = ("value", "qualifier", "stage", "scope", "note", "is_derived", "publisher", "published_on",
                       "published_precision", "url", "source_id")
MONEY_UNITS = ("bn CNY", "bn USD")


def basis_of(row) -> str:
    """How a row's money came to be in the shown currency: 'as_reported' (the source's own USD amount),
    'annual_rate' (converted at the year's average rate) or 'stored' (as stored, and every non-money row)."""
    if flag(row.get("as_reported")):
        return "as_reported"
    return "annual_rate" if row.get("unit") == "bn USD" and flag(row.get("converted")) else "stored"


def money_table(series: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Money rows (bn CNY) converted to `currency` at each year's average rate (vocabulary.money_in),
    with the columns every reader decides on: `stage`, `basis` (stored / annual_rate / as_reported),
    `as_reported`, `no_rate`, `converted`.

    In USD, a row whose year has no stored rate (`no_rate`) takes the USD amount the source itself
    reported, when the frame holds one (metric `<metric>_usd_reported`), marked `as_reported`."""
    out = series.copy()
    out["value"] = out["value"].astype(float)
    out["as_reported"] = False
    out["no_rate"] = False
    out["converted"] = False
    if "stage" not in out.columns:
        out["stage"] = None
    out["stage"] = [stage_of(r) if not is_missing(v) else None
                    for r, v in zip(out[["stage", "qualifier"]].to_dict("records"), out["value"])]
    money = out["unit"] == "bn CNY"
    if currency == "USD":
        out["no_rate"] = money & out["value"].notna() & out["cny_per_usd"].isna()
        out.loc[money, "value"] = [float("nan") if (c := money_in(v, r, "USD")) is None else c
                                   for v, r in zip(out.loc[money, "value"], out.loc[money, "cny_per_usd"])]
        out.loc[money, "unit"] = "bn USD"
        out.loc[money, "converted"] = True
        reported = {(m.removesuffix(USD_REPORTED_SUFFIX), y): i for i, m, y, v in
                    zip(out.index, out["metric"], out["year"], out["value"])
                    if m.endswith(USD_REPORTED_SUFFIX) and not is_missing(v)}
        shared = [c for c in AS_REPORTED_COLUMNS if c in out.columns]
        for index in out.index[out["no_rate"]]:
            twin = reported.get((out.at[index, "metric"], out.at[index, "year"]))
            if twin is not None:
                out.loc[index, shared] = out.loc[twin, shared].to_numpy()
                out.at[index, "as_reported"] = True
                out.at[index, "converted"] = False
    out["basis"] = [basis_of(r) for r in out[["as_reported", "unit", "converted"]].to_dict("records")]
    return out


# ---------------------------------------------------------------- comparing two figures

def _compare_scope(row: dict):
    """The scope a change is measured in: metric_series' compare_scope (a scope claim_scopes marks as
    the same as another reads as that one), else the row's own scope."""
    scope = row.get("compare_scope")
    return row.get("scope") if is_missing(scope) else scope


def comparability(current: dict, reference: dict, compare_by) -> str | None:
    """None when two figures (rows) may be compared, else why not, as a code: different_scope,
    different_stage, different_basis (the dimensions the metric's compare_by lists, in that order),
    or both_lower_bounds (no bound holds for a change between two 'more than' figures)."""
    for dimension in ("scope", "stage", "basis"):
        if dimension not in compare_by:
            continue
        read = {"scope": _compare_scope, "stage": stage_of, "basis": basis_of}[dimension]
        if read(current) != read(reference):
            return f"different_{dimension}"
    if current.get("qualifier") in LOWER_BOUNDS and reference.get("qualifier") in LOWER_BOUNDS:
        return "both_lower_bounds"
    return None


# ---------------------------------------------------------------- computed series

def _by_year(series: pd.DataFrame, metric: str) -> dict[int, dict]:
    return {int(r["year"]): r for r in series[series["metric"] == metric].to_dict("records")
            if not is_missing(r["value"])}


def _rule_of(rows: list[dict]) -> tuple[str, ...]:
    """The compare_by of a metric's rows (every dimension when the frame does not carry it)."""
    for row in rows:
        if isinstance(row.get("compare_by"), str) and row["compare_by"]:
            return tuple(row["compare_by"].split())
    return ("scope", "stage", "basis")


def _combined(a: dict, b: dict) -> tuple[str, str]:
    """(qualifier, stage) of a figure computed from two: 'expected' when either input is expected
    (the stage says what the figure rests on), else 'about' when either is rough or a bound."""
    stages = {stage_of(a), stage_of(b)}
    stage = "expected" if "expected" in stages else "preliminary" if "preliminary" in stages else "closing"
    rough = {a.get("qualifier"), b.get("qualifier")} & {*APPROXIMATE, *LOWER_BOUNDS}
    if stage == "expected":
        return "expected", stage
    return ("about" if rough else "exact"), stage


def average_per_project(series: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Investment per project per edition, as a metric_series-shaped frame (metric 'average_investment'),
    from a money_table frame. Only from two figures of the same scope and stage (the cards' rule); a
    year lacking either, or with figures that may not be combined, keeps its row with a null value (a
    gap). Both sources ride along (publisher / publisher_2 ...) for the hover; a point resting on an
    expected figure has qualifier and stage 'expected' (`on_expected`)."""
    projects, investment = _by_year(series, "projects_signed"), _by_year(series, "investment_signed")
    rows = []
    for year in sorted(set(series["year"])):
        p, i = projects.get(int(year)), investment.get(int(year))
        ok = (p is not None and i is not None and p["value"] > 0
              and comparability(p, i, ("scope", "stage")) in (None, "both_lower_bounds")
              and not (p.get("qualifier") in LOWER_BOUNDS or i.get("qualifier") in LOWER_BOUNDS))
        qualifier, stage = _combined(p, i) if ok else (None, None)
        rows.append({
            "year": year, "metric": "average_investment", "label": "Average investment per project",
            "unit": unit, "value": (i["value"] / p["value"]) if ok else None,
            "qualifier": qualifier, "stage": stage, "on_expected": stage == "expected",
            "is_derived": True if ok else None, "scope": i.get("scope") if ok else None,
            "as_reported": flag(i.get("as_reported")) if ok else False,
            "basis": i.get("basis") if ok else None,
            "publisher": i["publisher"] if ok else None, "published_on": i["published_on"] if ok else None,
            "published_precision": i.get("published_precision") if ok else None,
            "publisher_2": p["publisher"] if ok else None, "published_on_2": p["published_on"] if ok else None,
            "published_precision_2": p.get("published_precision") if ok else None,
        })
    return pd.DataFrame(rows)


def growth_pct(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    """% change against the previous edition in the frame (a money_table frame), only between
    comparable figures (same scope, stage and currency basis as the metric states; not two lower
    bounds, and not against a lower bound, which would only give an upper bound a chart cannot mark);
    null elsewhere. A change resting on expected figures is 'expected'; one from a lower bound to an
    exact figure is 'at_least'. Both sources ride along for the hover."""
    frame = series[series["metric"] == metric].sort_values("year").reset_index(drop=True)
    records = frame.to_dict("records")
    rule = _rule_of(records)
    out = frame.copy()
    values, qualifiers, stages, on_expected, second = [], [], [], [], []
    for index, row in enumerate(records):
        before = records[index - 1] if index else None
        usable = (before is not None and not is_missing(row["value"]) and not is_missing(before["value"])
                  and before["value"] and comparability(row, before, rule) is None
                  and before.get("qualifier") not in LOWER_BOUNDS)
        if not usable:
            values.append(None), qualifiers.append(None), stages.append(None), on_expected.append(False)
            second.append((None, None, None))
            continue
        values.append((row["value"] - before["value"]) / before["value"] * 100)
        stage = stage_of(row)
        if stage == "expected":
            qualifier = "expected"
        elif change_bound(row.get("qualifier"), before.get("qualifier")) == "at_least":
            qualifier = "at_least"
        else:
            qualifier = "about" if approximate(row.get("qualifier"), before.get("qualifier")) else "exact"
        qualifiers.append(qualifier), stages.append(stage), on_expected.append(stage == "expected")
        second.append((before.get("publisher"), before.get("published_on"), before.get("published_precision")))
    out["value"] = pd.array(values, dtype="Float64").astype(float)
    out["qualifier"] = qualifiers
    out["stage"] = stages
    out["on_expected"] = on_expected
    out["publisher_2"] = [s[0] for s in second]
    out["published_on_2"] = [s[1] for s in second]
    out["published_precision_2"] = [s[2] for s in second]
    out["unit"] = "%"
    out["label"] = frame["label"] + " growth"
    return out
