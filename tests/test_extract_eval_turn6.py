"""The turn-6 evaluation corpus (tests/real/manifest_turn6.json): new pages, labelled, read from their own cache folder.
Its split rule and held-out list are checked beside turns 4 and 5 in test_extract_eval_turn5.py. Nothing here runs
the extractor or scores an article: the held-out half is scored once, by the lead, at the end of the session."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import extract_eval_real  # noqa: E402
import replay_edition  # noqa: E402


REAL = ROOT / "tests" / "real"
TURN6 = REAL / "manifest_turn6.json"
OLDER = ("manifest.json", "manifest_turn3.json", "manifest_turn4.json", "manifest_turn5.json", "manifest_replay.json")


def _manifest(path: Path = TURN6) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_no_page_of_an_older_corpus_comes_back_and_every_script_is_there():
    articles = _manifest()["articles"]
    older = {a["url"] for name in OLDER for a in _manifest(REAL / name)["articles"]}
    assert {a["url"] for a in articles}.isdisjoint(older)
    assert len({a["id"] for a in articles}) == len({a["url"] for a in articles}) == len(articles) >= 30
    assert {a["lang"] for a in articles} == {"en", "zh-Hans", "zh-Hant"}
    assert all(a["url"].startswith(("http://", "https://")) for a in articles)


# Its labels' vocabulary is checked with turn 5's, in test_extract_eval_turn5.py.


def test_the_scorer_reads_the_texts_from_cache5_a_folder_of_its_own():
    assert extract_eval_real.cache_folder(TURN6) == REAL / "cache5"
    folders = [extract_eval_real.cache_folder(REAL / name) for name in OLDER + ("manifest_turn6.json",)]
    assert len(set(folders)) == len(folders)


def test_the_cached_texts_stay_out_of_git():
    probe = "tests/real/cache5/" + _manifest()["articles"][0]["id"] + ".txt"
    assert subprocess.run(["git", "check-ignore", "-q", probe], cwd=ROOT).returncode == 0


def test_the_replay_keeps_clear_of_the_held_out_half():
    heldout = set(_manifest()["heldout_urls"])
    assert heldout and heldout <= replay_edition.heldout_urls()
