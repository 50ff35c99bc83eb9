"""Tables shown under charts ("show data"), and every table's printable twin."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from ui.i18n import fmt, localized, t
from ui.safe_text import for_markdown
from vocabulary import is_missing

COLUMNS = ["year", "label", "value", "unit", "qualifier", "is_derived", "scope", "publisher", "published_on",
           "published_precision", "url"]


def show_data(series: pd.DataFrame, title: str | None = None, *, key: str) -> None:
    """The figures behind a chart, with units, qualifiers and sources; links clickable. The table is made
    only once the expander is opened (a rerun of the page, or of its fragment): a grid on the first view
    held the whole page back until the browser had loaded the grid's 1.2 MB of code, because Streamlit
    shows a run's new elements together, once every one of them can be drawn (issue #24)."""
    with st.expander(title or t("table.show_data"), key=f"behind_{key}", on_change="rerun") as box:
        if not box.open:
            return
        shown = fmt().readable_codes(localized(series)[[c for c in COLUMNS if c in series.columns]])
        show_table(
            shown, hide_index=True, width="stretch",
            column_config={
                "year": st.column_config.NumberColumn(t("col.edition"), format="%d"),
                "label": t("col.metric"),
                "value": st.column_config.NumberColumn(t("col.value"), format="localized"),
                "unit": t("col.unit"),
                "qualifier": t("col.qualifier"),
                "scope": t("col.scope"),
                "publisher": t("col.publisher"),
                "is_derived": st.column_config.CheckboxColumn(t("col.derived")),
                "published_on": st.column_config.TextColumn(t("col.published")),  # as precise as known
                "url": st.column_config.LinkColumn(t("col.link"), display_text=t("table.open_link")),
            },
        )


# ------------------------------------------------------------------ tables on paper
# st.dataframe draws on a canvas at the screen's width and only the columns in view: a printed page
# keeps what the screen showed and cuts the rest at its right edge. Each table therefore has a twin,
# an HTML table (st.table) that the print stylesheet shows instead of the grid (ui/print_style.py);
# the screen never shows it. The twin has the grid's headers and number formats, as plain text.
PRINT_TWIN_KEY = "wmc_print_twin"  # the container's CSS class is st-key-<key>
SHORT_TABLE_KEY = "wmc_short_table"  # show_short_table's container: st-key-<key>_<name>


# How every table shows a cell without a value: blank, on screen (the grid's placeholder, which Streamlit
# otherwise draws as the word "None") and on paper (the twin, the short table) alike.
MISSING_CELL = ""


def _cell(value, kind: str, number_format: str | None) -> str:
    """One cell as st.table shows it: st.table reads Markdown, so data words are escaped (ui/safe_text)."""
    return for_markdown(_cell_text(value, kind, number_format))


def _cell_text(value, kind: str, number_format: str | None) -> str:
    if is_missing(value):
        return MISSING_CELL
    if kind == "checkbox":
        return "✓" if bool(value) else ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if number_format and "%" in number_format:
            return number_format % value
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def printable(frame: pd.DataFrame, column_config: dict | None = None, column_order=None) -> pd.DataFrame:
    """The grid's rows as the words a printed page shows, as st.table's Markdown: the column_config
    headers (hidden columns left out), numbers in the grid's format, ticks for checkboxes, blanks for
    missing values."""
    config = column_config or {}
    columns = [c for c in (column_order or frame.columns) if c in frame.columns and config.get(c, "") is not None]
    shown = {}
    for column in columns:
        setting = config.get(column) or {}
        setting = {"label": setting} if isinstance(setting, str) else setting
        if setting.get("hidden"):
            continue
        type_config = setting.get("type_config") or {}
        kind, number_format = type_config.get("type", ""), type_config.get("format")
        shown[setting.get("label") or str(column)] = [_cell(v, kind, number_format) for v in frame[column]]
    return pd.DataFrame(shown, columns=list(shown))


def _twin_key(frame: pd.DataFrame, key: str | None) -> str:
    if key:
        return f"{PRINT_TWIN_KEY}_{key}"
    digest = hashlib.blake2b(repr((list(frame.columns), frame.shape)).encode()
                             + frame.astype(str).to_csv(index=False).encode(), digest_size=6).hexdigest()
    return f"{PRINT_TWIN_KEY}_{digest}"


def markdown_table(frame: pd.DataFrame, column_config: dict | None = None) -> str:
    """A short table as Markdown: the printable twin's headers and cells (data words escaped, numbers in
    the grid's format), drawn by the browser as a plain HTML table on screen and on paper alike."""
    shown = printable(frame, column_config)
    one_line = lambda cell: str(cell).replace("\r", " ").replace("\n", " ")  # noqa: E731 (a row is one line)
    lines = ["| " + " | ".join(for_markdown(one_line(h)) for h in shown.columns) + " |",
             "|" + " --- |" * len(shown.columns)]
    lines += ["| " + " | ".join(one_line(cell) for cell in row) + " |" for row in shown.itertuples(index=False)]
    return "\n".join(lines)


def show_short_table(frame: pd.DataFrame, column_config: dict | None = None, *, key: str) -> None:
    """A table of a few rows on a page's first view, as Markdown: no grid, whose code the browser must
    load before Streamlit shows any of the run's new elements (the KPI cards with them; issue #24), and no
    twin, since the same table prints. Scrolls sideways on a narrow screen (ui/print_style.py)."""
    with st.container(key=f"{SHORT_TABLE_KEY}_{key}"):
        st.markdown(markdown_table(frame, column_config))


def show_table(frame: pd.DataFrame, **kwargs) -> None:
    """st.dataframe(frame, **kwargs) on screen, and its printable twin for paper. A cell without a value
    (NaN, None, pd.NA: a figure or a source an edition does not have) is blank in both (MISSING_CELL)."""
    st.dataframe(frame, **{"placeholder": MISSING_CELL, **kwargs})
    with st.container(key=_twin_key(frame, kwargs.get("key"))):
        st.table(printable(frame, kwargs.get("column_config"), kwargs.get("column_order")), border="horizontal",
                 hide_index=True)
