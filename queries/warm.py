"""The page a new visitor opens, prepared before anyone asks (app.py runs this when a server starts).

A server's first visitor paid for opening the database version and running the queries of the page they opened.
Results are kept per database version (queries.run, queries.memoized), so running the same queries once at
start-up leaves that visitor's page nothing to run. A rebuild published later starts a new, empty version as
before; only the first page of a new server is served from here.
"""
from __future__ import annotations

from queries import run, snapshot
from queries.read_model import PREVIOUS, SERIES_METRICS, edition_view, opening_edition
from vocabulary import CURRENCIES


def opening_view() -> tuple[str, int] | None:
    """Run what dashboard.py and pages/overview.py run for a visitor with no link parameters: the first
    convention over all its editions, in the first currency, derived figures hidden (the sidebar's defaults in
    ui/filters.py), on the Overview's opening edition against the previous one. Returns (convention, edition),
    or None when the database has no edition. tests/test_warm_start.py fails when the page asks for anything
    this did not run."""
    with snapshot():
        conventions = run("conventions")["convention"].tolist()
        if not conventions:  # the page stops here too, saying so
            return None
        run("data_as_of")
        convention = conventions[0]
        years = run("edition_years", convention=convention)["year"].tolist()
        if not years:
            return None
        params = dict(convention=convention, year_from=min(years), year_to=max(years))
        run("derived_facts", **params)
        editions = run("editions", **params)
        series = run("metric_series", **params, metrics=list(SERIES_METRICS), include_derived=False)
        year = opening_edition(series, editions["year"])
        if year is None:
            return None
        edition_view(convention, params["year_from"], params["year_to"], CURRENCIES[0], False, year, PREVIOUS)
        return convention, year
