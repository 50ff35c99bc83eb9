"""The one-sentence summary shown with every chart, and the words an empty chart says.

The facts come from the read model (queries/chart_facts.py, decided from the chart's own rows); this
module only words them, in the reader's language (catalogue keys `summary.*`), with the number style
of that language (ui.format / ui.format_zh). `show` draws the sentence under its chart.
"""
from __future__ import annotations

from queries.chart_facts import CoverageFacts, GroupedFacts, MatrixFacts, Point, SeriesFacts, year_runs
from ui.i18n import FORMATS, code_word, text
from vocabulary import is_missing


def value_text(lang: str, value: float, qualifier: str | None, unit: str) -> str:
    """A figure as the summary writes it: '735 projects', '533.49 bn CNY', '+12.3%' (a change)."""
    if unit in ("%", "percent"):
        return f"{value:+,.1f}%"
    return FORMATS[lang].with_qualifier(value, qualifier, unit, show_unit=True)


def years_text(lang: str, years) -> str:
    """'2018–2020, 2023': editions as runs, in the language's list style."""
    span = FORMATS[lang].span
    return text(lang, "common.list_joiner").join(span(a, b) for a, b in year_runs(years))


def span_of(lang: str, years) -> str:
    years = sorted(years)
    return FORMATS[lang].span(years[0], years[-1]) if years else ""


def counted(lang: str, key: str, n: int) -> str:
    return text(lang, f"summary.{key}_one" if n == 1 else f"summary.{key}", n=n)


def empty_text(lang: str, facts: SeriesFacts) -> str:
    """Why a chart draws nothing ('' when it draws something): one edition for a change, or no figure."""
    if facts.empty == "one_edition":
        return text(lang, "summary.empty.one_edition", year=facts.years[0] if facts.years else "")
    if facts.empty == "no_figure":
        return text(lang, "summary.empty.no_figure", span=span_of(lang, facts.years))
    return ""


def series_body(lang: str, facts: SeriesFacts) -> str:
    """'between 436 projects (2018) and 735 projects (2025); expected 568 projects (2022); no figure for 2024'."""
    low, high = facts.low, facts.high
    parts_only = ([text(lang, "summary.parts_only", years=years_text(lang, facts.parts_only))]
                  if facts.parts_only else [])
    if low is None or high is None:
        return text(lang, "summary.clause_joiner").join(parts_only) or empty_text(lang, facts)
    if (low.year, low.value) == (high.year, high.value):
        parts = [text(lang, "summary.only", value=value_text(lang, low.value, low.qualifier, facts.unit),
                      year=low.year)]
    else:
        parts = [text(lang, "summary.between", low=value_text(lang, low.value, low.qualifier, facts.unit),
                      low_year=low.year, high=value_text(lang, high.value, high.qualifier, facts.unit),
                      high_year=high.year)]
    parts += [_not_closing(lang, point, facts.unit) for point in facts.not_closing] + parts_only
    if facts.missing:
        parts.append(text(lang, "summary.missing", years=years_text(lang, facts.missing)))
    return text(lang, "summary.clause_joiner").join(parts)


def _not_closing(lang: str, point: Point, unit: str) -> str:
    # An expected figure's own qualifier is the stage itself: say the stage once.
    qualifier = None if point.qualifier == "expected" else point.qualifier
    return text(lang, "summary.not_closing", stage=text(lang, f"summary.stage.{point.stage}"),
                value=value_text(lang, point.value, qualifier, unit), year=point.year)


def series_sentence(lang: str, title: str, facts: SeriesFacts) -> str:
    """'Projects signed per edition, 2018–2025: between 436 projects (2018) and 735 projects (2025); …'."""
    if facts.empty:
        return empty_text(lang, facts)
    return text(lang, "summary.sentence", title=title, span=span_of(lang, facts.years), body=series_body(lang, facts))


def lines_sentence(lang: str, title: str, labelled: list[tuple[str, SeriesFacts]]) -> str:
    """One sentence for a chart of several lines: a clause per line, named by its label."""
    drawn = [(label, facts) for label, facts in labelled if not facts.empty]
    if not drawn:
        return empty_text(lang, labelled[0][1]) if labelled else ""
    body = text(lang, "summary.clause_joiner").join(
        text(lang, "summary.labelled", label=label, body=series_body(lang, facts)) for label, facts in drawn)
    return text(lang, "summary.sentence", title=title, span=span_of(lang, drawn[0][1].years), body=body)


def grouped_sentence(lang: str, title: str, facts: GroupedFacts) -> str:
    """'Sector: investment, 2020–2024: 7 categories in 4 editions; largest: manufacturing, 533.49 bn CNY (2021).'"""
    if facts.largest is None:
        return text(lang, "summary.empty.no_figure", span=span_of(lang, facts.years) or "–")
    top = facts.largest
    body = text(lang, "summary.grouped", categories=counted(lang, "categories", facts.categories),
                editions=counted(lang, "editions", len(facts.years)), name=top.name,
                value=value_text(lang, top.value, top.qualifier, facts.unit), year=top.year)
    if len(facts.years) == 1:
        body += text(lang, "summary.clause_joiner") + text(lang, "summary.one_edition_only")
    return text(lang, "summary.sentence", title=title, span=span_of(lang, facts.years), body=body)


def matrix_sentence(lang: str, title: str, facts: MatrixFacts) -> str:
    """'Participation …, 2018–2025: 17 bodies; in the most editions: … (8 of 8 editions).'"""
    if facts.most is None:
        return text(lang, "summary.empty.no_figure", span=span_of(lang, facts.years))
    body = text(lang, "summary.matrix", bodies=counted(lang, "bodies", facts.bodies), name=facts.most.name,
                count=int(facts.most.value), editions=counted(lang, "editions", len(facts.years)))
    return text(lang, "summary.sentence", title=title, span=span_of(lang, facts.years), body=body)


def coverage_sentence(lang: str, title: str, facts: CoverageFacts) -> str:
    """'Coverage, 2018–2025: 14 metrics × 8 editions; 80 reported, 3 derived, 2 expected, 27 missing.'"""
    if not facts.years:
        return ""
    cells = text(lang, "common.list_joiner").join(
        text(lang, "summary.cell", n=n, status=code_word("status", status, lang)) for status, n in facts.cells.items()
        if n)
    body = text(lang, "summary.coverage", metrics=counted(lang, "metrics", facts.metrics),
                editions=counted(lang, "editions", len(facts.years)), cells=cells)
    return text(lang, "summary.sentence", title=title, span=span_of(lang, facts.years), body=body)


def show(sentence: str) -> None:
    """The summary under its chart, as plain text (names from the data are no Markdown)."""
    import streamlit as st

    from ui.safe_text import for_markdown

    if sentence and not is_missing(sentence):
        st.caption(for_markdown(sentence))
