"""pages/explorer.py through AppTest on the fixture world (tests/fixtures/world, editions 2018-2021).

Fixture facts: 12 in 2018-2021, of which 2 (both 2020) are derived; sources src-a (3 facts),
src-b (5), src-c (4, the two derived among them); publishers Test Gazette (src-a, src-b) and
Fixture Daily (src-c).
"""

import pytest
from streamlit.testing.v1 import app_test as app_test_module
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage




@pytest.fixture
def media(monkeypatch):
    """The in-memory media storage of the last AppTest run: download buttons' bytes by URL."""
    storages = []

    class Recording(MemoryMediaFileStorage):
        def __init__(self, endpoint):
            super().__init__(endpoint)
            storages.append(self)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)
    return lambda url: storages[-1].get_file(url.rsplit("/", 1)[-1]).content


@pytest.fixture
def explorer(open_app, media):
    at = open_app("pages/explorer.py", timeout=30)
    assert not at.exception, [e.message for e in at.exception]
    return at


def shown(at):
    return at.dataframe[0].value  # the page's only table


def test_default_shows_the_ten_reported_facts_and_three_downloads(explorer):
    assert len(shown(explorer)) == 10
    assert [b.proto.label for b in explorer.get("download_button")] == [
        "Download CSV (Excel)", "Download XLSX", "JSON for scripts"]
    assert explorer.markdown[0].value.startswith("**10 figures from 3 sources**")


def test_including_derived_adds_the_two_2020_figures(explorer):
    explorer.toggle(key="derived").set_value(True).run()
    table = shown(explorer)
    assert len(table) == 12
    assert table.loc[table["derived"], "year"].tolist() == [2020, 2020]


def test_usd_converts_money_and_shows_the_rate(explorer):
    explorer.radio(key="cur").set_value("USD").run()
    table = shown(explorer)
    money = table[table["unit"] == "bn USD"]
    assert money["year"].tolist() == [2018, 2019]
    assert money["cny_per_usd"].tolist() == [6.6, 7.0]
    assert "bn CNY" not in table["unit"].tolist()


def test_search_and_metric_filter(explorer):
    explorer.text_input(key="search").input("gazette").run()
    assert len(shown(explorer)) == 8  # src-a and src-b
    explorer.multiselect(key="metrics").set_value(["projects_signed"]).run()
    assert shown(explorer)["year"].tolist() == [2018, 2019]


def test_search_text_that_looks_like_sql_is_just_text(explorer):
    explorer.text_input(key="search").input("' or 1=1 --").run()
    assert not explorer.exception
    assert len(shown(explorer)) == 0


def test_category_narrows_to_its_metrics(explorer):
    explorer.selectbox(key="category").set_value("Participation").run()
    assert sorted(shown(explorer)["metric"].unique()) == ["Attendees", "Countries and regions"]


def test_no_export_is_built_on_a_rerun_nobody_asked_for(explorer, monkeypatch):
    """Downloads are deferred: the files are built when a button is clicked (tests/e2e), never
    on the reruns of typing a search or changing a filter."""
    import ui.export

    built = []
    for name in ("to_csv_bytes", "to_xlsx_bytes", "to_json_bytes"):
        monkeypatch.setattr(ui.export, name, lambda *a, _name=name, **k: built.append(_name) or b"")
    explorer.text_input(key="search").input("gazette").run()
    explorer.radio(key="cur").set_value("USD").run()
    assert not explorer.exception
    assert len(explorer.get("download_button")) == 3
    assert built == []




def test_a_link_opens_the_explorer_narrowed(open_app):
    """category, metrics and search are URL parameters: a shared link opens the same narrowing."""
    at = open_app("pages/explorer.py", timeout=30, category="investment", metrics="Projects signed",
                  search="gazette", **{"from": "2019"})
    assert not at.exception, [e.message for e in at.exception]
    assert (at.selectbox(key="category").value, at.multiselect(key="metrics").value,
            at.text_input(key="search").value) == ("Investment", ["projects_signed"], "gazette")
    assert shown(at)[["year", "metric", "publisher"]].values.tolist() == [[2019, "Projects signed", "Test Gazette"]]


def test_a_chinese_link_opens_the_explorer_narrowed_in_chinese(open_app):
    at = open_app("pages/explorer.py", timeout=30, lang="zh", metrics="签约项目")
    assert not at.exception, [e.message for e in at.exception]
    assert at.multiselect(key="metrics").value == ["projects_signed"]
    assert shown(at)["year"].tolist() == [2018, 2019]


def test_the_downloads_are_named_after_the_narrowing(open_app, monkeypatch):
    import ui.export

    names = []
    real = ui.export.export_file_name
    monkeypatch.setattr(ui.export, "export_file_name", lambda *a, **k: names.append(real(*a, **k)) or names[-1])
    at = open_app("pages/explorer.py", timeout=30, category="investment", metrics="Projects signed",
                  **{"from": "2019", "to": "2019"})
    assert not at.exception, [e.message for e in at.exception]
    assert names[-3:] == ["wmc-explorer-2019-investment-projects_signed-CNY." + ext for ext in ("csv", "xlsx", "json")]
    names.clear()
    at.text_input(key="search").input("签约").run()
    assert all(n.startswith("wmc-explorer-2019-investment-projects_signed-search-") and n.isascii() for n in names), names


def test_in_usd_the_editions_without_a_rate_are_named_above_the_table(shipped_app):
    """No silent empty value cell: the shipped data has no annual rate for 2024 and 2025."""
    at = shipped_app("pages/explorer.py", cur="USD", **{"from": "2023"})
    notes = [c.value for c in at.caption if "No annual rate" in c.value]
    assert notes and "2024, 2025" in notes[0] and "2023" not in notes[0]
    table = at.dataframe[0].value
    empty = table[table["value"].isna()]
    assert set(empty["year"]) == {2024, 2025} and empty["note"].str.startswith("No annual CNY/USD rate").all()
    cny = shipped_app("pages/explorer.py", cur="CNY", **{"from": "2023"})
    assert not [c.value for c in cny.caption if "No annual rate" in c.value]
