"""The signed-projects register section of the Projects page.

Everything is computed in DuckDB through the named queries queries/register_*.sql (bound
parameters only); pandas only ever holds the small aggregated results. The CSV export streams
Arrow record batches from DuckDB and writes them chunk by chunk, never the whole result at once.

`filters` is any object with the attributes convention, year_from, year_to, currency ("CNY" or
"USD") and include_derived (ui.filters.Filters).
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

import config
import queries
from queries import DatabaseMissing, run
from queries.chart_facts import grouped_facts
from ui import chart_summary
from ui.grouped import grouped_bars
from ui.export import FORMULA_STARTS
from ui.i18n import FORMATS, language, names, t, text
from vocabulary import is_missing, money_in

DIMENSIONS = {"sector": "Sector", "city": "City", "investor_origin": "Investor origin"}
TOP_N = 20
# Candidates fetched by CNY per project shown: enough that the exactness bound nearly always holds.
TOP_CANDIDATES_FACTOR = 10
BAR_CATEGORIES = 10  # categories charted (each with a bar per edition), largest over the range first
EXPORT_MAX_ROWS = 2_000_000  # the in-page download holds the CSV in memory: cap it
BOM = "\ufeff".encode("utf-8")
# The same characters the table exports neutralize, as one regex for Arrow.
_FORMULA_START = "^[" + re.escape("".join(FORMULA_STARTS)) + "]"


def _range(filters) -> dict:
    return {"convention": filters.convention, "year_from": int(filters.year_from), "year_to": int(filters.year_to)}


def _currency(filters) -> str:
    return "USD" if str(getattr(filters, "currency", "CNY")).upper() == "USD" else "CNY"


def unit(filters) -> str:
    return f"bn {_currency(filters)}"


def has_register() -> bool:
    """True when the database has a projects register with at least one row."""
    try:
        frame = run("register_exists")
    except (DatabaseMissing, duckdb.CatalogException):
        return False
    return bool(not frame.empty and frame.iloc[0]["has_rows"])


def summary(filters) -> pd.DataFrame:
    return run("register_summary", **_range(filters), currency=_currency(filters),
               include_derived=bool(filters.include_derived))


def by(filters, dimension: str) -> pd.DataFrame:
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}; one of {list(DIMENSIONS)}")
    return run("register_by", **_range(filters), currency=_currency(filters), dimension=dimension)


def top(filters, limit: int = TOP_N) -> pd.DataFrame:
    """The `limit` largest projects in the filters' currency, exact, cheaply at 10^7 rows.

    A top-N by CNY is a cheap heap scan; USD = CNY / that year's rate. Take the top K by CNY, rank
    them in the currency, and keep the answer only if no project outside the K can reach it: such a
    project has CNY <= the K-th candidate's, so at most that / the lowest rate in USD. If the bound
    does not prove it (or a tie or missing rates blur it), run the exact full query instead.
    """
    currency, limit = _currency(filters), int(limit)
    stored = _top_stored(filters, currency, limit)
    if stored is not None:
        return stored
    rates = run("fx_rates", year_from=filters.year_from, year_to=filters.year_to)
    candidates = run("register_top_candidates", **_range(filters), candidates=limit * TOP_CANDIDATES_FACTOR)
    candidates = candidates.merge(rates[["year", "cny_per_usd"]], on="year", how="left")
    ranked = _ranked_in(candidates, currency).sort_values(
        ["investment", "year", "project_id"], ascending=[False, True, True], na_position="last")
    if len(candidates) < limit * TOP_CANDIDATES_FACTOR:  # every row of the range is a candidate
        return _top_columns(ranked.head(limit), currency)
    best = ranked.head(limit)
    # Years without a rate have no USD value and sort last, so only rated years can reach the top.
    divisor = 1.0 if currency == "CNY" else rates["cny_per_usd"].min()
    outside_at_most = candidates["investment_cny_bn"].min() / divisor if divisor and divisor == divisor else None
    if (outside_at_most is not None and best["investment"].notna().all()
            and outside_at_most < best["investment"].min()):
        return _top_columns(best, currency)
    return run("register_top_exact", **_range(filters), currency=currency, limit=limit)


def _top_stored(filters, currency: str, limit: int) -> pd.DataFrame | None:
    """The top from projects_top (each edition's largest, kept at load): exact when `limit` is
    within what is kept and every row has a value in the currency; else None (also for a database
    built before projects_top existed)."""
    if limit > config.REGISTER_TOP_PER_EDITION:
        return None
    try:
        best = run("register_top_stored", **_range(filters), currency=currency, limit=limit)
    except duckdb.CatalogException:
        return None
    return best if best["investment"].notna().all() else None


def _ranked_in(candidates: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The candidates with their investment in `currency` (vocabulary.money_in: null without a rate)."""
    values = [money_in(v, r, currency) for v, r in zip(candidates["investment_cny_bn"], candidates["cny_per_usd"])]
    return candidates.assign(investment=pd.array(values, dtype="Float64").astype("float64"))


def _top_columns(frame: pd.DataFrame, currency: str) -> pd.DataFrame:
    columns = ["year", "project_id", "name", "investor", "investor_origin", "sector", "city", "investment", "status"]
    return frame[columns].assign(currency=currency).reset_index(drop=True)


def page_data(filters, dimension: str = "sector") -> dict[str, pd.DataFrame]:
    """All the queries the section runs (also what scripts/bench.py times)."""
    return {"summary": summary(filters), "by": by(filters, dimension), "top": top(filters)}


# ---------------------------------------------------------------- CSV export

def _neutralize(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Prefix text cells that a spreadsheet would run as a formula with a single quote."""
    arrays = []
    for array in batch.columns:
        if pa.types.is_dictionary(array.type):
            array = array.cast(array.type.value_type)
        if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
            risky = pc.match_substring_regex(array, _FORMULA_START)
            if pc.any(risky).as_py():
                array = pc.if_else(risky, pc.binary_join_element_wise("'", array, ""), array)
        arrays.append(array)
    return pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)


def _csv_bytes(batch: pa.RecordBatch, header: bool) -> bytes:
    buffer = io.BytesIO()
    pacsv.write_csv(batch, buffer, write_options=pacsv.WriteOptions(include_header=header))
    return buffer.getvalue()


def stream_register_csv(filters, chunk_rows: int = 100_000, sector: str | None = None,
                        city: str | None = None, investor_origin: str | None = None,
                        max_rows: int | None = None) -> Iterator[bytes]:
    """The filtered register rows as UTF-8 CSV byte chunks (the first starts with the BOM).

    Rows come from DuckDB as Arrow record batches of about `chunk_rows`; text cells beginning
    with = + - @ tab or CR get a leading single quote; numbers are written as they are.
    """
    params = {**_range(filters), "sector": sector, "city": city, "investor_origin": investor_origin,
              "max_rows": int(max_rows) if max_rows is not None else 2 ** 62}
    with queries.cursor() as cursor:
        # A relation streams its batches; an execute() result would be copied whole first.
        reader = cursor.sql(queries.sql_text("register_rows"), params=params).to_arrow_reader(int(chunk_rows))
        first = True
        for batch in reader:
            if batch.num_rows == 0:
                continue
            chunk = _csv_bytes(_neutralize(batch), header=first)
            yield (BOM + chunk) if first else chunk
            first = False
        if first:  # no rows: the header alone
            empty = pa.RecordBatch.from_pylist([], schema=pa.schema(
                [pa.field(f.name, f.type.value_type if pa.types.is_dictionary(f.type) else f.type)
                 for f in reader.schema]))
            yield BOM + _csv_bytes(empty, header=True)



# ---------------------------------------------------------------- the section

DISAGREE_PCT = 10.0  # a register total further than this from the reported one is flagged
REGISTER_STATUSES = ("signed", "under construction", "in operation", "cancelled", "unknown")
_NAMED = {"sector": "sector", "city": "city", "investor_origin": "investor_origin"}


def _names(values, kind: str, lang: str) -> list:
    return [names.name(kind, v, lang) for v in values]


def no_rate_years(summary_frame: pd.DataFrame) -> list[int]:
    """Editions with register rows but no value in the view's currency (USD without an annual rate)."""
    if summary_frame.empty:
        return []
    missing = summary_frame["register_investment"].isna() & (summary_frame["register_projects"] > 0)
    return summary_frame.loc[missing, "year"].astype(int).tolist()


def _flag_part(lang: str, measure: str, pct, reported, qualifier, unit: str) -> str | None:
    if pct is None or is_missing(pct) or abs(pct) <= DISAGREE_PCT:
        return None
    shown = FORMATS[lang].with_qualifier(reported, qualifier, unit, show_unit=True)
    return text(lang, f"register.flag_{measure}", pct=f"{pct:+,.0f}", reported=shown)


def check_table(summary_frame: pd.DataFrame, money: str, lang: str) -> pd.DataFrame:
    """The totals check as shown: one row per edition, reported figures with their stage and
    qualifier ('expected 568'), differences in % rounded, money in the unit the language shows,
    and a flag naming each total further than DISAGREE_PCT % from the reported one."""
    f = FORMATS[lang]
    scale = f.display_scale(money)
    rows = []
    for r in summary_frame.to_dict("records"):
        parts = [p for p in (
            _flag_part(lang, "projects", r["projects_difference_pct"], r["reported_projects"],
                       r["reported_projects_qualifier"], "projects"),
            _flag_part(lang, "investment", r["investment_difference_pct"], r["reported_investment"],
                       r["reported_investment_qualifier"], money)) if p]
        rows.append({
            "year": int(r["year"]),
            "register_projects": int(r["register_projects"]),
            "reported_projects": f.with_qualifier(r["reported_projects"], r["reported_projects_qualifier"]),
            "projects_difference_pct": None if is_missing(r["projects_difference_pct"]) else round(r["projects_difference_pct"], 1),
            "register_investment": None if is_missing(r["register_investment"]) else round(r["register_investment"] * scale, 2),
            "reported_investment": f.with_qualifier(r["reported_investment"], r["reported_investment_qualifier"], money),
            "investment_difference_pct": None if is_missing(r["investment_difference_pct"]) else round(r["investment_difference_pct"], 1),
            "flag": ("⚠ " + text(lang, "common.list_joiner").join(parts)) if parts else "",
        })
    return pd.DataFrame(rows, columns=["year", "register_projects", "reported_projects", "projects_difference_pct",
                                       "register_investment", "reported_investment", "investment_difference_pct",
                                       "flag"])


def top_table(top_frame: pd.DataFrame, money: str, lang: str) -> pd.DataFrame:
    """The top projects as shown: names in the language, money in the unit the language shows."""
    scale = FORMATS[lang].display_scale(money)
    out = top_frame.drop(columns=["currency"], errors="ignore").copy()
    for column, kind in _NAMED.items():
        out[column] = _names(out[column], kind, lang)
    out["status"] = [text(lang, f"register.status.{v}") if v in REGISTER_STATUSES else v for v in out["status"]]
    out["investment"] = (out["investment"] * scale).round(2)
    return out


def by_edition(filters, dimension: str, categories: list) -> pd.DataFrame:
    """The register by `dimension` and edition, for the `categories` charted (each edition apart)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}; one of {list(DIMENSIONS)}")
    frame = run("register_by_edition", **_range(filters), currency=_currency(filters), dimension=dimension)
    return frame[frame["category"].isin(categories)]


def chart_rows(by_edition_frame: pd.DataFrame, dimension: str, lang: str) -> pd.DataFrame:
    """The chart's rows: category names in the language, investment as `value`, projects as `count`."""
    return by_edition_frame.assign(category=_names(by_edition_frame["category"], _NAMED[dimension], lang)).rename(
        columns={"investment": "value", "projects": "count"})[["category", "year", "value", "count"]]


def chart_title(dimension: str, filters, lang: str, categories: int) -> str:
    return text(lang, "register.chart_title", dimension=text(lang, f"register.by.{dimension}"),
                n=categories, unit=FORMATS[lang].unit_label(unit(filters)))


def render_register_section(filters) -> None:
    """Drill-down chart, top projects and the totals check of the register, with a CSV export.
    The page draws the section's heading."""
    import streamlit as st

    from ui.export import export_file_name

    lang = language()
    if not has_register():
        st.info(t("register.none"))
        return
    money = unit(filters)
    money_words = FORMATS[lang].unit_label(money)
    # The options are the words shown: a bound widget keeps its displayed option in the URL.
    words = {t(f"register.by.{d}"): d for d in DIMENSIONS}
    chosen = st.selectbox(t("register.break_down"), list(words), key="register_by", bind="query-params",
                          persist_state="session")
    dimension = words.get(chosen, "sector")
    data = page_data(filters, dimension)
    if data["by"].empty:
        st.info(t("register.empty"))
        return
    missing = no_rate_years(data["summary"])
    if missing:  # never silently: the chart, top 20 and totals leave these editions out in USD
        left_out = data["summary"].loc[data["summary"]["year"].isin(missing), "register_cny_bn"].sum()
        st.warning(t("register.no_rate", years=t("common.list_joiner").join(map(str, missing)),
                     cny=FORMATS[lang].with_qualifier(left_out, None, "bn CNY", show_unit=True)),
                   icon=":material/currency_exchange:")
    charted = data["by"]["category"].head(BAR_CATEGORIES).tolist()
    rows_shown = chart_rows(by_edition(filters, dimension, charted), dimension, lang)
    title = chart_title(dimension, filters, lang, len(charted))
    st.plotly_chart(grouped_bars(rows_shown, money, title, t("register.investment_axis", unit=money_words)),
                    width="stretch", key="chart_register")
    chart_summary.show(chart_summary.grouped_sentence(lang, title, grouped_facts(
        rows_shown.rename(columns={"value": "investment"}), money)))

    number = st.column_config.NumberColumn
    st.markdown(t("register.top", n=TOP_N, unit=money_words))
    st.dataframe(top_table(data["top"], money, lang), hide_index=True, width="stretch", column_config={
        "year": number(t("col.edition"), format="%d"), "project_id": t("register.col_project_id"),
        "name": t("register.col_name"), "investor": t("register.col_investor"),
        "investor_origin": t("register.by.investor_origin"), "sector": t("register.by.sector"),
        "city": t("register.by.city"), "status": t("col.status"),
        "investment": number(t("register.col_investment", unit=money_words), format="localized")})

    st.markdown(t("register.totals"))
    st.dataframe(check_table(data["summary"], money, lang), hide_index=True, width="stretch", column_config={
        "year": number(t("col.edition"), format="%d"),
        "register_projects": number(t("register.col_register_projects"), format="localized"),
        "reported_projects": t("register.col_reported_projects"),
        "projects_difference_pct": number(t("register.col_projects_difference_pct"), format="%.1f"),
        "register_investment": number(t("register.col_register_investment", unit=money_words), format="localized"),
        "reported_investment": t("register.col_reported_investment", unit=money_words),
        "investment_difference_pct": number(t("register.col_difference_pct"), format="%.1f"),
        "flag": t("register.col_flag")})

    rows = int(data["summary"]["register_projects"].sum()) if not data["summary"].empty else 0
    capped = min(rows, EXPORT_MAX_ROWS)
    if rows > EXPORT_MAX_ROWS:
        st.caption(t("register.capped", rows=f"{rows:,}", capped=f"{capped:,}"))
    # Deferred: the rows are streamed out of DuckDB only when the button is clicked.
    st.download_button(t("register.download"), lambda: b"".join(stream_register_csv(filters, max_rows=capped)),
                       file_name=export_file_name(filters, "register", "csv"), mime="text/csv",
                       key="register_download", on_click="ignore")
