"""The extraction of a whole release, and the file entry points (`extract_file`, `load`, `extract_cli`)."""
from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, replace
from pathlib import Path


from loaders.errors import LoadError
from loaders.press_release.chinese import CN_EXPECTED, _chinese, chinese_year
from loaders.press_release.context import (
    ANOTHER_EVENT_SUBJECT, CN_OTHER_EVENT_TITLE, CONVENTION_NAME, EXPECTED_CTX, OTHER_EVENT, OTHER_EVENT_TITLE,
    PERIOD_REF, SIDE_ACCOUNT, is_claim,
)
from loaders.press_release.edition import (
    _edition_fields, _edition_year, body_year, is_retrospective, release_stage, retrospective_year, sentence_year,
)
from loaders.press_release.figures import _dedupe, _numbers
from loaders.press_release.fold import fold
from loaders.press_release.model import EXPECTED_SCOPE, FACT_KEYS, SCOPES, Extraction
from loaders.press_release.scope_stage import (
    area_beside_added_outdoor, clause_at, clause_stage, hall_as_subject, has_stage_cue, heading_place,
    opening_report, part_scope,
)
from vocabulary import PRE_RESULT_STAGES, RESULTS_CONFERENCE, WHOLE_CONVENTION
from loaders.press_release.review import review_flags
from loaders.press_release.statements import _dedupe_breakdowns, _dedupe_claims, _participation
from loaders.press_release.tables import _tables
from loaders.press_release.text import _has_cjk, navigation_spans, read_text, split_sentences, unwrap


# ---------------------------------------------------------------- extraction

def extract(text: str, year: int | None = None, published_on=None) -> Extraction:
    """Everything the rules recognize in a release's plain text.

    Chinese is read folded to simplified script (`fold`); every item's offsets and sentence are then mapped back to
    the original text, so `text[start:end]` is what the user pasted, traditional characters and all."""
    folded = fold(text)
    result = _extract(folded.text, year, published_on)
    _settle_stages(result)
    for fact in result.facts + result.parts:
        fact.flags = review_flags(fact, result)  # read on the folded sentence, where the cue words are spelled
    if folded.text != text:
        original = unwrap(text)
        for item in (result.facts + result.parts + result.claims + result.breakdowns + result.participation
                     + result.edition):
            start = item.start
            item.start, item.end = folded.start(item.start), folded.end(item.end)
            item.sentence = original[item.start:item.end]
            if getattr(item, "number_start", None) is not None:
                item.number_start = folded.start(start + item.number_start) - item.start
                item.number_end = folded.end(start + item.number_end) - item.start
        result.text = text
    return result


def _settle_stages(result: Extraction) -> None:
    """Each figure's stage, decided per clause (`scope_stage.clause_stage`): preliminary, expected (its clause plans
    it, or the release previews the edition and the clause reports nothing done) or reported. A figure read as
    expected keeps its real scope; when a release gives one figure both expected and reported, the reported one
    stays (a closing figure over an opening one)."""
    opening = opening_report(result.text, result.stage)
    for fact in result.facts + result.parts:
        planned = fact.scope == EXPECTED_SCOPE or fact.stage == "expected"
        preview = result.stage == "preview" and fact.year is not None and fact.year == result.year
        fact.stage = clause_stage(clause_at(fact.sentence, fact.number_start), planned, preview,
                                  fact.sentence[:fact.number_start or 0])
        if opening and fact.stage == "reported" and fact.year == result.year:
            fact.stage = "preliminary"  # counted on the opening day, while the convention ran
        if opening and fact.metric == "events" and fact.stage == "preliminary" and not _HELD.search(
                clause_at(fact.sentence, fact.number_start)):
            fact.stage = "expected"  # the programme of the days to come, told on the first one
        if fact.scope == EXPECTED_SCOPE:
            fact.scope = SCOPES.get(fact.metric, WHOLE_CONVENTION)
    halls = [f for f in result.facts if f.metric == "exhibition_area" and hall_as_subject(f.sentence)]
    for fact in halls + area_beside_added_outdoor(result.text, result.facts):
        fact.metric, fact.scope = "exhibition_area_hall", SCOPES["exhibition_area_hall"]
    _amounts_follow_their_projects(result.facts)
    _amounts_follow_their_projects(result.parts)
    best: dict[tuple, object] = {}
    for fact in result.facts:
        key = (fact.year, fact.metric, fact.scope)
        if key not in best or (best[key].stage in PRE_RESULT_STAGES and fact.stage not in PRE_RESULT_STAGES):
            best[key] = fact
    kept = {id(fact) for fact in best.values()}
    result.facts = [fact for fact in result.facts if id(fact) in kept]


# events said as held, not as the programme: "已举办", "举办了", "were held", "have taken place"
_HELD = re.compile(r"已|了|\b(?:were|was|have been|had been|has been)\s+(?:\w+\s+)?(?:held|staged|hosted)\b|"
                   r"\b(?:have|has|had) taken place\b|\bso far\b", re.I)
_AMOUNTS = ("investment_signed", "investment_signed_usd_reported")


def _amounts_follow_their_projects(facts: list) -> None:
    """An amount said right after its projects, in a clause with no stage cue of its own ("拟签约项目600个，投资总额
    3000亿元", "共签约项目560个，总投资2800亿元"), has the projects' stage: one signing, one stage."""
    by_sentence: dict[int, list] = {}
    for fact in facts:
        by_sentence.setdefault(fact.start, []).append(fact)
    for group in by_sentence.values():
        group.sort(key=lambda f: f.number_start or 0)
        for before, fact in zip(group, group[1:]):
            clause = clause_at(fact.sentence, fact.number_start)
            if (fact.metric in _AMOUNTS and before.metric == "projects_signed" and not has_stage_cue(clause)
                    and not CN_EXPECTED.search(clause)):
                fact.stage = before.stage


def _extract(text: str, year: int | None = None, published_on=None) -> Extraction:
    problem = ""
    long_sentences: list[str] = []
    sentences = split_sentences(text, long_sentences)
    # a retrospective reports several editions: each figure takes the edition its own sentence names, or nothing
    retrospective = is_retrospective(sentences)
    if year is not None:
        source = "argument"
    elif retrospective:
        source, problem = "", ("the release reports several editions' figures (a retrospective): it has no edition "
                               "year of its own; each figure takes the year its sentence names")
    else:
        year, source, problem = _edition_year(text, published_on)
        if year is None and (inferred := body_year(text)) is not None:
            year, source = inferred, "body"
            problem = f"the edition year {inferred} is inferred from the body (the title and lead give none)"
    result = Extraction(text=text, year=year, year_source=source, stage=release_stage(text),
                        results=bool(RESULTS_CONFERENCE.search(text[:1500])))
    heading = heading_place(text)
    if problem:
        result.warnings.append(problem)
    result.warnings.extend(long_sentences)
    navigation = navigation_spans(text)
    if not CONVENTION_NAME.search(text):
        result.warnings.append("the release never names the World Manufacturing Convention: no figures taken")
        return result
    first = next((s for s in sentences), None)
    other_event_doc = bool(first and (OTHER_EVENT.search(first.text) or OTHER_EVENT_TITLE.search(first.text) or
                                      first.headline and CN_OTHER_EVENT_TITLE.search(first.text))
                           and not CONVENTION_NAME.search(first.text))
    previous = None
    flags: dict = {}
    for sent in sentences:
        if previous is not None and (PERIOD_REF.match(sent.text) or _continues_claim(previous.text, sent.text)):
            sent.context = previous.text
        elif previous is not None and previous.context and is_claim(previous.context) and (
                _continues_claim(previous.context, sent.text) or _same_paragraph(text, previous, sent)
                and _names_no_edition(sent.text) and not is_claim(sent.text)):
            # a chain of sentences going on with the running totals ("Since 2018 ... There are ... N guests
            # attended.") in one paragraph, none naming an edition of its own: each reads with the totals' sentence
            sent.context = previous.context
        previous = sent
        if any(a <= sent.start < b for a, b in navigation):
            continue  # "Related: 2019 convention signs 638 projects": a link to another article
        names_wmc = bool(CONVENTION_NAME.search(sent.text))
        if OTHER_EVENT.search(sent.text):
            # a co-located event named in a clause: that clause is blanked (same length), the convention's stay
            kept = _without_other_events(sent.text)
            if kept is None or not (names_wmc or _CONVENTION_REF.search(kept)):
                continue
            sent = replace(sent, text=kept)
        if other_event_doc:
            continue  # a release about another event: even its sentences naming the WMC give nothing
        if sent.text.lstrip().startswith("|"):
            continue  # a table row: read by `_tables`
        if retrospective:
            sent_year = retrospective_year(sent.text)
            if sent_year is None:
                if not _has_cjk(sent.text):
                    _numbers(sent, year, result, facts=False)  # claims only ("from 2018 to 2024, 4,326 projects")
                else:  # "前三届……到位资金总额6443.1亿元": the claims only, never a year-less fact
                    scratch = Extraction(text=text, year=None, year_source="", stage=result.stage)
                    _chinese(sent, None, scratch)
                    result.claims += scratch.claims
                continue
        elif _has_cjk(sent.text):
            sent_year = chinese_year(sent.text, year)
        else:
            sent_year = sentence_year(sent.text, year)
        if sent_year is None and year is not None:
            # the sentence is about another edition without clearly reporting its results: facts, guests and
            # organizers are left out (claims "since 2018" are still read by `_numbers`)
            if not _has_cjk(sent.text):
                _numbers(sent, year, result)
                for clause, clause_year in _editions_by_clause(sent, published_on):
                    _numbers(clause, clause_year, result, edition_checked=True)
                    for fact in result.facts:
                        if fact.sentence == clause.text:
                            fact.sentence = sent.text  # the clause was read apart; the user sees the sentence
            continue
        _participation(sent, sent_year, result, flags)
        _edition_fields(sent, sent_year, result)
        if ANOTHER_EVENT_SUBJECT.match(sent.text):
            continue  # "The conference, which like the WMC ..., saw 212 projects signed": that event's figures
        side = SIDE_ACCOUNT.search(sent.text)
        if side:
            # "86 volunteers served over 3,000 guests": the volunteers' or a visiting class's own counts, from the
            # clause that names them on; "drew 5,000 guests, including 600 students" keeps the figure said before
            cut = max((m.end() for m in re.finditer(r"[,;:，；：]", sent.text[:side.start()])), default=0)
            if not re.search(r"\d", sent.text[:cut]):
                continue
            sent = replace(sent, text=sent.text[:cut] + " " * (len(sent.text) - cut))
        part = part_scope(sent.text, heading)
        into = Extraction(text=text, year=year, year_source=source, stage=result.stage) if part else result
        cn_clauses = [] if retrospective or not _has_cjk(sent.text) else _cn_editions_by_clause(sent, published_on, year)
        if cn_clauses:  # "去年大会签约项目420个，今年签约项目600个": each clause its own edition
            for clause, clause_year in cn_clauses:
                before = len(into.facts)
                _chinese(clause, clause_year, into, part=bool(part))
                for fact in into.facts[before:]:
                    fact.sentence = sent.text
        elif _has_cjk(sent.text):
            _chinese(sent, chinese_year(sent.text, year) if not retrospective else sent_year, into, part=bool(part))
        else:
            _numbers(sent, sent_year, into)
        if part:  # one place's figures: under its own scope, never the convention's
            for fact in into.facts:
                fact.scope = part
            result.parts += into.facts
    if not other_event_doc:
        _tables(text, year, result)
    # a title restating a figure the body gives in another scope ("opens with 568 projects in the pipeline" when the
    # body says they are expected to be signed) takes the body's reading: the title's own fact is dropped
    titles = {sent.start for sent in sentences if sent.headline}
    result.facts = [f for f in result.facts if f.start not in titles or not any(
        g.start not in titles and (g.year, g.metric, g.value) == (f.year, f.metric, f.value) and g.scope != f.scope
        for g in result.facts)]
    # a title restating one part's figure the body gives under that part ("签约项目达89个" over "外企签约项目达89个")
    result.facts = [f for f in result.facts if f.start not in titles or not any(
        p.start not in titles and (p.year, p.metric, p.value) == (f.year, f.metric, f.value) for p in result.parts)]
    # a title rounding a body figure ("投资总额超7000亿元" over "投资总额达7351亿元") is the same figure said loosely
    result.facts = [f for f in result.facts if f.start not in titles or not any(
        g.start not in titles and _rounds(f, g) for g in result.facts)]
    # a bilingual page says each figure twice, once per language: the first one is kept
    seen: dict[tuple, bool] = {}
    kept = []
    for f in result.facts:
        key, cjk = (f.year, f.metric, f.value, f.qualifier), _has_cjk(f.sentence)
        if seen.get(key, cjk) != cjk:
            continue
        seen.setdefault(key, cjk)
        kept.append(f)
    result.facts = _dedupe(kept, result)
    result.claims = _dedupe_claims(result.claims)
    result.breakdowns = _dedupe_breakdowns(result.breakdowns)
    if not flags.get("plain_organizer"):
        for item in result.participation:
            if item.role == "co-organizer":
                item.role = "organizer"  # joint organizers, not a second tier
    return result


_CONVENTION_REF = re.compile(r"\b(?:the|this year's|this) (?:[\w-]+ ){0,2}?(?:convention|WMC|gala|event)\b|本届大会|大会",
                             re.I)
_EVENT_CLAUSE = re.compile(r"[^,;，；、]+")


def _without_other_events(text: str) -> str | None:
    """The sentence with every clause that names another event (an Expo, a Fair) and not the convention blanked;
    None when nothing with a digit is left."""
    chars = list(text)
    for m in _EVENT_CLAUSE.finditer(text):
        if OTHER_EVENT.search(m.group()) and not CONVENTION_NAME.search(m.group()):
            chars[m.start():m.end()] = " " * (m.end() - m.start())
    kept = "".join(chars)
    return kept if re.search(r"\d", kept) else None


def _rounds(loose, exact) -> bool:
    """Is `loose` ("more than 700") a rounding of the exact figure `exact` (735.1) of the same metric and year?"""
    return ((loose.year, loose.metric) == (exact.year, exact.metric) and loose.qualifier != "exact"
            and exact.qualifier == "exact" and loose.value != exact.value
            and abs(loose.value - exact.value) <= 0.15 * exact.value)


# two editions in one sentence: "420 projects were signed at last year's convention, while 600 were signed this
# year" -- each clause names its own edition, relative to the publication date
_EDITION_CLAUSE_BREAK = re.compile(r",\s*(?:while|whereas)\s+|;\s+|\s+whereas\s+", re.I)
_LAST_YEAR = re.compile(r"\blast year(?:'s|’s)?\b|\bthe previous year(?:'s|’s)?\b", re.I)
_THIS_YEAR = re.compile(r"\bthis year(?:'s|’s)?\b", re.I)


def _clause_year(clause: str, published_year: int) -> int | None:
    named = {int(y) for y in re.findall(r"(?<![\d,.])(20[1-9]\d)(?![\d,])", clause)}
    if _LAST_YEAR.search(clause):
        named.add(published_year - 1)
    if _THIS_YEAR.search(clause):
        named.add(published_year)
    return named.pop() if len(named) == 1 else None


def _editions_by_clause(sent, published_on) -> list:
    """The clauses of an English sentence that names two editions, each (the sentence with the other clauses
    blanked, same length) with the one edition it names by year or by "last year"/"this year" counted from the
    publication date; nothing when any clause names none or several (the sentence stays left out), or when the
    publication date is unknown (a relative year has nothing to count from)."""
    if published_on is None or is_claim(sent.text):
        return []
    bounds = [0] + [m.end() for m in _EDITION_CLAUSE_BREAK.finditer(sent.text)] + [len(sent.text)]
    if len(bounds) < 3:
        return []
    clauses = []
    for start, end in zip(bounds, bounds[1:]):
        clause_year = _clause_year(sent.text[start:end], published_on.year)
        if clause_year is None:
            return []
        blanked = " " * start + sent.text[start:end] + " " * (len(sent.text) - end)
        clauses.append((replace(sent, text=blanked), clause_year))
    return clauses if len({y for _, y in clauses}) > 1 else []


_CN_LAST = re.compile(r"(?<![较比同])(?:去年|上届|上一届)")
_CN_THIS = re.compile(r"今年|本届|此次|本次")
_CN_CLAUSE = re.compile(r"[^，,；;]+")


def _cn_editions_by_clause(sent, published_on, year: int | None) -> list:
    """The Chinese twin of `_editions_by_clause`: a clause names last year's edition (去年, 上届) or this year's
    (今年, 本届), counted from the publication date (else the release's edition); a clause naming neither goes on
    with the edition of the clause before it. Nothing unless the sentence names both (a comparison, 较去年, is no
    edition of its own)."""
    if not (_CN_LAST.search(sent.text) and _CN_THIS.search(sent.text)) or is_claim(sent.text):
        return []
    reference = published_on.year if published_on is not None else year
    if reference is None:
        return []
    clauses, current = [], None
    for m in _CN_CLAUSE.finditer(sent.text):
        text = m.group()
        last, this = bool(_CN_LAST.search(text)), bool(_CN_THIS.search(text))
        if last and this:
            return []
        current = reference - 1 if last else reference if this else current
        if current is None:
            if re.search(r"\d", text):
                return []  # a figure before any edition is named: left to the sentence's reading
            continue
        blanked = " " * m.start() + text + " " * (len(sent.text) - m.end())
        clauses.append((replace(sent, text=blanked), current))
    return clauses if len({y for _, y in clauses}) > 1 else []


# a sentence that goes on counting over the years the sentence before it spans: "Held since 2018, the convention
# has attracted 14,800 guests. A total of 3,021 projects have been signed, ..." (present perfect, no edition named)
_CONTINUES = re.compile(r"\b(?:have|has)\s+(?:so far\s+|also\s+)?(?:been\s+)?(?:signed|inked|attracted|drawn|brought|"
                        r"seen|secured|facilitated)\b|"
                        # "There are 900 guests from 60 countries, ...": a present-tense count right after the running
                        # totals names no edition of its own
                        r"^\W*There\s+(?:are|have been)\b", re.I)


def _names_no_edition(sentence: str) -> bool:
    return not re.search(r"\b20[1-9]\d\b|this year|this edition|the convention this|last year|previous|"
                         r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b", sentence, re.I)


def _same_paragraph(text: str, previous, sent) -> bool:
    return previous.end <= sent.start and "\n" not in text[previous.end:sent.start]


def _continues_claim(previous: str, sentence: str) -> bool:
    return (is_claim(previous) and not is_claim(sentence) and bool(_CONTINUES.search(sentence))
            and not re.search(r"\b20[1-9]\d\b|this year|this edition|the convention this", sentence, re.I))


# ---------------------------------------------------------------- file entry points

def extract_file(path: Path, year: int | None = None) -> Extraction:
    return extract(read_text(Path(path)), year=year)


def fact_dicts(extraction: Extraction) -> list[dict]:
    return [{key: asdict(fact)[key] for key in FACT_KEYS} for fact in extraction.facts]


def _item_stage(item) -> str:
    stage = getattr(item, "stage", "")
    if stage:
        return stage
    return "expected" if EXPECTED_CTX.search(item.sentence) or CN_EXPECTED.search(item.sentence) else "reported"


def extraction_dict(extraction: Extraction) -> dict:
    """Everything `add` would store from the release -- facts, claims, organizers and guests (participation),
    breakdowns -- and the edition fields, each item with its sentence, offsets (start/end in the text; for facts
    also number_start/number_end inside the sentence), stage and confidence; plus the edition year and warnings."""
    def rows(items):
        return [{**asdict(item), "stage": _item_stage(item)} for item in items]
    return {"year": extraction.year, "year_source": extraction.year_source, "release_stage": extraction.stage,
            "facts": rows(extraction.facts), "claims": rows(extraction.claims),
            "participation": rows(extraction.participation), "breakdowns": rows(extraction.breakdowns),
            "edition": rows(extraction.edition), "warnings": list(extraction.warnings)}


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."


def extract_cli(path, year: int | None = None, as_json: bool = False, out=None) -> None:
    """`python -m loaders extract FILE [--year Y] [--json]`."""
    out = out or sys.stdout
    path = Path(path)
    if not path.exists():
        raise LoadError(str(path), "file not found")
    extraction = extract_file(path, year=year)
    if extraction.year is None:
        raise LoadError(str(path), "cannot tell the edition year; pass --year")
    if as_json:
        print(json.dumps(extraction_dict(extraction), ensure_ascii=False, indent=2), file=out)
        return
    print(f"{path}: edition year {extraction.year} (from {extraction.year_source})", file=out)
    if extraction.facts:
        print(_table([[f.metric, f"{f.value:g}", f.unit, f.qualifier, f.year, f.scope, f"{f.confidence:.2f}",
                       f"{f.start}-{f.end}", _short(f.sentence)] for f in extraction.facts],
                     ["metric", "value", "unit", "qualifier", "year", "scope", "conf", "chars", "sentence"]), file=out)
    else:
        print("no per-edition facts found", file=out)
    if extraction.claims:
        print("\nclaims (several editions; not loaded by `add`):", file=out)
        print(_table([[c.metric, f"{c.value:g}", c.unit, c.qualifier, f"{c.year_from}-{c.year_to}",
                       f"{c.confidence:.2f}", _short(c.sentence)] for c in extraction.claims],
                     ["metric", "value", "unit", "qualifier", "years", "conf", "sentence"]), file=out)
    if extraction.breakdowns:
        print("\nbreakdowns:", file=out)
        print(_table([[b.dimension, b.category, "" if b.projects is None else b.projects,
                       "" if b.investment_cny_bn is None else f"{b.investment_cny_bn:g}", f"{b.confidence:.2f}",
                       _short(b.sentence, 50)] for b in extraction.breakdowns],
                     ["dimension", "category", "projects", "bn CNY", "conf", "sentence"]), file=out)
    if extraction.participation:
        print("\nparticipation:", file=out)
        print(_table([[p.organization, p.kind, p.role, f"{p.confidence:.2f}"] for p in extraction.participation],
                     ["organization", "kind", "role", "conf"]), file=out)
    if extraction.edition:
        print("\nedition:", file=out)
        print(_table([[e.field, e.value, f"{e.confidence:.2f}"] for e in extraction.edition],
                     ["field", "value", "conf"]), file=out)
    for warning in extraction.warnings:
        print(f"warning: {warning}", file=out)
