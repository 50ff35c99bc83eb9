"""What an extraction gives: the per-edition facts, cumulative claims, breakdowns, participation and
edition fields, each tied to its sentence; and the constants (units, scopes) they are reported in."""
from __future__ import annotations

from dataclasses import dataclass, field

import vocabulary


CONVENTION = vocabulary.CONVENTION
FIRST_YEAR = vocabulary.FIRST_EDITION_YEAR

UNITS = vocabulary.METRIC_UNITS  # metric -> the unit its figures are reported in
SCOPES = {
    "exhibitors": "exhibition", "exhibits": "exhibition", "visitors": "exhibition", "exhibition_area": "exhibition",
    "exhibition_area_hall": "exhibition hall", "exhibition_area_outdoor": "outdoor showcase",
    "organizers": "joint organizers",
}
EXPECTED_SCOPE = "expected at opening"
CLAIM_METRICS = {"projects_signed", "investment_signed", "funds_in_place", "attendees", "fortune500_executives",
                 "overseas_guests", "exhibitors", "countries_regions"}
FACT_KEYS = ("metric", "value", "unit", "qualifier", "year", "scope", "sentence", "start", "end", "confidence")


# ---------------------------------------------------------------- result types

@dataclass
class Fact:
    metric: str
    value: float
    unit: str
    qualifier: str
    year: int | None
    scope: str
    sentence: str
    start: int
    end: int
    confidence: float
    stage: str = ""  # vocabulary.STAGES: "expected", "preliminary" or "reported" (decided per clause: `stages.py`)
    number_start: int | None = None  # the number's offsets inside `sentence`
    number_end: int | None = None
    flags: list[str] = field(default_factory=list)  # what a reviewer should check (see `review_flags`)


@dataclass
class Claim:
    metric: str
    value: float
    unit: str
    qualifier: str
    year_from: int | None
    year_to: int | None
    sentence: str
    start: int
    end: int
    confidence: float
    stage: str = "reported"  # a cumulative total is always reported


@dataclass
class Breakdown:
    year: int | None
    dimension: str
    category: str
    projects: int | None
    projects_qualifier: str | None
    investment_cny_bn: float | None
    investment_qualifier: str | None
    sentence: str
    start: int
    end: int
    confidence: float


@dataclass
class Participation:
    year: int | None
    organization: str
    kind: str
    role: str
    sentence: str
    start: int
    end: int
    confidence: float


@dataclass
class EditionField:
    field: str  # theme / start_date / end_date
    value: str
    year: int | None
    sentence: str
    start: int
    end: int
    confidence: float


@dataclass
class Extraction:
    text: str
    year: int | None
    year_source: str  # "argument", "text", "ordinal", "dates", "date line", "dateline", "byline" or ""
    facts: list[Fact] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    participation: list[Participation] = field(default_factory=list)
    edition: list[EditionField] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stage: str = ""  # "closed", "preview" or "" (see `release_stage`)
    # figures the release gives for a part of the convention (a city, a district, a session, a company): each with
    # its stated scope; never proposed as the convention's total (the Add data page shows them unticked)
    parts: list[Fact] = field(default_factory=list)
    results: bool = False  # the release reports the official results press conference (stage "confirmed")
