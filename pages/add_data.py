"""Add data (guarded): upload a release or a CSV/XLSX/JSON file, review the figures, load on confirmation."""
import uuid
from datetime import date
from pathlib import Path

import streamlit as st

import config
from loaders.errors import LoadError
from ui.shell import current_filters
from ui.staging import (ALLOWED_SUFFIXES, LOGIN_THROTTLE, load_edited, new_upload_folder, page_message, password_ok,
                        preview, remove_upload_folder, stage_upload)

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

# Data: stage and preview, once per upload and source (not on every edit of the review table)
request = (upload.file_id, source_url.strip(), publisher.strip(), published_on, year)
if st.session_state.get("_staged_request") != request:
    remove_upload_folder(st.session_state.pop("_staged", {}).get("folder"))
    folder = new_upload_folder()
    try:
        staged = stage_upload(upload.name, upload.getvalue(), folder)
        facts = preview(staged, config.db_path(), source, int(year) if year else None)
    except LoadError as exc:
        remove_upload_folder(folder)
        st.session_state.pop("_staged_request", None)
        st.error(page_message(exc.message, folder))  # their file's name, the page's words
        st.stop()
    st.session_state["_staged"] = {"folder": folder, "staged": staged, "facts": facts}
    st.session_state["_staged_request"] = request
folder, staged, facts = (st.session_state["_staged"][k] for k in ("folder", "staged", "facts"))

# Render: review and confirm
conflicts = int((facts["status"] == "conflict").sum())
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
if conflicts:
    st.warning("Rows marked *conflict* differ from a stored figure (column `stored_value`). "
               "Choose below which one wins.")
edited = st.data_editor(
    facts, hide_index=True, width="stretch", key="review",
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
if st.button("Load into the database", type="primary", disabled=source is None or not confirm or edited.empty):
    try:
        change = load_edited(edited, config.db_path(), source, prefer, folder, staged=staged,
                             year=int(year) if year else None)
    except LoadError as exc:
        st.error(page_message(exc.message, folder))
    else:
        remove_upload_folder(folder)  # loaded: the staged copy is no longer needed
        st.session_state.pop("_staged", None), st.session_state.pop("_staged_request", None)
        st.success(f"Loaded: {len(change.inserted)} new, {len(change.updated)} replaced, "
                   f"{change.kept_old} kept as stored" + "".join(
                       f", {len(rows)} {table} row(s)" for table, rows in change.extras.items() if len(rows)) + ".")
