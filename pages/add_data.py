"""Add data (guarded): upload a release or a CSV/XLSX/JSON file, review the figures, load on confirmation."""
import time
from datetime import date

import streamlit as st

import config
from loaders.errors import LoadError
from loaders.staging import ALLOWED_SUFFIXES, highlighted, load_reviewed, marked, preview, start_job
from loaders.worker import read_upload_bounded, warm
from ui import admin, intake_review
from ui.i18n import language, t
from ui.load_errors import say
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
# A finished load is said once at the top, over an empty form: the review it loaded is gone (#34), and
# the uploader is a new one (its key changes), so the file is not previewed again.
if loaded := st.session_state.pop("_loaded", None):
    st.success(loaded["message"])
    for line in loaded["lines"]:
        st.write(line)
upload = st.file_uploader(t("add_data.file"), type=[s.lstrip(".") for s in ALLOWED_SUFFIXES],
                          key=f"upload_{st.session_state.get('_upload_round', 0)}")
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
        parsed = read_upload_bounded(upload.name, upload.getvalue(), int(year) if year else None,
                                     published_on=published_on)
        facts = preview(parsed, config.db_path(), source)
    except LoadError as exc:
        st.session_state.pop("_preview_request", None)
        st.error(say(exc, language()))  # their file's name, the page's words
        st.stop()
    st.session_state["_preview"] = {"parsed": parsed, "facts": facts}
    st.session_state["_preview_request"] = request
parsed, facts = (st.session_state["_preview"][k] for k in ("parsed", "facts"))

# Render: review and confirm
undecided = int((facts["status"] == "conflict").sum())
if facts.attrs.get("projects"):
    st.write(t("add_data.registers", rows=f"{facts.attrs['projects']:,}"))
else:
    st.write(t("add_data.summary_rule", figures=int((facts["status"] == "new").sum()),
               settled=int(facts["status"].isin(["replace", "keep"]).sum()), conflicts=undecided,
               parts=int((facts["status"] == "skip").sum()), unchanged=facts.attrs.get("unchanged", 0)))
extras = intake_review.review_extras(facts.attrs.get("extras", {}))
new_editions = facts.attrs.get("new_editions", [])
create_editions = False
if new_editions:
    years = ", ".join(str(e["year"]) for e in new_editions)
    st.warning(t("add_data.no_edition", years=years))
    create_editions = st.checkbox(t("add_data.create_edition", years=years))
if undecided:
    st.warning(t("add_data.conflicts_rule"))
edited = facts
if not facts.attrs.get("projects"):
    edited = intake_review.review_table(facts.assign(
        stage_words=[intake_review.stage_words(s) for s in facts["stage"]],
        scope_words=[intake_review.scope_words(s) for s in facts["scope"]],
        change=[intake_review.change_words(r) for r in facts.to_dict("records")],
        read=[marked(r.get("sentence"), r.get("number_start"), r.get("number_end"))
              for r in facts.to_dict("records")] if "sentence" in facts.columns else None))
if "sentence" in facts.columns and len(facts):
    flagged = int(facts["check"].notna().sum())
    with st.expander(t("add_data.where_read", flagged=flagged), expanded=bool(flagged)):
        for row in facts.itertuples(index=False):
            if isinstance(row.sentence, str):
                st.markdown(f"{row.year} · {row.metric} · {intake_review.stage_words(row.stage)} · "
                            f"{intake_review.scope_words(row.scope)}"
                            + (" · ⚠ " + t("add_data.check", flags=row.check) if isinstance(row.check, str) else ""))
                st.caption(highlighted(row.sentence, row.number_start, row.number_end))
prefer = None
if undecided:
    choices = {t("add_data.keep"): "old", t("add_data.replace"): "new"}
    prefer = choices[st.radio(t("add_data.on_conflict"), list(choices), horizontal=True)]
# a table whose rows name their own source loads without the page's source fields (as on the command line)
rows_have_sources = (not facts.attrs.get("projects") and len(facts) > 0
                     and bool((facts["source_id"].notna() | facts["source_url"].notna()).all()))
if source is None and not rows_have_sources:
    st.info(t("add_data.need_source"))
confirm = st.checkbox(t("add_data.confirm"))
nothing = edited.empty and not facts.attrs.get("projects")
if st.button(t("add_data.load"), type="primary",
             disabled=(source is None and not rows_have_sources) or not confirm or nothing):
    st.session_state["_load_job"] = start_job(lambda progress: load_reviewed(
        edited, parsed, config.db_path(), source, prefer, create_editions=create_editions, progress=progress,
        extras=extras))

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
            st.error(say(job.error, language()))
        elif job.cancelled:
            st.warning(t("add_data.cancelled"))
        else:
            st.error(t("add_data.failed", error=type(job.error).__name__))
    else:
        change = job.result
        # two statements, not a tuple: a bare expression would be drawn on the page by Streamlit's magic
        st.session_state.pop("_preview", None)
        st.session_state.pop("_preview_request", None)
        extras = ((t("add_data.loaded_registers", rows=f"{change.projects:,}") if change.projects else "")
                  + (t("add_data.loaded_editions", count=len(change.new_editions)) if change.new_editions else "")
                  + "".join(t("add_data.loaded_extra", rows=len(rows), table=t(f"add_data.table_{table}"))
                            for table, rows in change.extras.items() if len(rows)))
        st.session_state["_loaded"] = {
            "message": t("add_data.loaded", inserted=len(change.inserted), updated=len(change.updated),
                         kept=change.kept_old, extras=extras),
            "lines": intake_review.replaced_lines(change)}
        st.session_state["_upload_round"] = st.session_state.get("_upload_round", 0) + 1
        st.rerun()
