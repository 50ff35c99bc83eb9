"""Shared sidebar filters and page-level choices, bound to the URL by Streamlit itself.

Every widget here uses `bind="query-params"`: its key is its URL parameter, Streamlit seeds it from
a shared link, writes it back on change (one history entry per change) and restores it on Back and
Forward. The shared filters are drawn by dashboard.py on every page, so they live across page
switches; page-level choices also keep their value for the session (`persist_state="session"`).

What Streamlit does not do, and this module does: say in a caption which values of a link could not
be used, keep the range ordered without collapsing it, and read links shared before the binding
(`derived=0/1`).
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui.format import span as year_span
from ui.i18n import FORMATS, t, text
from ui.i18n.names import metric_label
from vocabulary import CURRENCIES

# Widget key and URL parameter of each shared filter: the names links have always used.
CONVENTION, YEAR_FROM, YEAR_TO, CURRENCY, DERIVED = "conv", "from", "to", "cur", "derived"
SHARED_KEYS = (CONVENTION, YEAR_FROM, YEAR_TO, CURRENCY, DERIVED)
LEGACY_BOOLEANS = {"1": True, "0": False}  # how links wrote the toggle before the binding
_NOTES, _PENDING = "_url_notes", "_url_pending"


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


def _int(text) -> int | None:
    try:
        return int(str(text))
    except (TypeError, ValueError):
        return None


def link_problems(params: dict, conventions: list[str], years: list[int]) -> tuple[list[tuple], dict]:
    """What a link's shared-filter values mean: the ones that cannot be used, as (catalogue key,
    values) naming the parameter but never echoing its value, and corrections to apply (a reversed
    range is put in order; a legacy derived=1 is understood)."""
    notes: list[tuple] = []
    fixes: dict = {}
    conv = params.get(CONVENTION)
    if conv is not None and conv not in conventions:
        notes.append(("link.no_convention", {}))
    found = {}
    for key in (YEAR_FROM, YEAR_TO):
        if params.get(key) is None:
            continue
        year = _int(params[key])
        if year in years:
            found[key] = year
        else:
            notes.append(("link.not_a_year", {"key": key, "first": years[0], "last": years[-1]}))
    if len(found) == 2 and found[YEAR_FROM] > found[YEAR_TO]:
        notes.append(("link.range_reversed", {"low": found[YEAR_TO], "high": found[YEAR_FROM]}))
        fixes[YEAR_FROM], fixes[YEAR_TO] = found[YEAR_TO], found[YEAR_FROM]
    cur = params.get(CURRENCY)
    if cur is not None and cur not in CURRENCIES:
        notes.append(("link.currency", {"first": CURRENCIES[0], "second": CURRENCIES[1]}))
    derived = params.get(DERIVED)
    if derived in LEGACY_BOOLEANS:
        if LEGACY_BOOLEANS[derived]:
            fixes[DERIVED] = True
    elif derived is not None and derived.lower() not in ("true", "false"):
        notes.append(("link.derived", {}))
    return notes, fixes


def check_link(params: dict, conventions: list[str], years: list[int], lang: str = "en") -> tuple[list[str], dict]:
    """link_problems() with the notes written out in `lang`."""
    notes, fixes = link_problems(params, conventions, years)
    return [text(lang, key, **values) for key, values in notes], fixes


def _check_link_once(conventions: list[str], years: list[int]) -> dict:
    """On a session's first run, before the widgets are bound: note what the link gets wrong and
    return the corrections it needs (empty on later runs)."""
    if _NOTES in st.session_state:
        return {}
    notes, fixes = link_problems(st.query_params.to_dict(), conventions, years)
    st.session_state[_NOTES] = notes
    return fixes


def _clear_notes() -> None:
    st.session_state[_NOTES] = []


def _keep_range_ordered(changed: str) -> None:
    """The other end of the range moves only when the change would reverse the range."""
    _clear_notes()
    year_from, year_to = st.session_state[YEAR_FROM], st.session_state[YEAR_TO]
    if year_from > year_to:
        if changed == YEAR_FROM:
            st.session_state[YEAR_TO] = year_from
        else:
            st.session_state[YEAR_FROM] = year_to


def sidebar(conventions: list[str], years: list[int]) -> Filters:
    # A link seeds bound widgets on the session's first run, whatever session state says; a
    # correction is therefore queued and applied on the next run, before the widgets exist.
    for key, value in st.session_state.pop(_PENDING, {}).items():
        st.session_state[key] = value
    fixes = _check_link_once(conventions, years)
    bound = dict(bind="query-params", on_change=_clear_notes)
    with st.sidebar:
        convention = st.selectbox(t("filter.convention"), conventions, key=CONVENTION, **bound)
        first, last = st.columns(2)
        # Both ends list every edition, so changing one never resets the other.
        year_from = first.selectbox(t("filter.from"), years, index=0, key=YEAR_FROM, bind="query-params",
                                    on_change=_keep_range_ordered, args=(YEAR_FROM,))
        year_to = last.selectbox(t("filter.to"), years, index=len(years) - 1, key=YEAR_TO, bind="query-params",
                                 on_change=_keep_range_ordered, args=(YEAR_TO,))
        # The options read as codes in both languages: a bound widget writes the displayed option to the URL.
        currency = st.radio(t("filter.currency"), CURRENCIES, key=CURRENCY, horizontal=True, **bound,
                            help=t("filter.currency_help"))
        derived = st.toggle(t("filter.derived"), key=DERIVED, **bound, help=t("filter.derived_help"))
        for key, values in st.session_state.get(_NOTES, []):
            st.caption(":material/link_off: " + t("link.ignored", note=t(key, **values)))
    if fixes:
        st.session_state[_PENDING] = fixes
        st.rerun()
    low, high = sorted((int(year_from), int(year_to)))
    return Filters(convention, low, high, currency, bool(derived))


def page_choice(label: str, options: list, key: str, default, **kwargs):
    """A page-level selectbox bound to the URL (parameter `key`) and kept for the session."""
    first_time = f"_{key}_checked" not in st.session_state
    if first_time:
        st.session_state[f"_{key}_checked"] = True
        raw = st.query_params.get(key)
        if raw is not None and raw not in {str(o) for o in options}:
            st.caption(":material/link_off: " + t("link.ignored", note=t("link.not_a_choice", key=key)))
    index = options.index(default) if default in options else 0
    return st.selectbox(label, options, index=index, key=key, bind="query-params", persist_state="session",
                        **kwargs)


def derived_note(derived, filters: Filters, lang: str) -> str:
    """What "Include derived figures" changes in the selected range, from a derived_facts frame: the
    figures it adds (or hides), or that nothing in the range is derived."""
    span = year_span(filters.year_from, filters.year_to)
    if derived.empty:
        return text(lang, "filter.derived_none", span=span)
    f = FORMATS[lang]
    items = text(lang, "common.list_joiner").join(
        text(lang, "filter.derived_item", year=r.year, label=metric_label(r.metric, r.label, lang),
             value=f.with_qualifier(r.value, r.qualifier, r.unit, show_unit=True))
        for r in derived.itertuples())
    key = "filter.derived_included" if filters.include_derived else "filter.derived_hidden"
    return text(lang, key, count=len(derived), span=span, items=items)
