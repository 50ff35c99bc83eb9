"""The turn-4 evaluation corpus (tests/real/manifest_turn4.json): new articles, labelled (its split and held-out
list are checked beside turn 5's, in test_extract_eval_turn5.py)."""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

REAL = ROOT / "tests" / "real"
STAGES = {"expected", "preliminary", "reported", "confirmed-at-results"}
KINDS = {"city list", "preview", "opening", "wire", "closing", "results conference", "progress", "distractor"}


def _manifest() -> dict:
    return json.loads((REAL / "manifest_turn4.json").read_text(encoding="utf-8"))


def test_the_corpus_is_new_and_as_large_as_the_issue_asks():
    articles = _manifest()["articles"]
    older = {a["url"] for name in ("manifest.json", "manifest_turn3.json")
             for a in json.loads((REAL / name).read_text(encoding="utf-8"))["articles"]}
    assert len(articles) >= 40 and sum(bool(a.get("distractor")) for a in articles) >= 10
    assert {a["url"] for a in articles}.isdisjoint(older)
    assert {a["lang"] for a in articles} == {"en", "zh-Hans", "zh-Hant"}
    assert len({a["id"] for a in articles}) == len({a["url"] for a in articles}) == len(articles)


def test_every_label_has_a_stage_and_a_scope_and_every_article_a_kind():
    articles = _manifest()["articles"]
    bad = [(a["id"], row) for a in articles for row in a["facts"]
           if len(row) != 6 or row[4] not in STAGES or not row[5]]
    assert bad == []
    assert {a["kind"] for a in articles} <= KINDS
    assert all(a["edition"] is None and not a["facts"] and not a["claims"] for a in articles if a.get("distractor"))
    assert all(2018 <= a["edition"] <= 2025 for a in articles if not a.get("distractor"))
