"""Disagreements between sources, as every page words them: the headline fact and the other values
stored for it (queries/alternatives.sql rows). Pure functions, in the reader's language."""
from __future__ import annotations

import pandas as pd

from ui.format import is_missing
from ui.i18n import FORMATS, localized_as, text
from ui.safe_text import for_markdown
from vocabulary import HEADLINE_RULE

KEY = ("year", "metric", "scope")
# What each source says first: the headline and its source beside the other value and its source, each
# in one cell ("447.1 bn CNY, Xinhua, 28 Sep 2018"), within a desktop's width (N35); then why and where.
TABLE_COLUMNS = ["year", "label", "headline", "also_reported", "preferred_by", "scope", "note", "url"]
VALUE_WIDTH_PX = 330  # two such columns beside the edition and the metric fit a 1440 px desktop's table


def rule_text(lang: str) -> str:
    """The headline rule, its steps numbered in order: '1. the official results ...; 2. ...'."""
    joiner = text(lang, "headline_rule.joiner")
    return joiner.join(f"{n}. {text(lang, f'headline_rule.{step}')}" for n, step in enumerate(HEADLINE_RULE, start=1))


def _value(row: dict, lang: str, prefix: str = "") -> str:
    return FORMATS[lang].with_qualifier(row[f"{prefix}value"], row[f"{prefix}qualifier"], row["unit"], show_unit=True)


def _published(row: dict, lang: str, prefix: str = "") -> str:
    return FORMATS[lang].source_date(row[f"{prefix}published_on"], row[f"{prefix}published_precision"])


def _item(row: dict, lang: str, prefix: str = "") -> str:
    """'430+ projects, Global Banking & Finance Review (...), 2018'."""
    return text(lang, "disagreements.item", value=_value(row, lang, prefix), publisher=row[f"{prefix}publisher"],
                published=_published(row, lang, prefix))


def _of(alternatives: pd.DataFrame | None, year: int, metric: str, scope) -> list[dict]:
    if alternatives is None or alternatives.empty:
        return []
    return [r for r in alternatives.to_dict("records")
            if r["year"] == year and r["metric"] == metric and r["scope"] == scope]


def help_text(alternatives: pd.DataFrame | None, year: int, metric: str, scope, lang: str) -> str | None:
    """The KPI help's 'Also reported: 430+ projects, <publisher>, 2018. Headline by rule: ...'; None
    when no other source disagrees with the figure shown."""
    rows = _of(alternatives, year, metric, scope)
    if not rows:
        return None
    # the help is Markdown: the publishers (data) are escaped to show as written (ui/safe_text)
    items = text(lang, "disagreements.joiner").join(_item({**r, "publisher": for_markdown(r["publisher"])}, lang)
                                                    for r in rows)
    steps = sorted({r["preferred_by"] for r in rows}, key=HEADLINE_RULE.index)
    why = text(lang, "disagreements.joiner").join(text(lang, f"headline_rule.{s}") for s in steps)
    return text(lang, "kpi.help_also", items=items) + (" " if lang == "en" else "") + text(lang, "kpi.help_headline", rule=why)


def also_reported(facts: pd.DataFrame, alternatives: pd.DataFrame | None, lang: str) -> list[str]:
    """For each explorer_facts row, the other sources' values for it ('' when none): value with its
    qualifier and unit, publisher, date."""
    if alternatives is None or alternatives.empty:
        return [""] * len(facts)
    grouped: dict[tuple, list[str]] = {}
    for row in alternatives.to_dict("records"):
        grouped.setdefault(tuple(row[k] for k in KEY), []).append(_item(row, lang))
    joiner = text(lang, "disagreements.joiner")
    return [joiner.join(grouped.get((int(y), m, s), [])) for y, m, s in zip(facts["year"], facts["metric"], facts["scope"])]


def table(alternatives: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per alternative value for the Disagreements table: the headline with its source beside
    the other value with its source, and the rule step that decided."""
    named = localized_as(alternatives, lang)
    rows = [{
        "year": int(r["year"]), "label": n["label"], "scope": n["scope"],
        "headline": _item(r, lang, "headline_"), "also_reported": _item(r, lang),
        "preferred_by": text(lang, f"headline_rule.{r['preferred_by']}"), "note": "" if is_missing(r["note"]) else r["note"], "url": r["url"],
    } for r, n in zip(alternatives.to_dict("records"), named.to_dict("records"))]
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)
