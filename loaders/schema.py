"""Every table: grain, key, columns (type, unit, description).

This one definition creates the DuckDB tables (`create_statements`), generates the checks of the one
validator (`loaders.validate`) and documents the tables in the README (`markdown`).
"""
from __future__ import annotations

from dataclasses import dataclass

from vocabulary import (COMPARE_DIMENSIONS, HEADLINE_RULE, PROGRESS_MEASURES, QUALIFIERS, STAGE_DEFAULT_SQL,  # noqa: F401
                        STAGES, WHOLE_CONVENTION)
# (WHOLE_CONVENTION and the code lists are the vocabulary's; importers of loaders.schema still find them here)

YEAR_MIN, YEAR_MAX = 2018, 2100
FORMATS = ("offline", "online", "hybrid")
ROLES = (
    "organizer", "co-organizer", "host", "supporting",
    "guest country of honor", "guest province of honor",
)
ORG_KINDS = (
    "ministry", "commission", "academy", "association", "local government", "international",
    "country", "province", "advisory body", "company", "other",
)
DIMENSIONS = ("sector", "size_band", "subset")
PROJECT_STATUSES = ("signed", "under construction", "in operation", "cancelled", "unknown")
# How much of `published_on` is known: a page dated only by month or year is stored on the first day
# of it, and `ui.format.source_date` never shows that day.
DATE_PRECISIONS = ("day", "month", "year")
# How a metric's per-edition figures combine over several editions, which decides what a cumulative
# claim is checked against: "sum" (projects, money, people: the editions add up), "distinct" (a count
# of distinct things such as countries, which can come again: the claim lies between the largest
# edition and the sum), "none" (shares, maxima, areas: nothing to add up).
AGGREGATIONS = ("sum", "distinct", "none")
# What a load run did (load_runs.action); a rollback and a discard are runs of their own.
LOAD_ACTIONS = ("build", "add", "rollback", "discard")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type
    description: str
    unit: str = ""
    required: bool = True  # not null
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    # SQL standing in for a blank or absent cell, over the row's typed columns ({qualifier}): what an
    # older file without the column loads as.
    default: str = ""
    web_address: bool = False  # only an http(s) address with a host (never javascript:, data:, file: ...)


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    description: str = ""
    # Loaded from data/<name>.csv by `loaders build`; False for tables the build fills itself.
    from_data_dir: bool = True
    optional_file: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _year(required: bool = True) -> Column:
    return Column("year", "INTEGER", "Edition year", required=required, minimum=YEAR_MIN, maximum=YEAR_MAX)


_CONVENTION = Column("convention", "VARCHAR", "Convention code, e.g. WMC")
_SOURCE = Column("source_id", "VARCHAR", "Source of the row (sources.source_id)")
_NOTE = Column("note", "VARCHAR", "Free-text remark", required=False)

TABLES: dict[str, Table] = {t.name: t for t in [
    Table(
        "sources", "one row per published document a figure comes from", ("source_id",),
        (
            Column("source_id", "VARCHAR", "Stable slug"),
            Column("publisher", "VARCHAR", "Who published it (original publisher first, 'via' for reprints)"),
            Column("title", "VARCHAR", "Headline or short description", required=False),
            Column("url", "VARCHAR", "Where it was read (an http or https address)", web_address=True),
            Column("published_on", "DATE", "Publication date (first day of the month or year when only that is known)",
                   required=False),
            Column("published_precision", "VARCHAR", "How much of published_on is known: day / month / year",
                   required=False, choices=DATE_PRECISIONS),
        ),
    ),
    Table(
        "metrics", "one row per metric a fact can report", ("metric",),
        (
            Column("metric", "VARCHAR", "snake_case name"),
            Column("label", "VARCHAR", "Human label"),
            Column("unit", "VARCHAR", "Unit every value of this metric is stored in"),
            Column("definition", "VARCHAR", "What is counted"),
            Column("higher_is_better", "BOOLEAN", "Direction for deltas: true when more is better, false when "
                   "less is, blank for a neutral metric (no good or bad colour)", required=False),
            Column("category", "VARCHAR", "Group for navigation",
                   choices=("investment", "exhibition", "participation", "organization")),
            Column("aggregation", "VARCHAR", "How editions combine in a cumulative claim: sum (they add up), "
                   "distinct (distinct things counted again each edition: at least the largest edition, at most "
                   "the sum) or none (shares, maxima, areas)", choices=AGGREGATIONS),
            Column("part_of", "VARCHAR", "The metric this one is a part of (funds in place of the signed "
                   "investment): over the same editions it cannot be larger", required=False),
            Column("compare_by", "VARCHAR", "What two figures of the metric must share to be compared, space "
                   "separated: scope, stage (closing / preliminary / expected), basis (the currency basis: "
                   "converted at the annual rate or as the source reported)", required=False,
                   default="'" + " ".join(COMPARE_DIMENSIONS) + "'"),
        ),
    ),
    Table(
        "editions", "one row per convention edition", ("convention", "year"),
        (
            _CONVENTION, _year(),
            Column("edition_no", "INTEGER", "1 for the first edition", minimum=1),
            Column("start_date", "DATE", "First day", required=False),
            Column("end_date", "DATE", "Last day", required=False),
            Column("format", "VARCHAR", "offline / online / hybrid", required=False, choices=FORMATS),
            Column("theme", "VARCHAR", "Official English theme", required=False),
            Column("city", "VARCHAR", "Host city"),
            Column("venue", "VARCHAR", "Main venue", required=False),
            Column("source_id", "VARCHAR", "Source of dates/theme", required=False),
            _NOTE,
        ),
    ),
    Table(
        "facts", "one row per reported (or derived) figure", ("convention", "year", "metric", "scope"),
        (
            _CONVENTION, _year(),
            Column("metric", "VARCHAR", "metrics.metric"),
            Column("value", "DOUBLE", "The figure, in `unit`", minimum=0),
            Column("unit", "VARCHAR", "Must equal the metric's unit"),
            Column("qualifier", "VARCHAR", "How exact the source is", choices=QUALIFIERS),
            Column("scope", "VARCHAR", "What the figure covers, e.g. 'whole convention'"),
            _SOURCE,
            Column("is_derived", "BOOLEAN", "True when computed by arithmetic, not reported"),
            _NOTE,
            Column("stage", "VARCHAR", "When the figure was given: expected (announced before or at the opening), "
                   "preliminary (an opening-day or running count) or closing (at the close or the results "
                   "conference); a file without it loads 'expected' for the qualifier expected, else 'closing'",
                   required=False, choices=STAGES, default=STAGE_DEFAULT_SQL),
        ),
    ),
    Table(
        "alternatives", "one row per other source's value for a stored fact (a disagreement)",
        ("convention", "year", "metric", "scope", "source_id"),
        (
            _CONVENTION, _year(),
            Column("metric", "VARCHAR", "metrics.metric (the fact's)"),
            Column("scope", "VARCHAR", "The fact's scope"),
            Column("source_id", "VARCHAR", "The other source (never the fact's own)"),
            Column("value", "DOUBLE", "The value that source gives, in `unit`", minimum=0),
            Column("unit", "VARCHAR", "Must equal the metric's unit"),
            Column("qualifier", "VARCHAR", "How exact that source is", choices=QUALIFIERS),
            Column("preferred_by", "VARCHAR", "The HEADLINE_RULE step that put the fact's value first",
                   choices=HEADLINE_RULE),
            _NOTE,
        ),
        description="The headline stays in facts, chosen by HEADLINE_RULE; these are the values it was preferred to.",
        optional_file=True,
    ),
    Table(
        "breakdowns", "one row per edition x dimension x category", ("convention", "year", "dimension", "category"),
        (
            _CONVENTION, _year(),
            Column("dimension", "VARCHAR", "sector / size_band / subset", choices=DIMENSIONS),
            Column("category", "VARCHAR", "e.g. 'new energy vehicles and power batteries'"),
            Column("projects", "INTEGER", "Projects signed in the category", "projects", required=False, minimum=0),
            Column("projects_qualifier", "VARCHAR", "Qualifier of `projects`", required=False, choices=QUALIFIERS),
            Column("investment_cny_bn", "DOUBLE", "Investment signed in the category", "bn CNY",
                   required=False, minimum=0),
            Column("investment_qualifier", "VARCHAR", "Qualifier of `investment_cny_bn`", required=False,
                   choices=QUALIFIERS),
            _SOURCE, _NOTE,
        ),
    ),
    Table(
        "participation", "one row per organization x edition x role", ("convention", "year", "organization", "role"),
        (
            _CONVENTION, _year(),
            Column("organization", "VARCHAR", "Name, spelt the same across editions"),
            Column("kind", "VARCHAR", "What sort of body it is", choices=ORG_KINDS),
            Column("role", "VARCHAR", "Its role at that edition", choices=ROLES),
            _SOURCE,
        ),
    ),
    Table(
        "organizations", "one row per organization (built from participation)", ("organization",),
        (
            Column("organization", "VARCHAR", "Name"),
            Column("kind", "VARCHAR", "What sort of body it is", choices=ORG_KINDS),
            Column("first_year", "INTEGER", "First edition it took part in"),
            Column("editions", "INTEGER", "Editions it took part in"),
        ),
        from_data_dir=False,
    ),
    Table(
        "claims", "one row per statement covering several editions", ("claim_id",),
        (
            _CONVENTION,
            Column("claim_id", "VARCHAR", "Stable slug"),
            Column("year_from", "INTEGER", "First edition covered", minimum=YEAR_MIN, maximum=YEAR_MAX),
            Column("year_to", "INTEGER", "Last edition covered", minimum=YEAR_MIN, maximum=YEAR_MAX),
            Column("metric", "VARCHAR", "metrics.metric"),
            Column("value", "DOUBLE", "The figure, in `unit`", minimum=0),
            Column("unit", "VARCHAR", "Must equal the metric's unit"),
            Column("qualifier", "VARCHAR", "How exact the source is", choices=QUALIFIERS),
            Column("scope", "VARCHAR", "What the claim covers, e.g. 'whole convention' or 'exhibition'; it is "
                   "checked against the per-edition facts of the same scope (or one claim_scopes maps to it)"),
            _SOURCE, _NOTE,
        ),
    ),
    Table(
        "claim_scopes", "one row per per-edition scope that counts towards a differently worded claim scope",
        ("claim_scope", "fact_scope"),
        (
            Column("claim_scope", "VARCHAR", "A claims.scope"),
            Column("fact_scope", "VARCHAR", "A facts.scope whose figures add up to that claim scope"),
            Column("note", "VARCHAR", "Why they count as the same scope"),
            Column("same_scope", "BOOLEAN", "True when the fact scope is the claim scope under another name, so "
                   "its figures are also compared edition to edition with the claim scope's (2018's totals of "
                   "two co-held conventions, the organisers' own WMC base); blank or false: only summed "
                   "towards claims", required=False),
        ),
        description="A claim is checked against the facts of exactly its scope, plus the fact scopes listed "
                    "here; nothing is matched by similar wording.",
        optional_file=True,
    ),
    Table(
        "progress", "one row per figure of a progress report on the projects signed at some editions",
        ("convention", "report_id", "measure"),
        (
            _CONVENTION,
            Column("report_id", "VARCHAR", "Stable slug of the report: one source's status of one set of editions"),
            Column("year_from", "INTEGER", "First edition whose signed projects it follows", minimum=YEAR_MIN,
                   maximum=YEAR_MAX),
            Column("year_to", "INTEGER", "Last edition whose signed projects it follows", minimum=YEAR_MIN,
                   maximum=YEAR_MAX),
            Column("status_on", "DATE", "The date the status refers to (end of the month for 'end of Sep')"),
            Column("status_precision", "VARCHAR", "How much of status_on is known: day / month / year",
                   choices=DATE_PRECISIONS),
            Column("measure", "VARCHAR", "What is measured (vocabulary.PROGRESS_MEASURES)",
                   choices=tuple(PROGRESS_MEASURES)),
            Column("value", "DOUBLE", "The figure, in `unit`", minimum=0),
            Column("unit", "VARCHAR", "Must equal the measure's unit"),
            Column("qualifier", "VARCHAR", "How exact the source is", choices=QUALIFIERS),
            Column("scope", "VARCHAR", "The signed projects it follows, e.g. 'whole convention'; a ratio is "
                   "taken only against signed figures of the same scope"),
            _SOURCE, _NOTE,
        ),
        description="Shares are stored as the source states them (`*_share`, percent of the source's own base); "
                    "the dashboard computes its own ratios against the signed figures of the same editions.",
        optional_file=True,
    ),
    Table(
        "fx_rates", "one row per year", ("year",),
        (
            _year(),
            Column("cny_per_usd", "DOUBLE", "Annual average CNY per USD", "CNY/USD", minimum=0.01),
            _SOURCE,
        ),
    ),
    Table(
        "projects", "one row per signed project (the optional register)", ("convention", "year", "project_id"),
        (
            _CONVENTION, _year(),
            Column("project_id", "VARCHAR", "Register id, unique within an edition"),
            Column("name", "VARCHAR", "Project name"),
            Column("investor", "VARCHAR", "Investing company", required=False),
            Column("investor_origin", "VARCHAR", "Country or region of the investor", required=False),
            Column("sector", "VARCHAR", "Industry sector", required=False),
            Column("city", "VARCHAR", "City where it is built", required=False),
            Column("investment_cny_bn", "DOUBLE", "Signed investment", "bn CNY", required=False, minimum=0),
            Column("status", "VARCHAR", "Project status", required=False, choices=PROJECT_STATUSES),
        ),
        optional_file=True,
    ),
    Table(
        "projects_rollup",
        "one row per edition x sector x city x investor origin in the register (built at load)",
        ("convention", "year", "sector", "city", "investor_origin"),
        (
            _CONVENTION, _year(),
            Column("sector", "VARCHAR", "Sector, '(not given)' where the register has none"),
            Column("city", "VARCHAR", "City, '(not given)' where the register has none"),
            Column("investor_origin", "VARCHAR", "Investor origin, '(not given)' where the register has none"),
            Column("projects", "BIGINT", "Register rows", "projects", minimum=0),
            Column("investment_cny_bn", "DOUBLE", "Sum of their investment", "bn CNY", required=False),
        ),
        description="Summary and drill-down read this instead of scanning 10^7 register rows per view.",
        from_data_dir=False,
    ),
    Table(
        "projects_top",
        "one row per register project among the largest of its edition (built at load)",
        ("convention", "year", "project_id"),
        (
            _CONVENTION, _year(),
            Column("project_id", "VARCHAR", "Register id"),
            Column("name", "VARCHAR", "Project name", required=False),
            Column("investor", "VARCHAR", "Investing company", required=False),
            Column("investor_origin", "VARCHAR", "Country or region of the investor", required=False),
            Column("sector", "VARCHAR", "Industry sector", required=False),
            Column("city", "VARCHAR", "City where it is built", required=False),
            Column("investment_cny_bn", "DOUBLE", "Signed investment", "bn CNY"),
            Column("status", "VARCHAR", "Project status", required=False),
        ),
        description="Every project whose investment reaches its edition's 200th largest (ties kept): the "
                    "top projects of any edition range are among them, so the page never sorts 10^7 rows.",
        from_data_dir=False,
    ),
    Table(
        "load_runs", "one row per build, add, rollback or discard; append-only (rows are never erased)",
        ("run_id",),
        (
            Column("run_id", "INTEGER", "Sequence, never reused (one more than any run ever recorded)"),
            Column("loaded_at", "TIMESTAMP", "When the load finished (UTC)"),
            Column("action", "VARCHAR", "build, add, rollback, or discard (additions a build dropped when told to)",
                   choices=LOAD_ACTIONS),
            Column("files", "VARCHAR", "Files read, comma separated"),
            Column("rows", "INTEGER", "Rows loaded"),
            Column("checksum", "VARCHAR", "sha256 over the files read"),
            Column("undone_by", "INTEGER", "The rollback or discard run that undid this load; empty while it holds",
                   required=False),
            Column("addition", "VARCHAR", "An add's durable record beside the database (<db>.additions/<name>), "
                   "which every build replays", required=False),
            Column("changes", "VARCHAR", "Stored figures the load replaced, in words: 'WMC 2022 projects_signed: "
                   "expected 568 -> 575 closing (closing_over_opening)'", required=False),
        ),
        from_data_dir=False,
    ),
]}

# Core metrics get one column each in the wide `edition_kpis` view.
KPI_METRICS = (
    "projects_signed", "investment_signed", "investment_signed_usd_reported", "exhibition_area",
    "exhibition_area_hall", "exhibition_area_outdoor", "exhibitors", "exhibits", "attendees",
    "overseas_guests", "countries_regions", "visitors", "fortune500_executives", "organizers",
)


def _kpi_columns(metric: str) -> str:
    pick = f"max(f.value) filter (where f.metric = '{metric}')"
    return (
        f"{pick} as {metric}, "
        f"max(f.qualifier) filter (where f.metric = '{metric}') as {metric}_qualifier, "
        f"bool_or(f.is_derived) filter (where f.metric = '{metric}') as {metric}_is_derived, "
        f"max(f.source_id) filter (where f.metric = '{metric}') as {metric}_source_id"
    )


# One row per edition: the core metrics side by side. A metric has at most one fact per edition
# (tests/test_data_integrity.py holds the data to that), so max() picks that one fact.
EDITION_KPIS_VIEW = f"""
create or replace view edition_kpis as
select e.convention, e.year, e.edition_no, e.start_date, e.end_date, e.format, e.theme, e.city,
       fx.cny_per_usd,
       {", ".join(_kpi_columns(m) for m in KPI_METRICS)}
from editions e
left join facts f on f.convention = e.convention and f.year = e.year
left join fx_rates fx on fx.year = e.year
group by all
"""

# projects_rollup from projects: the load stores it (loaders.register.refresh_rollup); a register
# read from a Parquet dataset gets it as a view over that dataset (queries/register_dataset.py).
ROLLUP_SELECT = """
select convention, year, coalesce(sector, '(not given)') as sector, coalesce(city, '(not given)') as city,
       coalesce(investor_origin, '(not given)') as investor_origin, count(*) as projects,
       sum(investment_cny_bn) as investment_cny_bn
from projects group by all
"""

# The same rollup from the rows' groups by edition and the rollup's text columns as read (relation
# `_register_groups`, made by the register's one-pass load: loaders.register): a blank and '(not given)'
# fall into one row, as above.
ROLLUP_OVER_GROUPS = """
select convention, year, coalesce(sector, '(not given)') as sector, coalesce(city, '(not given)') as city,
       coalesce(investor_origin, '(not given)') as investor_origin, sum(projects) as projects,
       sum(investment_cny_bn) as investment_cny_bn
from _register_groups group by all
"""


def top_threshold(per_edition: int) -> str:
    """The aggregate giving, per edition, the investment its projects_top rows reach: the `per_edition`-th
    largest (max(x, n) keeps the n largest in a heap and skips nulls; null when the edition has none)."""
    return f"list_min(max(investment_cny_bn, {int(per_edition)}))"


def top_select(per_edition: int) -> str:
    """The projects_top rows: each edition's `per_edition` largest projects of `projects`; every row
    reaching the n-th is kept (ties). The count is an integer the configuration sets, written as a
    literal so a connection can build the table over a Parquet view too."""
    return f"""
select p.convention, p.year, p.project_id, p.name, p.investor, p.investor_origin, p.sector, p.city,
       p.investment_cny_bn, p.status
from projects p
join (select convention, year, {top_threshold(per_edition)} as threshold
      from projects where investment_cny_bn is not null group by all) t
  on t.convention = p.convention and t.year = p.year
where p.investment_cny_bn >= t.threshold
"""


# projects_top from `projects` and the thresholds a load found already (relation `top_thresholds`:
# convention, year, threshold; see loaders.register): the same rows as top_select, in one scan that
# skips every row below the lowest threshold ($lowest) before it reads the other columns.
TOP_OVER_THRESHOLDS = """
select p.convention, p.year, p.project_id, p.name, p.investor, p.investor_origin, p.sector, p.city,
       p.investment_cny_bn, p.status
from projects p
join top_thresholds t on t.convention = p.convention and t.year = p.year
where p.investment_cny_bn >= $lowest and p.investment_cny_bn >= t.threshold
"""


def create_statements() -> list[str]:
    """DDL for every table (with its primary key) and the views."""
    statements = []
    for table in TABLES.values():
        cols = [
            f"{c.name} {c.type}{' not null' if c.required or c.name in table.key else ''}"
            for c in table.columns
        ]
        cols.append(f"primary key ({', '.join(table.key)})")
        statements.append(f"create table {table.name} ({', '.join(cols)})")
    statements.append(EDITION_KPIS_VIEW)
    return statements


# ---------------------------------------------------------------- documentation

def markdown() -> str:
    """The tables as Markdown, for the README."""
    parts = []
    for table in TABLES.values():
        parts.append(f"### `{table.name}`\n\nGrain: {table.grain}. Key: ({', '.join(table.key)}).\n")
        if table.description:
            parts.append(f"{table.description}\n")
        parts.append("| column | type | unit | description |\n|---|---|---|---|")
        for c in table.columns:
            flag = "" if c.required else " (optional)"
            parts.append(f"| {c.name} | {c.type.lower()} | {c.unit} | {c.description}{flag} |")
        parts.append("")
    parts.append("### `edition_kpis` (view)\n\nGrain: one row per edition; for each core metric the value, "
                 "`_qualifier`, `_is_derived` and `_source_id` columns, plus the year's `cny_per_usd`.\n")
    return "\n".join(parts)
