"""Explorer links that travel (issue #23, N5/N6): the narrowing in codes, old word-links still
read, a language switch keeps it, an unusable parameter named."""
from ui import explorer_link

CATALOGUE = {"projects_signed": "Projects signed", "attendees": "Attendees"}
CODES = ["all", "investment", "exhibition", "participation"]


def test_codes_and_words_of_either_language_are_read():
    assert explorer_link.read("investment", ["projects_signed"], CODES, CATALOGUE) == ("investment", ["projects_signed"], [])
    assert explorer_link.read("展览", ["签约项目"], CODES, CATALOGUE) == ("exhibition", ["projects_signed"], [])
    assert explorer_link.read("Investment", ["Projects signed"], CODES, CATALOGUE)[:2] == ("investment", ["projects_signed"])


def test_unusable_values_are_named_not_echoed():
    assert explorer_link.read("nonsense", ["Foo", "attendees"], CODES, CATALOGUE) == ("all", ["attendees"], ["category", "metrics"])


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _table(at):
    return at.dataframe[0].value


def test_a_chinese_link_opens_narrowed_in_an_english_page_with_codes_in_the_url(open_app):
    at = open_app("pages/explorer.py", timeout=30, category="招商签约", metrics="签约项目")
    assert not at.exception
    assert (at.selectbox(key="category").value, at.multiselect(key="metrics").value) == ("Investment", ["projects_signed"])
    assert [_as_list(at.query_params[k]) for k in ("category", "metrics")] == [["investment"], ["projects_signed"]]
    assert set(_table(at)["metric"]) == {"Projects signed"}


def test_switching_language_keeps_the_narrowing(open_app):
    at = open_app("pages/explorer.py", timeout=30, category="investment", metrics="projects_signed", search="gazette")
    rows = len(_table(at))
    at.segmented_control(key="_lang_switch").set_value("zh").run()
    assert not at.exception
    assert (at.selectbox(key="category").value, at.multiselect(key="metrics").value,
            at.text_input(key="search").value) == ("招商签约", ["projects_signed"], "gazette")
    assert _as_list(at.query_params["category"]) == ["investment"]
    assert len(_table(at)) == rows and set(_table(at)["metric"]) == {"签约项目"}


def test_an_unusable_parameter_is_named_in_a_caption(open_app):
    at = open_app("pages/explorer.py", timeout=30, category="nonsense", metrics="Foo")
    captions = [c.value for c in at.caption]
    assert any("category is not one of the choices here" in c for c in captions)
    assert any("metrics is not one of the choices here" in c for c in captions)
    assert not any("nonsense" in c or "Foo" in c for c in captions)


def test_a_drill_year_narrows_only_the_explorer(open_app):
    at = open_app("pages/explorer.py", timeout=30, year="2019")
    assert set(_table(at)["year"]) == {2019}
    assert (at.selectbox(key="from").value, at.selectbox(key="to").value) == (2018, 2021)
    assert any("Only 2019" in c.value for c in at.caption)
    at.button(key="explorer_all_years").click().run()
    assert set(_table(at)["year"]) == {2018, 2019, 2021}


def test_a_year_outside_the_range_is_named(open_app):
    at = open_app("pages/explorer.py", timeout=30, year="1999")
    assert any("year is not one of the choices here" in c.value for c in at.caption)
    assert len(set(_table(at)["year"])) > 1


def test_a_chinese_search_finds_publishers_stored_in_english():
    import pandas as pd
    from ui.export import row_mask

    table = pd.DataFrame({"metric": ["签约项目"] * 3, "scope": [""] * 3,
                          "publisher": ["Xinhua (via INP)", "China Daily", "PR Newswire"]})
    assert row_mask(table, [], "新华").tolist() == [True, False, False]
    assert row_mask(table, [], "中国日报").tolist() == [False, True, False]
