"""Exhibition & attendance: floor area (hall vs outdoor), exhibitors, exhibits, visitors, people, countries."""
import plotly.graph_objects as go
import streamlit as st

from queries import run
from ui.shell import current_filters
from ui.charts import axis_title, base_layout, color, edition_bars, hover_data, hover_template, mark_gaps, memo_figure, plain
from ui import drill
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
    fig = go.Figure()
    for metric in AREA_PARTS:
        part = area[area["metric"] == metric]
        if part["value"].notna().any():
            fig.add_trace(go.Bar(x=part["year"].astype(str).tolist(), y=plain(part["value"]), name=t(f"area.{metric}"),
                                 marker_color=color(metric) if metric != "exhibition_area_market" else "#F0E442",
                                 customdata=hover_data(part), hovertemplate=hover_template()))
    total = area[area["metric"] == "exhibition_area"]
    fig.add_trace(go.Scatter(x=total["year"].astype(str).tolist(), y=plain(total["value"]), name=t("area.total"),
                             mode="markers+text", marker=dict(symbol="diamond", size=13, color="#7F7F7F",
                                                              line=dict(color="white", width=1)),
                             text=[fmt().with_qualifier(v, q, "m2") if v == v and v is not None else ""
                                   for v, q in zip(total["value"], total["qualifier"])],
                             textposition="top center", textfont=dict(size=11),
                             customdata=hover_data(total), hovertemplate=hover_template()))
    fig.update_layout(barmode="stack", title=dict(text=t("area.title"), x=0, font=dict(size=15)))
    covered = area.groupby("year")["value"].apply(lambda v: v.notna().any())
    mark_gaps(fig, covered[~covered].reset_index().assign(value=None), years)
    return base_layout(fig, axis_title(t("area.axis"), "m2"), years, height=380)


# Render
st.title(t("exhibition.title"))
if not years:
    st.info(t("common.no_editions"))
    st.stop()
area_chart = area_figure(area, years)
area_names = {**{m: t(f"area.{m}") for m in AREA_PARTS}, "exhibition_area": t("area.total")}
drill.chart(area_chart, "chart_area", drill.trace_metrics(area_chart, area_names))
st.caption(t("exhibition.area_caption") + " " + t("drill.hint"))
show_data(area, t("exhibition.show_area"))

for start in range(0, len(grid_metrics), 2):
    cols = st.columns(2)
    for col, metric in zip(cols, grid_metrics[start:start + 2]):
        with col:
            drill.chart(edition_bars(people, metric, years), f"chart_{metric}", [metric])
show_data(people, t("exhibition.show_people"))
st.caption(t("exhibition.scopes_caption"))
