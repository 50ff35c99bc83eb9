"""Exhibition & attendance: floor area (hall vs outdoor), exhibitors, exhibits, visitors, people, countries."""
import streamlit as st

from queries import run
from ui.edition import preliminary_note
from ui.shell import current_filters
from ui.charts import AREA_PARTS, area_bars, edition_bars, edition_formats
from ui import chart_summary as summary
from ui import drill
from queries.chart_facts import series_facts, total_facts
from ui.i18n import language, metric_label, t
from ui.tables import show_data

GRID = ["exhibitors", "exhibits", "visitors", "attendees", "overseas_guests", "countries_regions",
        "fortune500_executives", "events"]

filters = current_filters()
params = dict(convention=filters.convention, year_from=filters.year_from, year_to=filters.year_to)

# Data
known = set(run("metric_names")["metric"])
area_metrics = [m for m in ["exhibition_area", *AREA_PARTS] if m in known]
area = run("metric_series", **params, metrics=area_metrics, include_derived=filters.include_derived)
grid_metrics = [m for m in GRID if m in known]
people = run("metric_series", **params, metrics=grid_metrics, include_derived=filters.include_derived)
years = sorted(area["year"].unique().tolist())
formats = edition_formats(run("editions", **params))


# Render
st.title(t("exhibition.title"))
if note := preliminary_note(run("edition_status", **params), years, language()):
    st.caption(f"⚠ {note}")
if not years:
    st.info(t("common.no_editions"))
    st.stop()
area_chart = area_bars(area, years, formats)
area_names = {**{m: t(f"area.{m}") for m in AREA_PARTS}, "exhibition_area": t("area.total")}
drill.chart(area_chart, "chart_area", drill.trace_metrics(area_chart, area_names,
                                                          {t("area.total_expected"): "exhibition_area"}))
lang = language()
summary.show(summary.series_sentence(lang, t("area.title"), total_facts(area, "exhibition_area", AREA_PARTS, years)))
st.caption(t("exhibition.area_caption") + " " + t("drill.hint"))
show_data(area, t("exhibition.show_area"), key="exhibition_area")

for start in range(0, len(grid_metrics), 2):
    cols = st.columns(2)
    for col, metric in zip(cols, grid_metrics[start:start + 2]):
        with col:
            facts = series_facts(people, metric, years)
            drill.chart(edition_bars(people, metric, years, formats=formats, message=summary.empty_text(lang, facts)),
                        f"chart_{metric}", metric)
            label = people.loc[people["metric"] == metric, "label"]
            summary.show(summary.series_sentence(lang, metric_label(metric, label.iloc[0] if len(label) else metric),
                                                 facts))
show_data(people, t("exhibition.show_people"), key="exhibition_people")
st.caption(t("exhibition.scopes_caption"))
