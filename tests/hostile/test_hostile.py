"""Every hostile kind through `python -m loaders add` against a copy of the fixture database.

Rejected: exit 2, the file (and the faulty row/column) named on stderr, the database byte-identical.
Stored: exit 0, the hostile texts come back from DuckDB byte-identical and the explorer exports
neutralize formula-like text. Exit 1 (an internal error) is always a bug.
"""
from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from pathlib import Path

import duckdb
import pytest

import config
from loaders.__main__ import main
from loaders.build import sha256_file, source_id_for
from loaders.errors import LoadError
from make_corpus import HYPERLINK, KINDS, make_corpus

ROOT = Path(__file__).resolve().parents[2]
URL = "https://example.org/h"
SOURCE_ARGS = ["--source-url", URL, "--publisher", "Hostile test", "--published-on", "2026-01-01"]


def _stored(db: Path) -> list[dict]:
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute("select * from facts where source_id = ?", [source_id_for(URL)])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _check_rejection(kind, path: Path, err: str, db: Path, before: str) -> None:
    assert str(path) in err, f"stderr does not name the file {path}: {err[:300]!r}"
    if kind.row is not None:
        assert re.search(rf"\brow {kind.row}\b", err), f"stderr does not name row {kind.row}: {err[:300]!r}"
    if kind.column is not None:
        assert f"column '{kind.column}'" in err, f"stderr does not name column {kind.column}: {err[:300]!r}"
    assert sha256_file(db) == before, "the database changed although the add was refused"


def _check_storage(kind, db: Path, monkeypatch) -> None:
    rows = _stored(db)
    if kind.rows is not None:
        assert len(rows) == kind.rows, f"{len(rows)} facts stored, expected {kind.rows}"
    for column, texts in kind.stored.items():
        found = [r[column] for r in rows]
        for text in texts:
            assert text in found, (f"{column} not stored verbatim: expected {text[:60]!r} "
                                   f"(len {len(text)}), found {[f[:60] if f else f for f in found]}")
    with duckdb.connect(str(db), read_only=True) as con:  # the SQL in the text did nothing
        assert con.execute("select count(*) from sources").fetchone()[0] > 0
        assert con.execute("select count(*) from facts").fetchone()[0] > len(rows)
    if kind.export_check:
        _check_exports(db, monkeypatch)


def _check_exports(db: Path, monkeypatch) -> None:
    from openpyxl import load_workbook

    import queries
    from ui.export import facts_table, to_csv_bytes, to_json_bytes, to_xlsx_bytes

    monkeypatch.setenv("WMC_DB", str(db))
    facts = queries.run("explorer_facts", convention="WMC", year_from=2018, year_to=2100, include_derived=True)
    table = facts_table(facts, "CNY")
    safe = list(csv.DictReader(io.StringIO(to_csv_bytes(table).decode("utf-8-sig"))))
    assert "'" + HYPERLINK in [r["scope"] for r in safe], "Excel-safe CSV does not neutralize the formula"
    assert not any(v.startswith("=") for r in safe for v in r.values() if v)
    raw = json.loads(to_json_bytes(table).decode("utf-8"))
    assert HYPERLINK in [r["scope"] for r in raw], "the JSON export does not keep the stored text"
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(table, {"convention": "WMC"})))["data"]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    # the text itself, held as text by the cell's quotePrefix style (no literal apostrophe)
    assert cells and all(c.value == HYPERLINK and c.data_type == "s" and c.quotePrefix for c in cells)


@pytest.mark.parametrize("kind_id", list(KINDS))
def test_hostile_file_is_refused_or_stored_safely(kind_id, db_copy, tmp_path, capsys, monkeypatch,
                                                  hostile_outcomes):
    kind = KINDS[kind_id]
    path = make_corpus(tmp_path / "corpus", [kind_id])[kind_id]
    before = sha256_file(db_copy)
    code = main(["add", str(path), "--db", str(db_copy), *SOURCE_ARGS])
    err = capsys.readouterr().err
    hostile_outcomes[kind_id] = f"exit {code}: {err.strip()[:200]}"
    assert code != 1, f"internal error (exit 1) on {kind.why}: {err[:500]}"
    assert code in (0, 2), f"exit {code}"
    expected = {"reject": (2,), "store": (0,), "either": (0, 2)}[kind.expect]
    assert code in expected, f"{kind.why}: expected exit {expected}, got {code}: {err[:500]}"
    if code == 2:
        _check_rejection(kind, path, err, db_copy, before)
        hostile_outcomes[kind_id] = "rejected"
    else:
        _check_storage(kind, db_copy, monkeypatch)
        hostile_outcomes[kind_id] = "stored"


def test_corpus_has_at_least_thirty_kinds():
    assert len(KINDS) >= 30


# ---------------------------------------------------------------- upload limits

def test_upload_limit_is_configured_and_matches_the_server_side_check():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["server"]["maxUploadSize"] == config.MAX_UPLOAD_MB


def test_stage_upload_rechecks_size_and_type_server_side(tmp_path):
    from loaders.staging import stage_upload

    limit = config.MAX_UPLOAD_MB * 1_000_000
    with pytest.raises(LoadError, match="larger than"):
        stage_upload("big.csv", b"x" * (limit + 1), tmp_path)
    for name in ("evil.exe", "evil.csv.exe", "evil.py", "evil.parquet", "noext", "evil.CSV.sh"):
        with pytest.raises(LoadError, match="not accepted"):
            stage_upload(name, b"year,metric,value\n", tmp_path)
    staged = stage_upload("../../etc/evil.CSV", b"year,metric,value\n", tmp_path)
    assert staged.parent == tmp_path and staged.suffix == ".csv"  # the user's name never picks the path
    assert list(tmp_path.iterdir()) == [staged]
