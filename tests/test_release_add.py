"""`add` of a press release also stores its organizers, cumulative claims and breakdowns."""

import duckdb
import pytest

from loaders.__main__ import main
from loaders.build import sha256_file

# Written for this test; the figures are the fixture world's.
RELEASE = """date 2021-11-23
Closing bulletin: 2021 World Manufacturing Convention
The 2021 World Manufacturing Convention in Hefei was jointly organized by the Ministry of Industry and
Information Technology, the China Association of Small and Medium Enterprises and the People's
Government of Anhui Province.
Since the first edition in 2018, the convention has seen a total of 2,455 projects signed.
"""
SOURCE = ["--source-url", "https://example.org/bulletin", "--publisher", "Bulletin Desk", "--published-on", "2021-11-23"]


@pytest.fixture
def db(db_copy):
    return db_copy  # a private copy of the fixture world (tests/conftest.py)


def rows(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_release_organizers_and_claims_are_stored_with_the_source(tmp_path, db):
    release = tmp_path / "bulletin.txt"
    release.write_text(RELEASE, encoding="utf-8")
    assert main(["add", str(release), "--db", str(db), *SOURCE]) == 0
    organizers = rows(db, "select organization, role, publisher from participation join sources using (source_id) "
                          "where year = 2021 and role = 'organizer' order by organization")
    # The fixture already names two of the three: those rows stay as stored; the new one gets the release's source.
    assert organizers == [("China Association of Small and Medium Enterprises", "organizer", "Bulletin Desk"),
                          ("Chinese Academy of Engineering", "organizer", "Fixture Daily"),
                          ("Ministry of Industry and Information Technology", "organizer", "Fixture Daily"),
                          ("People's Government of Anhui Province", "organizer", "Fixture Daily")]
    claims = rows(db, "select year_from, year_to, metric, value from claims join sources using (source_id) "
                      "where publisher = 'Bulletin Desk'")
    assert claims == [(2018, 2021, "projects_signed", 2455.0)]
    assert rows(db, "select count(*) from facts where year = 2021 and metric = 'projects_signed'") == [(0,)]
    assert ("Ministry of Industry and Information Technology", 2019) in rows(
        db, "select organization, first_year from organizations")


def test_release_rows_already_stored_are_not_added_twice(tmp_path, db):
    release = tmp_path / "bulletin.txt"
    release.write_text(RELEASE, encoding="utf-8")
    assert main(["add", str(release), "--db", str(db), *SOURCE]) == 0
    count = rows(db, "select count(*) from claims")[0][0]
    assert main(["add", str(release), "--db", str(db), *SOURCE]) == 0
    assert rows(db, "select count(*) from claims")[0][0] == count


def test_release_without_source_writes_nothing(tmp_path, db, capsys):
    release = tmp_path / "bulletin.txt"
    release.write_text(RELEASE, encoding="utf-8")
    before = sha256_file(db)
    assert main(["add", str(release), "--db", str(db)]) == 2
    assert "source" in capsys.readouterr().err
    assert sha256_file(db) == before


def test_check_lists_release_rows_and_writes_nothing(tmp_path, db, capsys):
    release = tmp_path / "bulletin.txt"
    release.write_text(RELEASE, encoding="utf-8")
    before = sha256_file(db)
    assert main(["add", str(release), "--db", str(db), "--check", *SOURCE]) == 0
    assert "new claims row(s)" in capsys.readouterr().out
    assert sha256_file(db) == before
