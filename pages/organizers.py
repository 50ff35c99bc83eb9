"""Organizers: who organized which edition, by kind, first appearances and returning bodies, guests of honor."""
import plotly.graph_objects as go
import streamlit as st

from queries import run
from ui.shell import current_filters
from ui.charts import legend_height, memo_figure, shorten, stacked_bars
from ui.edition import organizer_check, preliminary_note
from ui.i18n import code_word, fmt, language, localized, name, t
from ui.safe_text import for_plotly
from vocabulary import ORGANIZING_ROLES

ROLE_COLORS = {"organizer": "#0072B2", "co-organizer": "#56B4E9", "host": "#009E73", "supporting": "#999999",
               "guest country of honor": "#E69F00", "guest province of honor": "#D55E00"}
KIND_COLORS = {"ministry": "#0072B2", "commission": "#56B4E9", "academy": "#CC79A7", "association": "#E69F00",
               "local government": "#009E73", "international": "#D55E00", "advisory body": "#F0E442",
               "country": "#999999", "province": "#8C6D31", "company": "#7F3C8D", "other": "#BBBBBB"}

filters = current_filters()
params = dict(convention=filters.convention, year_from=filters.year_from, year_to=filters.year_to)

# Data
rows = run("participation", **params)
years = run("editions", **params)["year"].tolist()
organizing = rows[rows["role"].isin(ORGANIZING_ROLES)]
by_kind = organizing.groupby(["year", "kind"], as_index=False).size().rename(columns={"size": "bodies"})
first_seen = organizing.groupby("organization")["year"].min()
organizing = organizing.assign(status=["first_appearance" if first_seen[o] == y else "returning"
                                       for o, y in zip(organizing["organization"], organizing["year"])])
newcomers = organizing.groupby(["year", "status"], as_index=False).size().rename(columns={"size": "bodies"})
guests = rows[rows["role"].str.startswith("guest")]
# The counts beside the Overview's Organizing bodies card (the `organizers` figure a source states).
stated = run("metric_series", **params, metrics=["organizers"], include_derived=filters.include_derived)
check = organizer_check(rows, stated)
co_organizers = rows[rows["role"] == "co-organizer"].groupby("year").size()


@memo_figure
def matrix_figure(rows, years):
    """Organization x edition, one square per participation, coloured by role."""
    # organization names are data: plotly reads its own HTML in tick labels and hovers (ui/safe_text)
    rows = rows.assign(organization=rows["organization"].map(lambda o: for_plotly(name("organization", o))))
    order = (rows.groupby("organization")["year"].agg(["min", "count"]).sort_values(["min", "count"],
             ascending=[True, False]).index.tolist())
    fig = go.Figure()
    role_label = fmt().role_label
    for role, part in rows.groupby("role"):
        fig.add_trace(go.Scatter(
            x=part["year"].astype(str), y=part["organization"], mode="markers", name=role_label(role),
            marker=dict(symbol="square", size=16, color=ROLE_COLORS.get(role, "#777777")),
            hovertemplate="<b>%{y}</b><br>%{x}: " + role_label(role) + "<extra></extra>"))
    # The legend gets its own band between the title and the plot: right-aligned beside the title it
    # ran into it at phone width, and under the axis it ran into the rotated year labels. The band is
    # as tall as the legend's rows where the plot is narrowest (a phone: about 150 px beside the names).
    fig.update_layout(showlegend=True)
    band = legend_height(fig, width_px=150) + 20
    fig.update_layout(height=max(380, 22 * len(order) + 190) + band - 50, margin=dict(l=10, r=10, t=40 + band, b=10),
                      title=dict(text=t("organizers.chart_matrix"), x=0, y=0.98, yanchor="top",
                                 font=dict(size=15)),
                      legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0))
    fig.update_xaxes(title_text=t("chart.edition_axis"), type="category", categoryorder="array",
                     categoryarray=[str(y) for y in years], fixedrange=True)
    # Long names shortened in the middle (both ends tell bodies apart; the hover has the whole name),
    # so on a phone the names leave room for the squares.
    fig.update_yaxes(title_text=t("col.organization"), categoryorder="array", categoryarray=order[::-1],
                     fixedrange=True, automargin=True, tickmode="array", tickvals=order,
                     ticktext=[shorten(o) for o in order])
    return fig


# Render
st.title(t("organizers.title"))
if note := preliminary_note(run("edition_status", **params), years, language()):
    st.caption(f"⚠ {note}")
if rows.empty:
    st.info(t("organizers.none"))
    st.stop()
missing = sorted(set(years) - set(organizing["year"]))
if missing:
    st.caption(t("organizers.missing", years=t("common.list_joiner").join(map(str, missing))))
differ = check[check["stated"].notna() & check["listed"].notna() & (check["stated"] != check["listed"])]
if differ.empty:
    st.caption(t("organizers.counts_agree"))
else:
    st.caption(t("organizers.counts_differ", editions=t("common.list_joiner").join(
        t("organizers.count_pair", year=r.year, stated=int(r.stated), listed=int(r.listed)) for r in differ.itertuples())))
if not co_organizers.empty:
    st.caption(t("organizers.co_organizers", editions=t("common.list_joiner").join(
        t("organizers.co_organizer_count", year=y, count=int(n)) for y, n in co_organizers.items())))
kind_names = {kind: code_word("kind", kind) for kind in KIND_COLORS}
status_names = {status: code_word("status", status) for status in ("first_appearance", "returning")}
left, right = st.columns(2)
with left:
    st.plotly_chart(stacked_bars(by_kind, "year", "bodies", "kind", t("organizers.count_axis"), t("chart.edition_axis"),
                                 t("organizers.chart_by_kind"), KIND_COLORS, names=kind_names, categories=years),
                    key="chart_by_kind")
with right:
    st.plotly_chart(stacked_bars(newcomers, "year", "bodies", "status", t("organizers.count_axis"),
                                 t("chart.edition_axis"), t("organizers.chart_newcomers"),
                                 {"first_appearance": "#E69F00", "returning": "#0072B2"}, names=status_names,
                                 categories=years),
                    key="chart_newcomers")
st.plotly_chart(matrix_figure(rows, years), key="chart_matrix")
columns = {"year": st.column_config.NumberColumn(t("col.edition"), format="%d"), "organization": t("col.organization"),
           "kind": t("col.kind"), "role": t("col.role"), "first_year": t("col.first_year"),
           "editions": t("col.editions_count"), "publisher": t("col.publisher"),
           "url": st.column_config.LinkColumn(t("col.link"), display_text=t("col.open"))}
with st.expander(t("organizers.show_rows")):
    st.dataframe(fmt().readable_codes(localized(rows)), hide_index=True, width="stretch", column_config=columns)

st.subheader(t("organizers.guests"))
if guests.empty:
    st.info(t("organizers.no_guests"))
else:
    st.dataframe(fmt().readable_codes(localized(guests[["year", "organization", "role", "publisher", "url"]])),
                 hide_index=True, width="stretch", column_config={**columns, "organization": t("col.guest")})
