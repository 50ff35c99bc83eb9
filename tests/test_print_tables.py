"""Every table has a printable twin with the grid's headers and formats (issue #23, N7): on paper the
canvas grid keeps only what the screen showed, so the print stylesheet shows the twin instead."""
import pandas as pd
import streamlit as st

from ui.safe_text import from_markdown
from ui.tables import printable

FRAME = pd.DataFrame({"year": [2019.0, 2020.0], "value": [1234.5, None], "is_derived": [True, False],
                      "note": ["*not* bold", ""], "url": ["https://example.org/a", "https://example.org/b"],
                      "secret": ["x", "y"]})
CONFIG = {"year": st.column_config.NumberColumn("edition", format="%d"), "value": "value (bn CNY)",
          "is_derived": st.column_config.CheckboxColumn("derived"), "secret": None,
          "url": st.column_config.LinkColumn("link", display_text="open")}


def test_headers_are_the_grid_labels_and_hidden_columns_stay_hidden():
    assert list(printable(FRAME, CONFIG).columns) == ["edition", "value (bn CNY)", "derived", "note", "link"]


def test_numbers_follow_the_grid_format_and_blanks_stay_blank():
    shown = printable(FRAME, CONFIG).map(from_markdown)
    assert shown["edition"].tolist() == ["2019", "2020"]
    assert shown["value (bn CNY)"].tolist() == ["1,234.5", ""]
    assert shown["derived"].tolist() == ["✓", ""]


def test_data_words_are_shown_as_written_not_as_markdown():
    shown = printable(FRAME, CONFIG)
    assert shown["note"].tolist()[0] == r"\*not\* bold"
    assert from_markdown(shown["link"].tolist()[0]) == "https://example.org/a"


def test_column_order_is_kept():
    assert list(printable(FRAME, CONFIG, column_order=["url", "year"]).columns) == ["link", "edition"]


def test_the_page_script_redraws_charts_at_the_printable_width():
    from ui.print_style import A11Y_SCRIPT, PRINT_WIDTH_PX

    assert f"const PRINT_WIDTH_PX = {PRINT_WIDTH_PX};" in A11Y_SCRIPT  # written out: the script is never built
