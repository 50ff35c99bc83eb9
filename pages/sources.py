"""Sources & quality: where every figure comes from, what is missing, and whether cumulative claims add up."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.shell import current_filters
from ui.format import is_missing, readable_codes, with_qualifier

from queries import run

# Coverage statuses, best first, with colour-blind-safe colours (Okabe-Ito) and a cell mark so
# the matrix also reads without colour.
STATUSES = {
    "reported": ("#009E73", "R"),
    "derived": ("#E69F00", "D"),
    "expected": ("#56B4E9", "E"),
    "missing": ("rgba(128,128,128,0.18)", ""),  # faint on light and dark themes alike
}
TOLERANCE = 0.05  # a claim and the sum of its editions "agree" within 5%
CAVEATS = [
    "**Funds in place is not investment signed.** Funds in place (资金到位) is money actually deployed; "
    "investment signed is the contract value announced at the convention. They are separate metrics "
    "and are never added together.",
    "**\"More than\" figures are lower bounds.** A change computed from one is an upper bound, and a sum "
    "of them understates the total.",
    "**Derived figures are arithmetic, not reports.** They come from cumulative statements minus the "
    "editions reported (the note says how); they are hidden unless *Include derived figures* is on.",
    "**Scopes differ.** An exhibition-only figure (e.g. exhibitors of the exhibition) is not a figure "
    "for the whole convention; the scope column says which.",
    "**USD values are converted** at each year's annual average rate, not at the signing date; a "
    "source's own USD figure is kept as a separate metric.",
    "**Cumulative claims are rounded** and sometimes count projects signed between editions, so a "
    "small gap to the sum of editions is expected.",
]


def coverage_heatmap(coverage: pd.DataFrame) -> go.Figure:
    """Edition x metric matrix coloured by status (reported / derived / expected / missing)."""
    codes = {status: i for i, status in enumerate(STATUSES)}
    years = sorted(coverage["year"].unique())
    metrics = coverage.drop_duplicates("metric")[["metric", "label"]]
    grid = coverage.pivot(index="metric", columns="year", values="status").reindex(
        index=metrics["metric"], columns=years)
    z = grid.map(codes.get).to_numpy()
    n = len(STATUSES)
    scale = []
    for i, (color, _) in enumerate(STATUSES.values()):
        scale += [[i / n, color], [(i + 1) / n, color]]
    fig = go.Figure(go.Heatmap(
        z=z, x=[str(y) for y in years], y=metrics["label"].tolist(), zmin=-0.5, zmax=n - 0.5,
        colorscale=scale, xgap=2, ygap=2, customdata=grid.to_numpy(),
        text=grid.map(lambda s: STATUSES[s][1]).to_numpy(), texttemplate="%{text}",
        hovertemplate="<b>%{y}</b>, %{x}: %{customdata}<extra></extra>",
        colorbar=dict(title=dict(text="Status"), tickvals=list(range(n)),
                      ticktext=[f"{mark} {s}".strip() for s, (_, mark) in STATUSES.items()],
                      thickness=14, len=min(1.0, 0.25 * n)),
    ))
    fig.update_layout(height=max(260, 30 * len(metrics) + 90), margin=dict(l=10, r=10, t=10, b=10))
    fig.update_xaxes(title_text="Edition (year)", type="category", side="bottom", fixedrange=True)
    fig.update_yaxes(title_text="Metric", autorange="reversed", fixedrange=True)
    return fig


def reconciliation(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: claimed, sums of the editions, coverage, difference and a flag."""
    rows = []
    for c in claims.to_dict("records"):
        missing = int(c["editions_covered"]) - int(c["editions_reported"])
        gap = None if is_missing(c["sum_reported"]) else c["claimed"] - c["sum_reported"]
        share = gap / c["claimed"] if gap is not None and c["claimed"] else None
        problems = []
        if share is None:
            problems.append("no edition has a reported figure")
        elif abs(share) > TOLERANCE:
            problems.append(f"off by {share:+.1%}")
        if missing > 0:
            problems.append(f"{missing} of {int(c['editions_covered'])} editions not reported")
        rows.append({
            "editions": f"{c['year_from']}–{c['year_to']}",
            "metric": c["label"],
            "claimed": with_qualifier(c["claimed"], c["qualifier"], c["unit"], show_unit=True),
            "sum_reported": c["sum_reported"],
            "sum_with_derived": c["sum_with_derived"],
            "coverage": f"{int(c['editions_reported'])} of {int(c['editions_covered'])}",
            "flag": ("⚠ " + "; ".join(problems)) if problems else "✓ agrees within 5%",
            "difference": gap,
            "difference_pct": None if share is None else share * 100,
            "publisher": c["publisher"],
            "url": c["url"],
        })
    return pd.DataFrame(rows, columns=["editions", "metric", "claimed", "sum_reported", "sum_with_derived",
                                       "coverage", "flag", "difference", "difference_pct", "publisher", "url"])


filters = current_filters()
params = dict(convention=filters.convention, year_from=filters.year_from, year_to=filters.year_to)

# Data (the edition range comes from the shared filters; every figure is listed, derived ones flagged)
figures = run("explorer_facts", **params, include_derived=True)
figures["note"] = figures["note"].fillna("")
source_list = run("sources_list", **params)
coverage = run("coverage", **params)
claims = run("claims_reconciliation", convention=filters.convention)
claims = claims[(claims["year_from"] <= filters.year_to) & (claims["year_to"] >= filters.year_from)]

# Render
st.title("Sources & quality")
derived = int(figures["is_derived"].sum())
st.caption(f"{filters.convention} {filters.year_from}–{filters.year_to}: {len(figures)} figures "
           f"({derived} derived) from {figures['source_id'].nunique()} sources. Values in stored units (CNY).")
link = st.column_config.LinkColumn("link", display_text="open source")
published = st.column_config.DateColumn("published", format="YYYY-MM-DD")

st.subheader("Reconciliation of cumulative claims")
st.caption("Each statement covering several editions beside the sum of the per-edition figures it covers "
           "(whole-convention scope). Flagged when they differ by more than 5% or an edition has no reported figure.")
number = st.column_config.NumberColumn
st.dataframe(reconciliation(claims), hide_index=True, width="stretch", key="reconciliation", column_config={
    "claimed": st.column_config.TextColumn("claimed", help="As the source put it, in the stored unit"),
    "sum_reported": number("sum of reported", format="localized", help="Sum of the reported per-edition figures"),
    "sum_with_derived": number("sum incl. derived", format="localized"),
    "coverage": st.column_config.TextColumn("editions with a figure", help="Editions with a reported figure, of editions covered"),
    "flag": st.column_config.TextColumn("check", width="large"),
    "difference": number("difference", format="localized", help="Claimed minus the sum of reported editions"),
    "difference_pct": number("difference %", format="%+.1f%%", help="Of the claimed value"),
    "url": link,
})

st.subheader("Coverage")
st.caption("Which editions have a figure for each metric. R reported · D derived only · E expected "
           "(announced in advance) only · blank: missing.")
st.plotly_chart(coverage_heatmap(coverage), key="coverage_chart", config={"displayModeBar": False})
with st.expander("Show data"):
    st.dataframe(readable_codes(coverage[["year", "label", "category", "unit", "status", "figures"]]), hide_index=True,
                 width="stretch", key="coverage_table",
                 column_config={"year": number("edition", format="%d"), "label": "metric"})

st.subheader("Every figure and its source")
st.dataframe(figures[["year", "label", "value", "unit", "qualifier", "scope", "is_derived", "note", "publisher",
                      "published_on", "url"]].pipe(readable_codes),
             hide_index=True, width="stretch", key="figures_table", column_config={
                 "year": number("edition", format="%d"), "label": "metric",
                 "value": number("value", format="localized"),
                 "is_derived": st.column_config.CheckboxColumn("derived"),
                 "published_on": published, "url": link})

st.subheader("Sources")
st.dataframe(source_list[["publisher", "title", "published_on", "url", "figures", "claims", "other_rows"]],
             hide_index=True, width="stretch", key="sources_table", column_config={
                 "published_on": published, "url": link,
                 "figures": number("figures", help="Facts in the selected editions"),
                 "claims": number("claims", help="Cumulative statements overlapping the selected editions"),
                 "other_rows": number("other rows", help="Edition details, breakdowns, participation, exchange rates")})

st.subheader("Known caveats")
for caveat in CAVEATS:
    st.markdown(f"- {caveat}")
