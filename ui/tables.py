"""Tables shown under charts ("show data")."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.i18n import fmt, localized, t

COLUMNS = ["year", "label", "value", "unit", "qualifier", "is_derived", "scope", "publisher", "published_on",
           "published_precision", "url"]


def show_data(series: pd.DataFrame, title: str | None = None) -> None:
    """The figures behind a chart, with units, qualifiers and sources; links clickable."""
    with st.expander(title or t("table.show_data")):
        shown = fmt().readable_codes(localized(series)[[c for c in COLUMNS if c in series.columns]])
        st.dataframe(
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
                "url": st.column_config.LinkColumn(t("col.link"), display_text=t("col.open")),
            },
        )
