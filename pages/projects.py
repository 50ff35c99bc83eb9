"""Projects & investment for analysts: per edition, per project, growth, breakdowns, the register."""
import pandas as pd
import streamlit as st

from queries import run
from ui.edition import preliminary_note
from ui.shell import current_filters
from queries.read_model import REPORTED_USD
from queries.series import average_per_project, growth_pct, money_table
from ui.charts import axis_title, edition_bars, edition_formats, edition_lines
from ui.grouped import grouped_bars
from ui import chart_summary as summary
from queries.chart_facts import grouped_facts, series_facts
from ui import drill
from ui import followthrough
from ui.i18n import code_word, fmt, language, localized, metric_label, t
from queries import followthrough as follow_through
from ui.register import has_register, render_register_section
from ui.tables import show_data, show_table

filters = current_filters()
params = dict(convention=filters.convention, year_from=filters.year_from, year_to=filters.year_to)

# Data
# The source's own USD amount comes along: in USD it stands in where no annual rate is stored.
series = run("metric_series", **params, metrics=["projects_signed", "investment_signed", *REPORTED_USD],
             include_derived=filters.include_derived)
series = money_table(series, filters.currency)
series = series[~series["metric"].isin(REPORTED_USD)]
formats = edition_formats(run("editions", **params))
money_unit = f"bn {filters.currency}"
money_words = fmt().unit_label(money_unit)  # 'bn CNY' / '亿元'
money_scale = fmt().display_scale(money_unit)
labels = {m: metric_label(m, label) for m, label in zip(series["metric"], series["label"])}
years = sorted(series["year"].unique().tolist())
rates = run("fx_rates", year_from=filters.year_from, year_to=filters.year_to)
average = average_per_project(series, money_unit)
growth = growth_pct(series, "projects_signed").assign(metric="projects_signed")
growth_inv = growth_pct(series, "investment_signed").assign(metric="investment_signed")
breakdowns = run("breakdowns", **params, currency=filters.currency)
progress = follow_through.load(**params)

# Render
st.title(t("projects.title"))
if note := preliminary_note(run("edition_status", **params), years, language()):
    st.caption(f"⚠ {note}")
if not years:
    st.info(t("common.no_editions"))
    st.stop()
if filters.currency == "USD":
    basis = ", ".join(f"{r.year}: {r.cny_per_usd:.4f}" for r in rates.itertuples())
    publishers = ", ".join(sorted(set(rates["publisher"])))
    no_rate = sorted(set(years) - set(rates["year"]))
    gaps = t("projects.usd_gaps", years=t("common.list_joiner").join(map(str, no_rate))) if no_rate else ""
    st.info(t("projects.usd_basis", basis=basis, publishers=publishers, gaps=gaps))

lang = language()
left, right = st.columns(2)
basis_note = t("projects.basis_note") if filters.currency == "USD" else ""
for column, metric, key, title in (
        (left, "projects_signed", "chart_projects", t("projects.chart_projects")),
        (right, "investment_signed", "chart_investment", t("projects.chart_investment", unit=money_words,
                                                            basis=basis_note))):
    with column:
        facts = series_facts(series, metric, years)
        drill.chart(edition_bars(series, metric, years, title, formats, message=summary.empty_text(lang, facts)),
                    key, metric)
        summary.show(summary.series_sentence(lang, title, facts))
st.caption(t("drill.hint"))
show_data(series, t("projects.show_series"), key="projects_series")

left, right = st.columns(2)
with left:
    facts = series_facts(average, "average_investment", years)
    st.plotly_chart(edition_lines(average, ["average_investment"], years,
                                  axis_title(t("projects.per_project_axis"), money_unit),
                                  t("projects.chart_average"), names={"average_investment": t("projects.average")},
                                  formats=formats, message=summary.empty_text(lang, facts)),
                    key="chart_average")
    summary.show(summary.series_sentence(lang, t("projects.chart_average"), facts))
    show_data(average.assign(label=t("projects.average")), t("projects.show_average"), key="projects_average")
with right:
    both = pd.concat([growth.assign(label=labels.get("projects_signed")),
                      growth_inv.assign(label=labels.get("investment_signed"))],
                     ignore_index=True)
    names = dict(zip(both["metric"], both["label"]))
    growth_facts = [(names.get(m, m), series_facts(both, m, years, needs_two=True))
                    for m in ("projects_signed", "investment_signed")]
    fig = edition_lines(both, ["projects_signed", "investment_signed"], years, t("projects.growth_axis"),
                        t("projects.chart_growth"), names=names, formats=formats,
                        yaxis=dict(rangemode="normal", zeroline=True),
                        message=summary.empty_text(lang, growth_facts[0][1]))
    st.plotly_chart(fig, key="chart_growth")
    summary.show(summary.lines_sentence(lang, t("projects.chart_growth"), growth_facts))
    st.caption(t("projects.growth_caption"))
    show_data(both.drop(columns=["metric"]), t("projects.show_growth"), key="projects_growth")

st.subheader(t("projects.breakdowns"))
if breakdowns.empty:
    st.info(t("projects.no_breakdowns"))
else:
    dims = [d for d in ("sector", "size_band", "subset") if d in set(breakdowns["dimension"])]
    tabs = st.tabs([code_word("dimension", d) for d in dims])
    for tab, dim in zip(tabs, dims):
        with tab:
            # Money in the stored unit of the currency: the chart scales it to the language's unit (亿).
            part = localized(breakdowns[(breakdowns["dimension"] == dim) & breakdowns["investment"].notna()])
            if not part.empty:
                title = t("projects.chart_breakdown", dimension=code_word("dimension", dim), unit=money_words)
                bars = part.rename(columns={"investment": "value", "investment_qualifier": "qualifier",
                                            "projects": "count", "projects_qualifier": "count_qualifier"})
                st.plotly_chart(grouped_bars(bars[["category", "year", "value", "qualifier", "count", "count_qualifier",
                                                   "publisher"]], money_unit, title,
                                             axis_title(labels.get("investment_signed", ""), money_unit)),
                                key=f"chart_breakdown_{dim}")
                summary.show(summary.grouped_sentence(lang, title, grouped_facts(part, money_unit)))
            shown = localized(breakdowns[breakdowns["dimension"] == dim].assign(
                investment=lambda b: b["investment"] * money_scale))[  # 亿 in Chinese, as the column says
                ["year", "category", "projects", "projects_qualifier", "investment", "investment_qualifier", "publisher", "url", "note"]]
            show_table(fmt().readable_codes(shown), hide_index=True, width="stretch", column_config={
                "year": st.column_config.NumberColumn(t("col.edition"), format="%d"),
                "category": t("col.category"), "projects": t("col.projects"),
                "projects_qualifier": t("col.projects_qualifier"),
                "investment": st.column_config.NumberColumn(t("col.investment_in", unit=money_words), format="%.2f"),
                "investment_qualifier": t("col.investment_qualifier"), "publisher": t("col.publisher"),
                "note": t("col.note"), "url": st.column_config.LinkColumn(t("col.link"), display_text=t("table.open_link"))})
    st.caption(t("projects.breakdowns_caption"))

followthrough.show_section(progress, language())

if has_register():  # the section only when a register is loaded (an optional table, not an optional module)
    st.subheader(t("register.title"))  # the one heading: the section draws none of its own
    render_register_section(filters)
