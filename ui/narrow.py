"""A chart on wide screens, its list form on narrow ones (a phone), chosen by the browser's width.

The server does not know the width, so both are sent and a static style rule shows one: a container
whose key starts with `wide_` is hidden below NARROW_PX, one whose key starts with `narrow_` from
NARROW_PX up (Streamlit gives a keyed container the class `st-key-<key>`). Print is wide.
"""
from __future__ import annotations

import streamlit as st

from ui.i18n import t
from ui.safe_text import for_markdown

NARROW_PX = 640

# Static CSS, no data in it.
NARROW_CSS = f"""
<style>
@media screen and (max-width: {NARROW_PX}px) {{ [class*="st-key-wide_"] {{ display: none !important; }} }}
@media print, screen and (min-width: {NARROW_PX + 1}px) {{ [class*="st-key-narrow_"] {{ display: none !important; }} }}
</style>
"""


def wide_and_narrow(name: str):
    """Two containers: (`wide_<name>`, `narrow_<name>`); draw the chart in the first, its list in the second."""
    st.html(NARROW_CSS)
    return st.container(key=f"wide_{name}"), st.container(key=f"narrow_{name}")


def show_list(lines: list[tuple[str, str]]) -> None:
    """Lines '**name**: what it says', one a row; both parts are data or built from it, shown as text."""
    colon = t("chart.list_colon")
    st.markdown("\n".join(f"- **{for_markdown(head)}**{colon}{for_markdown(body)}" for head, body in lines))
