"""The language a user reads the dashboard in, and every UI string through one catalogue per language.

`t("key", **values)` looks a key up in ui/i18n/en.py or ui/i18n/zh.py (plain tables, written by
hand; a test keeps their keys and placeholders equal). The language is a sidebar switch kept in the
URL (`?lang=zh`), so it survives page switches and shared links; without one the browser's language
chooses. The switch is not bound with `bind="query-params"` like the other filters: a bound widget
writes its *displayed* option into the URL (`lang=简体中文`), so this module writes `lang=zh` itself,
on every run, which also carries it over page switches. Data names (organizations, themes, metric labels) in
Chinese come from data/zh/names.csv through `name()`.
"""
from __future__ import annotations

import threading
import types
from contextlib import contextmanager

import streamlit as st

from ui import format as format_en
from ui import format_zh
from ui.i18n import en, zh
from ui.i18n import names

LANG = "lang"  # URL parameter
SWITCH = "_lang_switch"  # the switch's widget key
LANGUAGES = {"en": "English", "zh": "简体中文"}  # each language named in itself
DEFAULT = "en"
CATALOGUES = {"en": en.STRINGS, "zh": zh.STRINGS}
FORMATS: dict[str, types.ModuleType] = {"en": format_en, "zh": format_zh}


def from_locale(locale: str | None) -> str:
    """'zh' for a Chinese browser (zh, zh-CN, zh-Hans-CN, zh-TW ...), else 'en'. Accept-Language lists
    several: the first one we have wins."""
    for part in (locale or "").split(","):
        code = part.split(";")[0].strip().lower()
        if code.startswith("zh"):
            return "zh"
        if code.startswith("en"):
            return "en"
    return DEFAULT


def browser_language() -> str:
    """The browser's language: navigator.language (st.context.locale), else the Accept-Language header."""
    try:
        locale = st.context.locale or st.context.headers.get("Accept-Language")
    except Exception:  # no browser behind this run (a bare script, some tests)
        locale = None
    return from_locale(locale)


_speaking = threading.local()  # a language set for work done outside a page run (see speaking)


@contextmanager
def speaking(lang: str):
    """`language()` is `lang` in this thread inside the block: for work a page hands to later, such
    as a download generated on click in a worker thread that has no session to read the switch from."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    before = getattr(_speaking, "lang", None)
    _speaking.lang = lang
    try:
        yield
    finally:
        _speaking.lang = before


def language() -> str:
    """The language of this run: the switch, else a link's ?lang=, else the browser's."""
    forced = getattr(_speaking, "lang", None)
    if forced is not None:
        return forced
    for value in (st.session_state.get(SWITCH), st.query_params.get(LANG)):
        if value in LANGUAGES:
            return value
    return browser_language()


def t(key: str, /, **values) -> str:
    """The catalogue text for `key` in the current language, with `values` filled in."""
    return text(language(), key, **values)


def text(lang: str, key: str, /, **values) -> str:
    """The catalogue text for `key` in `lang` (KeyError for a key no catalogue has)."""
    template = CATALOGUES[lang][key]
    return template.format(**values) if values else template


def name(kind: str, english) -> str:
    """A data name (organization, theme, scope ...) in the current language; English when no Chinese is known."""
    return names.name(kind, english, language())


def metric_label(metric: str, english_label: str) -> str:
    """A metric's label in the current language."""
    return names.metric_label(metric, english_label, language())


# Columns holding data names, and the kind of name each holds (see data/zh/names.csv).
NAME_COLUMNS = {"organization": "organization", "scope": "scope", "category": "category", "theme": "theme",
                "venue": "venue", "city": "city"}
# Columns holding stored codes that the catalogue words (kind.ministry, format.hybrid, status.reported ...).
CODE_COLUMNS = {"kind": "kind", "format": "format", "status": "status", "dimension": "dimension"}


def localized(frame):
    """A copy of a table with its data names and codes in the current language: metric labels (by the
    `metric` column), organizations, scopes, categories; kinds, formats and statuses from the catalogue."""
    return localized_as(frame, language())


def localized_as(frame, lang: str):
    """localized() in `lang`."""
    if lang == "en":
        return frame
    out = frame.copy()
    if "label" in out.columns and "metric" in out.columns:
        out["label"] = [names.metric_label(m, label, lang) for m, label in zip(out["metric"], out["label"])]
    for column, kind in NAME_COLUMNS.items():
        if column in out.columns:
            out[column] = out[column].map(lambda v, kind=kind: names.name(kind, v, lang))
    for column, prefix in CODE_COLUMNS.items():
        if column in out.columns:
            out[column] = out[column].map(lambda v, prefix=prefix: code_word(prefix, v, lang))
    return out


def code_word(prefix: str, code, lang: str | None = None) -> str:
    """A stored code in words: code_word("kind", "ministry") -> 'ministry' / '部委'; unknown codes as they are."""
    if not isinstance(code, str):
        return code
    return CATALOGUES[lang or language()].get(f"{prefix}.{code}", code)


def fmt() -> types.ModuleType:
    """The number-style module of the current language: ui.format or ui.format_zh."""
    return FORMATS[language()]


def language_switch() -> str:
    """The sidebar's language choice; written to ?lang= unless it is the browser's own language."""
    default = browser_language()
    if SWITCH not in st.session_state:  # a session's first run: the link's language, else the browser's
        linked = st.query_params.get(LANG)
        st.session_state[SWITCH] = linked if linked in LANGUAGES else default
    choice = st.sidebar.segmented_control(t("lang.label"), list(LANGUAGES), format_func=LANGUAGES.get,
                                          key=SWITCH, required=True)
    if choice not in LANGUAGES:  # a run that met the switch while it was leaving the page: never "?lang=None"
        choice = st.session_state.get(SWITCH) if st.session_state.get(SWITCH) in LANGUAGES else default
    if choice != default:
        st.query_params[LANG] = choice
    elif LANG in st.query_params:
        del st.query_params[LANG]
    return choice
