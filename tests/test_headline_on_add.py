"""The headline rule applied by `add`: the stored and the added figure of one edition, metric and scope are settled
by loaders.schema.HEADLINE_RULE, the loser kept in alternatives; only what the rule cannot decide asks the admin."""
import duckdb
import pytest

from loaders.__main__ import main
from loaders.build import sha256_file
from loaders.headline import Side, decide


def source(name):
    return ["--source-url", f"https://example.org/{name}", "--publisher", name.title(), "--published-on", "2021-11-23"]


def rows(db, sql, params=None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ---------------------------------------------------------------- the rule itself

@pytest.mark.parametrize("old, new, expected", [
    (Side(568, "expected", "expected"), Side(575, "exact", "closing"), ("new", "closing_over_opening")),
    (Side(575, "exact", "closing"), Side(590, "expected", "expected"), ("old", "closing_over_opening")),
    (Side(575, "exact", "preliminary"), Side(580, "exact", "closing"), ("new", "closing_over_opening")),
    (Side(575, "exact", "closing"), Side(580, "exact", "closing", results=True), ("new", "results_over_release")),
    (Side(580, "exact", "closing", results=True), Side(575, "exact", "closing"), ("old", "results_over_release")),
    (Side(575, "exact", "closing", reprint=True), Side(580, "exact", "closing"), ("new", "original_over_reprint")),
    (Side(430, "more_than", "closing"), Side(436, "exact", "closing"), ("new", "exact_over_rounded")),
    (Side(436, "exact", "closing"), Side(430, "more_than", "closing"), ("old", "exact_over_rounded")),
    (Side(638, "exact", "closing"), Side(650, "exact", "closing"), (None, None)),
])
def test_the_rule_decides_in_its_order(old, new, expected):
    decision = decide(old, new)
    assert (decision.winner, decision.step) == expected


def test_an_undecided_pair_says_why():
    assert "neither rounds the other" in decide(Side(638, "exact", "closing"), Side(650, "exact", "closing")).reason


# ---------------------------------------------------------------- on add

def test_a_closing_figure_replaces_an_expected_one_and_the_expected_one_is_kept(db_copy, tmp_path, capsys):
    expected = write(tmp_path, "plan.csv", "year,metric,value,qualifier\n2021,projects_signed,568,expected\n")
    assert main(["add", expected, "--db", str(db_copy), *source("planner")]) == 0
    closing = write(tmp_path, "closing.txt", "The 2021 World Manufacturing Convention closed in Hefei on Monday with "
                                             "575 projects signed.\n")
    capsys.readouterr()
    assert main(["add", closing, "--db", str(db_copy), *source("closer")]) == 0
    out = capsys.readouterr().out
    assert "WMC 2021 projects_signed [whole convention]: expected 568 -> 575 closing (closing_over_opening)" in out
    assert rows(db_copy, "select value, qualifier from facts where year = 2021 and metric = 'projects_signed'") \
        == [(575.0, "exact")]
    assert rows(db_copy, "select value, qualifier, preferred_by, publisher from alternatives join sources "
                         "using (source_id) where year = 2021") == [(568.0, "expected", "closing_over_opening", "Planner")]
    assert "expected 568 -> 575 closing" in rows(db_copy, "select changes from load_runs order by run_id desc")[0][0]


def test_an_expected_figure_after_the_closing_one_leaves_it_in_place(db_copy, tmp_path):
    preview = write(tmp_path, "late.txt", "The 2019 World Manufacturing Convention will open in Hefei, where 650 "
                                          "projects are expected to be signed.\n")
    assert main(["add", preview, "--db", str(db_copy), *source("latecomer")]) == 0
    assert rows(db_copy, "select value from facts where year = 2019 and metric = 'projects_signed'") == [(638.0,)]
    assert rows(db_copy, "select value, qualifier, preferred_by from alternatives where year = 2019 "
                         "and metric = 'projects_signed'") == [(650.0, "expected", "closing_over_opening")]


def test_the_results_conference_wins_over_a_closing_release(db_copy, tmp_path):
    results = write(tmp_path, "results.txt", "Results press conference of the 2019 World Manufacturing Convention\n"
                                             "The 2019 World Manufacturing Convention closed with 640 projects signed, "
                                             "officials told the results press conference.\n")
    assert main(["add", results, "--db", str(db_copy), *source("bulletin")]) == 0
    assert rows(db_copy, "select value from facts where year = 2019 and metric = 'projects_signed'") == [(640.0,)]
    assert rows(db_copy, "select value, preferred_by from alternatives where year = 2019 "
                         "and metric = 'projects_signed'") == [(638.0, "results_over_release")]


def test_an_exact_figure_wins_over_its_rounding(db_copy, tmp_path):
    exact = write(tmp_path, "exact.csv", "year,metric,value\n2018,projects_signed,436\n")
    assert main(["add", exact, "--db", str(db_copy), *source("counter")]) == 0
    assert rows(db_copy, "select value, qualifier from facts where year = 2018 and metric = 'projects_signed'") \
        == [(436.0, "exact")]
    assert rows(db_copy, "select value, qualifier, preferred_by from alternatives where year = 2018") \
        == [(430.0, "more_than", "exact_over_rounded")]


def test_the_original_publisher_wins_over_a_reprint(db_copy, tmp_path):
    mirror = write(tmp_path, "mirror.csv", "year,metric,value\n2021,projects_signed,590\n")
    args = ["--source-url", "https://example.org/mirror", "--publisher", "Daily via Mirror Site"]
    assert main(["add", mirror, "--db", str(db_copy), *args]) == 0
    original = write(tmp_path, "original.csv", "year,metric,value\n2021,projects_signed,592\n")
    assert main(["add", original, "--db", str(db_copy), *source("daily")]) == 0
    assert rows(db_copy, "select value from facts where year = 2021 and metric = 'projects_signed'") == [(592.0,)]
    assert rows(db_copy, "select preferred_by from alternatives where year = 2021") == [("original_over_reprint",)]


def test_only_an_undecided_conflict_asks_and_says_why(db_copy, tmp_path, capsys):
    other = write(tmp_path, "other.csv", "year,metric,value\n2019,projects_signed,650\n")
    before = sha256_file(db_copy)
    assert main(["add", other, "--db", str(db_copy), *source("other")]) == 2
    assert "the headline rule cannot decide (both are closing figures" in capsys.readouterr().err
    assert sha256_file(db_copy) == before
    assert main(["add", other, "--db", str(db_copy), *source("other"), "--prefer", "old"]) == 0
    assert rows(db_copy, "select value, preferred_by from alternatives where year = 2019 "
                         "and metric = 'projects_signed'") == [(650.0, "chosen_by_admin")]


def test_a_rebuild_replays_the_rule_and_the_admins_choice(db_copy, fixture_world, tmp_path):
    from loaders.build import build
    from loaders.staging import load_reviewed, preview, read_upload

    page_source = {"url": "https://example.org/page", "publisher": "Page Desk", "published_on": None}
    parsed = read_upload("exact.csv", b"year,metric,value\n2018,projects_signed,436\n2019,projects_signed,640\n")
    facts = preview(parsed, db_copy, page_source)
    assert facts.set_index("year")["status"].to_dict() == {2018: "replace", 2019: "conflict"}
    load_reviewed(facts.assign(status=["keep", "replace"]), parsed, db_copy, page_source, None)
    expected = [(2018, 430.0), (2019, 640.0)]
    sql = "select year, value from facts where metric = 'projects_signed' and year < 2020 order by year"
    assert rows(db_copy, sql) == expected
    build(fixture_world, db_copy)  # every build replays the recorded adds, the admin's choices included
    assert rows(db_copy, sql) == expected
    assert rows(db_copy, "select year, value, preferred_by from alternatives order by year") == [
        (2018, 436.0, "chosen_by_admin"), (2019, 638.0, "chosen_by_admin")]
