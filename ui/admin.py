"""The admin guard every data-changing action on a page goes through: the password form, slowed
down after wrong passwords (loaders.staging.LOGIN_THROTTLE, looked up on each try, per session and per client address)."""
from __future__ import annotations

import math
import uuid

import streamlit as st

import config
from loaders import staging
from ui import st_internals
from ui.i18n import t

UNLOCKED = "admin_ok"  # one unlock per session serves every guarded action


def _address_key() -> str:
    """The client's address as the throttle counts it: always one (an unknown client counts as one address).

    Behind a trusted proxy the web server has put X-Forwarded-For's address in place of the proxy's; a server
    started without the forwarding setting pinned may have done so for anyone's header, so then every client
    that sends one shares one count."""
    if st.context.headers.get("X-Forwarded-For") and not config.forwarding_pinned():
        return "address-forwarded-unverified"
    return f"address-{st_internals.client_address() or 'unknown'}"


def wait_seconds(wait_s: float) -> int:
    """The whole seconds to tell a refused user: rounded up, never 0 (a user told 0 s retries too early)."""
    return max(1, math.ceil(wait_s))


def unlocked(expected: str, form_key: str = "login") -> bool:
    """True once this session gave the admin password `expected`; until then draws the password
    form (and says when a wrong password or the rate limit refused it)."""
    if st.session_state.get(UNLOCKED):
        return True
    session_key = st.session_state.setdefault("_login_key", f"session-{uuid.uuid4()}")
    address_key = _address_key()
    with st.form(form_key):
        given = st.text_input(t("add_data.password"), type="password")
        if st.form_submit_button(t("add_data.unlock")):
            wait = staging.LOGIN_THROTTLE.wait_s(session_key, address_key)
            if wait > 0:
                st.error(t("add_data.too_many", wait=wait_seconds(wait)))
            elif staging.password_ok(given, expected):
                staging.LOGIN_THROTTLE.succeeded(session_key, address_key)
                st.session_state[UNLOCKED] = True
                st.rerun()
            else:
                staging.LOGIN_THROTTLE.failed(session_key, address_key)
                st.error(t("add_data.wrong_password"))
    return False
