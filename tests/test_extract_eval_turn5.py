"""The turn-5 evaluation corpus (tests/real/manifest_turn5.json): new articles, labelled, split by the stated rule,
read from their own cache folder. Nothing here runs the extractor or scores an article: the held-out half is
scored once, by the lead, at the end of the session."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import extract_eval_real  # noqa: E402
import replay_edition  # noqa: E402

import vocabulary  # noqa: E402
from loaders.press_release.model import CLAIM_METRICS  # noqa: E402

REAL = ROOT / "tests" / "real"
TURN5 = REAL / "manifest_turn5.json"
OLDER = ("manifest.json", "manifest_turn3.json", "manifest_turn4.json", "manifest_replay.json")
STAGES = {"expected", "preliminary", "reported", "confirmed-at-results"}
KINDS = {"city list", "preview", "opening", "wire", "closing", "results conference", "progress", "distractor"}


def _manifest(path: Path = TURN5) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["manifest_turn4.json", "manifest_turn5.json", "manifest_turn6.json"])
def test_the_stored_split_is_the_documented_rule_and_its_held_out_list(name):
    manifest = _manifest(REAL / name)
    articles = manifest["articles"]
    assert {a["id"]: a["split"] for a in articles} == extract_eval_real.turn3_split(articles)
    assert manifest["heldout_urls"] == sorted(a["url"] for a in articles if a["split"] == "heldout")


def test_no_article_of_an_older_corpus_comes_back():
    articles = _manifest()["articles"]
    older = {a["url"] for name in OLDER for a in _manifest(REAL / name)["articles"]}
    assert {a["url"] for a in articles}.isdisjoint(older)
    assert len({a["id"] for a in articles}) == len({a["url"] for a in articles}) == len(articles)
    assert {a["lang"] for a in articles} == {"en", "zh-Hans", "zh-Hant"}


@pytest.mark.parametrize("name", ["manifest_turn5.json", "manifest_turn6.json"])
def test_every_label_uses_the_vocabulary_and_has_a_stage_and_a_scope(name):
    articles = _manifest(REAL / name)["articles"]
    bad = [(a["id"], row) for a in articles for row in a["facts"]
           if len(row) != 6 or row[0] not in vocabulary.METRIC_UNITS or row[2] not in vocabulary.QUALIFIERS
           or row[2] == vocabulary.EXPECTED_QUALIFIER or row[4] not in STAGES or not row[5]
           or row[3] != a["edition"]]
    bad += [(a["id"], row) for a in articles for row in a["claims"]
            if len(row) != 5 or row[0] not in CLAIM_METRICS or not row[3] <= row[4] < a["edition"]]
    assert bad == []
    assert {a["kind"] for a in articles} <= KINDS
    assert all(a["edition"] is None and not a["facts"] and not a["claims"] for a in articles if a.get("distractor"))
    assert all(2018 <= a["edition"] <= 2025 for a in articles if not a.get("distractor"))


def test_the_scorer_reads_the_texts_from_cache4_a_folder_of_its_own():
    assert extract_eval_real.cache_folder(TURN5) == REAL / "cache4"
    folders = [extract_eval_real.cache_folder(REAL / name) for name in OLDER + ("manifest_turn5.json",)]
    assert len(set(folders)) == len(folders)


def test_the_cached_texts_stay_out_of_git():
    probe = "tests/real/cache4/" + _manifest()["articles"][0]["id"] + ".txt"
    ignored = subprocess.run(["git", "check-ignore", "-q", probe], cwd=ROOT)
    assert ignored.returncode == 0


def test_the_replay_keeps_clear_of_the_held_out_half():
    heldout = set(_manifest()["heldout_urls"])
    assert heldout and heldout <= replay_edition.heldout_urls()
