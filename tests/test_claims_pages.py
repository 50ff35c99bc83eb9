"""The reconciliation of cumulative claims as the Sources page and the Overview show it (AppTest).

On the fixture world (tests/fixtures/world): an exhibitors claim of the exhibition scope, a distinct
count of countries, and a claim about foreign-invested projects that no edition reports. On the
shipped data: the cases issue #13 named (97 countries over 2018–2022, 2,693 exhibitors, 2022's
expected projects), asserted by their wording so that corrected figures do not break them.
"""
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from apptest_texts import markdown_tables
from tests.conftest import ROOT

# the Overview's claims table, a Markdown table (ui/tables.show_short_table), column by column
OVERVIEW_COLUMNS = ["editions", "metric", "claimed", "flag", "sum_of_editions", "coverage", "publisher"]


def overview_claims(at) -> pd.DataFrame:
    """The Overview's claims table as the words it shows: its Markdown parsed back into rows."""
    header, *rows = markdown_tables(at)[0]
    assert len(header) == len(OVERVIEW_COLUMNS)
    return pd.DataFrame(rows, columns=OVERVIEW_COLUMNS)


def reconciliation(at):
    """The Sources page's reconciliation table (the one with the closing sums)."""
    return next(d.value for d in at.dataframe if "sum_closing" in d.value.columns)


def row(frame, metric, editions=None):
    found = frame[frame["metric"] == metric]
    return (found[found["editions"] == editions] if editions else found).iloc[0]


@pytest.fixture
def sources(open_app):
    at = open_app("pages/sources.py", timeout=30)
    assert not at.exception, [e.message for e in at.exception]
    return reconciliation(at)


def test_sources_compare_an_exhibitors_claim_with_the_exhibition_figures(sources):
    exhibitors = row(sources, "Exhibitors")
    assert (exhibitors["scope"], exhibitors["sum_closing"]) == ("exhibition", 800)
    assert exhibitors["flag"] == "? no reported figure for 2018: the claim leaves 700 companies for it"


def test_sources_never_sum_a_count_of_countries(sources):
    countries = row(sources, "Countries and regions")
    assert countries["flag"] == ("? Countries and regions are counted once, not added up: at least the largest "
                                 "edition (78, 2019); no reported figure for 2018")
    assert countries[["difference", "difference_pct"]].isna().all()


def test_sources_do_not_compare_foreign_invested_projects_with_the_whole_convention(sources):
    foreign = sources[sources["scope"] == "foreign-invested enterprise projects"].iloc[0]
    assert foreign["flag"] == ("– nothing to compare: no edition 2018–2020 has a figure for foreign-invested "
                               "enterprise projects; whole-convention figures are another scope")
    assert foreign[["sum_closing", "difference"]].isna().all()


def test_overview_shows_the_check_of_each_claim(open_app):
    at = open_app(edition="2020")  # the claims that end at or before the edition
    claims = overview_claims(at)
    assert not [d for d in at.dataframe if "flag" in d.value.columns]  # no grid on the first view
    assert row(claims, "Exhibitors")["flag"] == "? no reported figure for 2018: the claim leaves 700 companies for it"
    assert row(claims, "Projects signed", "2018–2020")["sum_of_editions"] == "1,068 projects + 684 projects derived"


def test_overview_says_the_check_in_chinese(open_app):
    at = open_app(edition="2020", lang="zh")
    claims = overview_claims(at)
    assert row(claims, "参展企业")["flag"] == "? 2018 年无报道数据：累计值为该届余下 700 家"


# ---------------------------------------------------------------- the shipped data

@pytest.fixture
def shipped(shipped_db, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    monkeypatch.delenv("WMC_ADMIN_PASSWORD", raising=False)

    def open_page(page, **query):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        at = at.switch_page(page).run() if page else at
        assert not at.exception, [e.message for e in at.exception]
        return at
    return open_page


def test_shipped_97_countries_lie_between_the_largest_edition_and_the_sum(shipped):
    countries = row(reconciliation(shipped("pages/sources.py")), "Countries and regions", "2018–2022")
    assert countries["flag"].startswith("✓ Countries and regions are counted once, not added up: between the "
                                        "largest edition")
    assert "off by" not in countries["flag"] and countries[["difference", "difference_pct"]].isna().all()


def test_shipped_exhibitors_claim_uses_the_four_exhibition_figures(shipped):
    exhibitors = row(reconciliation(shipped("pages/sources.py")), "Exhibitors", "2018–2022")
    assert exhibitors["coverage"] == "4 of 5"
    assert exhibitors["flag"].startswith("? no reported figure for 2018: the claim leaves ")


def test_shipped_2022_expected_projects_are_counted_apart_on_the_overview(shipped):
    claims = overview_claims(shipped(None, edition="2024"))
    projects = row(claims, "Projects signed", "2018–2022")
    assert projects["coverage"] == "4 of 5 + 1 expected"
    assert "the expected figure of 2022" in projects["flag"]
    assert projects["sum_of_editions"].endswith("+ 568 projects expected")


def test_every_check_is_also_written_out_under_the_table(open_app):
    at = open_app("pages/sources.py", timeout=30)
    words = next(e for e in at.expander if e.label == "Every check in words")
    lines = words.markdown[0].value.splitlines()
    assert len(lines) == 5
    assert r"- 2018–2019 · Exhibitors · 1,500 companies\: ? no reported figure for 2018\: the claim leaves 700 " \
           r"companies for it" in lines
