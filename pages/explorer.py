"""Explorer & export: every figure in the shared filters as a table, downloadable as shown."""
from datetime import datetime, timezone

import streamlit as st

from queries import data_version, run
from ui.shell import current_filters
from ui.export import (RATE_COLUMN, export_file_name, facts_table, row_mask, summary, to_csv_bytes,
                       to_json_bytes, to_xlsx_bytes)

filters = current_filters()

# Filters
facts = run("explorer_facts", convention=filters.convention, year_from=filters.year_from,
            year_to=filters.year_to, include_derived=filters.include_derived)
st.title("Explorer & export")
st.caption("Every figure in the selected editions with its source. Narrow it down, then download "
           "exactly the rows and columns shown.")
categories = ["all"] + sorted(facts["category"].dropna().unique().tolist())
left, middle, right = st.columns([1, 2, 2])
# The narrowing is part of the view: bound to the URL (category, metrics, search) and kept for the session.
bound = dict(bind="query-params", persist_state="session")
category = left.selectbox("Category", categories, key="category", **bound)
in_category = facts if category == "all" else facts[facts["category"] == category]
metrics = st.session_state.get("metrics", [])
labels = sorted(in_category["label"].unique().tolist())
if any(m not in labels for m in metrics):  # a metric from another category or range
    st.session_state["metrics"] = [m for m in metrics if m in labels]
chosen = middle.multiselect("Metrics", labels, key="metrics", placeholder="All metrics", **bound)
search = right.text_input("Search metric, scope or publisher", key="search", max_chars=100, **bound)

# Data
in_category = in_category.reset_index(drop=True)
shaped = facts_table(in_category, filters.currency)
keep = row_mask(shaped, chosen, search)
table = shaped[keep].reset_index(drop=True)
sources = in_category.loc[keep, "source_id"]

# Render
derived_note = "reported and derived" if filters.include_derived else "reported only"
st.markdown(f"**{summary(table, sources)}** · {filters.year_from}–{filters.year_to} · {derived_note}"
            + (" · money converted at each year's average CNY per USD" if filters.currency == "USD" else ""))
column_config = {
    "year": st.column_config.NumberColumn("year", format="%d"),
    "value": st.column_config.NumberColumn("value", format="localized"),
    "derived": st.column_config.CheckboxColumn("derived", help="Computed by arithmetic, not reported"),
    "published": st.column_config.DateColumn("published", format="YYYY-MM-DD"),
    "url": st.column_config.LinkColumn("url", display_text="open source", help="Where the figure was read"),
    RATE_COLUMN: st.column_config.NumberColumn(RATE_COLUMN, format="%.4f",
                                               help="Annual average CNY per USD used for this row"),
}
if table.empty:
    st.info("No figures match these filters.")
st.dataframe(table, hide_index=True, width="stretch", column_config=column_config, key="explorer_table")

record = {
    "convention": filters.convention, "year_from": filters.year_from, "year_to": filters.year_to,
    "currency": filters.currency, "include_derived": filters.include_derived,
    "category": category, "metrics": chosen, "search": search, "rows": len(table),
    "data_version": data_version(),
    "generated_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
}
# Deferred data: a file is built only when its button is clicked, never on other reruns.
buttons = st.container(horizontal=True)
buttons.download_button("Download CSV (Excel)", lambda: to_csv_bytes(table), export_file_name(filters, "facts", "csv"),
                        on_click="ignore",
                        mime="text/csv", key="download_csv", icon=":material/download:",
                        help="UTF-8 with BOM; texts that look like formulas start with '")
buttons.download_button("Download XLSX", lambda: to_xlsx_bytes(table, record),
                        export_file_name(filters, "facts", "xlsx"), on_click="ignore",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        key="download_xlsx", icon=":material/table_view:",
                        help="Sheet 'data' plus sheet 'filters' recording the filters and data version")
buttons.download_button("JSON for scripts", lambda: to_json_bytes(table),
                        export_file_name(filters, "facts", "json"), on_click="ignore", mime="application/json",
                        key="download_json", icon=":material/data_object:",
                        help="UTF-8 JSON records, values exactly as stored (no spreadsheet evaluates it)")
