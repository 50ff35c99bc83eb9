"""A press release's non-fact rows (organizers, cumulative claims, breakdowns) for `add`.

The facts of a release go through the common facts path; these rows carry the same source and are
merged into their own tables: a row whose key is already stored is left as it is (a release can
only add organizers, statements and breakdowns, never silently change stored ones).
"""
from __future__ import annotations

import re

import duckdb
import pandas as pd

import vocabulary
from loaders import schema
from vocabulary import WHOLE_CONVENTION
from loaders.errors import LoadError

CONVENTION = vocabulary.CONVENTION


def _claim_id(claim, source_id: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", f"{claim.metric}-{claim.year_from}-{claim.year_to}")
    return f"{slug}-{source_id}"[:120]


FACT_COLUMNS = ["convention", "year", "metric", "value", "unit", "qualifier", "scope", "is_derived", "note",
                "stage", "subset", "results"]


def fact_stage(fact) -> str:
    """A figure's stage in vocabulary.STAGES: the extractor's "reported" is a closing figure."""
    return fact.stage if fact.stage in vocabulary.STAGES else "closing"


def fact_rows(extraction) -> pd.DataFrame:
    """The release's per-edition figures as rows of the facts table (no source yet: `add` attaches it), and the
    figures it gives for a part of the convention (`subset` True; `add` leaves them out unless a person ticks them).

    A planned figure (stage expected) is stored with the qualifier "expected", as the curated data does; an interim
    count (preliminary: an opening-day or running count) keeps its own qualifier ("more than 1,000"), as the curated
    preliminary rows do; `stage` says which it was."""
    rows = []
    for fact, subset in [(f, False) for f in extraction.facts] + [(f, True) for f in getattr(extraction, "parts", [])]:
        stage = fact_stage(fact)
        qualifier = vocabulary.EXPECTED_QUALIFIER if stage == "expected" else fact.qualifier
        rows.append({"convention": CONVENTION, "year": fact.year, "metric": fact.metric, "value": fact.value,
                     "unit": fact.unit, "qualifier": qualifier, "scope": fact.scope, "is_derived": False,
                     "note": fact.sentence[:200], "stage": stage, "subset": subset,
                     "results": bool(getattr(extraction, "results", False)) and stage == "closing"})
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


def release_rows(extraction, year: int | None, source_id: str | None, file: str) -> dict[str, pd.DataFrame]:
    """Participation, claims and breakdowns rows of one release's extraction (validated by the caller)."""
    edition = year or extraction.year
    rows = {
        "participation": [
            {"convention": CONVENTION, "year": p.year or edition, "organization": p.organization,
             "kind": p.kind, "role": p.role, "source_id": source_id}
            for p in extraction.participation],
        "claims": [
            {"convention": CONVENTION, "claim_id": _claim_id(c, source_id or ""), "year_from": c.year_from,
             "year_to": c.year_to, "metric": c.metric, "value": c.value, "unit": c.unit,
             # A release's running total is read as the whole convention's: the extraction finds no narrower scope.
             "qualifier": c.qualifier, "scope": WHOLE_CONVENTION, "source_id": source_id, "note": c.sentence[:200]}
            for c in extraction.claims if c.year_from and c.year_to],
        "breakdowns": [
            {"convention": CONVENTION, "year": b.year or edition, "dimension": b.dimension, "category": b.category,
             "projects": b.projects, "projects_qualifier": b.projects_qualifier,
             "investment_cny_bn": b.investment_cny_bn, "investment_qualifier": b.investment_qualifier,
             "source_id": source_id, "note": b.sentence[:200]}
            for b in extraction.breakdowns],
    }
    if any(rows.values()) and source_id is None:
        raise LoadError(file, "figures have no source: give --source-url, --publisher and --published-on",
                        code="no_source")
    frames = {}
    for table, records in rows.items():
        frame = pd.DataFrame(records, columns=schema.TABLES[table].column_names)
        # Two sentences may name the same organizer or breakdown: keep the first.
        frame = frame.drop_duplicates(list(schema.TABLES[table].key))
        frames[table] = frame.reset_index(drop=True)
    return frames


def new_rows(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of `frame` whose key is not stored yet."""
    if frame.empty:
        return frame
    key = list(schema.TABLES[table].key)
    stored = {tuple(r) for r in con.execute(f"select {', '.join(key)} from {table}").fetchall()}  # schema names only
    return frame[[tuple(r) not in stored for r in frame[key].itertuples(index=False)]]


def refresh_organizations(con: duckdb.DuckDBPyConnection) -> None:
    """organizations is derived from participation: rebuild it after participation changed."""
    con.execute("delete from organizations")
    con.execute("""
        insert into organizations
        select organization, arg_max(kind, year), min(year), count(distinct year)
        from participation group by organization
    """)
