"""The Overview's "Download brief (PDF)": on click, gathers the edition's data and prints it."""
from __future__ import annotations

import threading

import streamlit as st

import queries
from queries import data_version, run
from ui import brief
from ui import claims as cumulative
from ui import edition as edition_facts
from ui.charts import edition_bars, in_currency
from ui.i18n import FORMATS, code_word, language, speaking, t, text
from ui.kpis import KPI_METRICS, SERIES_METRICS, card, series_records
from vocabulary import ORGANIZING_ROLES

MESSAGES = ("missing", "busy", "timeout", "failed")
WORDS = ("kpis", "charts", "organizers", "guests", "claims", "claims_more", "sources", "version", "generated",
         "no_change", "no_claims", "editions", "metric", "claimed", "sum", "coverage", "check")
_LOCK = "_brief_lock"


def gather(filters, year: int, lang: str) -> brief.BriefData:
    """What the brief of `year` shows, in `lang`, for the shared filters (range, currency, derived)."""
    params = dict(convention=filters.convention, year_from=filters.year_from, year_to=filters.year_to)
    edition = run("editions", convention=filters.convention, year_from=year, year_to=year).iloc[0].to_dict()
    series = run("metric_series", **params, metrics=list(SERIES_METRICS), include_derived=filters.include_derived)
    years = sorted(series["year"].unique().tolist())
    prepared = series_records(series, filters.currency)
    cards = [c for m in KPI_METRICS if (c := card(prepared, m, year, filters.currency, lang)) is not None]
    money = in_currency(series, filters.currency)
    charts = [edition_bars(money, "projects_signed", years, text(lang, "projects.chart_projects")),
              edition_bars(money, "investment_signed", years, text(lang, "projects.chart_investment",
                                                                     unit=brief_unit(filters, lang), basis=""))]
    rows = run("participation", convention=filters.convention, year_from=year, year_to=year)
    guests = rows[rows["role"].str.startswith("guest")]
    # Claims about editions up to this one, the most recent first: a claim covering this edition, or
    # the latest ones when none does yet (a new edition is covered only by later statements).
    claims = run("claims_reconciliation", convention=filters.convention)
    claims = claims[(claims["year_from"] <= year) & (claims["year_to"] >= filters.year_from)]
    claims = claims.sort_values(["year_to", "year_from"], ascending=[False, True], kind="stable")
    table = cumulative.summary(claims.reset_index(drop=True), lang, first_only=True).to_dict("records")  # fits one page
    shown = series[(series["year"] == year) & series["metric"].isin(KPI_METRICS) & series["value"].notna()]
    # Sorted by date, shown only as precisely as it is known ('2018', 'May 2018', '24 Sep 2019').
    dated = sorted({(p, d, precision) for p, d, precision in zip(shown["publisher"], shown["published_on"],
                                                               shown["published_precision"]) if p},
                   key=lambda s: (str(s[1]), s[0]))
    sources = [(p, FORMATS[lang].source_date(d, precision)) for p, d, precision in dated]
    facts = edition_facts.facts(edition, guests, lang)
    facts.pop(text(lang, "edition.guests"))  # the brief lists them beside the organizers
    return brief.BriefData(
        lang=lang, title=text(lang, "brief.title", convention=code_word("convention", filters.convention, lang),
                              year=year, number=edition["edition_no"]),
        facts=facts, cards=cards, charts=charts,
        organizers=edition_facts.organizers(rows[rows["role"].isin(ORGANIZING_ROLES)], lang),
        guests=edition_facts.guests_of_honor(guests, lang), claims=table[:brief.MAX_CLAIMS],
        claims_more=max(0, len(table) - brief.MAX_CLAIMS), sources=sources, data_version=data_version(),
        words={**{w: text(lang, f"brief.{w}", more=max(0, len(table) - brief.MAX_CLAIMS)) for w in WORDS},
               "list_joiner": text(lang, "common.list_joiner"), "colon": text(lang, "brief.colon")})


def brief_unit(filters, lang: str) -> str:
    return FORMATS[lang].unit_label(f"bn {filters.currency}")


def download_button(filters, year: int) -> None:
    """'Download brief (PDF)' for `year` in the current language; a plain warning when no renderer."""
    lang = language()
    missing = brief.renderer_missing()
    if missing:
        st.warning(t("brief.missing_path", path=missing), icon=":material/picture_as_pdf:")
        return
    lock = st.session_state.setdefault(_LOCK, threading.Lock())
    messages = {m: t(f"brief.{m}") for m in MESSAGES}

    held = queries.hold()  # the version this page run shows; the brief reads it, whenever clicked

    def make() -> bytes:
        # Gathered on click, in a worker thread, not on every run of the Overview: that cost about a
        # fifth of the server's time under load (the KPI cards a second time and two charts).
        # Admitted first (a bounded number at once), then one database version for all of it.
        with brief.admitted(messages), speaking(lang), queries.snapshot(held):
            return brief.make(gather(filters, year, lang), lock, messages)

    st.download_button(t("brief.download"), make,
                       file_name=f"{filters.convention.lower()}_brief_{year}_{lang}.pdf", mime="application/pdf",
                       on_click="ignore", key="download_brief", icon=":material/picture_as_pdf:",
                       help=t("brief.help"))
