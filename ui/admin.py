"""The admin guard every data-changing action on a page goes through: the password form, slowed
down after wrong passwords (loaders.staging.LOGIN_THROTTLE, looked up on each try, per session and per client address)."""
from __future__ import annotations

import uuid

import streamlit as st

from loaders import staging
from ui.i18n import t

UNLOCKED = "admin_ok"  # one unlock per session serves every guarded action


def unlocked(expected: str, form_key: str = "login") -> bool:
    """True once this session gave the admin password `expected`; until then draws the password
    form (and says when a wrong password or the rate limit refused it)."""
    if st.session_state.get(UNLOCKED):
        return True
    session_key = st.session_state.setdefault("_login_key", f"session-{uuid.uuid4()}")
    address_key = f"address-{st.context.ip_address}" if st.context.ip_address else None
    with st.form(form_key):
        given = st.text_input(t("add_data.password"), type="password")
        if st.form_submit_button(t("add_data.unlock")):
            wait = staging.LOGIN_THROTTLE.wait_s(session_key, address_key)
            if wait > 0:
                st.error(t("add_data.too_many", wait=f"{wait:.0f}"))
            elif staging.password_ok(given, expected):
                staging.LOGIN_THROTTLE.succeeded(session_key, address_key)
                st.session_state[UNLOCKED] = True
                st.rerun()
            else:
                staging.LOGIN_THROTTLE.failed(session_key, address_key)
                st.error(t("add_data.wrong_password"))
    return False
