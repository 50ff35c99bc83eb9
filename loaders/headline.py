"""The headline rule applied on add: when an added figure meets a stored one of the same edition, metric and
scope, `decide` says which one stays in facts and by which step of `loaders.schema.HEADLINE_RULE`; the other
goes to alternatives with its source. A disagreement no step decides is left to the admin, with the reason.

Each side is a `Side`: its value, qualifier, stage (vocabulary.STAGES: closing, preliminary, expected), whether it
comes from the results press conference and whether its publisher is a reprint ("X via Y"). The stage of a stored
figure comes from its qualifier (`vocabulary.stage_of_stored`), its results mark from its source's title or note;
an added one's from the release it was read in (the extractor's stage and lead) or, for a table, its qualifier.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import vocabulary

ROUNDING = 0.15  # a rounded value lies within 15% of the exact one ("more than 700" over 735.1)
ADMIN = "chosen_by_admin"
# vocabulary.STAGES runs from the last stage to the first: closing, preliminary, expected
STAGE_RANK = {stage: -rank for rank, stage in enumerate(vocabulary.STAGES)}


@dataclass(frozen=True)
class Side:
    value: float
    qualifier: str
    stage: str  # vocabulary.STAGES
    reprint: bool = False
    results: bool = False  # given at the official results press conference


@dataclass(frozen=True)
class Decision:
    winner: str | None  # "new", "old", or None when the rule cannot decide
    step: str | None  # the HEADLINE_RULE step that decided
    reason: str  # why, in English (the page words it with `code` and `params`)
    code: str = ""  # "undecided.same_stage" ...: the catalogues' key under headline_rule.why.
    params: dict | None = None


def is_reprint(publisher: str | None) -> bool:
    """"Xinhua via INP": a reprint or mirror of another publisher's text."""
    return bool(publisher and re.search(r"\bvia\b|转载|转自", publisher, re.I))


def _rounds(loose: Side, exact: Side) -> bool:
    return (loose.qualifier != "exact" and exact.qualifier == "exact"
            and abs(loose.value - exact.value) <= ROUNDING * max(exact.value, 1e-9))


def decide(old: Side, new: Side) -> Decision:
    """Which figure the headline rule keeps in facts (see the module docstring)."""
    results = [side.results and side.stage == "closing" for side in (old, new)]
    if results[0] != results[1]:
        return Decision("new" if results[1] else "old", "results_over_release",
                        "the results press conference over a release")
    # the later stage: closing over preliminary over expected (an opening-day count over the plan before it)
    ranks = [STAGE_RANK.get(side.stage, STAGE_RANK["closing"]) for side in (old, new)]
    if ranks[0] != ranks[1]:
        return Decision("new" if ranks[1] > ranks[0] else "old", "closing_over_opening",
                        "a later stage over an earlier one: closing over opening day, opening day over a plan")
    if old.reprint != new.reprint:
        return Decision("old" if new.reprint else "new", "original_over_reprint",
                        "the original publisher over a reprint")
    if _rounds(old, new):
        return Decision("new", "exact_over_rounded", "the exact value over a rounding of it")
    if _rounds(new, old):
        return Decision("old", "exact_over_rounded", "the exact value over a rounding of it")
    return Decision(None, None, f"both are {new.stage} figures from original publishers and neither rounds the "
                    f"other ({old.value:g} stored, {new.value:g} new)", "undecided",
                    {"stage": new.stage, "old": old.value, "new": new.value})


