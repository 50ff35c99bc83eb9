"""Shared by the press-release extraction tests (tests/test_press_release_*.py)."""
from __future__ import annotations

from pathlib import Path

from loaders import press_release as pr

ROOT = Path(__file__).resolve().parents[1]
RELEASES = ROOT / "tests" / "releases"
FIXTURE = ROOT / "tests" / "fixtures" / "world"
LEAD = "The 2023 World Manufacturing Convention closed in Hefei. "

# A closing bulletin hard-wrapped at a fixed width (written for these tests).
WRAPPED = ("date 2021-11-23\nClosing bulletin: 2021 World Manufacturing Convention\n"
           "The 2021 World Manufacturing Convention in Hefei was jointly organized by the Ministry of Industry and\n"
           "Information Technology and the People's Government of Anhui Province.\n"
           "Since the first edition in 2018, the convention has seen a total of 2,455 projects signed.\n")


def facts(sentence: str, year: int | None = None) -> list[tuple]:
    """(metric, value, unit, qualifier, year) of each fact extracted from LEAD + sentence."""
    ex = pr.extract(LEAD + sentence, year=year)
    return [(f.metric, f.value, f.unit, f.qualifier, f.year) for f in ex.facts]
