"""Stages on add (issue #21 item 5): the later stage wins whatever the values, an opening-day count over the plan
before it, and a figure confirmed at the close with the value it had on the opening day becomes a closing figure."""
import duckdb
import pytest

from loaders.__main__ import main
from loaders.headline import Side, decide


def source(name, day):
    return ["--source-url", f"https://example.org/{name}", "--publisher", name.title(), "--published-on", day,
            "--create-editions"]


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def stored(db, metric):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select value, qualifier, stage from facts where year = 2031 and metric = ?",
                           [metric]).fetchall()


@pytest.mark.parametrize("old, new, winner", [
    (Side(1100, "expected", "expected"), Side(1200, "more_than", "preliminary"), "new"),
    (Side(1200, "more_than", "preliminary"), Side(1100, "expected", "expected"), "old"),
    (Side(1200, "more_than", "preliminary"), Side(1250, "exact", "closing"), "new"),
])
def test_the_later_stage_wins(old, new, winner):
    assert (decide(old, new).winner, decide(old, new).step) == (winner, "closing_over_opening")


def test_an_opening_day_area_confirmed_at_the_close_becomes_closing(db_copy, tmp_path):
    opening = write(tmp_path, "opening.txt", "The 2031 World Manufacturing Convention opened on Friday in Hefei. "
                                             "Its exhibition covers 47,000 square meters.\n")
    assert main(["add", opening, "--db", str(db_copy), *source("opener", "2031-09-20"), "--prefer", "new"]) == 0
    assert stored(db_copy, "exhibition_area") == [(47000.0, "exact", "preliminary")]
    closing = write(tmp_path, "closing.txt", "The 2031 World Manufacturing Convention closed on Monday. Its "
                                             "exhibition covered 47,000 square meters.\n")
    assert main(["add", closing, "--db", str(db_copy), *source("closer", "2031-09-23")]) == 0
    assert stored(db_copy, "exhibition_area") == [(47000.0, "exact", "closing")]


def test_a_plan_after_an_opening_day_count_leaves_the_count(db_copy, tmp_path):
    count = write(tmp_path, "count.txt", "The 2031 World Manufacturing Convention opened on Friday in Hefei and is "
                                         "attended by more than 1,300 guests.\n")
    assert main(["add", count, "--db", str(db_copy), *source("counter", "2031-09-20"), "--prefer", "new"]) == 0
    plan = write(tmp_path, "plan.txt", "The 2031 World Manufacturing Convention will open on Friday; 1,100 guests "
                                       "are expected to attend.\n")
    assert main(["add", plan, "--db", str(db_copy), *source("planner", "2031-09-21")]) == 0
    assert stored(db_copy, "attendees") == [(1300.0, "more_than", "preliminary")]
