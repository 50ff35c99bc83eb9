"""The Add data page's review of a file: each figure's status, stage and scope in the reader's words, what it
replaces ("expected 568 -> 575 reported"), the sentence it was read in, and the release's other rows (organizers,
claims, breakdowns) to keep or drop before anything is loaded. Decisions come from loaders (the headline rule);
this module only words and draws them."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import vocabulary
from queries import DatabaseMissing, run
from ui.i18n import metric_label, t
from ui.tables import MISSING_CELL

STATUSES = ["new", "replace", "keep", "conflict", "skip"]


def metric_words(metric) -> str:
    """A metric as the reader names it ("Countries and regions"), not its key; a key the database does not
    know is shown as given (the load names it as an error)."""
    try:
        labels = dict(run("metric_names")[["metric", "label"]].itertuples(index=False))
    except DatabaseMissing:
        labels = {}
    return metric_label(metric, labels[metric]) if metric in labels else str(metric)


def stage_words(stage) -> str:
    return t(f"add_data.stage_{stage}") if stage in vocabulary.STAGES else t("add_data.stage_unknown")


def scope_words(scope) -> str:
    """A scope in the reader's words: the plain scopes are catalogue words, a place or a hall as stored."""
    if scope == vocabulary.WHOLE_CONVENTION:
        return t("add_data.scope_whole")
    if scope == "exhibition":
        return t("add_data.scope_exhibition")
    return str(scope) if isinstance(scope, str) else ""


def _number(value) -> str:
    return f"{float(value):g}"


def change_words(row: dict) -> str | None:
    """"expected 568 → 575 reported": what a figure does to the stored one (None for a figure that meets none)."""
    if vocabulary.is_missing(row.get("stored_value")):
        return None
    old = f"{stage_words(row.get('stored_stage'))} {_number(row['stored_value'])}"
    new = f"{_number(row['value'])} {stage_words(row.get('stage'))}"
    if row.get("status") == "keep":
        return t("add_data.change_keep", old=old, new=new)
    return t("add_data.change_replace", old=old, new=new)


def rule_words(row: dict) -> str | None:
    if isinstance(row.get("rule"), str):
        return t(f"headline_rule.{row['rule']}")
    if isinstance(row.get("why"), str):
        return t("add_data.rule_undecided", why=row["why"])
    if row.get("subset") is True:
        return t("add_data.rule_part")
    return None


def review_table(facts: pd.DataFrame) -> pd.DataFrame:
    """The figures as an editable table: status, value and qualifier can be changed; the rest is shown."""
    shown = facts.assign(rule_text=[rule_words(r) for r in facts.to_dict("records")],
                         metric_words=[metric_words(m) for m in facts["metric"]])
    shown.attrs = {}  # the preview's attrs hold frames, which a browser table cannot carry
    order = [c for c in ("status", "year", "metric_words", "value", "unit", "qualifier", "stage_words", "scope_words",
                         "change", "rule_text", "check", "read", "note") if c in shown.columns]
    # only what the reader sees goes to the browser; the codes behind it (stage, rule step) are joined back after
    edited = st.data_editor(
        shown[order + ["scope", "metric"]], hide_index=True, width="stretch", key="review", column_order=order,
        placeholder=MISSING_CELL,
        column_config={
            "status": st.column_config.SelectboxColumn(t("add_data.col_status"), options=STATUSES,
                                                       help=t("add_data.status_help_rule")),
            "value": st.column_config.NumberColumn(t("add_data.col_value"), min_value=0),
            "metric_words": st.column_config.TextColumn(t("add_data.col_metric")),
            "stage_words": st.column_config.TextColumn(t("add_data.col_stage"), help=t("add_data.stage_help")),
            "scope_words": st.column_config.TextColumn(t("add_data.col_scope"), help=t("add_data.scope_help")),
            "change": st.column_config.TextColumn(t("add_data.col_change")),
            "rule_text": st.column_config.TextColumn(t("add_data.col_rule")),
            "check": st.column_config.TextColumn(t("add_data.col_check"), help=t("add_data.check_help")),
            "read": st.column_config.TextColumn(t("add_data.col_read"), help=t("add_data.read_help")),
            **{name: st.column_config.Column(t(f"add_data.col_{name}"))
               for name in ("year", "unit", "qualifier", "note")}},
        disabled=["metric_words", "unit", "stage_words", "scope_words", "change", "rule_text", "check", "read"],
    )
    result = facts.drop(columns=["stage_words", "scope_words", "change", "read", "metric_words"], errors="ignore").copy()
    for column in ("status", "year", "metric", "value", "qualifier", "note"):
        if column in edited.columns:
            result[column] = edited[column].values
    return result


# A release's other rows keep their tables' column names (loaders/schema.py); the reader sees these words.
EXTRA_HEADERS = {"year": "col.edition", "organization": "col.organization", "kind": "col.kind", "role": "col.role",
                 "claim_id": "col.claim", "year_from": "col.year_from", "year_to": "col.year_to", "metric": "col.metric",
                 "value": "col.value", "unit": "col.unit", "qualifier": "col.qualifier", "scope": "col.scope",
                 "note": "col.note", "dimension": "col.dimension", "category": "col.category", "projects": "col.projects",
                 "projects_qualifier": "col.projects_qualifier", "investment_qualifier": "col.investment_qualifier"}


def extra_header(column: str) -> str:
    """The header of one of a release's other rows' columns ("Edition" for year), the column's own name for one
    this list does not know."""
    if column == "investment_cny_bn":  # stored and shown in bn CNY (十亿元), as the register's file has it
        return t("register.csv_investment")
    return t(EXTRA_HEADERS[column]) if column in EXTRA_HEADERS else column


def review_extras(extras: dict) -> dict | None:
    """A release's organizers, claims and breakdowns, each row with a "keep" box, editable before loading.
    Returns table -> the kept rows (None when the release has none)."""
    if not extras:
        return None
    kept = {}
    label = ", ".join(t("add_data.also_table", rows=len(rows), table=t(f"add_data.table_{table}"))
                      for table, rows in extras.items())
    with st.expander(t("add_data.also_review", tables=label), expanded=True):
        for table, rows in extras.items():
            st.caption(t(f"add_data.table_{table}"))
            frame = rows.drop(columns=["convention", "source_id"], errors="ignore").assign(keep=True)
            frame.attrs = {}
            edited = st.data_editor(frame, hide_index=True, width="stretch", key=f"review_{table}", placeholder=MISSING_CELL,
                                    column_order=["keep", *[c for c in frame.columns if c != "keep"]],
                                    column_config={"keep": st.column_config.CheckboxColumn(t("add_data.col_keep")),
                                                   **{c: extra_header(c) for c in frame.columns if c != "keep"}})
            kept[table] = edited[edited["keep"]].drop(columns=["keep"])
    return kept


def replaced_lines(change) -> list[str]:
    """After a load: each stored figure it replaced, "2022 Projects signed: expected 568 → 575 reported"."""
    return [t("add_data.replaced", year=d["new"]["year"], metric=metric_words(d["new"]["metric"]),
              old=f"{stage_words(d['old_stage'])} {_number(d['old']['value'])}",
              new=f"{_number(d['new']['value'])} {stage_words(d['new_stage'])}")
            for d in change.decisions if d["winner"] == "new"]
