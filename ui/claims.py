"""Cumulative claims beside the per-edition figures they cover: the check the Overview, the Sources
page and the edition brief show: pure functions over claims_reconciliation rows, and
`show_in_words`, which draws the checks as text for narrow screens.

`verdict(claim)` decides, in no language: the metric's aggregation says how editions combine (a sum,
a distinct count, or nothing to add up), the query has already matched the claim's scope, and
closing, expected and derived figures are counted apart. `check(claim, lang)` says it in words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ui.format import is_missing
from ui.i18n import FORMATS, text
from ui.i18n.names import metric_label, name
from vocabulary import LOWER_BOUNDS, WHOLE_CONVENTION

CHECK_ROW_HEIGHT_PX = 96  # a table row tall enough for four wrapped lines of a claim's check ...
CHECK_WIDTH_PX = 440  # ... in a column this wide: all but the longest checks (about 270 characters) fit
TOLERANCE = 0.05  # a claim and the sum of its editions "agree" within 5%: claims are rounded
MARKS = {"agrees": "✓", "differs": "⚠", "incomplete": "?", "not_checked": "–"}
COLUMNS = ["editions", "metric", "claimed", "flag", "scope", "sum_closing", "sum_expected", "sum_derived", "coverage",
           "difference", "difference_pct", "publisher", "url"]
AMOUNTS = ("gap", "total", "max", "rest", "value")  # finding values in the claim's unit
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
VISIBLE_ROWS = 5  # rows of checks a table shows before it scrolls


@dataclass(frozen=True)
class Verdict:
    status: str  # agrees / differs / incomplete / not_checked (MARKS)
    findings: tuple[tuple[str, dict], ...]  # (catalogue key under "claims.", its values), in reading order


def _number(value) -> float:
    return 0.0 if value is None or is_missing(value) else float(value)


def _listed(value) -> list:
    """A list column of the query as a list (DuckDB hands over arrays; a missing one is empty)."""
    return [] if value is None or (not hasattr(value, "__len__") and is_missing(value)) else list(value)


def _years(value) -> list[int]:
    return [int(y) for y in _listed(value)]


def _parts(claim: dict) -> list[tuple[str, dict]]:
    """What the reported editions add up from: closing figures, then expected ones."""
    parts = []
    closing = len(_years(claim["years_closing"]))
    if closing:
        parts.append(("part_closing_one" if closing == 1 else "part_closing", {"n": closing}))
    if years := _years(claim["years_expected"]):
        parts.append(("part_expected", {"years": years, "value": _number(claim["sum_expected"])}))
    return parts


def known_total(claim: dict) -> float:
    """The sum of the reported per-edition figures the claim covers: closing ones, plus expected ones
    for editions without a closing figure. Derived figures are left out: they were computed from
    cumulative claims, so counting them would check a claim against itself."""
    return _number(claim["sum_closing"]) + _number(claim["sum_expected"])


def has_reported_editions(claim: dict) -> bool:
    """Whether any covered edition has a closing or expected figure of the claim's scope."""
    return bool(_years(claim["years_closing"]) or _years(claim["years_expected"]))


def missing_years(claim: dict) -> list[int]:
    """Covered editions with no reported figure of the claim's scope (derived ones may exist)."""
    held = {*_years(claim["years_closing"]), *_years(claim["years_expected"])}
    return [y for y in range(int(claim["year_from"]), int(claim["year_to"]) + 1) if y not in held]


def _missing(claim: dict, years: list[int], rest: float | None = None) -> tuple[tuple[str, dict], ...]:
    """What is missing: the editions without a reported figure, what a sum claim leaves for them
    (`rest`), and the derived figures we hold for some of them."""
    if rest is None:
        said = ("missing_none", {"years": years})
    elif rest <= 0:
        said = ("missing_reached", {"years": years})
    else:
        said = ("missing_one" if len(years) == 1 else "missing_many"), {"years": years, "rest": rest}
    derived = _years(claim["years_derived"])
    if not derived:
        return (said,)
    return said, ("derived_only", {"years": derived, "value": _number(claim["sum_derived"])})


def _sum_verdict(claim: dict) -> Verdict:
    claimed, total, missing, parts = float(claim["claimed"]), known_total(claim), missing_years(claim), _parts(claim)
    gap = claimed - total
    share = gap / total if total else 0.0  # of what the editions add up to: the yardstick the claim is read against
    lower_bound = claim["qualifier"] in LOWER_BOUNDS
    values = {"parts": parts, "total": total, "gap": abs(gap), "share": abs(share)}
    if share < -TOLERANCE and lower_bound:
        return Verdict("agrees", (("lower_bound", values),))
    if share < -TOLERANCE:
        return Verdict("differs", (("below", values),) + (_missing(claim, missing, 0) if missing else ()))
    if missing:
        return Verdict("incomplete", _missing(claim, missing, gap))
    if share > TOLERANCE:
        return Verdict("differs", (("above", values),))
    if round(gap, 6) == 0:
        return Verdict("agrees", (("equals", values),))
    return Verdict("agrees", (("near_above" if gap > 0 else "near_below", values),))


def _distinct_verdict(claim: dict) -> Verdict:
    """A distinct count over several editions is at least the largest edition and at most their sum."""
    claimed, total, missing = float(claim["claimed"]), known_total(claim), missing_years(claim)
    values = {"parts": _parts(claim), "total": total, "max": _number(claim["max_closing"]),
              "year": None if is_missing(claim["max_closing_year"]) else int(claim["max_closing_year"])}
    if values["year"] is not None and claimed < values["max"] * (1 - TOLERANCE):
        return Verdict("differs", (("distinct_below_max", values),))
    if claimed > total * (1 + TOLERANCE):
        if missing:
            return Verdict("incomplete", (("distinct_open", values),) + _missing(claim, missing))
        return Verdict("differs", (("distinct_above_sum", values),))
    between = ("distinct_between", values) if values["year"] is not None else ("distinct_within_sum", values)
    return Verdict("agrees", (between,) + (_missing(claim, missing) if missing else ()))


def _larger_within(claim: dict) -> tuple[tuple[str, dict], ...]:
    """Claims over fewer of these editions that state more, of this metric or of a part of it (funds in
    place of the signed investment): a sum or a distinct count cannot shrink as editions are added,
    and a part cannot exceed its whole (unless this claim is only a lower bound)."""
    if claim["qualifier"] in LOWER_BOUNDS:
        return ()
    larger = [("larger_part" if c.get("metric", claim["metric"]) != claim["metric"] else "larger_same",
               {"span": f"{c['year_from']}–{c['year_to']}", "value": float(c["value"]),
                "part": (c.get("metric"), c.get("label"))})
              for c in _listed(claim.get("larger_claims_within"))
              if float(c["value"]) > float(claim["claimed"]) * (1 + TOLERANCE)]
    return (("larger_within", {"claims": larger}),) if larger else ()


def verdict(claim: dict) -> Verdict:
    """The check of one claims_reconciliation row, in no language."""
    if claim["aggregation"] == "none":
        return Verdict("not_checked", (("not_additive", {}),))
    if not has_reported_editions(claim):
        other = claim["scope"] != WHOLE_CONVENTION
        base = Verdict("not_checked", (("no_figures_other_scope" if other else "no_figures", {}),))
    elif claim["aggregation"] == "sum":
        base = _sum_verdict(claim)
    else:
        base = _distinct_verdict(claim)
    larger = _larger_within(claim)
    return Verdict("differs", base.findings + larger) if larger else base


# ---------------------------------------------------------------- in words

def _year_list(years: list[int], lang: str) -> str:
    return text(lang, "claims.years", years=text(lang, "claims.year_joiner").join(str(y) for y in years))


def _say(key: str, values: dict, claim: dict, lang: str) -> str:
    f = FORMATS[lang]
    # A distinct count's sentence opens with the metric's name, so its numbers go without the unit.
    with_unit = claim["aggregation"] != "distinct"
    words = {"scope": name("scope", claim["scope"], lang), "metric": metric_label(claim["metric"], claim["label"], lang),
             "year_from": claim["year_from"], "year_to": claim["year_to"]}
    for field, value in values.items():
        if field in AMOUNTS:
            words[field] = f.with_qualifier(value, None, claim["unit"], show_unit=with_unit)
        elif field == "share":
            words[field] = f"{value:.1%}"
        elif field == "years":
            words[field] = _year_list(value, lang)
        elif field == "part":
            words[field] = metric_label(*value, lang) if value[0] else ""
        elif field in ("parts", "claims"):
            joiner = text(lang, "claims.and" if field == "parts" else "claims.list_joiner")
            words[field] = joiner.join(_say(k, v, claim, lang) for k, v in value)
        else:
            words[field] = value
    return text(lang, f"claims.{key}", **words)


def check(claim: dict, lang: str, first_only: bool = False) -> str:
    """The verdict in `lang`: a mark (✓ agrees, ⚠ differs, ? incomplete, – not checked) and what is
    missing or different, e.g. '⚠ 18.6% (219.9 bn CNY) below what 2 closing figures add up to (1.18 tn CNY)';
    with `first_only`, the main finding alone (for the one-page brief)."""
    result = verdict(claim)
    findings = result.findings[:1] if first_only else result.findings
    said = text(lang, "claims.joiner").join(_say(k, v, claim, lang) for k, v in findings)
    return f"{MARKS[result.status]} {said}"


def coverage(claim: dict, lang: str) -> str:
    """'4 of 5 + 1 expected': editions with a closing figure, and those with only an expected or derived one."""
    words = text(lang, "claims.coverage", closing=len(_years(claim["years_closing"])),
                 covered=int(claim["editions_covered"]))
    for kind in ("expected", "derived"):
        if n := len(_years(claim[f"years_{kind}"])):
            words += text(lang, f"claims.coverage_{kind}", n=n)
    return words


def _times(value, scale: float):
    return None if value is None or is_missing(value) else value * scale


def reconciliation(claims: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One row per claim: claimed, the editions' closing / expected / derived sums, coverage, the check,
    and the difference to the editions' total (only where the editions add up)."""
    f = FORMATS[lang]
    rows = []
    for c in claims.to_dict("records"):
        additive = c["aggregation"] == "sum" and has_reported_editions(c)
        gap = float(c["claimed"]) - known_total(c) if additive else None
        scale = f.display_scale(c["unit"])  # numbers in the unit the language shows (亿 in Chinese)
        rows.append({
            "editions": f"{c['year_from']}–{c['year_to']}",
            "metric": metric_label(c["metric"], c["label"], lang),
            "scope": name("scope", c["scope"], lang),
            "claimed": f.with_qualifier(c["claimed"], c["qualifier"], c["unit"], show_unit=True),
            "sum_closing": _times(c["sum_closing"], scale),
            "sum_expected": _times(c["sum_expected"], scale),
            "sum_derived": _times(c["sum_derived"], scale),
            "coverage": coverage(c, lang),
            "flag": check(c, lang),
            "difference": _times(gap, scale),
            "difference_pct": None if gap is None or not known_total(c) else gap / known_total(c) * 100,
            "publisher": c["publisher"],
            "url": c["url"],
        })
    return pd.DataFrame(rows, columns=COLUMNS)


def summary(claims: pd.DataFrame, lang: str = "en", first_only: bool = False) -> pd.DataFrame:
    """The Overview's and the brief's shorter table: editions, metric, claimed, what the editions add up to,
    coverage, check (its main finding alone with `first_only`)."""
    f = FORMATS[lang]
    table = reconciliation(claims, lang)
    if first_only:
        table["flag"] = [check(c, lang, first_only=True) for c in claims.to_dict("records")]
    sums = []
    for c in claims.to_dict("records"):
        said = [f.with_qualifier(c["sum_closing"], None, c["unit"], show_unit=True)] \
            if not is_missing(c["sum_closing"]) else []
        for kind in ("expected", "derived"):
            if not is_missing(c[f"sum_{kind}"]):
                said.append(text(lang, f"claims.plus_{kind}",
                                 value=f.with_qualifier(c[f"sum_{kind}"], None, c["unit"], show_unit=True)))
        sums.append(" ".join(said) or "–")
    table["sum_of_editions"] = sums
    return table[["editions", "metric", "claimed", "flag", "sum_of_editions", "coverage", "publisher"]]


def table_height_px(rows: int) -> int:
    """A checks table's height: up to VISIBLE_ROWS rows of CHECK_ROW_HEIGHT_PX and the header."""
    return 38 + CHECK_ROW_HEIGHT_PX * max(1, min(rows, VISIBLE_ROWS))


def in_words(claims: pd.DataFrame, lang: str = "en") -> list[str]:
    """One Markdown line per claim, '2018–2022 · Exhibitors · 2,693 companies: ? no reported figure ...',
    for reading the checks where a table is too narrow (a phone). Data text is escaped."""
    rows = summary(claims, lang).to_dict("records")
    return [_MARKDOWN_SPECIAL.sub(r"\\\1", text(lang, "claims.line", **r)) for r in rows]


def show_in_words(claims: pd.DataFrame, lang: str) -> None:
    """Every check as a line of text, folded under the table: readable on a phone, where the table's
    check column lies beyond the screen."""
    with st.expander(text(lang, "claims.in_words_title")):
        st.markdown("\n".join(f"- {line}" for line in in_words(claims, lang)) or text(lang, "brief.no_claims"))
