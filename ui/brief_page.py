"""The Overview's "Download brief (PDF)": on click, gathers the edition's data and prints it."""
from __future__ import annotations

import threading

import streamlit as st

import queries
from queries import snapshot
from queries import followthrough as follow_through
from queries.read_model import PREVIOUS, EditionView, edition_view
from ui import brief
from ui import claims as cumulative
from ui import edition as edition_facts
from ui import followthrough
from ui.export import version_text
from ui.charts import edition_bars
from ui.i18n import FORMATS, code_word, language, speaking, t, text
from ui.kpis import say
from vocabulary import ORGANIZING_ROLES

MESSAGES = ("missing", "busy", "timeout", "failed")
WORDS = ("kpis", "charts", "organizers", "guests", "claims", "claims_more", "sources", "version", "generated",
         "no_change", "no_claims", "editions", "metric", "claimed", "sum", "coverage", "check")
_LOCK = "_brief_lock"


def view_of(filters, year: int, reference=PREVIOUS) -> EditionView:
    """The edition as the Overview decides it, for the shared filters (range, currency, derived)."""
    return edition_view(filters.convention, filters.year_from, filters.year_to, filters.currency,
                        filters.include_derived, year, reference)


def gather(view: EditionView, lang: str) -> brief.BriefData:
    """What the brief of the view's edition shows, in `lang`: the Overview's cards said the same way."""
    year, currency = view.year, view.currency
    cards = [say(c, lang, currency) for c in view.cards]
    years = list(view.years)
    charts = [edition_bars(view.series, "projects_signed", years, text(lang, "projects.chart_projects")),
              edition_bars(view.series, "investment_signed", years,
                           text(lang, "projects.chart_investment", unit=FORMATS[lang].unit_label(f"bn {currency}"),
                                basis=""))]
    rows = view.participation
    guests = rows[rows["role"].str.startswith("guest")]
    table = cumulative.summary(view.claims, lang, first_only=True).to_dict("records")  # fits one page
    sources = [(p, FORMATS[lang].source_date(d, precision)) for p, d, precision in view.sources]
    facts = edition_facts.facts(view.edition, guests, lang)
    facts.pop(text(lang, "edition.guests"))  # the brief lists them beside the organizers
    more = max(0, len(table) - brief.MAX_CLAIMS)
    words = {**{w: text(lang, f"brief.{w}", more=more) for w in WORDS},
             "list_joiner": text(lang, "common.list_joiner"), "colon": text(lang, "brief.colon"),
             "followthrough": text(lang, "brief.followthrough")}
    if view.reference not in (None, PREVIOUS):
        words["kpis"] = text(lang, "brief.kpis_against", year=view.reference)
    return brief.BriefData(
        lang=lang, title=text(lang, "brief.title", convention=code_word("convention", view.convention, lang),
                              year=year, number=view.edition["edition_no"]),
        facts=facts, cards=cards, charts=charts,
        organizers=edition_facts.organizers(rows[rows["role"].isin(ORGANIZING_ROLES)], lang),
        guests=edition_facts.guests_of_honor(guests, lang), claims=table[:brief.MAX_CLAIMS],
        claims_more=more, sources=sources, data_version=version_text(lang), words=words,
        status=edition_facts.status_note(view.status, year, lang),
        followthrough=followthrough.brief_text(
            follow_through.brief_line(follow_through.load(view.convention, year, year), year), lang))


def file_name(filters, year: int, lang: str) -> str:
    """'wmc_brief_2023_en_USD.pdf': the edition, language and currency the brief is in."""
    return f"{filters.convention.lower()}_brief_{year}_{lang}_{filters.currency}.pdf"


def download_button(filters, year: int, reference=PREVIOUS) -> None:
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
        # Admitted first (a bounded number at once), then one database version for all of it: the
        # one this page run showed (held above), whenever the button is clicked.
        with brief.admitted(messages), speaking(lang), snapshot(held):
            return brief.make(gather(view_of(filters, year, reference), lang), lock, messages)

    st.download_button(t("brief.download"), make, file_name=file_name(filters, year, lang), mime="application/pdf",
                       on_click="ignore", key="download_brief", icon=":material/picture_as_pdf:",
                       help=t("brief.help"))
