"""Entry point: page config, shared sidebar filters, st.navigation over pages/, run the page."""
from pathlib import Path

import streamlit as st

from queries import DatabaseMissing, DatabaseUnreadable, run
from ui import filters as shared_filters

# The favicon is a file served by the app itself: a Material icon favicon would come from a font CDN.
FAVICON = str(Path(__file__).resolve().parent / "ui" / "assets" / "favicon.png")
st.set_page_config(page_title="WMC dashboard", page_icon=FAVICON, layout="wide")

# The default page always lives at "/" (Streamlit ignores its url_path); the others at /<file stem>,
# which is also how AppTest's switch_page finds them.
OVERVIEW = st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True,
                   url_path="home")  # served at "/"; "/overview" is the alias below
PAGES = {
    "Dashboard": [
        OVERVIEW,
        st.Page("pages/projects.py", title="Projects & investment", icon=":material/payments:", url_path="projects"),
        st.Page("pages/exhibition.py", title="Exhibition", icon=":material/storefront:", url_path="exhibition"),
        st.Page("pages/organizers.py", title="Organizers", icon=":material/groups:", url_path="organizers"),
    ],
    "Data": [
        st.Page("pages/explorer.py", title="Explorer & export", icon=":material/table_view:", url_path="explorer"),
        st.Page("pages/sources.py", title="Sources & quality", icon=":material/fact_check:", url_path="sources"),
        st.Page("pages/add_data.py", title="Add data", icon=":material/upload_file:", url_path="add_data"),
    ],
}

UNREADABLE = ("The database cannot be read: it may be damaged, or not a database file. Nothing you "
              "did caused this. An administrator can rebuild it with `python -m loaders build`; "
              "this page shows the data again as soon as a readable database is in place.")

try:
    conventions = run("conventions")["convention"].tolist()
except DatabaseMissing as exc:
    st.error(f"No database yet. {exc}")
    st.stop()
except DatabaseUnreadable:
    st.error(UNREADABLE, icon=":material/database:")
    st.stop()

def overview_alias():
    """/overview, as people name the overview: the same view at "/", with its query parameters."""
    st.switch_page(OVERVIEW, query_params=st.query_params.to_dict())


page = st.navigation({**PAGES, "": [st.Page(overview_alias, title="Overview", url_path="overview")]},
                     position="hidden")
with st.sidebar:
    for section, pages in PAGES.items():
        st.caption(section)
        for listed in pages:
            st.page_link(listed)
if not conventions:
    st.error("The database has no editions. Load data with `python -m loaders build`.")
    st.stop()
try:
    convention = st.session_state.get(shared_filters.CONVENTION)
    convention = convention if convention in conventions else st.query_params.get(shared_filters.CONVENTION)
    convention = convention if convention in conventions else conventions[0]
    years = run("edition_years", convention=convention)["year"].tolist()
    filters = shared_filters.sidebar(conventions, years)
    st.session_state["filters"] = filters
    as_of = run("data_as_of").iloc[0]
    st.sidebar.caption(
        f"Data as of {as_of['loaded_at']:%Y-%m-%d %H:%M} UTC · {as_of['facts']} figures from "
        f"{as_of['sources']} sources · load run {as_of['run_id']}"
    )
    page.run()
except DatabaseUnreadable:  # a table damaged inside an otherwise readable file
    st.error(UNREADABLE, icon=":material/database:")
