"""Peer for `make bench`: the Overview as a competent Streamlit user would write it in an afternoon.

The same DuckDB data (WMC_DB), read once into pandas under st.cache_data; an edition selectbox, six
st.metric cards with sparklines (chart_data) and the change against the previous edition, two plotly
express bar charts (projects and investment per edition), the edition's facts and the cumulative
claims as tables. No sources, scopes, stages, languages or brief: what the dashboard adds to this is
what `make bench` weighs against it. The script reruns whole on every change, as such an app does.
"""
from __future__ import annotations

import os

import duckdb
import pandas as pd
import plotly.express as px
import streamlit as st

DB = os.environ.get("WMC_DB", "data/wmc.duckdb")
KPIS = ("projects_signed", "investment_signed", "exhibition_area", "organizers", "attendees", "countries_regions")

st.set_page_config(page_title="WMC Overview", layout="wide")


@st.cache_data
def load(db_path: str) -> dict[str, pd.DataFrame]:
    with duckdb.connect(db_path, read_only=True) as con:
        facts = con.execute(
            """select f.year, f.metric, m.label, m.unit, f.value, f.qualifier, f.scope
               from facts f join metrics m using (metric)
               where f.convention = 'WMC' and not f.is_derived""").df()
        editions = con.execute("select * from editions where convention = 'WMC' order by year").df()
        claims = con.execute("select year_from, year_to, metric, value, unit, qualifier from claims "
                             "where convention = 'WMC' order by year_from, year_to").df()
        rates = con.execute("select year, cny_per_usd from fx_rates").df()
    # One figure per edition and metric: the whole convention's where a source gives it.
    facts = (facts.assign(whole=facts["scope"] == "whole convention")
             .sort_values(["whole", "scope"], ascending=[False, True])
             .drop_duplicates(["year", "metric"]))
    return {"facts": facts, "editions": editions, "claims": claims, "rates": rates}


@st.cache_data
def wide(db_path: str, currency: str) -> pd.DataFrame:
    """Editions x KPI metrics, money in the chosen currency."""
    data = load(db_path)
    table = data["facts"].pivot(index="year", columns="metric", values="value").reindex(columns=list(KPIS))
    table = table.reindex(data["editions"]["year"])
    if currency == "USD":
        rate = data["rates"].set_index("year")["cny_per_usd"].reindex(table.index)
        table["investment_signed"] = table["investment_signed"] / rate
    return table


data = load(DB)
labels = data["facts"].drop_duplicates("metric").set_index("metric")["label"]
with st.sidebar:
    st.header("WMC dashboard")
    currency = st.radio("Currency", ["CNY", "USD"], horizontal=True)
table = wide(DB, currency)
years = table.index.tolist()

st.title("World Manufacturing Convention: overview")
year = st.selectbox("Edition", years[::-1])
edition = data["editions"].set_index("year").loc[year]
st.caption(f"Edition {edition['edition_no']}, {edition['start_date']:%d %b} to {edition['end_date']:%d %b %Y}, "
           f"{edition['venue']}, {edition['city']}")

columns = st.columns(3)
for i, metric in enumerate(KPIS):
    series = table[metric]
    value = series.get(year)
    previous = series.get(year - 1)
    delta = None if pd.isna(value) or previous is None or pd.isna(previous) else f"{value - previous:+,.1f}"
    shown = "n/a" if pd.isna(value) else f"{value:,.1f}" if metric == "investment_signed" else f"{value:,.0f}"
    with columns[i % 3]:
        st.metric(labels.get(metric, metric), shown, delta, border=True,
                  chart_data=series.loc[:year].dropna().tolist(), chart_type="line")

left, right = st.columns(2)
bars = table.reset_index().assign(edition=lambda d: d["year"].astype(str))
left.plotly_chart(px.bar(bars, x="edition", y="projects_signed", title="Projects signed per edition",
                         labels={"projects_signed": "projects", "edition": "edition"}))
right.plotly_chart(px.bar(bars, x="edition", y="investment_signed", title="Investment signed per edition",
                          labels={"investment_signed": f"bn {currency}", "edition": "edition"}))

st.subheader("Figures of the edition")
figures = data["facts"][data["facts"]["year"] == year][["label", "value", "unit", "qualifier", "scope"]]
st.dataframe(figures, hide_index=True, width="stretch")
st.subheader("Cumulative claims")
st.dataframe(data["claims"][data["claims"]["year_to"] <= year], hide_index=True, width="stretch")
