"""A cell without a value is blank, never the word "None": the grids (st.dataframe draws a missing cell as
"None" unless told otherwise), their printable twins and the short Markdown tables (ui/tables.py)."""
import numpy as np
import pandas as pd
import pytest
import streamlit as st

from ui.tables import MISSING_CELL, markdown_table, printable

STREAMLIT_DEFAULT_PLACEHOLDER = "None"  # st.dataframe's text for a missing cell when no placeholder is given
NOT_A_VALUE = {"None", "nan", "NaN", "NaT", "<NA>"}


def _drawn(grid) -> pd.DataFrame:
    """A grid's cells as the browser draws their text: a missing cell as the grid's placeholder."""
    proto = grid.proto
    placeholder = proto.placeholder if proto.HasField("placeholder") else STREAMLIT_DEFAULT_PLACEHOLDER
    frame = grid.value
    return frame.astype(object).where(frame.notna(), placeholder).astype(str)


def test_the_overview_figures_behind_an_edition_without_attendees_show_no_none(shipped_app):
    at = shipped_app(edition="2022")  # 2022 has no attendees figure: its row keeps a null value
    at.session_state["behind_overview"] = True  # open "Figures behind the cards"
    at.run()
    assert not at.exception
    grid = next(d for d in at.dataframe if "label" in d.value.columns)
    shown = grid.value
    attendees = shown[(shown["year"] == 2022) & (shown["label"] == "Attendees")]
    assert len(attendees) == 1 and attendees["value"].isna().all()  # the data that used to read "None"
    drawn = _drawn(grid)
    assert not drawn.isin(NOT_A_VALUE).any().any(), drawn[drawn.isin(NOT_A_VALUE).any(axis=1)]
    assert drawn.loc[attendees.index, "value"].tolist() == [MISSING_CELL]
    for twin in at.table:  # the printable twins of every grid on the page
        assert not twin.value.astype(str).isin(NOT_A_VALUE).any().any()


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT, np.datetime64("NaT"), np.nan])
def test_a_missing_cell_is_blank_in_the_twin_and_the_short_table(missing):
    frame = pd.DataFrame({"year": [2022], "x": pd.Series([missing], dtype=object)})
    config = {"year": st.column_config.NumberColumn("Edition", format="%d"), "x": "X"}
    assert printable(frame, config)["X"].tolist() == [MISSING_CELL]
    assert markdown_table(frame, config).splitlines()[-1] == f"| 2022 | {MISSING_CELL} |"
