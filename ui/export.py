"""Exports of a shown table: the explorer table itself, CSV (Excel-safe or raw) and XLSX. Pure functions.

Spreadsheet programs run a cell that begins with = + - @ (or tab / carriage return, which some
strip first) as a formula, so a hostile or merely unlucky text could execute on opening. Excel-safe
exports prefix such text cells with a single quote; numbers are left alone.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import date, datetime

import pandas as pd

from ui import disagreements
from ui.i18n import names
from ui.format import as_date, is_missing
from vocabulary import FOLLOW_THROUGH_CATEGORY, money_in
from ui.i18n import FORMATS, localized_as, text
from vocabulary import USD_REPORTED_SUFFIX

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MONEY_UNIT = "bn CNY"
RATE_COLUMN = "cny_per_usd"
# The explorer table: shown, downloaded and exported with these columns in this order.
# The one place that composes them: facts_table(). also_reported sits beside the value it
# disagrees with, so a reader sees it without scrolling.
FACT_COLUMNS = ["year", "metric", "value", "unit", "qualifier", "also_reported", "scope", "derived", "note",
                "publisher", "source_title", "published", "url"]


# ---------------------------------------------------------------- the table shown and exported

def facts_table(facts: pd.DataFrame, currency: str, lang: str = "en",
                alternatives: pd.DataFrame | None = None) -> pd.DataFrame:
    """explorer_facts rows as shown, in `lang`: metric label, value in the unit shown (bn in English,
    亿 in Chinese: still a plain number), unit in the chosen currency, the rate used if USD. The source
    date reads only as far as it is known ('May 2018'); `also_reported` lists other sources' values
    (queries/alternatives.sql rows) with their publisher and date."""
    f = FORMATS[lang]
    named = localized_as(facts, lang)
    table = pd.DataFrame({
        "year": facts["year"].astype("int64"),
        "metric": named["label"],
        "value": facts["value"].astype("float64"),
        "unit": facts["unit"],
        "qualifier": facts["qualifier"].map(f.qualifier_label),
        "scope": named["scope"],
        "derived": facts["is_derived"].astype(bool),
        "note": facts["note"].fillna(""),
        "publisher": facts["publisher"],
        "source_title": facts["title"],
        "published": f.source_dates(facts),
        "url": facts["url"],
        "also_reported": disagreements.also_reported(facts, alternatives, lang),
    }, columns=FACT_COLUMNS)
    if currency == "USD":
        money = (facts["unit"] == MONEY_UNIT).to_numpy()
        rates = facts["cny_per_usd"].astype("float64").to_numpy()
        table["value"] = [money_in(v, r, "USD") if m else v
                          for v, r, m in zip(table["value"], rates, money)]
        table["value"] = table["value"].astype("float64")
        table.loc[money, "unit"] = "bn USD"
        table[RATE_COLUMN] = [r if m else float("nan") for r, m in zip(rates, money)]
        # A value converted at an annual average is no longer what the source gave exactly.
        converted = money & table["value"].notna().to_numpy()
        exact = f.qualifier_label("exact")
        table.loc[converted, "qualifier"] = [
            text(lang, "export.converted") if q in (exact, "", None) else text(lang, "export.converted_with", qualifier=q)
            for q in table.loc[converted, "qualifier"]]
        table["note"] = _no_rate_notes(facts, table, money, rates, lang)
    table["value"] = table["value"] * table["unit"].map(f.display_scale).astype("float64")
    table["unit"] = table["unit"].map(f.unit_label)
    return table.reset_index(drop=True)


def _no_rate_notes(facts: pd.DataFrame, table: pd.DataFrame, money, rates, lang: str) -> list[str]:
    """The note column in USD: a money figure left without a USD value for want of an annual rate
    says so first, and names the row with the source's own USD amount where there is one (never a
    silent empty cell)."""
    twins = {(m.removesuffix(USD_REPORTED_SUFFIX), y): label for m, y, label in
             zip(facts["metric"], facts["year"], table["metric"]) if m.endswith(USD_REPORTED_SUFFIX)}
    notes = []
    for metric, year, note, value, rate, is_money in zip(facts["metric"], facts["year"], table["note"],
                                                          facts["value"], rates, money):
        if is_money and not is_missing(value) and is_missing(rate):
            twin = twins.get((metric, year))
            why = (text(lang, "export.note_no_rate_twin", year=int(year), twin=twin) if twin is not None
                   else text(lang, "export.note_no_rate", year=int(year)))
            note = why + (text(lang, "export.note_joiner") + note if note else "")
        notes.append(note)
    return notes


def no_rate_years(table: pd.DataFrame) -> list[int]:
    """Editions of a USD facts_table with a money figure left without a USD value for want of a rate."""
    if RATE_COLUMN not in table.columns:
        return []
    usd = {f.unit_label("bn USD") for f in FORMATS.values()}  # the unit as either language labels it
    missing = table[RATE_COLUMN].isna() & table["value"].isna() & table["unit"].isin(usd)
    return sorted({int(y) for y in table.loc[missing, "year"]})


def headers(columns, lang: str = "en") -> dict[str, str]:
    """Column -> header in `lang` for the exported files ('year' -> '届次（年份）'); unknown columns as they are."""
    return {c: _header(c, lang) for c in columns}


def _header(column: str, lang: str) -> str:
    try:
        return text(lang, f"export.{column}")
    except KeyError:
        return column


def row_mask(table: pd.DataFrame, metrics: list[str] | None = None, search: str = "") -> pd.Series:
    """Rows whose metric is one of `metrics` (all if empty) and whose metric, scope or publisher
    contains `search` (case-insensitive plain text: never a pattern, never SQL)."""
    keep = pd.Series(True, index=table.index)
    if metrics:
        keep &= table["metric"].isin(metrics)
    needle = (search or "").strip().casefold()
    if needle:
        haystack = (table["metric"].fillna("") + "\n" + table["scope"].fillna("") + "\n"
                    + table["publisher"].fillna("")).str.casefold()
        found = haystack.str.contains(needle, regex=False)
        # Publishers are stored in English: a Chinese search also finds them by their Chinese names (新华 -> Xinhua).
        for english in names.english_parts("publisher", search.strip()):
            found |= table["publisher"].fillna("").str.casefold().str.contains(english.casefold(), regex=False)
        keep &= found
    return keep


def source_count(source_ids: pd.Series) -> int:
    """How many sources back these rows: distinct ids, derived rows (no source) not counted. The sidebar,
    the Explorer and Sources all count this way (queries/data_as_of.sql is its SQL twin)."""
    return int(source_ids.dropna().nunique())


def summary(table: pd.DataFrame, sources: pd.Series, lang: str = "en", categories: pd.Series | None = None) -> str:
    """'10 figures from 3 sources' for the rows shown (`sources`: their source ids; `categories`: their
    categories, so progress reports on signed projects are counted apart from the figures)."""
    reports = (pd.Series(False, index=sources.index) if categories is None
               else (categories == FOLLOW_THROUGH_CATEGORY).reindex(sources.index, fill_value=False))
    n, m = int((~reports).sum()), source_count(sources[~reports])
    said = text(lang, "explorer.summary", n=n, m=m, figures_s="s" if n != 1 else "", sources_s="s" if m != 1 else "")
    if reports.any():
        k = int(reports.sum())
        extra = len(set(sources[reports].dropna()) - set(sources[~reports].dropna()))
        said += text(lang, "explorer.summary_reports", k=k, extra=extra, reports_s="s" if k != 1 else "",
                     sources_s="s" if extra != 1 else "")
    return said


# ---------------------------------------------------------------- files

def neutralize(value):
    """A text that a spreadsheet would read as a formula, prefixed with a quote; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _neutralized(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralize)
    out.columns = [neutralize(str(c)) for c in out.columns]
    return out


def plain_number(value) -> str:
    """A number as a person writes it: 638, not 638.0; 0.3, not 0.30000000000000004 (15 significant
    digits, what a double holds exactly); a gap stays empty."""
    if value is None or pd.isna(value):
        return ""
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return format(number, ".15g")


def yes_no(value: bool, lang: str = "en") -> str:
    """'yes' / 'no' in `lang` (是 / 否): how a true-or-false cell or filter reads in an export."""
    return text(lang, "export.yes" if value else "export.no")


def version_text(lang: str = "en") -> str:
    """The loaded data's version in `lang`: 'load run 3 at 2026-11-25 10:00 UTC' / '第 3 次载入，…（UTC）'."""
    from queries import run  # here: the file helpers above are used without a database too

    row = run("data_as_of")
    if row.empty:
        return text(lang, "export.none")
    r = row.iloc[0]
    return text(lang, "export.version", run_id=r["run_id"], loaded_at=f"{r['loaded_at']:%Y-%m-%d %H:%M}")


def to_csv_bytes(df: pd.DataFrame, lang: str = "en") -> bytes:
    """CSV of `df` for spreadsheets: UTF-8 with BOM (Excel then reads Chinese right), formula-like
    texts neutralized, numbers without float noise, true/false as words in `lang`. Every CSV the app
    offers is this one."""
    buffer = io.StringIO()
    out = _neutralized(df)  # first, on the text columns only: a negative number is no formula
    for column in out.columns:
        if pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map(lambda v: yes_no(bool(v), lang))
        elif pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].map(plain_number)
    out.to_csv(buffer, index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL,
               date_format="%Y-%m-%d")
    return buffer.getvalue().encode("utf-8-sig")


def to_json_bytes(df: pd.DataFrame) -> bytes:
    """The rows as a JSON array, every value exactly as stored, for scripts. JSON rather than a raw
    CSV: no spreadsheet opens it and evaluates a stored '=1+1'."""
    return df.to_json(orient="records", date_format="iso", force_ascii=False, indent=1).encode("utf-8")


def _number_format(column: str, value) -> str | None:
    if isinstance(value, (datetime, date)):
        return "yyyy-mm-dd"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if column == "year":
        return "0"
    if column == RATE_COLUMN:
        return "0.0000"
    return "#,##0" if float(value).is_integer() else "#,##0.0##"


def _cell_value(value):
    """A DataFrame cell as openpyxl wants it: None for gaps, plain Python types, no illegal chars."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().replace(tzinfo=None)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)  # formula-like text is marked by _write_rows
    return value


def _write_rows(sheet, header: list[str], rows, keys: list[str] | None = None) -> None:
    """`header` is what the sheet shows; `keys` the columns' own names, which choose number formats."""
    from openpyxl.styles import Font

    keys = keys or header
    sheet.append([_cell_value(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
        cell.quotePrefix = str(cell.value or "").startswith(FORMULA_STARTS)
    for row in rows:
        values = [_cell_value(v) for v in row]
        sheet.append(values)
        for cell, column, value in zip(sheet[sheet.max_row], keys, values):
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
                # Formula-like text keeps its own characters: the cell's quotePrefix style tells a
                # spreadsheet it is text (no literal apostrophe in the value, as a CSV needs).
                cell.quotePrefix = value.startswith(FORMULA_STARTS)
            elif (fmt := _number_format(column, value)) is not None:
                cell.number_format = fmt
    sheet.freeze_panes = "A2"
    for index, column in enumerate(header, start=1):
        width = max([len(str(column))] + [len(str(r[index - 1])) for r in rows[:200] if r[index - 1] is not None])
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(max(width + 2, 8), 60)


DATE_FORMATS = {"day": "yyyy-mm-dd", "month": "yyyy-mm", "year": "yyyy"}  # a source date's precision


def _published_cells(sheet, keys: list[str], published) -> None:
    """The `published` column as date cells shown to the precision known (2019-09-28, 2019-09, 2019),
    from `published`: (date, precision) per row; rows without a date keep their words."""
    if "published" not in keys:
        return
    column = keys.index("published") + 1
    for row, (on, precision) in enumerate(published, start=2):
        stamp = as_date(on)
        if stamp is None:
            continue
        cell = sheet.cell(row=row, column=column)
        cell.value = stamp.to_pydatetime().date()
        cell.number_format = DATE_FORMATS.get(precision if precision in DATE_FORMATS else "day")
        cell.quotePrefix = False


def to_xlsx_bytes(df: pd.DataFrame, filters_record: dict, lang: str = "en", published=None) -> bytes:
    """Workbook with sheet 'data' (the table, typed and formatted) and sheet 'filters' (every
    filter value, the data version and the generation time as given in `filters_record`); sheet
    names and headers in `lang`, values as they are. `published`, one (date, precision) per row,
    makes the published column real dates."""
    from openpyxl import Workbook

    workbook = Workbook()
    data = workbook.active
    data.title = text(lang, "export.sheet_data")
    keys = [str(c) for c in df.columns]
    names = headers(keys, lang)
    _write_rows(data, [names[k] for k in keys], list(df.itertuples(index=False, name=None)), keys)
    if published is not None:
        _published_cells(data, keys, published)
    record = workbook.create_sheet(text(lang, "export.sheet_filters"))
    _write_rows(record, [text(lang, "export.filter"), text(lang, "export.filter_value")],
                [(_header(str(k), lang), _record_text(v, lang)) for k, v in filters_record.items()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _record_text(value, lang: str = "en") -> str:
    if isinstance(value, bool):  # words, never True/False
        return yes_no(value, lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) if value else text(lang, "export.all")
    if value is None or value == "":
        return text(lang, "export.none")
    return str(value)


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")
MAX_NAME_METRICS = 3  # metrics named one by one in a file name; more are counted
MAX_SEARCH_CHARS = 30
MAX_STEM_CHARS = 120


def _name_part(text: str) -> str:
    """Letters, digits, _ and - only; every other run of characters one '-'."""
    return _UNSAFE_NAME.sub("-", text).strip("-")


def _search_part(search: str) -> str:
    """A search as file-name text: its ASCII words, lower case, cut short; a search with other
    characters (Chinese) gets a short digest of the whole text, so two searches never share a name."""
    needle = " ".join((search or "").split()).casefold()
    if not needle:
        return ""
    words = _name_part(needle)[:MAX_SEARCH_CHARS].strip("-")
    if not needle.isascii():
        digest = hashlib.sha256(needle.encode("utf-8")).hexdigest()[:8]
        words = f"{words}-{digest}" if words else digest
    return f"search-{words}"


def export_file_name(filters, kind: str, ext: str, category: str = "all", metrics=(), search: str = "") -> str:
    """'wmc-explorer-2019-investment-projects_signed-CNY.csv': convention, what is exported, the
    editions, then the narrowing (category, metric codes, search) and currency. Safe characters only
    (A-Z a-z 0-9 _ -), at most MAX_STEM_CHARS before the extension, whatever the search says."""
    span = f"{filters.year_from}" if filters.year_from == filters.year_to else f"{filters.year_from}-{filters.year_to}"
    metrics = list(metrics)
    named = metrics[:MAX_NAME_METRICS] + ([f"{len(metrics) - MAX_NAME_METRICS}more"] if len(metrics) > MAX_NAME_METRICS else [])
    joined = lambda parts: "-".join(p for p in map(_name_part, parts) if p)
    head = joined([filters.convention.lower(), kind, span])
    tail = joined([filters.currency, "incl-derived" if filters.include_derived else ""])
    narrowing = joined(["" if category == "all" else category, *named, _search_part(search)])
    room = MAX_STEM_CHARS - len(head) - len(tail) - 2
    if len(narrowing) > room:  # cut at a part boundary where there is one
        cut = narrowing[:room]
        narrowing = (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")
    return joined([head, narrowing, tail]) + "." + _UNSAFE_NAME.sub("", ext)
