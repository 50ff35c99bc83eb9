"""Simple pipe tables (Markdown): per-edition figures per row (a "Year" column) or in the edition's column."""
from __future__ import annotations

import re

from loaders.press_release.model import SCOPES, UNITS, Extraction, Fact
from loaders.press_release.numbers import qualifier_of, _round


# ---------------------------------------------------------------- tables

# a column or row header naming a metric; the unit must be in the header or in the cell
_TABLE_METRICS = [
    (r"projects?(?:\s+signed)?|signed projects|number of projects", "projects_signed"),
    (r"(?:total\s+)?investment(?:\s+signed)?|signed investment|investment value", "investment_signed"),
    (r"(?:exhibition\s+)?hall area|indoor (?:exhibition\s+)?area", "exhibition_area_hall"),
    (r"outdoor (?:exhibition\s+)?area|open-air area", "exhibition_area_outdoor"),
    (r"(?:total\s+)?exhibition area", "exhibition_area"),
    (r"countries and regions", "countries_regions"),
    (r"exhibitors|exhibiting companies", "exhibitors"),
    (r"exhibits", "exhibits"),
    (r"participants|attendees|guests", "attendees"),
]
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}+:?\s*(?:\|\s*+:?-{2,}+:?\s*+)*\|?\s*$")


def _table_metric(header: str) -> tuple[str, str] | None:
    """(metric, unit hint) for a header such as "Investment signed (billion yuan)"; None for "Change", "Share"."""
    low = " ".join(header.lower().split())
    unit = ""
    m = re.search(r"\(([^()]*)\)\s*$", low)
    if m:
        unit, low = m.group(1), low[:m.start()].strip()
    if re.search(r"change|growth|share|%|percent|rank|increase|decrease|note", low):
        return None
    for pattern, metric in _TABLE_METRICS:
        if re.fullmatch(pattern, low):
            return metric, unit
    return None


def _table_cell(cell: str, metric: str, unit: str) -> tuple[float, str] | None:
    """(value, qualifier) of a cell such as "430+", "447 bn yuan", "about 350"; None for "n/a", "see note", "--"."""
    text = " ".join(cell.lower().split())
    m = re.fullmatch(r"(?P<q>more than|over|about|around|approximately|nearly|almost|at least)?\s*"
                     r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<plus>\+)?\s*(?P<u>[a-z. ²0-9]*)", text)
    if not m:
        return None
    value = float(m.group("n").replace(",", ""))
    cell_unit = m.group("u").strip()
    if metric in ("investment_signed",):
        units = f"{cell_unit} {unit}"
        if not re.search(r"yuan|rmb|cny", units) or re.search(r"dollar|usd|us\$", units):
            return None
        if re.search(r"trillion", units):
            value *= 1000
        elif re.search(r"million|mln", units):
            value /= 1000
        elif not re.search(r"billion|\bbn\b|bln", units):
            return None
    elif metric.startswith("exhibition_area"):
        if not re.search(r"square met|sq\.? ?m|m2|m²", f"{cell_unit} {unit}"):
            return None
    elif cell_unit:
        return None  # a count with a word after it: not a plain figure
    qualifier = "more_than" if m.group("plus") else qualifier_of(m.group("q") or "", "", False)
    return _round(value), qualifier


def _table_year(cell: str) -> int | None:
    m = re.fullmatch(r"\s*(20[1-9]\d)\s*", cell)
    return int(m.group(1)) if m else None


def _tables(text: str, year: int | None, result: Extraction) -> None:
    """Simple pipe tables (Markdown): per-edition figures, read per row when a "Year" column gives each row's
    edition, or per column when the header row is years (then only the release's own edition's column: the
    other columns are comparisons). A cell without a plain number and its unit ("see note", "n/a") gives
    nothing; "Change", "Share" and percentage columns are never read."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        block = []
        while i < len(lines) and _TABLE_ROW.match(lines[i][1]):
            block.append(lines[i])
            i += 1
        i += 1
        if len(block) < 3 or not _TABLE_RULE.match(block[1][1]):
            continue
        split = [[c.strip() for c in _TABLE_ROW.match(line).group(1).split("|")] for _, line in block]
        header, rows = split[0], [(r, block[k + 2]) for k, r in enumerate(split[2:])]
        year_cols = [k for k, h in enumerate(header) if h.lower() in ("year", "edition year")]
        if len(year_cols) == 1:
            metrics = {k: _table_metric(h) for k, h in enumerate(header)}
            for cells, (start, line) in rows:
                if len(cells) != len(header) or (row_year := _table_year(cells[year_cols[0]])) is None:
                    continue
                for k, found in metrics.items():
                    if found and (value := _table_cell(cells[k], *found)):
                        _table_fact(found[0], value, row_year, line, start, result)
        elif year is not None and all(_table_year(h) for h in header[1:]) and year in map(_table_year, header[1:]):
            k = [_table_year(h) for h in header].index(year)
            for cells, (start, line) in rows:
                if len(cells) == len(header) and (found := _table_metric(cells[0])) and \
                        (value := _table_cell(cells[k], *found)):
                    _table_fact(found[0], value, year, line, start, result)


def _table_fact(metric: str, value: tuple[float, str], year: int, line: str, start: int, result: Extraction) -> None:
    body = line.strip()
    offset = start + line.index(body)
    if any(f.year == year and f.metric == metric and f.scope == SCOPES.get(metric, "whole convention")
           for f in result.facts):
        return  # the prose already gave it
    result.facts.append(Fact(metric, value[0], UNITS[metric], value[1], year, SCOPES.get(metric, "whole convention"),
                             body, offset, offset + len(body), 0.75))
