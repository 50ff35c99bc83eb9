"""Projects & investment for analysts: per edition, per project, growth, breakdowns, the register."""
import pandas as pd
import streamlit as st

from queries import run
from ui.shell import current_filters
from ui.charts import axis_title, edition_bars, edition_lines, in_currency, stacked_bars
from ui.format import number, readable_codes
from ui.series import average_per_project, growth_pct
from ui.tables import show_data

filters = current_filters()
params = dict(convention=filters.convention, year_from=filters.year_from, year_to=filters.year_to)

# Data
series = run("metric_series", **params, metrics=["projects_signed", "investment_signed"],
             include_derived=filters.include_derived)
series = in_currency(series, filters.currency)
money_unit = f"bn {filters.currency}"
years = sorted(series["year"].unique().tolist())
rates = run("fx_rates", year_from=filters.year_from, year_to=filters.year_to)
average = average_per_project(series, money_unit)
growth = growth_pct(series, "projects_signed").assign(metric="projects_signed")
growth_inv = growth_pct(series, "investment_signed").assign(metric="investment_signed")
breakdowns = run("breakdowns", **params)

# Render
st.title("Projects & investment")
if not years:
    st.info("No editions in the selected range.")
    st.stop()
if filters.currency == "USD":
    basis = ", ".join(f"{r.year}: {r.cny_per_usd:.4f}" for r in rates.itertuples())
    publishers = ", ".join(sorted(set(rates["publisher"])))
    no_rate = sorted(set(years) - set(rates["year"]))
    gaps = (f" No sourced annual rate yet for {', '.join(map(str, no_rate))}: those editions show no USD value."
            if no_rate else "")
    st.info(f"USD figures are converted from CNY at each year's annual average CNY per USD ({basis}; "
            f"source: {publishers}).{gaps} The USD amounts sources reported are in the Explorer.")

left, right = st.columns(2)
with left:
    st.plotly_chart(edition_bars(series, "projects_signed", years, "Projects signed per edition"),
                    key="chart_projects")
with right:
    basis_note = " at each year's average CNY/USD" if filters.currency == "USD" else ""
    st.plotly_chart(edition_bars(series, "investment_signed", years,
                                 f"Investment signed per edition ({money_unit}{basis_note})"),
                    key="chart_investment")
show_data(series, "Show data: projects and investment")

left, right = st.columns(2)
with left:
    st.plotly_chart(edition_lines(average, ["average_investment"], years,
                                  axis_title("Investment per project", money_unit),
                                  "Average investment per project"), key="chart_average")
    show_data(average, "Show data: average per project")
with right:
    both = pd.concat([growth.assign(label="Projects signed"), growth_inv.assign(label="Investment signed")],
                     ignore_index=True)
    fig = edition_lines(both, ["projects_signed", "investment_signed"], years, "Change vs previous edition (%)",
                        "Growth edition over edition")
    fig.update_yaxes(rangemode="normal", zeroline=True)
    st.plotly_chart(fig, key="chart_growth")
    st.caption("A lower-bound figure ('430+') on either side makes the growth approximate; "
               "no point is drawn where an edition lacks a figure.")
    show_data(both, "Show data: growth")

st.subheader("Breakdowns reported by the sources")
if breakdowns.empty:
    st.info("No sector or size breakdowns reported for the selected editions.")
else:
    breakdowns["investment"] = breakdowns["investment_cny_bn"] / (
        breakdowns["cny_per_usd"] if filters.currency == "USD" else 1)
    dims = {"sector": "By sector", "size_band": "By project size", "subset": "Subsets (manufacturing, event days, sessions)"}
    tabs = st.tabs([dims[d] for d in dims if d in set(breakdowns["dimension"])])
    for tab, dim in zip(tabs, [d for d in dims if d in set(breakdowns["dimension"])]):
        with tab:
            part = breakdowns[(breakdowns["dimension"] == dim) & breakdowns["investment"].notna()]
            if not part.empty:
                st.plotly_chart(stacked_bars(part.assign(year=part["year"].astype(str)), "category", "investment", "year",
                                             axis_title("Investment signed", money_unit), "Category",
                                             f"{dims[dim]}: investment ({money_unit})", height=380),
                                key=f"chart_breakdown_{dim}")
            shown = breakdowns[breakdowns["dimension"] == dim][
                ["year", "category", "projects", "projects_qualifier", "investment", "investment_qualifier", "publisher", "url", "note"]]
            st.dataframe(readable_codes(shown), hide_index=True, width="stretch", column_config={
                "year": st.column_config.NumberColumn("edition", format="%d"),
                "investment": st.column_config.NumberColumn(f"investment ({money_unit})", format="%.2f"),
                "url": st.column_config.LinkColumn("link", display_text="open")})
    st.caption("Sources break totals down in different ways each year; categories are not comparable across editions.")

try:
    from ui.register import has_register, render_register_section
except ImportError:  # the register module is optional
    has_register = None
if has_register is not None and has_register():
    st.subheader("Signed-projects register")
    render_register_section(filters)
