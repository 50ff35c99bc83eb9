"""Overview for managers: one edition's KPIs against the previous edition, edition facts, cumulative claims."""
import streamlit as st

from queries import run
from ui import brief_page
from ui import claims as cumulative
from ui import edition as edition_facts
from ui.shell import current_filters
from ui.filters import page_choice
from ui.i18n import language, t
from ui.kpis import KPI_METRICS, SERIES_METRICS, show_kpi_row
from ui.kpis import cards as kpi_cards
from ui.tables import show_data

filters = current_filters()
lang = language()
params = dict(convention=filters.convention, year_from=filters.year_from, year_to=filters.year_to)

# Filters
editions = run("editions", **params)
series = run("metric_series", **params, metrics=list(SERIES_METRICS), include_derived=filters.include_derived)
with_data = sorted(series.loc[series["value"].notna() & series["metric"].isin(KPI_METRICS), "year"].unique())
years = editions["year"].tolist()[::-1]
st.title(t("overview.title", convention=filters.convention))
if not years:
    st.info(t("common.no_editions"))
    st.stop()
default_year = int(with_data[-1]) if with_data else years[0]
# The plain year is the choice's label, so the URL reads edition=2019 as links always have.
year = page_choice(t("overview.edition"), years, key="edition", default=default_year)

# Data
edition = editions[editions["year"] == year].iloc[0]
cards = kpi_cards(series, KPI_METRICS, year, filters.currency, lang)
guests = run("participation", convention=filters.convention, year_from=year, year_to=year)
guests = guests[guests["role"].str.startswith("guest")]
claims = run("claims_reconciliation", convention=filters.convention)

# Render
st.caption(t("overview.caption", number=edition["edition_no"]))
show_kpi_row(cards)
brief_page.download_button(filters, year)

with st.container():
    st.subheader(t("overview.facts"))
    for label, value in edition_facts.facts(edition.to_dict(), guests, lang).items():
        st.markdown(t("common.label_value", label=label, value=value))
with st.container():
    st.subheader(t("overview.claims"))
    st.caption(t("overview.claims_caption"))
    st.dataframe(cumulative.summary(claims, lang).drop(columns=["flag"]), hide_index=True, width="stretch",
                 column_config={"editions": t("col.editions"), "metric": t("col.metric"), "claimed": t("col.claimed"),
                                "sum_of_editions": t("col.sum_of_editions"), "coverage": t("col.coverage"),
                                "publisher": t("col.publisher")})
show_data(series[series["year"] <= year], t("overview.figures_behind"))
