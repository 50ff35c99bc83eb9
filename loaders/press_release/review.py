"""What the Add data review shows for each proposed figure: its sentence with the number's offsets inside it, its
stage, and flags for what a reviewer should check before it is stored.

`review_items(extraction)` gives one dict per proposed fact:
    metric, value, unit, qualifier, year, scope, stage ("reported" / "expected"), confidence,
    sentence, number_start, number_end (the number inside `sentence`: sentence[number_start:number_end]),
    start, end (the sentence inside the release text), flags (a list of the FLAGS keys below).
"""
from __future__ import annotations

import re

from loaders.press_release.chinese import CN_EXPECTED, CN_LOCAL_SUBJECT, CN_PART_BEFORE
from loaders.press_release.context import DROP_CTX, EXPECTED_CTX, ORIGIN_CTX, SUBSET_CTX
from loaders.press_release.model import Extraction, Fact
from loaders.press_release.scope_stage import EXPECTED_CUE, PRELIMINARY_CUE, REPORTED_CUE, clause_at, opening_report

FLAGS = {
    "stage unclear": "the stage comes from the release being a preview or from another clause, or the sentence "
                     "mixes planned and reported figures",
    "part-of-whole cue": "the sentence also speaks of a part (of which, one city, one session, a zone, an origin): "
                         "check that this figure is the whole convention's",
    "year inferred": "the edition year is not stated with the convention's name next to this figure (dateline, "
                     "publication date, the body, or 'last year' / the first edition)",
}
_INFERRED_SOURCES = {"date line", "dateline", "byline", "body"}


def _has_cue(clause: str) -> bool:
    return bool(EXPECTED_CTX.search(clause) or CN_EXPECTED.search(clause) or EXPECTED_CUE.search(clause)
                or PRELIMINARY_CUE.search(clause))


def review_flags(fact: Fact, extraction: Extraction) -> list[str]:
    """Flags read on the figure's own clause, so a correct closing figure beside a part ("735 projects, of which
    300 ...") is not flagged; a figure read as a place's is always flagged."""
    clause = clause_at(fact.sentence, fact.number_start)
    flags = []
    # what an opening-day report counts as done is preliminary by rule (scope_stage.opening_report), not unclear
    by_opening_rule = fact.stage == "preliminary" and opening_report(extraction.text, extraction.stage)
    unclear = (fact.stage in ("expected", "preliminary") and not _has_cue(clause)
               or fact.stage == "reported" and _has_cue(clause)
               or (fact.stage != "reported" and REPORTED_CUE.search(clause) and not PRELIMINARY_CUE.search(clause)))
    if unclear and not by_opening_rule:
        flags.append("stage unclear")
    if fact in extraction.parts or (SUBSET_CTX.search(clause) or DROP_CTX.search(clause) or ORIGIN_CTX.search(clause)
                                    or CN_PART_BEFORE.search(clause) or CN_LOCAL_SUBJECT.search(fact.sentence)
                                    or re.search(r"\b(?:district|county|city's|zone|park|sub-venue)\b", clause, re.I)):
        flags.append("part-of-whole cue")
    if extraction.year_source in _INFERRED_SOURCES or fact.year != extraction.year:
        flags.append("year inferred")
    return flags


def review_items(extraction: Extraction) -> list[dict]:
    """The proposed figures as the review page shows them (see the module docstring for the keys)."""
    return [{
        "metric": f.metric, "value": f.value, "unit": f.unit, "qualifier": f.qualifier, "year": f.year,
        "scope": f.scope, "stage": f.stage, "confidence": f.confidence, "sentence": f.sentence,
        "number_start": f.number_start, "number_end": f.number_end, "start": f.start, "end": f.end,
        "flags": list(f.flags), "part": f in extraction.parts,
    } for f in extraction.facts + extraction.parts]
