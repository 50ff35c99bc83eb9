"""The real-article scorer (`scripts/extract_eval.py --real`) on a manifest and cache written for this test."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import extract_eval  # noqa: E402


def _manifest(tmp_path: Path, texts: dict[str, str]) -> Path:
    articles = [
        {"id": "a_2021", "lang": "zh-Hans", "edition": 2021,
         "facts": [["projects_signed", 512, "exact", 2021, "reported"], ["attendees", 900, "about", 2021, "reported"]],
         "claims": []},
        {"id": "b_2024", "lang": "en", "edition": 2024, "facts": [], "claims": []},
        {"id": "d_2024", "lang": "en", "edition": None, "year": 2024, "distractor": True, "facts": [], "claims": []},
    ]
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"articles": articles}), encoding="utf-8")
    (tmp_path / "cache").mkdir()
    for name, text in texts.items():
        (tmp_path / "cache" / f"{name}.txt").write_text(text, encoding="utf-8")
    return path


def test_scores_per_split_and_counts_distractor_figures(tmp_path):
    path = _manifest(tmp_path, {
        "a_2021": "2021世界制造业大会在合肥闭幕。本届大会签约项目512个,投资总额3456亿元。",
        "d_2024": "The 2024 World Manufacturing Convention closed with 612 projects signed.",
    })
    result = extract_eval.evaluate_real(path)
    assert result["missing"] == ["b_2024"]
    rows = {r[0]: r[3] for r in result["rows"] if not r[2]}
    tune = rows["tune"]
    assert tune["facts"] == {"tp": 1, "fp": 1, "fn": 1}  # 512 found, the amount unlabelled, 900 guests missed
    assert tune["stage"] == {"right": 1, "hits": 1}
    distractor = next(r[3] for r in result["rows"] if r[2])
    assert distractor["distractor"] == 1
    report = extract_eval.real_report(result)
    # b_2024 is held out (2023-2025): counted, but its id, which says what it is about, only beside its errors
    assert "cache missing for 1 of 3 articles" in report and "1 held-out (ids not shown)" in report
    assert "b_2024" not in report
    assert "b_2024" in extract_eval.real_report(result, errors_for=("tune", "heldout"))


def test_a_missing_cache_is_reported_not_scored_as_zero(tmp_path, capsys):
    path = _manifest(tmp_path, {})
    assert extract_eval.main(["--real", "--manifest", str(path)]) == 2
    out = capsys.readouterr().out
    assert "cache missing for 3 of 3 articles" in out and "nothing scored" in out and "0.000" not in out
