"""The turn-3 evaluation corpus (tests/real/manifest_turn3.json) and its scorer (scripts/extract_eval_real.py)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import extract_eval  # noqa: E402,F401  (extract_eval_real uses its matchers)
import extract_eval_real  # noqa: E402

from loaders.press_release.model import Extraction, Fact  # noqa: E402

TURN3 = ROOT / "tests" / "real" / "manifest_turn3.json"
STAGES = {"expected", "preliminary", "reported", "confirmed-at-results"}
KINDS = {"city list", "preview", "opening", "wire", "closing", "results conference", "progress", "distractor"}


def _articles() -> list[dict]:
    return json.loads(TURN3.read_text(encoding="utf-8"))["articles"]


def test_the_stored_split_is_the_documented_rule():
    articles = _articles()
    assert {a["id"]: a["split"] for a in articles} == extract_eval_real.turn3_split(articles)


def test_the_corpus_is_new_and_as_large_as_the_issue_asks():
    articles = _articles()
    old = {a["url"] for a in json.loads((ROOT / "tests" / "real" / "manifest.json").read_text())["articles"]}
    assert len(articles) >= 40 and sum(bool(a.get("distractor")) for a in articles) >= 10
    assert {a["url"] for a in articles}.isdisjoint(old)
    assert {a["lang"] for a in articles} == {"en", "zh-Hans", "zh-Hant"}
    assert len({a["id"] for a in articles}) == len(articles)


def test_every_label_has_a_stage_and_a_scope_and_every_article_a_kind():
    articles = _articles()
    bad = [(a["id"], row) for a in articles for row in a["facts"]
           if len(row) != 6 or row[4] not in STAGES or not row[5]]
    assert bad == []
    assert {a["kind"] for a in articles} <= KINDS
    assert all(a["edition"] is None and a.get("distractor") for a in articles if a["kind"] == "distractor")
    assert all(2018 <= a["edition"] <= 2025 for a in articles if a["kind"] != "distractor")


def _score(monkeypatch, facts: list[Fact], labels: list[list]) -> dict:
    monkeypatch.setattr("loaders.press_release.extract", lambda text: Extraction(text=text, year=2031, year_source="text",
                                                                                 facts=facts))
    return extract_eval_real.score_article({"id": "x", "facts": labels, "claims": []}, "text")


def _fact(metric: str, value: float, scope: str = "whole convention", stage: str = "reported") -> Fact:
    return Fact(metric, value, "", "exact", 2031, scope, "s", 0, 1, 0.9, stage=stage)


def test_a_subset_figure_proposed_as_a_total_is_counted_and_false(monkeypatch):
    labels = [["projects_signed", 712, "exact", 2031, "confirmed-at-results", "convention"],
              ["projects_signed", 42, "exact", 2031, "reported", "Wuhu city"],
              ["exhibition_area", 80000, "exact", 2031, "reported", "other event: digital economy expo"]]
    counts = _score(monkeypatch, [_fact("projects_signed", 42), _fact("exhibition_area", 80000)], labels)
    assert counts["facts"] == {"tp": 0, "fp": 2, "fn": 1}
    assert (counts["subset_as_total"], counts["other_event"]) == (1, 1)


def test_a_subset_figure_proposed_under_its_own_scope_is_neither_hit_nor_false(monkeypatch):
    labels = [["projects_signed", 42, "exact", 2031, "reported", "Wuhu city"]]
    counts = _score(monkeypatch, [_fact("projects_signed", 42, scope="Wuhu city")], labels)
    assert counts["facts"] == {"tp": 0, "fp": 0, "fn": 0} and counts["subset_as_total"] == 0


def test_a_stage_is_right_when_the_label_allows_it_whatever_the_vocabulary(monkeypatch):
    labels = [["projects_signed", 690, "exact", 2031, "preliminary", "convention"],
              ["investment_signed", 361.2, "exact", 2031, "confirmed-at-results", "convention"],
              ["events", 32, "exact", 2031, "confirmed-at-results", "convention"],
              ["attendees", 1200, "exact", 2031, "reported", "convention"],
              ["exhibitors", 620, "exact", 2031, "reported", "convention"]]
    facts = [_fact("projects_signed", 690, stage="expected"), _fact("investment_signed", 361.2, stage="reported"),
             _fact("events", 32, stage="preliminary"), _fact("attendees", 1200, stage="preliminary"),
             _fact("exhibitors", 620, stage="expected")]
    counts = _score(monkeypatch, facts, labels)
    # right: 690 (expected for a preliminary label), 361.2 (reported = closing), 1200 (an opening-day count);
    # wrong: 32 (a results figure told as a running count), 620 (done, told as expected)
    assert counts["facts"]["tp"] == 5 and counts["stage"] == {"right": 3, "hits": 5}


def test_verbose_output_lists_every_split_but_the_held_out_one():
    result = {"rows": [("tune", "en", False, {}, "a"), ("heldout", "en", False, {}, "b"), ("invented", "en", False, {}, "c")]}
    assert extract_eval_real.shown_splits(result, verbose=True, show_heldout=False) == ("invented", "tune")
    assert extract_eval_real.shown_splits(result, verbose=True, show_heldout=True) == ("heldout", "invented", "tune")
    assert extract_eval_real.shown_splits(result, verbose=False, show_heldout=True) == ()


def test_an_extractor_that_takes_a_publication_date_is_given_the_articles(monkeypatch):
    seen = []

    def extract(text, published_on=None):
        seen.append(published_on)
        return Extraction(text=text, year=2031, year_source="text")
    monkeypatch.setattr("loaders.press_release.extract", extract)
    extract_eval_real.score_article({"id": "x", "date": "2031-09-21", "facts": [], "claims": []}, "text")
    extract_eval_real.score_article({"id": "y", "date": "2031-09", "facts": [], "claims": []}, "text")
    assert [str(d) for d in seen] == ["2031-09-21", "None"]
