"""The Add data review (issue #23, #34 leftovers): metrics in words, not keys; after a load, only what was
loaded is said, over an empty form (the old review and its Load button gone)."""
from test_add_data_review import db, fill_source, load, page, upload  # noqa: F401  (db is a fixture)

ROWS = "year,metric,value\n2019,projects_signed,650\n2021,countries_regions,40\n"


def test_the_review_names_metrics_in_words(db, monkeypatch):  # noqa: F811
    at = fill_source(upload(page(db, monkeypatch), "review.csv", ROWS))
    shown = at.dataframe[0].value
    assert "metric_words" in shown.columns and "countries_regions" not in set(shown["metric_words"])


def test_after_a_load_the_review_is_gone_and_the_change_is_in_words(db, monkeypatch):  # noqa: F811
    at = load(fill_source(upload(page(db, monkeypatch), "review.csv", ROWS)))
    assert at.success and at.success[0].value.startswith("Loaded:")
    assert not at.dataframe  # no review table left
    assert not [b for b in at.button if b.label == "Load into the database"]
    assert not any("countries_regions" in m.value for m in at.markdown)
