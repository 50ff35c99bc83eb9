"""Exhibition & attendance: floor area (hall vs outdoor), exhibitors, exhibits, visitors, people, countries."""
import plotly.graph_objects as go
import streamlit as st

from queries import run
from ui.shell import current_filters
from ui.charts import (axis_title, color, edition_bars, edition_layout, gap_annotations, hover_data, hover_template,
                       memo_figure, plain, titled)
from ui.i18n import fmt, t
from ui.tables import show_data

AREA_PARTS = ("exhibition_area_hall", "exhibition_area_outdoor", "exhibition_area_market")  # names: area.<metric>
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


@memo_figure
def area_figure(area, years):
    """Split parts stacked where a source split the area; the reported total as a marker."""
    traces = []
    for metric in AREA_PARTS:
        part = area[area["metric"] == metric]
        if part["value"].notna().any():
            traces.append(go.Bar(x=part["year"].astype(str).tolist(), y=plain(part["value"]), name=t(f"area.{metric}"),
                                 marker_color=color(metric) if metric != "exhibition_area_market" else "#F0E442",
                                 customdata=hover_data(part), hovertemplate=hover_template()))
    total = area[area["metric"] == "exhibition_area"]
    traces.append(go.Scatter(x=total["year"].astype(str).tolist(), y=plain(total["value"]), name=t("area.total"),
                             mode="markers+text", marker=dict(symbol="diamond", size=13, color="#7F7F7F",
                                                              line=dict(color="white", width=1)),
                             text=[fmt().with_qualifier(v, q, "m2") if v == v and v is not None else ""
                                   for v, q in zip(total["value"], total["qualifier"])],
                             textposition="top center", textfont=dict(size=11),
                             customdata=hover_data(total), hovertemplate=hover_template()))
    covered = area.groupby("year")["value"].apply(lambda v: v.notna().any())
    return go.Figure(traces, layout=edition_layout(
        axis_title(t("area.axis"), "m2"), years, height=380, barmode="stack", title=titled(t("area.title")),
        annotations=gap_annotations(covered[~covered].reset_index().assign(value=None), years)))


# Render
st.title(t("exhibition.title"))
if not years:
    st.info(t("common.no_editions"))
    st.stop()
st.plotly_chart(area_figure(area, years), key="chart_area")
st.caption(t("exhibition.area_caption"))
show_data(area, t("exhibition.show_area"))

for start in range(0, len(grid_metrics), 2):
    cols = st.columns(2)
    for col, metric in zip(cols, grid_metrics[start:start + 2]):
        with col:
            st.plotly_chart(edition_bars(people, metric, years), key=f"chart_{metric}")
show_data(people, t("exhibition.show_people"))
st.caption(t("exhibition.scopes_caption"))
