"""Overview for managers: one edition's KPIs against the previous edition, edition facts, cumulative claims."""
import streamlit as st

from queries import run
from ui.shell import current_filters
from ui.filters import page_choice
from ui.kpis import KPI_METRICS, SERIES_METRICS, card, show_kpi_row
from ui.format import edition_dates, is_missing, role_label, with_qualifier
from ui.tables import show_data

filters = current_filters()
params = dict(convention=filters.convention, year_from=filters.year_from, year_to=filters.year_to)

# Filters
editions = run("editions", **params)
series = run("metric_series", **params, metrics=list(SERIES_METRICS), include_derived=filters.include_derived)
with_data = sorted(series.loc[series["value"].notna() & series["metric"].isin(KPI_METRICS), "year"].unique())
years = editions["year"].tolist()[::-1]
st.title(f"{filters.convention} overview")
if not years:
    st.info("No editions in the selected range.")
    st.stop()
default_year = int(with_data[-1]) if with_data else years[0]
# The plain year is the choice's label, so the URL reads edition=2019 as links always have.
year = page_choice("Edition", years, key="edition", default=default_year)

# Data
edition = editions[editions["year"] == year].iloc[0]
cards = [c for m in KPI_METRICS if (c := card(series, m, year, filters.currency)) is not None]
guests = run("participation", convention=filters.convention, year_from=year, year_to=year)
guests = guests[guests["role"].str.startswith("guest")]
claims = run("claims_reconciliation", convention=filters.convention)

# Render
st.caption(f"Edition {edition['edition_no']} · change against the previous edition in the range · "
           "the (?) beside each figure names its source")
show_kpi_row(cards)

with st.container():
    st.subheader("Edition facts")
    dates = edition_dates(edition["start_date"], edition["end_date"])
    facts = {
        "Dates": dates,
        "Format": ("not found in sources" if is_missing(edition["format"]) else edition["format"]).capitalize(),
        "Theme": "not found in sources" if is_missing(edition["theme"]) else edition["theme"],
        "Place": ", ".join(str(v) for v in (edition["venue"], edition["city"]) if not is_missing(v) and v)
                 or "not found in sources",
        "Guests of honor": ", ".join(f"{g.organization} ({role_label(g.role)})"
                                     for g in guests.itertuples()) or "none reported",
    }
    for name, value in facts.items():
        st.markdown(f"**{name}:** {value}")
with st.container():
    st.subheader("Cumulative claims")
    st.caption("Statements covering several editions, beside the sum of the per-edition figures we hold.")
    table = claims.assign(
        editions=claims["year_from"].astype(str) + "–" + claims["year_to"].astype(str),
        claimed=[with_qualifier(v, q, u, show_unit=True) for v, q, u in zip(claims["claimed"], claims["qualifier"], claims["unit"])],
        sum_of_editions=[with_qualifier(v, None, u, show_unit=True) if v == v and v is not None else "–"
                         for v, u in zip(claims["sum_reported"], claims["unit"])],
        coverage=claims["editions_reported"].astype(str) + " of " + claims["editions_covered"].astype(str),
    )[["editions", "label", "claimed", "sum_of_editions", "coverage", "publisher"]]
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"label": "metric", "sum_of_editions": "sum of reported editions",
                                "coverage": "editions with a figure"})
show_data(series[series["year"] <= year], "Figures behind the cards")
