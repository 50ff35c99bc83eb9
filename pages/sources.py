"""Sources & quality: where every figure comes from, what is missing, and whether cumulative claims add up."""
import streamlit as st

from queries import run
from queries.chart_facts import coverage_facts
from ui import chart_summary as summary
from ui.coverage import STATUSES, coverage_heatmap, coverage_list
from ui.narrow import show_list, wide_and_narrow
from ui import claims as cumulative
from ui import disagreements, load_history
from ui.export import source_count
from ui.i18n import code_word, fmt, language, localized, t
from ui.shell import current_filters

CAVEATS = ("funds", "lower_bounds", "derived", "scopes", "usd", "rounded")  # caveat.<name> in the catalogue


filters = current_filters()
lang = language()
params = dict(convention=filters.convention, year_from=filters.year_from, year_to=filters.year_to)

# Data (the edition range comes from the shared filters; every figure is listed, derived ones flagged)
figures = run("explorer_facts", **params, include_derived=True)
figures["note"] = figures["note"].fillna("")
source_list = run("sources_list", **params)
source_list["published_on"] = fmt().source_dates(source_list)  # only as precise as the date is known
alternatives = run("alternatives", **params)
coverage = run("coverage", **params)
claims = run("claims_reconciliation", convention=filters.convention)
claims = claims[(claims["year_from"] <= filters.year_to) & (claims["year_to"] >= filters.year_from)]

# Render
st.title(t("sources.title"))
derived = int(figures["is_derived"].sum())
st.caption(t("sources.caption", convention=filters.convention, span=fmt().span(filters.year_from, filters.year_to),
             figures=len(figures), derived=derived, sources=source_count(figures["source_id"])))
link = st.column_config.LinkColumn(t("col.link"), display_text=t("explorer.open_source"))
published = st.column_config.TextColumn(t("col.published"))  # '2018', 'May 2018' or '28 May 2018'
number = st.column_config.NumberColumn
texts = {column: t(f"col.{column}") for column in ("editions", "metric", "unit", "qualifier", "scope", "note",
                                                   "publisher", "title", "category", "status")}

st.subheader(t("sources.reconciliation"))
st.caption(t("sources.reconciliation_caption"))
st.dataframe(cumulative.reconciliation(claims, lang), hide_index=True, width="stretch", key="reconciliation",
             placeholder="–", row_height=cumulative.CHECK_ROW_HEIGHT_PX, height=cumulative.table_height_px(len(claims)),
             column_config={
    **texts,
    "claimed": st.column_config.TextColumn(t("col.claimed"), help=t("sources.claimed_help")),
    "sum_closing": number(t("col.sum_closing"), format="localized", help=t("sources.sum_closing_help")),
    "sum_expected": number(t("col.sum_expected"), format="localized", help=t("sources.sum_expected_help")),
    "sum_derived": number(t("col.sum_derived"), format="localized", help=t("sources.sum_derived_help")),
    "coverage": st.column_config.TextColumn(t("col.coverage"), help=t("sources.coverage_help")),
    "flag": st.column_config.TextColumn(t("col.check"), width=cumulative.CHECK_WIDTH_PX),
    "difference": number(t("col.difference"), format="localized", help=t("sources.difference_help")),
    "difference_pct": number(t("col.difference_pct"), format="%+.1f%%", help=t("sources.difference_pct_help")),
    "url": link,
})
cumulative.show_in_words(claims, lang)

st.subheader(t("sources.disagreements"))
st.caption(t("sources.disagreements_caption", rule=disagreements.rule_text(lang)))
if alternatives.empty:
    st.info(t("sources.no_disagreements"))
else:
    st.dataframe(disagreements.table(alternatives, lang), hide_index=True, width="stretch", key="disagreements",
                 column_config={**texts, "year": number(t("col.edition"), format="%d"), "label": t("col.metric"),
                                **{c: t(f"col.{c}") for c in ("headline", "headline_publisher", "headline_published",
                                                              "also_reported", "preferred_by")},
                                "published": published, "headline_published": t("col.headline_published"),
                                "url": link})

st.subheader(t("sources.coverage"))
st.caption(t("sources.coverage_caption"))
wide, narrow = wide_and_narrow("coverage")
with wide:
    st.plotly_chart(coverage_heatmap(coverage, t("sources.chart_coverage")), key="coverage_chart",
                    config={"displayModeBar": False})
with narrow:
    st.markdown(f"**{t('sources.chart_coverage')}**")
    show_list(coverage_list(coverage, lambda shown: summary.years_text(lang, shown)))
summary.show(summary.coverage_sentence(lang, t("sources.chart_coverage"), coverage_facts(coverage, STATUSES)))
with st.expander(t("table.show_data")):
    st.dataframe(fmt().readable_codes(localized(coverage[["year", "metric", "label", "category", "unit", "status", "figures"]]
                                                .assign(category=coverage["category"].map(
                                                    lambda c: code_word("metric_category", c))))
                                      .drop(columns=["metric"])),
                 hide_index=True, width="stretch", key="coverage_table",
                 column_config={**texts, "year": number(t("col.edition"), format="%d"), "label": t("col.metric"),
                                "figures": number(t("col.figures"))})

st.subheader(t("sources.every_figure"))
st.dataframe(localized(figures[["year", "metric", "label", "value", "unit", "qualifier", "scope", "is_derived", "note",
                                "publisher", "published_on", "published_precision", "url"]])
             .pipe(fmt().readable_codes).drop(columns=["metric"]),
             hide_index=True, width="stretch", key="figures_table", column_config={
                 **texts, "year": number(t("col.edition"), format="%d"), "label": t("col.metric"),
                 "value": number(t("col.value"), format="localized"),
                 "is_derived": st.column_config.CheckboxColumn(t("col.derived")),
                 "published_on": published, "url": link})

st.subheader(t("sources.sources"))
st.dataframe(source_list[["publisher", "title", "published_on", "url", "figures", "claims", "other_rows"]],
             hide_index=True, width="stretch", key="sources_table", column_config={
                 **texts, "published_on": published, "url": link,
                 "figures": number(t("col.figures"), help=t("sources.figures_help")),
                 "claims": number(t("col.claims"), help=t("sources.claims_help")),
                 "other_rows": number(t("col.other_rows"), help=t("sources.other_rows_help"))})

st.subheader(t("sources.caveats"))
for caveat in CAVEATS:
    st.markdown(f"- {t(f'caveat.{caveat}')}")

load_history.render()
