"""Overview for managers: one edition's KPIs against the previous edition, edition facts, cumulative claims."""
import streamlit as st

from queries import run, snapshot
from queries.read_model import PREVIOUS, SERIES_METRICS, earlier_editions, opening_edition
from ui import brief_page
from ui import claims as cumulative
from ui import edition as edition_facts
from ui.shell import current_filters
from ui.filters import page_choice
from ui.i18n import language, t
from ui.kpis import say, show_kpi_row
from ui.tables import show_data, show_short_table

filters = current_filters()
lang = language()
params = dict(convention=filters.convention, year_from=filters.year_from, year_to=filters.year_to)

# Filters
editions = run("editions", **params)
series = run("metric_series", **params, metrics=list(SERIES_METRICS), include_derived=filters.include_derived)
years = editions["year"].tolist()[::-1]
st.title(t("overview.title", convention=filters.convention))
if not years:
    st.info(t("common.no_editions"))
    st.stop()
default_year = opening_edition(series, years)


# Only this part reruns when the edition or the reference changes (a fragment): the sidebar, the
# navigation and the queries above stay as they are, where a whole-page rerun redrew them all for
# nothing. A sidebar change, the language switch and Back/Forward still rerun the whole page, this
# part with it. A fragment's own rerun runs outside dashboard.py's snapshot block: it opens its own.
@st.fragment
def edition_part() -> None:
    with snapshot():
        show_edition()


def show_edition() -> None:
    # The plain year is the choice's label, so the URL reads edition=2019 as links always have.
    choice, reference_choice = st.columns(2)
    with choice:
        year = page_choice(t("overview.edition"), years, key="edition", default=default_year)
    with reference_choice:
        # Only earlier editions: a change is measured back in time. The default (the previous edition)
        # stays out of the URL, a year reads vs=2019.
        reference = page_choice(t("overview.reference"), [PREVIOUS, *earlier_editions(years, year)], key="vs",
                                default=PREVIOUS,
                                format_func=lambda o, word=t("overview.vs_previous"): word if o == PREVIOUS else str(o))

    # Data: the edition as the read model decides it (the brief prints the same view)
    view = brief_page.view_of(filters, year, reference)
    cards = [say(c, lang, filters.currency) for c in view.cards]
    guests = view.participation[view.participation["role"].str.startswith("guest")]
    claims = view.claims

    # Render
    compared = t("overview.against_previous") if reference == PREVIOUS else str(reference)
    st.caption(t("overview.caption", number=view.edition["edition_no"], reference=compared))
    if note := edition_facts.status_note(view.status, year, lang):
        st.caption(f"⚠ {note}")
    show_kpi_row(cards)
    brief_page.download_button(filters, year, reference)

    st.subheader(t("overview.facts"))
    # One block, a line a fact: each element of a rerun is applied in turn by the browser (ui/kpis.show_kpi_row)
    st.markdown("  \n".join(t("common.label_value", label=label, value=value)
                            for label, value in edition_facts.facts(view.edition, guests, lang).items()))
    st.subheader(t("overview.claims"))
    st.caption(t("overview.claims_caption"))
    show_short_table(cumulative.summary(claims, lang), key="claims",
                     column_config={"editions": t("col.editions"), "metric": t("col.metric"),
                                    "claimed": t("col.claimed"), "flag": t("col.check"),
                                    "sum_of_editions": t("col.sum_of_editions"), "coverage": t("col.coverage"),
                                    "publisher": t("col.publisher")})
    cumulative.show_in_words(claims, lang)
    show_data(series[series["year"] <= year], t("overview.figures_behind"), key="overview")


edition_part()
