"""Baseline for `make bench`: the register page as a careful pandas Streamlit app would write it.

The register is read once into a DataFrame held by st.cache_data (so every rerun gets its own copy,
as st.cache_data gives), with the dtypes a careful user picks: categoricals for the repeated text,
int16/int32 for years and ids' edition, float64 for money. Each rerun then filters, groups and
sorts in pandas: the same three results as ui.register.page_data (totals per edition, breakdown by
a dimension, top 20 projects). `streamlit run scripts/bench_apps/pandas_register.py` with
WMC_DB pointing at a database with a register shows them; scripts/bench.py times page_data().
"""
from __future__ import annotations

import os

import duckdb
import pandas as pd
import streamlit as st

CATEGORIES = ("convention", "investor", "investor_origin", "sector", "city", "status")
TOP_N = 20


@st.cache_data(show_spinner=False)
def register(db_path: str) -> pd.DataFrame:
    with duckdb.connect(db_path, read_only=True) as con:
        frame = con.execute("select * from projects").df()
        kpis = con.execute("select year, projects_signed, investment_signed from edition_kpis "
                           "where convention = 'WMC'").df()
    frame = frame.astype({**{c: "category" for c in CATEGORIES}, "year": "int16"})
    frame.attrs["kpis"] = kpis.to_dict("list")
    return frame


def page_data(db_path: str, convention: str = "WMC", year_from: int = 2018, year_to: int = 2100,
              dimension: str = "sector") -> dict[str, pd.DataFrame]:
    frame = register(db_path)
    kpis = pd.DataFrame(frame.attrs["kpis"])
    rows = frame[(frame["convention"] == convention) & frame["year"].between(year_from, year_to)]
    summary = rows.groupby("year", observed=True).agg(
        register_projects=("project_id", "size"), register_investment=("investment_cny_bn", "sum")).reset_index()
    summary = summary.merge(kpis, on="year", how="left")
    summary["investment_difference"] = summary["register_investment"] - summary["investment_signed"]
    by = (rows.groupby(dimension, observed=True)["investment_cny_bn"].agg(["size", "sum"])
          .sort_values("sum", ascending=False).reset_index())
    by["share_pct"] = 100 * by["sum"] / by["sum"].sum()
    top = rows.nlargest(TOP_N, "investment_cny_bn")
    return {"summary": summary, "by": by, "top": top}


if __name__ == "__main__" or st.runtime.exists():
    data = page_data(os.environ.get("WMC_DB", "data/wmc.duckdb"))
    st.bar_chart(data["by"].head(25), x="sector", y="sum")
    st.dataframe(data["top"], hide_index=True)
    st.dataframe(data["summary"], hide_index=True)
