"""Add data (guarded): upload a release or a CSV/XLSX/JSON file, review the figures, load on confirmation."""
import time
import uuid
from datetime import date

import streamlit as st

import config
from loaders.errors import LoadError
from loaders.staging import (ALLOWED_SUFFIXES, LOGIN_THROTTLE, SOURCE_COLUMNS, load_reviewed, page_message,
                             password_ok, preview, read_upload, start_job)
from ui.shell import current_filters

current_filters()
st.title("Add data")

# Guard: data-changing actions are off unless an admin password is configured.
expected = config.admin_password()
if expected is None:
    st.info("Adding data is switched off on this server. An administrator can switch it on by setting "
            "`WMC_ADMIN_PASSWORD` (environment) or in `.streamlit/secrets.toml`.")
    st.stop()
if not st.session_state.get("admin_ok"):
    # Wrong passwords are slowed down per session and per client address.
    session_key = st.session_state.setdefault("_login_key", f"session-{uuid.uuid4()}")
    address_key = f"address-{st.context.ip_address}" if st.context.ip_address else None
    with st.form("login"):
        given = st.text_input("Admin password", type="password")
        if st.form_submit_button("Unlock"):
            wait = LOGIN_THROTTLE.wait_s(session_key, address_key)
            if wait > 0:
                st.error(f"Too many wrong passwords. Try again in {wait:.0f} s.")
            elif password_ok(given, expected):
                LOGIN_THROTTLE.succeeded(session_key, address_key)
                st.session_state["admin_ok"] = True
                st.rerun()
            else:
                LOGIN_THROTTLE.failed(session_key, address_key)
                st.error("Wrong password.")
    st.stop()

# Filters: the file and its source
st.caption("Drop a press release (.txt, .md, .html) or a table (.csv, .xlsx, .json). Figures are checked "
           "against the stored ones; nothing is written until you confirm.")
upload = st.file_uploader("File", type=[s.lstrip(".") for s in ALLOWED_SUFFIXES])
left, middle, right = st.columns(3)
source_url = left.text_input("Source URL", placeholder="https://…")
publisher = middle.text_input("Publisher", placeholder="e.g. Xinhua")
published_on = right.date_input("Published on", value=None, max_value=date.today())
year = st.number_input("Edition year (if the release does not say)", min_value=2018, max_value=2100,
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
        parsed = read_upload(upload.name, upload.getvalue(), int(year) if year else None)
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
    st.write(f"**{facts.attrs['projects']:,}** signed-project register row(s) to add.")
else:
    st.write(f"**{len(facts)}** figure(s) to add · **{conflicts}** conflict(s) with stored figures · "
             f"{facts.attrs.get('unchanged', 0)} already stored unchanged.")
extras = facts.attrs.get("extras", {})
if extras:
    with st.expander("Also in this release, loaded with it: " + ", ".join(
            f"{len(rows)} new {table} row(s)" for table, rows in extras.items())):
        for table, rows in extras.items():
            st.caption(table)
            st.dataframe(rows.drop(columns=["convention", "source_id"], errors="ignore"), hide_index=True,
                         width="stretch")
new_editions = facts.attrs.get("new_editions", [])
create_editions = False
if new_editions:
    years = ", ".join(str(e["year"]) for e in new_editions)
    st.warning(f"No edition {years} is stored yet, so figures for it would appear on no page. "
               "Create the edition with them (its number and city follow from the convention's history; "
               "dates and theme stay empty until a source gives them), or set those rows to skip.")
    create_editions = st.checkbox(f"Create the edition {years}")
if conflicts:
    st.warning("Rows marked *conflict* differ from a stored figure (column `stored_value`). "
               "Choose below which one wins.")
edited = facts
if not facts.attrs.get("projects"):
    edited = st.data_editor(
        facts, hide_index=True, width="stretch", key="review",
        column_order=[c for c in facts.columns if c not in SOURCE_COLUMNS],
        column_config={"status": st.column_config.SelectboxColumn("status", options=["new", "conflict", "skip"],
                                                                  help="Set to skip to leave a row out"),
                       "stored_value": st.column_config.NumberColumn("stored value", disabled=True),
                       "value": st.column_config.NumberColumn("value", min_value=0)},
        disabled=["unit", "stored_value"],
    )
prefer = None
if conflicts:
    prefer = {"Keep the stored figures": "old", "Replace them with the new ones": "new"}[
        st.radio("On conflict", ["Keep the stored figures", "Replace them with the new ones"], horizontal=True)]
if source is None:
    st.info("Give the source URL and publisher: nothing loads without a source.")
confirm = st.checkbox("I checked these figures against the document")
nothing = edited.empty and not facts.attrs.get("projects")
if st.button("Load into the database", type="primary", disabled=source is None or not confirm or nothing):
    st.session_state["_load_job"] = start_job(lambda progress: load_reviewed(
        edited, parsed, config.db_path(), source, prefer, create_editions=create_editions, progress=progress))

# The load runs in the background; this run shows its progress until it ends. If the session ends,
# the beats stop and the job cancels itself, leaving the database as it was.
job = st.session_state.get("_load_job")
if job is not None:
    bar = st.progress(0.0, text="Loading…")
    while job.running:
        job.beat()
        bar.progress(job.progress.fraction, text=f"Loading: {job.progress.label}…")
        time.sleep(0.2)
    bar.empty()
    st.session_state.pop("_load_job", None)
    if job.error is not None:
        if isinstance(job.error, LoadError):
            st.error(page_message(job.error.message))
        elif job.cancelled:
            st.warning("The load was cancelled; nothing was written.")
        else:
            st.error(f"The load failed ({type(job.error).__name__}); nothing was written.")
    else:
        change = job.result
        st.session_state.pop("_preview", None), st.session_state.pop("_preview_request", None)
        st.success(f"Loaded: {len(change.inserted)} new, {len(change.updated)} replaced, "
                   f"{change.kept_old} kept as stored"
                   + (f", {change.projects:,} register row(s)" if change.projects else "")
                   + (f", {len(change.new_editions)} new edition(s)" if change.new_editions else "")
                   + "".join(f", {len(rows)} {table} row(s)" for table, rows in change.extras.items() if len(rows))
                   + ".")
