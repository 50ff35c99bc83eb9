"""Numbers as people read them: qualifiers, units, deltas, currency. Pure functions, tested."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vocabulary import (LOWER_BOUNDS, approximate, change_bound, QUALIFIER_MARKS, QUALIFIER_WORDS, UNIT_SINGULAR,
                        UNIT_WORDS, is_missing)

# Words in front of a figure: "about 1.8 tn", "at least 30"; "more than" reads "430+" or "over 1 tn".
QUALIFIER_PREFIX = {q: QUALIFIER_WORDS[q] + " " for q in ("about", "nearly", "at_least", "expected")}


def number(value: float, unit: str = "") -> str:
    """Compact figure: 735.1 bn, 1.8 tn, 80,000 m², 638."""
    if is_missing(value):
        return "–"
    if unit in ("bn CNY", "bn USD"):
        if value >= 1000:
            return f"{value / 1000:,.2f}".rstrip("0").rstrip(".") + " tn"
        return f"{value:,.2f}".rstrip("0").rstrip(".") + " bn"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


UNIT_SUFFIX = {"m2": " m²", "bn CNY": " CNY", "bn USD": " USD"}


def unit_label(unit) -> str:
    """'m²' for the stored code 'm2'; '' for a missing unit."""
    return "" if is_missing(unit) else UNIT_WORDS.get(unit, unit)


def role_label(role) -> str:
    """'guest country' for the stored role 'guest country of honor'; other roles read as they are."""
    return "" if is_missing(role) else str(role).replace(" of honor", "")


def qualifier_label(qualifier) -> str:
    """'more than' for the stored code 'more_than'; '' for a missing qualifier."""
    return "" if is_missing(qualifier) else QUALIFIER_WORDS.get(qualifier, str(qualifier))


def readable_codes(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table to show, with its unit, qualifier (also `*_qualifier`) and role codes as
    people read them: m², more than, guest country; its source date as far as it is known."""
    words = {column: unit_label if column == "unit" else role_label if column == "role" else qualifier_label
             for column in frame.columns if column in ("unit", "role", "qualifier") or str(column).endswith("_qualifier")}
    out = frame.assign(**{column: frame[column].map(label) for column, label in words.items()})
    return with_source_dates(out, source_date)


def with_source_dates(frame: pd.DataFrame, formatter) -> pd.DataFrame:
    """A table's published_on as `formatter` words it, to the precision known (published_precision,
    then dropped), blank on a row without a source; a table without published_on as it is."""
    if "published_on" not in frame.columns:
        return frame
    words = source_dates(frame, formatter=formatter)
    if "publisher" in frame.columns:  # a row without a source (an edition with no figure) has no date to word
        words = ["" if is_missing(publisher) else word for word, publisher in zip(words, frame["publisher"])]
    dated = frame.assign(published_on=words)
    return dated.drop(columns=["published_precision"], errors="ignore")


def with_qualifier(value: float, qualifier: str | None, unit: str = "", show_unit: bool = False) -> str:
    """'430+', 'about 1.8 tn', 'over 1 tn', 'nearly 350 bn'; the unit appended when asked."""
    if is_missing(value):
        return "–"
    text = number(value, unit)
    money = unit in ("bn CNY", "bn USD")
    if qualifier in LOWER_BOUNDS and not money:
        text += "+"
    elif qualifier == "more_than":
        text = "over " + text
    else:
        text = QUALIFIER_PREFIX.get(qualifier or "", "") + text
    if show_unit:
        if value == 1 and qualifier in (None, "", "exact"):
            unit = UNIT_SINGULAR.get(unit, unit)
        text += UNIT_SUFFIX.get(unit, f" {unit}" if unit else "")
    return text


def span(year_from, year_to) -> str:
    """'2019' for one edition, '2018–2025' for several: every printed year range goes through here."""
    return f"{year_from}" if year_from == year_to else f"{year_from}–{year_to}"


def bar_label(value: float, qualifier: str | None, unit: str = "") -> str:
    """The short label on a bar, in the unit its axis names: '430+', '≈1,400', 'expected 568', '447'
    (bn CNY on the axis); '' for a missing value."""
    if is_missing(value):
        return ""
    before, after = QUALIFIER_MARKS.get(qualifier or "", ("", ""))
    return f"{before}{number(value * display_scale(unit))}{after}"


BOUND_MARKS = {"at_least": "≥ ", "at_most": "≤ "}  # a change that is only a bound (queries.series.change_bound)


@dataclass(frozen=True)
class Delta:
    absolute: float
    percent: float | None  # None when the base is 0
    bound: str | None  # at_least (only the current figure is a lower bound) / at_most (only the reference is)
    approximate: bool  # either side is "about"/"nearly"

    @property
    def lower_bound_base(self) -> bool:
        return self.bound == "at_most"

    def text(self, unit: str = "") -> str:
        # ASCII "-": st.metric reads the direction of its arrow from a leading hyphen-minus.
        sign = "+" if self.absolute >= 0 else "-"
        parts = [f"{sign}{number(abs(self.absolute), unit)}"]
        if self.percent is not None:
            pct_sign = "+" if self.percent >= 0 else "-"
            bound = BOUND_MARKS.get(self.bound or "", "~" if self.approximate else "")
            parts.append(f"({bound}{pct_sign}{abs(self.percent):.1f}%)")
        return " ".join(parts)


def delta(current: float, previous: float, current_qualifier: str | None = None,
          previous_qualifier: str | None = None) -> Delta | None:
    """Change against the previous edition, or None when either side is missing or both are lower
    bounds (no bound holds then). The comparability of scope, stage and currency basis is decided
    in queries/read_model.py."""
    if is_missing(current) or is_missing(previous):
        return None
    if current_qualifier in LOWER_BOUNDS and previous_qualifier in LOWER_BOUNDS:
        return None
    percent = (current - previous) / previous * 100 if previous else None
    return Delta(current - previous, percent, change_bound(current_qualifier, previous_qualifier),
                 approximate(current_qualifier, previous_qualifier))


def display_scale(unit) -> float:
    """Factor from the stored unit to the unit shown: English shows stored units (bn stays bn)."""
    return 1.0


def delta_text(change: Delta, unit: str = "") -> str:
    """'+208 (≤ +48.4%)': the change as the KPI cards show it (ui/format_zh.py has the Chinese twin)."""
    return change.text(unit)


def edition_dates(start, end) -> str:
    """'20 Sep 2019 – 23 Sep 2019'; says which end is unknown instead of failing on it."""
    start = None if is_missing(start) or str(start) == "NaT" else start
    end = None if is_missing(end) or str(end) == "NaT" else end
    if start is None and end is None:
        return "not found in sources"
    if end is None:
        return f"from {start:%d %b %Y} (end date not found in sources)"
    if start is None:
        return f"until {end:%d %b %Y} (start date not found in sources)"
    return f"{start:%d %b %Y} – {end:%d %b %Y}"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
UNDATED = "undated"


def as_date(value):
    """A stored date (date, Timestamp, datetime64, 'YYYY-MM-DD' text) as a Timestamp; None when missing."""
    if value is None or is_missing(value):
        return None
    stamp = pd.Timestamp(value)
    return None if pd.isna(stamp) else stamp


def dated(published_on, precision, words: dict) -> str:
    """`published_on` worded by `words` (undated / day / month / year) at its precision; an unknown
    precision reads as a day (what a user-given date is)."""
    on = as_date(published_on)
    if on is None:
        return words["undated"]
    return words[precision if precision in ("month", "year") else "day"](on)


DATE_WORDS = {"undated": UNDATED, "year": lambda on: f"{on.year}",
              "month": lambda on: f"{MONTHS[on.month - 1]} {on.year}",
              "day": lambda on: f"{on.day} {MONTHS[on.month - 1]} {on.year}"}


def source_date(published_on, precision=None) -> str:
    """A source's date as far as it is known: '28 May 2018', 'May 2018', '2018'; 'undated' without one.

    Every place that shows a source date calls this (ui/format_zh.py has the Chinese twin), so a page
    dated only by month or year is never shown with the first day it is stored on."""
    return dated(published_on, precision, DATE_WORDS)


def source_dates(frame: pd.DataFrame, column: str = "published_on", formatter=None) -> list[str]:
    """`formatter` (this module's source_date unless given) over every row of a table with `column`
    and, when present, `published_precision`."""
    formatter = formatter or source_date
    precisions = frame["published_precision"] if "published_precision" in frame.columns else [None] * len(frame)
    return [formatter(on, precision) for on, precision in zip(frame[column], precisions)]
