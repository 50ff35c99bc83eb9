"""Text from data is text (I12, I13): Markdown and HTML in publishers, scopes and names are shown as written, and
characters that reverse or hide text are refused at load, naming the file, row and column."""
from __future__ import annotations

import pytest

from loaders.__main__ import main
from queries.read_model import Figure
from ui.charts import hover_rows
from ui.kpis import card_help
from ui.safe_text import for_markdown, for_plotly, plain

PUBLISHER = 'Xinhua [verify here](https://evil.example/login) ![](http://127.0.0.1:8639/p.png) <a href="x">a</a> **b**'
ROW = {"value": 704.0, "qualifier": "exact", "unit": "projects", "publisher": PUBLISHER, "published_on": None,
       "published_precision": None, "scope": "whole convention", "year": 2025}


def test_the_kpi_help_shows_a_markdown_publisher_as_text():
    figure = Figure(2025, 704.0, "projects", "exact", "closing", "whole convention", "stored", "reported",
                    publisher=PUBLISHER)
    shown = card_help("en", "Projects signed", "projects", 2025, figure, None, [])
    assert "[verify here](" not in shown and "![](" not in shown and "**b**" not in shown
    assert r"\[verify here\]\(https\:" in shown and r"\!\[\]\(http\:" in shown and r"\*\*b\*\*" in shown


def test_chart_hovers_show_html_from_a_publisher_as_text():
    figure_text, publisher, _date = hover_rows([ROW])[0]
    assert "<a" not in publisher and '&lt;a href="x"&gt;a&lt;/a&gt;' in publisher


@pytest.mark.parametrize("value", [PUBLISHER, "Hefei \u202eCity Government\u202c Office", "a\u200bb", "x\ufeffy"])
def test_shown_text_is_the_value_less_invisible_characters(value):
    visible = value.replace("\u202e", "").replace("\u202c", "").replace("\u200b", "").replace("\ufeff", "")
    assert plain(value) == visible
    assert for_plotly(value).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == visible
    assert for_markdown(value).replace("\\", "") == visible


@pytest.mark.parametrize("column, text, code", [
    ("scope", "\u202eevil\u202c", "U+202C, U+202E"),
    ("scope", "hall\u200b 2", "U+200B"),
    ("note", "a\u2066b\u2069", "U+2066, U+2069"),
])
def test_a_direction_changing_character_is_refused_at_load(db_copy, tmp_path, capsys, column, text, code):
    path = tmp_path / "rtl.csv"
    note = text if column == "note" else ""
    scope = text if column == "scope" else "whole convention"
    path.write_text("convention,year,metric,value,unit,qualifier,scope,note\n"
                    f"WMC,2025,projects_signed,5,projects,exact,{scope},{note}\n", encoding="utf-8")
    before = db_copy.read_bytes()
    code_out = main(["add", str(path), "--db", str(db_copy), "--source-url", "https://e.org/r", "--publisher", "R"])
    err = capsys.readouterr().err
    assert code_out == 2 and f"row 2, column '{column}'" in err and code in err and str(path) in err
    assert db_copy.read_bytes() == before


def test_a_direction_changing_character_in_the_publisher_is_refused(db_copy, tmp_path, capsys):
    path = tmp_path / "p.csv"
    path.write_text("convention,year,metric,value,unit,qualifier,scope\nWMC,2025,projects_signed,5,projects,exact,x\n")
    code = main(["add", str(path), "--db", str(db_copy), "--source-url", "https://e.org/r",
                 "--publisher", "RTL\u202e-pub"])
    err = capsys.readouterr().err
    assert code == 2 and "column 'publisher'" in err and "U+202E" in err


def test_the_brief_prints_a_card_text_as_the_words_it_shows():
    """A card's note is written for Markdown (data words escaped); the PDF prints the words, without backslashes."""
    from ui.safe_text import for_markdown, from_markdown

    words = "in person at the Hefei main venue (opening ceremony) [a](b) *x* 1.5 = 3-2"
    assert for_markdown(words) != words and from_markdown(for_markdown(words)) == words
