"""One edition's facts as the Overview and the brief list them: dates, format, theme, place, guests."""
from __future__ import annotations

import pandas as pd

from ui.format import is_missing
from ui.i18n import FORMATS, code_word, text
from ui.i18n.names import name
from queries.read_model import organizer_check  # noqa: F401  (decided there; pages import it from here)


def preliminary_years(statuses: pd.DataFrame, years) -> list[int]:
    """The editions among `years` whose figures are all announced before the results (queries/edition_status)."""
    wanted = {int(y) for y in years}
    return [int(y) for y, s in zip(statuses["year"], statuses["status"]) if s == "preliminary" and int(y) in wanted]


def preliminary_note(statuses: pd.DataFrame, years, lang: str) -> str | None:
    """'Preliminary: results not yet reported (2031)' for the editions among `years` that have only expected or
    preliminary figures; None when there is none."""
    found = preliminary_years(statuses, years)
    if not found:
        return None
    return text(lang, "edition.preliminary", years=text(lang, "common.list_joiner").join(map(str, found)))


def status_note(status: str | None, year: int, lang: str) -> str | None:
    """The same note for one edition whose status the read model decided (EditionView.status)."""
    return text(lang, "edition.preliminary", years=str(year)) if status == "preliminary" else None


def _or_not_found(value, lang: str) -> str:
    return text(lang, "common.not_found") if is_missing(value) or not value else str(value)


def guests_of_honor(guests: pd.DataFrame, lang: str) -> str:
    """'United Kingdom (guest country), Shanghai Municipality (guest province)' / '英国（主宾国）…'."""
    f = FORMATS[lang]
    parts = [text(lang, "edition.guest", name=name("organization", g.organization, lang), role=f.role_label(g.role))
             for g in guests.itertuples()]
    return text(lang, "common.list_joiner").join(parts) or text(lang, "edition.no_guests")


def organizers(rows: pd.DataFrame, lang: str) -> str:
    """The organizing bodies of one edition in `lang`, joined; 'not found in sources' when none are listed."""
    names = [name("organization", o, lang) for o in rows["organization"]]
    return text(lang, "common.list_joiner").join(names) or text(lang, "common.not_found")


def facts(edition: dict, guests: pd.DataFrame, lang: str) -> dict[str, str]:
    """Label -> value for one editions row, in `lang`; says 'not found in sources' instead of a blank."""
    f = FORMATS[lang]
    place = [name(kind, edition[kind], lang) for kind in ("venue", "city")
             if not is_missing(edition[kind]) and edition[kind]]
    place = [p for i, p in enumerate(place) if not any(p in earlier for earlier in place[:i])]  # 合肥滨湖…、合肥
    theme = edition["theme"]
    return {
        text(lang, "edition.dates"): f.edition_dates(edition["start_date"], edition["end_date"]),
        text(lang, "edition.format"): _or_not_found(code_word("format", edition["format"], lang), lang),
        text(lang, "edition.theme"): _or_not_found(None if is_missing(theme) else name("theme", theme, lang), lang),
        text(lang, "edition.place"): text(lang, "common.list_joiner").join(place) or text(lang, "common.not_found"),
        text(lang, "edition.guests"): guests_of_honor(guests, lang),
    }


def organizer_note(check: pd.DataFrame, year: int, lang: str) -> str | None:
    """The help line of the Organizing bodies card from an organizer_check frame (queries.read_model)."""
    row = check[check["year"] == year].to_dict("records")
    return organizer_words(row[0] if row else None, year, lang)


def organizer_words(check: dict | None, year: int, lang: str) -> str | None:
    """The Organizers page's count for `year` ({'stated', 'listed'}) and whether it agrees with the
    stated one; None when no source states a number."""
    if not check or is_missing(check.get("stated")):
        return None
    stated, listed = check["stated"], check.get("listed")
    if is_missing(listed):
        return text(lang, "kpi.help_organizers_no_list", year=year)
    key = "kpi.help_organizers_agree" if int(listed) == int(stated) else "kpi.help_organizers_differ"
    return text(lang, key, year=year, listed=int(listed), stated=int(stated))
