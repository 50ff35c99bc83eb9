"""loaders.synth: a deterministic, plausible synthetic register with the schema's columns."""
from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from loaders import schema, synth
from loaders.validate import validate

REAL_ROWS = sum(synth.REPORTED_PROJECTS.values())


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_same_seed_same_file_other_seed_other_file(tmp_path, suffix):
    a, b, c = (tmp_path / f"{n}{suffix}" for n in "abc")
    assert synth.write_register(a, rows=2000, seed=7) == 2000
    synth.write_register(b, rows=2000, seed=7)
    synth.write_register(c, rows=2000, seed=8)
    assert _sha(a) == _sha(b)
    assert _sha(a) != _sha(c)


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_rows_and_columns_exactly_the_schema(tmp_path, suffix):
    out = tmp_path / f"r{suffix}"
    synth.write_register(out, rows=1234, seed=1, chunk_rows=500)  # several chunks / row groups
    frame = pd.read_parquet(out) if suffix == ".parquet" else pd.read_csv(out)
    assert list(frame.columns) == schema.TABLES["projects"].column_names
    assert len(frame) == 1234
    assert not frame.duplicated(["convention", "year", "project_id"]).any()
    assert set(frame["status"].astype(str)) <= set(schema.PROJECT_STATUSES)
    assert (frame["investment_cny_bn"] >= 0).all()
    assert set(frame["city"].astype(str)) <= {c for c, _ in synth.CITIES}
    # The pandas validator of the schema accepts it (the slow path, fine at this size).
    validate("projects", frame.astype(object), str(out))


def test_edition_totals_near_reported_at_real_row_count(tmp_path):
    out = tmp_path / "real.parquet"
    synth.write_register(out, rows=REAL_ROWS, seed=3)
    frame = pd.read_parquet(out)
    per_year = frame.groupby("year").agg(n=("project_id", "size"), inv=("investment_cny_bn", "sum"))
    for year, projects in synth.REPORTED_PROJECTS.items():
        assert abs(per_year.loc[year, "n"] - projects) <= 0.1 * projects
        target = synth.REPORTED_INVESTMENT_CNY_BN[year]
        assert abs(per_year.loc[year, "inv"] - target) <= 0.1 * target, year
    assert frame["sector"].nunique() >= 8


def test_totals_scale_with_rows(tmp_path):
    out = tmp_path / "x.parquet"
    synth.write_register(out, rows=REAL_ROWS * 4, seed=3)
    total = pd.read_parquet(out)["investment_cny_bn"].sum()
    assert total == pytest.approx(4 * sum(synth.REPORTED_INVESTMENT_CNY_BN.values()), rel=0.01)


def test_unknown_suffix_is_refused(tmp_path):
    from loaders.errors import LoadError

    with pytest.raises(LoadError):
        synth.write_register(tmp_path / "r.json", rows=10, seed=1)


def test_cli_synth(tmp_path):
    from loaders.__main__ import main

    out = tmp_path / "cli.parquet"
    assert main(["synth", "--rows", "50", "--seed", "2", "--out", str(out)]) == 0
    assert len(pd.read_parquet(out)) == 50
