"""Entry point: page config, shared sidebar filters, st.navigation over pages/, run the page."""
from pathlib import Path

import streamlit as st

from queries import DatabaseMissing, DatabaseUnreadable, run, snapshot
from ui import drill
from ui import filters as shared_filters
from ui.i18n import language, language_switch, t
from ui.print_style import print_stylesheet

# The favicon is a file served by the app itself: a Material icon favicon would come from a font CDN.
FAVICON = str(Path(__file__).resolve().parent / "ui" / "assets" / "favicon.png")
st.set_page_config(page_title=t("app.title"), page_icon=FAVICON, layout="wide")
# First in the sidebar, before anything reads t(): a switch reruns the page in the new language.
language_switch()
print_stylesheet()

# The default page always lives at "/" (Streamlit ignores its url_path); the others at /<file stem>,
# which is also how AppTest's switch_page finds them. Titles follow the language, paths never do.
OVERVIEW = st.Page("pages/overview.py", title=t("nav.overview"), icon=":material/dashboard:", default=True,
                   url_path="home")  # served at "/"; "/overview" is the alias below
PAGES = {
    t("nav.dashboard"): [
        OVERVIEW,
        st.Page("pages/projects.py", title=t("nav.projects"), icon=":material/payments:", url_path="projects"),
        st.Page("pages/exhibition.py", title=t("nav.exhibition"), icon=":material/storefront:", url_path="exhibition"),
        st.Page("pages/organizers.py", title=t("nav.organizers"), icon=":material/groups:", url_path="organizers"),
    ],
    t("nav.data"): [
        st.Page("pages/explorer.py", title=t("nav.explorer"), icon=":material/table_view:", url_path="explorer"),
        st.Page("pages/sources.py", title=t("nav.sources"), icon=":material/fact_check:", url_path="sources"),
        st.Page("pages/add_data.py", title=t("nav.add_data"), icon=":material/upload_file:", url_path="add_data"),
    ],
}

# One database version for the whole run: a rebuild published while it runs is read by the next
# run, so the sidebar's 'data as of' and the page never mix the old data with the new.
with snapshot():
    try:
        conventions = run("conventions")["convention"].tolist()
    except DatabaseMissing as exc:
        st.error(t("db.missing", detail=exc))
        st.stop()
    except DatabaseUnreadable:
        st.error(t("db.unreadable"), icon=":material/database:")
        st.stop()

    def overview_alias():
        """/overview, as people name the overview: the same view at "/", with its query parameters."""
        st.switch_page(OVERVIEW, query_params=st.query_params.to_dict())


    page = st.navigation({**PAGES, "": [st.Page(overview_alias, title=t("nav.overview"), url_path="overview")]},
                         position="hidden")
    if page.url_path == "overview":
        # Before the sidebar binds from, to, cur ... to its widgets: Streamlit refuses to set a bound
        # parameter, so a shared /overview?from=2019 would otherwise end in an exception.
        overview_alias()
    drill.arrive(page)  # opened by a chart's Explorer link: its edition range, before the sidebar draws it
    with st.sidebar:
        for section, pages in PAGES.items():
            st.caption(section)
            for listed in pages:
                st.page_link(listed)
    if not conventions:
        st.error(t("db.no_editions"))
        st.stop()
    try:
        convention = st.session_state.get(shared_filters.CONVENTION)
        convention = convention if convention in conventions else st.query_params.get(shared_filters.CONVENTION)
        convention = convention if convention in conventions else conventions[0]
        years = run("edition_years", convention=convention)["year"].tolist()
        filters = shared_filters.sidebar(conventions, years)
        st.session_state["filters"] = filters
        st.sidebar.caption(shared_filters.derived_note(
            run("derived_facts", convention=filters.convention, year_from=filters.year_from, year_to=filters.year_to),
            filters, language()))
        as_of = run("data_as_of").iloc[0]
        st.sidebar.caption(t("app.data_as_of", loaded_at=f"{as_of['loaded_at']:%Y-%m-%d %H:%M}", facts=as_of["facts"],
                             sources=as_of["sources"], run_id=as_of["run_id"]))
        page.run()
    except DatabaseUnreadable:  # a table damaged inside an otherwise readable file
        st.error(t("db.unreadable"), icon=":material/database:")
