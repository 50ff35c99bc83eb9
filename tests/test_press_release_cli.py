"""Press-release extraction through the command line: `extract`, the labelled-set evaluation, and `add` of a release."""
from __future__ import annotations

import json
import shutil
import sys

import duckdb
import pytest

from loaders import press_release as pr
from loaders.build import build, sha256_file
from loaders.__main__ import main
from press_release_helpers import FIXTURE, RELEASES, ROOT


def test_extract_cli_json_has_everything_add_would_store(capsys):
    assert main(["extract", str(RELEASES / "dev_2018_closing.txt"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"year", "facts", "claims", "participation", "breakdowns", "edition", "warnings"}
    rows = out["facts"]
    item_keys = {"sentence", "start", "end", "stage", "confidence"}
    for group in ("facts", "claims", "participation", "breakdowns", "edition"):
        assert all(item_keys <= set(r) for r in out[group]), group
    assert rows and all(set(pr.FACT_KEYS) <= set(r) for r in rows)
    # the number highlighted in its sentence: "430", "4,000+", "RMB 447 billion", "US$70.19 billion"
    assert all(f'{r["value"]:g}' in r["sentence"][r["number_start"]:r["number_end"]].replace(",", "") for r in rows)
    assert {(r["metric"], r["value"], r["qualifier"], r["year"]) for r in rows} == {
        ("projects_signed", 430, "more_than", 2018), ("investment_signed", 447, "exact", 2018),
        ("investment_signed_usd_reported", 70.19, "exact", 2018), ("attendees", 4000, "more_than", 2018),
        ("fortune500_executives", 100, "more_than", 2018)}


def test_extract_cli_table_and_errors(capsys, tmp_path):
    assert main(["extract", str(RELEASES / "dev_2021_closing.txt")]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("metric"))
    assert header.split()[:4] == ["metric", "value", "unit", "qualifier"]
    assert "breakdowns:" in out and "above 1 bn CNY" in out
    bare = tmp_path / "r.txt"
    bare.write_text("The World Manufacturing Convention signed 638 projects.\n", encoding="utf-8")
    assert main(["extract", str(bare)]) == 2
    assert "pass --year" in capsys.readouterr().err
    assert main(["extract", str(bare), "--year", "2019", "--json"]) == 0


def test_labelled_set_precision_and_headline_recall():
    sys.path.insert(0, str(ROOT / "scripts"))
    import extract_eval

    # 'unseen' and 'fresh' were scored blind once and then used to fix rules: they are seen now
    checked = ("dev", "heldout", "blind_seen", "unseen", "fresh")
    for split in checked + (checked,):
        result = extract_eval.evaluate(split)
        groups = result["groups"]
        assert result["releases"] > 0, split
        precision, _ = extract_eval.scores(extract_eval.total(groups))
        assert precision >= 0.95, (split, result["errors"])
        _, headline_recall = extract_eval.scores(extract_eval.total(groups, extract_eval.HEADLINE))
        assert headline_recall >= 0.8, (split, headline_recall, result["errors"])
        for group in extract_eval.HEADLINE:
            if group in groups:
                _, recall = extract_eval.scores(groups[group])
                assert recall >= 0.8, (split, group, recall)
    labels = json.loads((RELEASES / "labels.json").read_text())["releases"]
    assert len(labels) >= 12
    assert {label["split"] for label in labels.values()} <= set(extract_eval.SPLITS)
    assert "blind" not in {label["split"] for label in labels.values()}  # seen once fixed: renamed blind_seen


def test_extract_eval_script_splits_and_exit_status(capsys, tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import extract_eval

    release = tmp_path / "r.txt"
    release.write_text("The 2019 World Manufacturing Convention closed with 638 projects signed and 9 tonnes of "
                       "steel shown.\n", encoding="utf-8")
    good = {"split": "unseen", "year": 2019, "claims": [], "participation": [], "breakdowns": [],
            "facts": [{"metric": "projects_signed", "value": 638, "unit": "projects", "qualifier": "exact",
                       "year": 2019}]}
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps({"releases": {"r.txt": good}}), encoding="utf-8")
    assert extract_eval.main(["--labels", str(labels), "--split", "unseen"]) == 0
    out = capsys.readouterr().out
    assert "== unseen (1 releases, 0 abstained)" in out and "== all (1 releases" in out and "== dev" not in out
    assert extract_eval.main(["--labels", str(labels), "--split", "dev"]) == 1  # nothing labelled there
    wrong = dict(good, facts=[dict(good["facts"][0], value=700)])
    labels.write_text(json.dumps({"releases": {"r.txt": wrong}}), encoding="utf-8")
    assert extract_eval.main(["--labels", str(labels)]) == 1
    assert "below 0.95" in capsys.readouterr().err


def test_extract_eval_counts_an_abstaining_release_as_not_produced(capsys, tmp_path):
    """A release whose edition year is unknown is refused by `add` until --year is given: its year-less facts are
    misses where labelled, never false figures; a figure that names its own edition is still scored."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import extract_eval

    release = tmp_path / "r.txt"
    release.write_text("Manufacturing convention wraps up\n\nThe World Manufacturing Convention closed with 512 "
                       "projects signed and 40 events held.\n", encoding="utf-8")
    assert pr.extract_file(release).year is None and pr.extract_file(release).facts
    label = {"split": "unseen", "year": 2020, "claims": [], "participation": [], "breakdowns": [],
             "facts": [{"metric": "projects_signed", "value": 512, "unit": "projects", "qualifier": "exact",
                        "year": 2020}]}
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps({"releases": {"r.txt": label}}), encoding="utf-8")
    result = extract_eval.evaluate("unseen", labels)
    assert result["abstained"] == 1
    assert extract_eval.total(result["groups"]) == {"tp": 0, "fp": 0, "fn": 1}
    assert any("abstained" in line for line in result["errors"])
    assert extract_eval.main(["--labels", str(labels), "--split", "unseen"]) == 0
    assert "== unseen (1 releases, 1 abstained)" in capsys.readouterr().out
    # the same release with its year named: every figure counts, the unlabelled one is a false figure
    release.write_text("The 2020 World Manufacturing Convention closed with 512 projects signed and 40 events "
                       "held.\n", encoding="utf-8")
    result = extract_eval.evaluate("unseen", labels)
    assert result["abstained"] == 0
    assert extract_eval.total(result["groups"]) == {"tp": 1, "fp": 1, "fn": 0}


EXTRA_METRICS = """exhibits,Exhibits,products,Products on show,true,exhibition,sum
overseas_guests,Overseas guests,people,Guests from abroad,true,participation,sum
fortune500_executives,Fortune 500 executives,people,Executives of Fortune 500 companies,true,participation,sum
fortune500_companies,Fortune 500 companies,companies,Fortune 500 companies taking part,true,participation,distinct
visitors,Visitors,visits,Visits to the exhibition,true,exhibition,sum
events,Events,events,Forums and other events,true,participation,sum
"""


@pytest.fixture
def db(tmp_path):
    world = tmp_path / "world"
    shutil.copytree(FIXTURE, world)
    with open(world / "metrics.csv", "a", encoding="utf-8") as handle:
        handle.write(EXTRA_METRICS)
    target = tmp_path / "x.duckdb"
    build(world, target)
    return target


SOURCE = ["--source-url", "https://example.org/r", "--publisher", "Test", "--published-on", "2026-01-02"]


def _fact(db_path, year, metric):
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute("select value, qualifier, source_id from facts where year = ? and metric = ?",
                           [year, metric]).fetchall()


def test_add_release_loads_its_facts_with_the_source(db):
    release = RELEASES / "heldout_2019_closing.txt"
    assert main(["add", str(release), "--db", str(db), *SOURCE]) == 0
    (value, qualifier, source_id), = _fact(db, 2019, "overseas_guests")
    assert (value, qualifier) == (1700, "exact")
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select url, publisher, cast(published_on as varchar) from sources where source_id = ?",
                           [source_id]).fetchone() == ("https://example.org/r", "Test", "2026-01-02")
    assert _fact(db, 2019, "fortune500_executives")[0] == (111, "exact", source_id)
    assert _fact(db, 2019, "projects_signed")[0][2] == "src-b"  # same figure as stored: unchanged


def test_add_release_without_source_is_refused_and_db_untouched(db, capsys):
    before = sha256_file(db)
    assert main(["add", str(RELEASES / "heldout_2019_closing.txt"), "--db", str(db)]) == 2
    assert "no source" in capsys.readouterr().err
    assert sha256_file(db) == before


def test_add_release_conflict_needs_prefer(db, tmp_path):
    release = tmp_path / "conflict.txt"
    release.write_text("date 2019-09-28\nThe 2019 World Manufacturing Convention closed with 650 projects signed.\n",
                       encoding="utf-8")
    before = sha256_file(db)
    assert main(["add", str(release), "--db", str(db), *SOURCE]) == 2
    assert sha256_file(db) == before
    assert main(["add", str(release), "--db", str(db), *SOURCE, "--prefer", "old"]) == 0
    assert _fact(db, 2019, "projects_signed")[0][0] == 638
    assert main(["add", str(release), "--db", str(db), *SOURCE, "--prefer", "new"]) == 0
    assert _fact(db, 2019, "projects_signed")[0][:2] == (650, "exact")


def test_add_release_with_year_flag(db, tmp_path):
    release = tmp_path / "bare.txt"
    release.write_text("The World Manufacturing Convention drew 24 countries and regions.\n", encoding="utf-8")
    before = sha256_file(db)
    assert main(["add", str(release), "--db", str(db), *SOURCE]) == 2
    assert sha256_file(db) == before
    assert main(["add", str(release), "--db", str(db), *SOURCE, "--year", "2021"]) == 0
    assert _fact(db, 2021, "countries_regions")[0][:2] == (24, "exact")
