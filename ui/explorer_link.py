"""The Explorer's narrowing in its URL, in language-neutral codes: `?category=investment&metrics=projects_signed`.

A link copied from a Chinese page opens the same view in an English browser, and switching language
keeps the narrowing, because the widgets hold codes and show words. Links written before (the words
shown, in English or Chinese: `?category=展览&metrics=Projects+signed`) are still read. A value no
category or metric has is named in a caption, as the sidebar names its own (never echoed).

The widgets are not bound with `bind="query-params"`: a bound widget writes its displayed words into
the URL. `sync_from_url` seeds them when the URL's narrowing was not written by this session (a
link opened, a drill, Back); `write_url` writes the codes after the widgets are drawn.
"""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from ui.i18n import LANGUAGES, code_word, names

CATEGORY, METRICS = "category", "metrics"  # widget keys and URL parameters
YEAR = "year"  # the Explorer's own edition, set by a chart's drill link; the sidebar's range stays as it was
ALL = "all"
_WRITTEN = "_explorer_url_written"  # the narrowing this session last wrote into the URL
_NOTES = "_explorer_url_notes"


def _fold(word: str) -> str:
    return " ".join(str(word).split()).casefold()


def category_code(value: str, codes: list[str]) -> str | None:
    """The category code a link's value means: the code itself, or its word in any language."""
    for code in codes:
        if _fold(value) == _fold(code) or any(_fold(value) == _fold(code_word("metric_category", code, lang))
                                             for lang in LANGUAGES):
            return code
    return None


def metric_code(value: str, catalogue: dict[str, str]) -> str | None:
    """The metric code a link's value means (`catalogue`: code -> English label): the code, or its
    label in any language."""
    for code, label in catalogue.items():
        if _fold(value) == _fold(code) or any(_fold(value) == _fold(names.metric_label(code, label, lang))
                                             for lang in LANGUAGES):
            return code
    return None


def read(category: str | None, metrics: list[str], codes: list[str], catalogue: dict[str, str]
         ) -> tuple[str, list[str], list[str]]:
    """(category code, metric codes, names of the parameters that could not be used) for a link's values."""
    unusable = []
    chosen = ALL
    if category:
        chosen = category_code(category, [ALL, *codes])
        if chosen is None:
            unusable.append(CATEGORY)
            chosen = ALL
    found = [metric_code(m, catalogue) for m in metrics]
    if any(code is None for code in found):
        unusable.append(METRICS)
    return chosen, [code for code in found if code is not None], unusable


def _in_url() -> tuple[str | None, tuple[str, ...]]:
    return st.query_params.get(CATEGORY), tuple(st.query_params.get_all(METRICS))


def sync_from_url(codes: list[str], catalogue: dict[str, str]) -> None:
    """Before the widgets: seed them from a link's narrowing that this session did not write."""
    url = _in_url()
    if url == st.session_state.get(_WRITTEN) or url == (None, ()):
        return  # our own writing, or a bare /explorer (a page switch): the session's narrowing stands
    category, metrics, unusable = read(url[0], list(url[1]), codes, catalogue)
    st.session_state[CATEGORY], st.session_state[METRICS] = category, metrics
    st.session_state[_NOTES] = unusable
    st.session_state[_WRITTEN] = url


def clear_notes() -> None:
    """A user's own change answers the link's notes."""
    st.session_state[_NOTES] = []


def notes() -> list[str]:
    """The Explorer parameters of the last link that could not be used."""
    return st.session_state.get(_NOTES, [])


def write_url(category: str, metrics: list[str]) -> None:
    """After the widgets: the narrowing as codes in the URL (defaults left out)."""
    if category == ALL:
        st.query_params.pop(CATEGORY, None)
    else:
        st.query_params[CATEGORY] = category
    if metrics:
        st.query_params[METRICS] = list(metrics)
    else:
        st.query_params.pop(METRICS, None)
    st.session_state[_WRITTEN] = _in_url()


def narrowed(filters):
    """(filters, year): the sidebar's filters narrowed to the Explorer's own `?year=` (a drill link's
    edition) when it lies in their range; (filters, None) without one. An unusable year is dropped
    and (filters, False) returned, so the page can name it."""
    raw = st.query_params.get(YEAR)
    if raw is None:
        return filters, None
    year = int(raw) if str(raw).isdigit() else None
    if year is None or not filters.year_from <= year <= filters.year_to:
        del st.query_params[YEAR]
        return filters, False
    return replace(filters, year_from=year, year_to=year), year


def show_all_editions() -> None:
    """Leave a drill link's single edition for the sidebar's range."""
    st.query_params.pop(YEAR, None)
