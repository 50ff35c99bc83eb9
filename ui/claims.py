"""Cumulative claims beside the sum of the per-edition figures they cover: the check the Overview,
the Sources page and the edition brief show. Pure functions over claims_reconciliation rows."""
from __future__ import annotations

import pandas as pd

from ui.format import is_missing
from ui.i18n import FORMATS, text
from ui.i18n.names import metric_label

TOLERANCE = 0.05  # a claim and the sum of its editions "agree" within 5%
COLUMNS = ["editions", "metric", "claimed", "sum_reported", "sum_with_derived", "coverage", "flag", "difference",
           "difference_pct", "publisher", "url"]


def check(claim: dict, lang: str) -> str:
    """'✓ agrees within 5%' or '⚠ off by +39.0%; 1 of 3 editions not reported', in `lang`."""
    covered = int(claim["editions_covered"])
    missing = covered - int(claim["editions_reported"])
    gap = None if is_missing(claim["sum_reported"]) else claim["claimed"] - claim["sum_reported"]
    share = gap / claim["claimed"] if gap is not None and claim["claimed"] else None
    problems = []
    if share is None:
        problems.append(text(lang, "claims.no_edition"))
    elif abs(share) > TOLERANCE:
        problems.append(text(lang, "claims.off_by", share=f"{share:+.1%}"))
    if missing > 0:
        problems.append(text(lang, "claims.not_reported", missing=missing, covered=covered))
    return ("⚠ " + text(lang, "claims.joiner").join(problems)) if problems else "✓ " + text(lang, "claims.agrees")


def _times(value, scale: float):
    return None if value is None or is_missing(value) else value * scale


def reconciliation(claims: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One row per claim: claimed, sums of the editions, coverage, difference and the check."""
    f = FORMATS[lang]
    rows = []
    for c in claims.to_dict("records"):
        gap = None if is_missing(c["sum_reported"]) else c["claimed"] - c["sum_reported"]
        scale = f.display_scale(c["unit"])  # numbers in the unit the language shows (亿 in Chinese)
        rows.append({
            "editions": f"{c['year_from']}–{c['year_to']}",
            "metric": metric_label(c["metric"], c["label"], lang),
            "claimed": f.with_qualifier(c["claimed"], c["qualifier"], c["unit"], show_unit=True),
            "sum_reported": _times(c["sum_reported"], scale),
            "sum_with_derived": _times(c["sum_with_derived"], scale),
            "coverage": text(lang, "claims.coverage", reported=int(c["editions_reported"]),
                             covered=int(c["editions_covered"])),
            "flag": check(c, lang),
            "difference": _times(gap, scale),
            "difference_pct": None if gap is None or not c["claimed"] else gap / c["claimed"] * 100,
            "publisher": c["publisher"],
            "url": c["url"],
        })
    return pd.DataFrame(rows, columns=COLUMNS)


def summary(claims: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The Overview's and the brief's shorter table: editions, metric, claimed, sum of editions, coverage, check."""
    f = FORMATS[lang]
    table = reconciliation(claims, lang)
    table["sum_of_editions"] = [f.with_qualifier(v, None, u, show_unit=True) if not is_missing(v) else "–"
                                for v, u in zip(claims["sum_reported"], claims["unit"])]
    return table[["editions", "metric", "claimed", "sum_of_editions", "coverage", "flag", "publisher"]]
