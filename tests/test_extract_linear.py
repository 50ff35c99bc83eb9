"""The release extractor's regexes have no backtracking shape, and long sentences are read in bounded parts.

Timing is the benchmark's job (scripts/bench_extract.py); here the structure is checked: every pattern the
extractor compiles (at import and while reading the test releases) passes scripts/regex_audit.py, and the audit
itself finds the shapes that made the extractor quadratic (I11 of the reliability findings).
"""
from __future__ import annotations

from scripts.regex_audit import audit, extractor_patterns
from loaders.press_release import extract
from loaders.press_release.text import MAX_SENTENCE_CHARS, release_text, split_sentences

QUADRATIC_BEFORE = {  # the patterns of I11, as they were
    "chinese number": r"(?P<q>(?:约|超|达)*)(?P<n>\d[\d,]*(?:\.\d+)?)个项目",
    "percent mask": r"\d[\d,.]*\s*(?:%|％|percent\b)",
    "chinese percent": r"\d+(?:\.\d+)?\s*(?:%|％)",
    "title words": r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+(?:Conference|Summit)\b",
    "markdown link": r"\[([^\]]+)\]\([^)]*\)",
}


def test_no_extractor_pattern_has_a_backtracking_shape():
    found = {pattern[:80]: audit(pattern, flags) for pattern, flags in extractor_patterns()}
    assert {p: problems for p, problems in found.items() if problems} == {}
    assert len(found) > 150  # the recording saw the extractor's patterns, not an empty set


def test_the_audit_finds_the_shapes_that_were_quadratic():
    assert {name: bool(audit(pattern)) for name, pattern in QUADRATIC_BEFORE.items()} == \
        dict.fromkeys(QUADRATIC_BEFORE, True)


def test_the_audit_passes_guarded_and_bounded_forms():
    assert audit(r"(?<![\d,])\d[\d,]*+个") == []
    assert audit(r"(?:约|超){0,6}\d") == []
    assert audit(r"\b\d+\s*个") == []
    assert "an unbounded repeat inside an unbounded repeat (exponential)" in audit(r"(\d+,?)*x")


def test_a_sentence_longer_than_the_cap_is_read_in_parts_and_said_so():
    text = "The World Manufacturing Convention signed deals. " + "A long list of partners, " * 200 + "and more."
    notes: list[str] = []
    sentences = split_sentences(text, notes)
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    assert len(notes) == 1 and "read in 3 parts" in notes[0]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_a_run_without_clause_mark_or_space_is_skipped_with_a_warning():
    text = release_text("2025年世界制造业大会签约项目" + "1" * 8000 + "个。参展企业523家。", ".txt", "r.txt")
    result = extract(text, year=2025)
    assert any("skipped" in w and "check its figures by hand" in w for w in result.warnings)
    assert [(f.metric, f.value) for f in result.facts] == [("exhibitors", 523)]


def test_normal_sentences_are_not_cut():
    notes: list[str] = []
    split_sentences("The 2024 World Manufacturing Convention closed with 735 projects signed. " * 40, notes)
    assert notes == []
