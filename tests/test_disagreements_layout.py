"""Sources → Disagreements (issue #23, N35): what each source says is read without scrolling sideways:
the headline and its source beside the other value and its source, the first columns of the table."""
from test_disagreements import disagreements


def _table(shipped_app, lang="en"):
    at = shipped_app("pages/sources.py", lang=lang)
    return next(d.value for d in at.dataframe if "also_reported" in d.value.columns)


def test_each_value_sits_with_its_source_in_the_first_columns(shipped_app):
    table = _table(shipped_app)
    assert list(table.columns[:4]) == ["year", "label", "headline", "also_reported"]
    expected = disagreements()
    assert len(table) == len(expected)
    assert all(cell.count(", ") >= 2 for cell in [*table["headline"], *table["also_reported"]])  # value, publisher, date
    assert {p for p in expected["publisher"] if not any(p in cell for cell in table["also_reported"])} == set()


def test_the_table_is_narrow_enough_for_a_desktop(shipped_app):
    assert len(_table(shipped_app).columns) <= 8
