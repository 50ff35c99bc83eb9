"""Organizers: who organized which edition, by kind, first appearances and returning bodies, guests of honor."""
import streamlit as st

from queries import run
from queries.chart_facts import matrix_facts, totals_facts
from ui import chart_summary as summary
from ui.shell import current_filters
from ui.charts import stacked_bars
from ui.edition import organizer_check, preliminary_note
from ui.i18n import code_word, fmt, language, localized, t
from ui.matrix import matrix_figure, matrix_list
from ui.narrow import show_list, wide_and_narrow
from vocabulary import ORGANIZING_ROLES
from ui.tables import show_table

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
lang = language()
left, right = st.columns(2)
with left:
    st.plotly_chart(stacked_bars(by_kind, "year", "bodies", "kind", t("organizers.count_axis"), t("chart.edition_axis"),
                                 t("organizers.chart_by_kind"), KIND_COLORS, names=kind_names, categories=years,
                                 unit="bodies"),
                    key="chart_by_kind")
    summary.show(summary.series_sentence(lang, t("organizers.chart_by_kind"), totals_facts(by_kind, years)))
with right:
    st.plotly_chart(stacked_bars(newcomers, "year", "bodies", "status", t("organizers.count_axis"),
                                 t("chart.edition_axis"), t("organizers.chart_newcomers"),
                                 {"first_appearance": "#E69F00", "returning": "#0072B2"}, names=status_names,
                                 categories=years, unit="bodies"),
                    key="chart_newcomers")
    summary.show(summary.lines_sentence(lang, t("organizers.chart_newcomers"), [
        (status_names[status], totals_facts(newcomers[newcomers["status"] == status], years,
                                            counted=set(newcomers["year"])))
        for status in status_names]))
wide, narrow = wide_and_narrow("matrix")
with wide:
    st.plotly_chart(matrix_figure(rows, years, t("organizers.chart_matrix")), key="chart_matrix")
with narrow:
    st.markdown(f"**{t('organizers.chart_matrix')}**")
    show_list([(organization, roles) for organization, roles in
               matrix_list(rows, lambda shown: summary.years_text(lang, shown))])
summary.show(summary.matrix_sentence(lang, t("organizers.chart_matrix"), matrix_facts(
    localized(rows[["organization", "year"]]), years)))
columns = {"year": st.column_config.NumberColumn(t("col.edition"), format="%d"), "organization": t("col.organization"),
           "kind": t("col.kind"), "role": t("col.role"), "first_year": t("col.first_year"),
           "editions": t("col.editions_count"), "publisher": t("col.publisher"),
           "url": st.column_config.LinkColumn(t("col.link"), display_text=t("table.open_link"))}
with st.expander(t("organizers.show_rows")):
    show_table(fmt().readable_codes(localized(rows)), hide_index=True, width="stretch", column_config=columns)

st.subheader(t("organizers.guests"))
if guests.empty:
    st.info(t("organizers.no_guests"))
else:
    show_table(fmt().readable_codes(localized(guests[["year", "organization", "role", "publisher", "url"]])),
                 hide_index=True, width="stretch", column_config={**columns, "organization": t("col.guest")})
