"""Tables shown under charts ("show data")."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.format import readable_codes

COLUMNS = ["year", "label", "value", "unit", "qualifier", "is_derived", "scope", "publisher", "published_on", "url"]


def show_data(series: pd.DataFrame, title: str = "Show data") -> None:
    """The figures behind a chart, with units, qualifiers and sources; links clickable."""
    with st.expander(title):
        shown = readable_codes(series[[c for c in COLUMNS if c in series.columns]])
        st.dataframe(
            shown, hide_index=True, width="stretch",
            column_config={
                "year": st.column_config.NumberColumn("edition", format="%d"),
                "label": "metric",
                "value": st.column_config.NumberColumn("value", format="localized"),
                "is_derived": st.column_config.CheckboxColumn("derived"),
                "published_on": st.column_config.DateColumn("published"),
                "url": st.column_config.LinkColumn("link", display_text="open"),
            },
        )
