"""Shared sidebar filters: kept across page switches and mirrored in the URL.

The entry point renders the filters on every run, so their widget state survives page switches;
each run writes them back into the query string, so a copied link reopens the same view.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

CURRENCIES = ("CNY", "USD")
# session_state key -> URL parameter
URL_KEYS = {"convention": "conv", "year_from": "from", "year_to": "to", "currency": "cur", "derived": "derived"}


@dataclass(frozen=True)
class Filters:
    convention: str
    year_from: int
    year_to: int
    currency: str  # "CNY" or "USD"
    include_derived: bool

    def label(self) -> str:
        """Short text naming the view, used in file names and captions."""
        span = f"{self.year_from}" if self.year_from == self.year_to else f"{self.year_from}-{self.year_to}"
        return f"{self.convention.lower()}_{span}_{self.currency}" + ("_incl-derived" if self.include_derived else "")


def _int(text, allowed: list[int]) -> int | None:
    try:
        value = int(str(text))
    except (TypeError, ValueError):
        return None
    return value if value in allowed else None


def parse_url(params: dict, conventions: list[str], years: list[int]) -> dict:
    """Valid filter values found in query parameters; anything malformed is ignored."""
    found: dict = {}
    url = {key: params.get(name) for key, name in URL_KEYS.items()}
    if url["convention"] in conventions:
        found["convention"] = url["convention"]
    for key in ("year_from", "year_to"):
        value = _int(url[key], years)
        if value is not None:
            found[key] = value
    if url["currency"] in CURRENCIES:
        found["currency"] = url["currency"]
    if url["derived"] in ("0", "1"):
        found["derived"] = url["derived"] == "1"
    if found.get("year_from", 0) > found.get("year_to", 10**6):
        found.pop("year_from"), found.pop("year_to")
    return found


def init_state(conventions: list[str], years: list[int]) -> None:
    """On a session's first run, take the filters from the URL (else defaults)."""
    if st.session_state.get("_filters_ready"):
        return
    state = {"convention": conventions[0], "year_from": years[0], "year_to": years[-1],
             "currency": "CNY", "derived": False}
    state.update(parse_url(st.query_params.to_dict(), conventions, years))
    for key, value in state.items():
        st.session_state[key] = value
    st.session_state["_filters_ready"] = True


def sidebar(conventions: list[str], years: list[int]) -> Filters:
    init_state(conventions, years)
    if st.session_state.get("year_from") not in years or st.session_state.get("year_to") not in years:
        st.session_state["year_from"], st.session_state["year_to"] = years[0], years[-1]  # another convention
    with st.sidebar:
        st.selectbox("Convention", conventions, key="convention")
        first, last = st.columns(2)
        year_from = first.selectbox("From edition", years, key="year_from")
        year_to = last.selectbox("To edition", [y for y in years if y >= year_from], key="year_to")
        st.radio("Currency", CURRENCIES, key="currency", horizontal=True,
                 help="USD values are converted at each year's annual average rate")
        st.toggle("Include derived figures", key="derived",
                  help="Figures computed by arithmetic from cumulative statements, never reported as such")
    return Filters(st.session_state["convention"], int(year_from), int(year_to),
                   st.session_state["currency"], bool(st.session_state["derived"]))


def page_choice(label: str, options: list, key: str, default, url_name: str, **kwargs):
    """A page-level selectbox whose value survives page switches and lives in the URL."""
    remembered = st.session_state.get(f"_{key}")
    if key not in st.session_state:
        from_url = st.query_params.get(url_name)
        candidates = [remembered, *(o for o in options if str(o) == from_url), default]
        st.session_state[key] = next(c for c in candidates if c in options or c == default)
    value = st.selectbox(label, options, key=key, **kwargs)
    st.session_state[f"_{key}"] = value
    st.query_params[url_name] = str(value)
    return value


def write_url(filters: Filters) -> None:
    """Mirror the shared filters into the query string (page-level ones are added by pages)."""
    state = {"convention": filters.convention, "year_from": str(filters.year_from), "year_to": str(filters.year_to),
             "currency": filters.currency, "derived": "1" if filters.include_derived else "0"}
    for name, value in ((URL_KEYS[key], value) for key, value in state.items()):
        if st.query_params.get(name) != value:
            st.query_params[name] = value
