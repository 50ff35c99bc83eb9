"""Add data (guarded): upload a release or a CSV/XLSX/JSON file, review the figures, load on confirmation."""
import time
from datetime import date

import streamlit as st

import config
from loaders.errors import LoadError
from loaders.staging import ALLOWED_SUFFIXES, highlighted, load_reviewed, page_message, preview, start_job
from loaders.worker import read_upload_bounded, warm
from ui import admin
from ui.i18n import t
from ui.shell import current_filters

current_filters()
st.title(t("add_data.title"))

# Guard: data-changing actions are off unless an admin password is configured.
expected = config.admin_password()
if expected is None:
    st.info(t("add_data.off"))
    st.stop()
if not admin.unlocked(expected):  # wrong passwords are slowed down per session and per client address
    st.stop()
warm()  # the upload reader's process, ready before the first upload

# Filters: the file and its source
st.caption(t("add_data.caption"))
upload = st.file_uploader(t("add_data.file"), type=[s.lstrip(".") for s in ALLOWED_SUFFIXES])
left, middle, right = st.columns(3)
source_url = left.text_input(t("add_data.source_url"), placeholder=t("add_data.url_placeholder"))
publisher = middle.text_input(t("add_data.publisher"), placeholder=t("add_data.publisher_placeholder"))
published_on = right.date_input(t("add_data.published_on"), value=None, max_value=date.today())
year = st.number_input(t("add_data.year"), min_value=2018, max_value=2100,
                       value=None, step=1)
if upload is None:
    st.stop()
source = ({"url": source_url.strip(), "publisher": publisher.strip(), "published_on": published_on}
          if source_url.strip() and publisher.strip() else None)

# Data: read and preview, once per upload and source (not on every edit of the review table)
request = (upload.file_id, source_url.strip(), publisher.strip(), published_on, year)
if st.session_state.get("_preview_request") != request:
    st.session_state.pop("_preview", None)
    try:
        # in a worker process, bounded in time: a slow parse never holds the other viewers' pages
        parsed = read_upload_bounded(upload.name, upload.getvalue(), int(year) if year else None)
        facts = preview(parsed, config.db_path(), source)
    except LoadError as exc:
        st.session_state.pop("_preview_request", None)
        st.error(page_message(exc.message))  # their file's name, the page's words
        st.stop()
    st.session_state["_preview"] = {"parsed": parsed, "facts": facts}
    st.session_state["_preview_request"] = request
parsed, facts = (st.session_state["_preview"][k] for k in ("parsed", "facts"))

# Render: review and confirm
conflicts = int((facts["status"] == "conflict").sum())
if facts.attrs.get("projects"):
    st.write(t("add_data.registers", rows=f"{facts.attrs['projects']:,}"))
else:
    st.write(t("add_data.summary", figures=len(facts), conflicts=conflicts, unchanged=facts.attrs.get("unchanged", 0)))
extras = facts.attrs.get("extras", {})
if extras:
    with st.expander(t("add_data.also", tables=", ".join(
            t("add_data.also_table", rows=len(rows), table=table) for table, rows in extras.items()))):
        for table, rows in extras.items():
            st.caption(table)
            st.dataframe(rows.drop(columns=["convention", "source_id"], errors="ignore"), hide_index=True,
                         width="stretch")
new_editions = facts.attrs.get("new_editions", [])
create_editions = False
if new_editions:
    years = ", ".join(str(e["year"]) for e in new_editions)
    st.warning(t("add_data.no_edition", years=years))
    create_editions = st.checkbox(t("add_data.create_edition", years=years))
if conflicts:
    st.warning(t("add_data.conflicts"))
edited = facts
if not facts.attrs.get("projects"):
    edited = st.data_editor(
        facts, hide_index=True, width="stretch", key="review",
        column_order=[c for c in ("status", "year", "metric", "value", "unit", "qualifier", "stage", "check", "scope",
                                  "stored_value", "note") if c in facts.columns],
        column_config={"status": st.column_config.SelectboxColumn(t("add_data.col_status"),
                                                                  options=["new", "conflict", "skip"],
                                                                  help=t("add_data.status_help")),
                       "stored_value": st.column_config.NumberColumn(t("add_data.stored_value"), disabled=True),
                       "value": st.column_config.NumberColumn(t("add_data.col_value"), min_value=0),
                       "stage": st.column_config.TextColumn(t("add_data.col_stage"), help=t("add_data.stage_help")),
                       "check": st.column_config.TextColumn(t("add_data.col_check"), help=t("add_data.check_help")),
                       **{name: st.column_config.Column(t(f"add_data.col_{name}"))
                          for name in ("year", "metric", "unit", "qualifier", "scope", "note")}},
        disabled=["unit", "stored_value", "stage", "check"],
    )
if "sentence" in facts.columns and len(facts):
    flagged = int(facts["check"].notna().sum())
    with st.expander(t("add_data.where_read", flagged=flagged), expanded=bool(flagged)):
        for row in facts.itertuples(index=False):
            if isinstance(row.sentence, str):
                stage = t(f"add_data.stage_{row.stage}") if row.stage in ("reported", "expected") else t("add_data.stage_unknown")
                st.markdown(f"{row.year} · {row.metric} · {stage}"
                            + (" · ⚠ " + t("add_data.check", flags=row.check) if isinstance(row.check, str) else ""))
                st.caption(highlighted(row.sentence, row.number_start, row.number_end))
prefer = None
if conflicts:
    choices = {t("add_data.keep"): "old", t("add_data.replace"): "new"}
    prefer = choices[st.radio(t("add_data.on_conflict"), list(choices), horizontal=True)]
if source is None:
    st.info(t("add_data.need_source"))
confirm = st.checkbox(t("add_data.confirm"))
nothing = edited.empty and not facts.attrs.get("projects")
if st.button(t("add_data.load"), type="primary", disabled=source is None or not confirm or nothing):
    st.session_state["_load_job"] = start_job(lambda progress: load_reviewed(
        edited, parsed, config.db_path(), source, prefer, create_editions=create_editions, progress=progress))

# The load runs in the background; this run shows its progress until it ends. If the session ends,
# the beats stop and the job cancels itself, leaving the database as it was.
job = st.session_state.get("_load_job")
if job is not None:
    bar = st.progress(0.0, text=t("add_data.loading"))
    while job.running:
        job.beat()
        bar.progress(job.progress.fraction, text=t("add_data.loading_step", step=job.progress.label))
        time.sleep(0.2)
    bar.empty()
    st.session_state.pop("_load_job", None)
    if job.error is not None:
        if isinstance(job.error, LoadError):
            st.error(page_message(job.error.message))
        elif job.cancelled:
            st.warning(t("add_data.cancelled"))
        else:
            st.error(t("add_data.failed", error=type(job.error).__name__))
    else:
        change = job.result
        st.session_state.pop("_preview", None), st.session_state.pop("_preview_request", None)
        extras = ((t("add_data.loaded_registers", rows=f"{change.projects:,}") if change.projects else "")
                  + (t("add_data.loaded_editions", count=len(change.new_editions)) if change.new_editions else "")
                  + "".join(t("add_data.loaded_extra", rows=len(rows), table=table)
                            for table, rows in change.extras.items() if len(rows)))
        st.success(t("add_data.loaded", inserted=len(change.inserted), updated=len(change.updated),
                     kept=change.kept_old, extras=extras))
