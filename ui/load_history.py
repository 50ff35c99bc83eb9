"""The load history of Sources & quality: every load run, and the guarded rollback of the last one.

The page draws; the rollback itself (write lock, version check, one rename) is loaders.versions.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

import config
from loaders import versions
from loaders.errors import LoadError
from queries import run
from ui import admin
from ui.i18n import code_word, t
from ui.tables import show_table

SHOWN = "_history_shown_version"  # the database version the history was last shown for
DONE = "_history_rolled_back"  # the message of a rollback, shown on the rerun after it


def _when(value) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value is not None else "–"


def _status(undone_by) -> str:
    return t("history.in_effect") if undone_by is None or pd.isna(undone_by) else t("history.undone_by", run_id=int(undone_by))


def _shown(runs: pd.DataFrame) -> pd.DataFrame:
    """The history as the table shows it: the action in words, and whether each load still holds."""
    undone = runs["undone_by"] if "undone_by" in runs.columns else pd.Series([None] * len(runs), index=runs.index)
    shown = runs.assign(action=runs["action"].map(lambda a: code_word("load_action", a)),
                        status=[_status(u) for u in undone])
    return shown[["run_id", "loaded_at", "action", "status", "files", "rows", "checksum"]]


def render() -> None:
    db = config.db_path()
    runs = run("load_runs")
    kept = versions.kept_versions(db)
    st.subheader(t("history.title"))
    st.caption(t("history.caption", kept=len(kept), limit=versions.keep_limit()))
    if DONE in st.session_state:
        st.success(st.session_state.pop(DONE))
    show_table(_shown(runs), hide_index=True, width="stretch", key="load_runs_table", column_config={
                     "run_id": st.column_config.NumberColumn(t("history.col_run"), format="%d"),
                     "loaded_at": st.column_config.DatetimeColumn(t("history.col_when"), format="YYYY-MM-DD HH:mm:ss"),
                     "action": t("history.col_action"), "files": st.column_config.TextColumn(t("history.col_files"), width="large"),
                     "rows": st.column_config.NumberColumn(t("history.col_rows"), format="localized"),
                     "status": st.column_config.TextColumn(t("history.col_status")),
                     "checksum": st.column_config.TextColumn(t("history.col_checksum"))})
    with st.expander(t("history.rollback"), icon=":material/history:"):
        _rollback_form(db, runs, kept)


def _rollback_form(db: Path, runs, kept: list[versions.Version]) -> None:
    expected = config.admin_password()
    if expected is None:
        st.info(t("history.rollback_off"))
        return
    if not admin.unlocked(expected, form_key="rollback_login"):
        return
    # The rollback is checked against the version this page showed on the run before the click:
    # a load that replaced the database in between makes it refuse rather than undo the wrong one.
    shown = st.session_state.get(SHOWN)
    st.session_state[SHOWN] = versions.file_version(db)
    if not kept:
        st.info(t("history.nothing_kept"))
        return
    previous = kept[0]
    current = int(runs["run_id"].iloc[0]) if len(runs) else "–"
    if previous.run_id is None:
        st.write(t("history.rollback_to_unknown"))
    else:
        st.write(t("history.rollback_to", current=current, run_id=previous.run_id, loaded_at=_when(previous.loaded_at),
                   action=code_word("load_action", previous.action), facts=previous.facts))
    confirm = st.checkbox(t("history.confirm"), key="rollback_confirm")
    if st.button(t("history.rollback_button"), type="primary", disabled=not confirm, key="rollback_button",
                 icon=":material/undo:"):
        try:
            restored = versions.rollback(db, expected_version=shown or st.session_state[SHOWN])
        except LoadError as exc:
            st.error(t("history.failed", reason=exc.problem))
            return
        st.session_state[DONE] = t("history.rolled_back", run_id=restored.run_id, loaded_at=_when(restored.loaded_at))
        st.session_state.pop("rollback_confirm", None)
        st.session_state.pop(SHOWN, None)
        st.rerun()
