"""Explorer & export: every figure in the shared filters as a table, downloadable as shown."""
from datetime import datetime, timezone

import streamlit as st

from queries import run
from queries import followthrough as follow_through
from ui import explorer_link, followthrough
from ui.shell import current_filters
from ui.export import (RATE_COLUMN, export_file_name, facts_table, headers, no_rate_years, row_mask, summary,
                       to_csv_bytes, to_json_bytes, to_xlsx_bytes, version_text)
from ui.i18n import code_word, fmt, language, metric_label, t
from ui.tables import show_table

# A drill link narrows the Explorer to one edition through its own parameter, never the sidebar's range.
filters, only_year = explorer_link.narrowed(current_filters())
lang = language()

# Filters
facts = run("explorer_facts", convention=filters.convention, year_from=filters.year_from,
            year_to=filters.year_to, include_derived=filters.include_derived)
# Progress reports on the signed projects join the table as category "follow-through".
facts = followthrough.with_progress(facts, *follow_through.rows_and_decisions(
    filters.convention, filters.year_from, filters.year_to), lang)
st.title(t("explorer.title"))
st.caption(t("explorer.caption"))
if only_year:
    only = st.container(horizontal=True, vertical_alignment="center")
    only.caption(":material/filter_alt: " + t("explorer.only_year", year=only_year))
    only.button(t("explorer.all_years"), key="explorer_all_years", on_click=explorer_link.show_all_editions,
                type="tertiary")
elif only_year is False:
    st.caption(":material/link_off: " + t("link.ignored", note=t("link.not_a_choice", key=explorer_link.YEAR)))
# The narrowing is in codes, shown as words of the language: a link or a language switch keeps it
# (ui/explorer_link.py writes the codes into the URL; older links in words are still read).
category_codes = ["all"] + sorted(facts["category"].dropna().unique().tolist())
catalogue = run("metric_names")
explorer_link.sync_from_url(category_codes, {**dict(zip(facts["metric"], facts["label"])),
                                             **dict(zip(catalogue["metric"], catalogue["label"]))})
shown_label = {m: metric_label(m, label) for m, label in zip(facts["metric"], facts["label"])}
left, middle, right = st.columns([1, 2, 2])
kept = dict(persist_state="session", on_change=explorer_link.clear_notes)
# The selectbox holds the word of this language (a format_func would trip AppTest); the code, or a
# word of the other language after a switch, is turned into it before the widget is drawn.
category_words = {code_word("metric_category", c): c for c in category_codes}
held = explorer_link.category_code(str(st.session_state.get("category", "all")), category_codes) or "all"
st.session_state["category"] = code_word("metric_category", held)
category = category_words[left.selectbox(t("explorer.category"), list(category_words), key="category", **kept)]
in_category = facts if category == "all" else facts[facts["category"] == category]
options = sorted(set(in_category["metric"]), key=lambda m: shown_label[m])
metrics = st.session_state.get("metrics", [])
if any(m not in options for m in metrics):  # a metric from another category or range
    st.session_state["metrics"] = [m for m in metrics if m in options]
metric_codes = middle.multiselect(t("explorer.metrics"), options, key="metrics", format_func=shown_label.get,
                                  placeholder=t("explorer.all_metrics"), **kept)
search = right.text_input(t("explorer.search"), key="search", max_chars=100, bind="query-params",
                          persist_state="session")
explorer_link.write_url(category, metric_codes)
for parameter in explorer_link.notes():
    st.caption(":material/link_off: " + t("link.ignored", note=t("link.not_a_choice", key=parameter)))
chosen = [shown_label[m] for m in metric_codes]

# Data
in_category = in_category.reset_index(drop=True)
alternatives = run("alternatives", convention=filters.convention, year_from=filters.year_from, year_to=filters.year_to)
shaped = facts_table(in_category, filters.currency, lang, alternatives)
keep = row_mask(shaped, chosen, search)
table = shaped[keep].reset_index(drop=True)
sources = in_category.loc[keep, "source_id"].reset_index(drop=True)
published = list(zip(in_category.loc[keep, "published_on"], in_category.loc[keep, "published_precision"]))
# File names carry the narrowing as codes (projects_signed), whatever the language of the labels.
file_name = lambda ext: export_file_name(filters, "explorer", ext, category, sorted(metric_codes), search)

# Render
derived_note = t("explorer.with_derived") if filters.include_derived else t("explorer.reported_only")
shown_categories = in_category.loc[keep, "category"].reset_index(drop=True)
st.markdown(f"**{summary(table, sources, lang, shown_categories)}** · {fmt().span(filters.year_from, filters.year_to)} · {derived_note}"
            + (t("explorer.converted") if filters.currency == "USD" else ""))
names = headers(table.columns, lang)  # the files' headers (which scripts know)
# On screen, words in sentence case rather than the files' column names.
shown = {c: t(f"explorer.col_{c}") for c in (*table.columns, RATE_COLUMN)}
column_config = {
    **{column: shown[column] for column in ("metric", "unit", "qualifier", "scope", "publisher")},
    "note": st.column_config.TextColumn(shown["note"], help=t("explorer.note_help")),
    "source_title": st.column_config.TextColumn(shown["source_title"]),
    "year": st.column_config.NumberColumn(shown["year"], format="%d"),
    "value": st.column_config.NumberColumn(shown["value"], format="localized"),
    "derived": st.column_config.CheckboxColumn(shown["derived"], help=t("explorer.derived_help")),
    "published": st.column_config.TextColumn(shown["published"]),  # as precise as the source's date is known
    "also_reported": st.column_config.TextColumn(shown["also_reported"], help=t("explorer.also_reported_help")),
    "url": st.column_config.LinkColumn(shown["url"], display_text=t("explorer.open_source"), help=t("explorer.url_help")),
    RATE_COLUMN: st.column_config.NumberColumn(shown["cny_per_usd"], format="%.4f", help=t("explorer.rate_help")),
}
no_rate = no_rate_years(table) if filters.currency == "USD" else []
if no_rate:  # above the table: the empty value cells and their notes sit far apart on a wide table
    st.caption(":material/info: " + t("explorer.no_rate", years=t("common.list_joiner").join(map(str, no_rate))))
if table.empty:
    st.info(t("explorer.no_match"))
show_table(table, hide_index=True, width="stretch", column_config=column_config, key="explorer_table")

record = {
    "convention": filters.convention, "year_from": filters.year_from, "year_to": filters.year_to,
    "currency": filters.currency, "include_derived": filters.include_derived,
    "category": code_word("metric_category", category), "metrics": chosen, "search": search, "rows": len(table),
    "data_version": version_text(lang),
    "generated_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
}
# Deferred data: a file is built only when its button is clicked, never on other reruns.
buttons = st.container(horizontal=True)
# Spreadsheets get the headers in the language; JSON keeps the column names scripts rely on.
buttons.download_button(t("explorer.download_csv"), lambda: to_csv_bytes(table.rename(columns=names), lang),
                        file_name("csv"), on_click="ignore",
                        mime="text/csv", key="download_csv", icon=":material/download:",
                        help=t("explorer.csv_help"))
buttons.download_button(t("explorer.download_xlsx"), lambda: to_xlsx_bytes(table, record, lang, published),
                        file_name("xlsx"), on_click="ignore",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        key="download_xlsx", icon=":material/table_view:",
                        help=t("explorer.xlsx_help"))
buttons.download_button(t("explorer.download_json"), lambda: to_json_bytes(table),
                        file_name("json"), on_click="ignore", mime="application/json",
                        key="download_json", icon=":material/data_object:",
                        help=t("explorer.json_help"))
