"""Per-edition facts and breakdowns from an English sentence's mentions: which count or amount is a
whole-convention total, a part of it (manufacturing subset, size band, sector), or nothing."""
from __future__ import annotations

import re

from loaders.press_release.context import (
    DROP_CTX, EXPECTED_CTX, expected_at, FUNDS_AFTER, FUNDS_CTX, GENERIC_MODS, INVEST_CTX, ORIGIN_CTX, PRESENT_CTX,
    SINGLE_ACTOR_CTX, SUBSET_CTX, is_claim as _is_claim_text,
)
from loaders.press_release.edition import _other_year
from loaders.press_release.mentions import LABEL_NOUN, Mention, _clause_before, _mentions
from loaders.press_release.model import CLAIM_METRICS, EXPECTED_SCOPE, SCOPES, UNITS, Breakdown, Claim, Extraction, Fact
from loaders.press_release.numbers import _round
from loaders.press_release.statements import _claim_range
from loaders.press_release.text import Sentence


def _label_of(before: str) -> tuple[str, str] | str | None:
    """The category a bulletin line names before its colon ("Information technology: 87 projects, ...")."""
    m = re.match(r"^[^\w]*(?P<label>[A-Za-z][A-Za-z0-9#&,.\s-]{0,80}?)\s*:\s*$", before)
    if not m:
        return None
    label = m.group("label").strip().lower()
    if DROP_CTX.search(label):
        return "drop"
    if "manufactur" in label:
        return ("subset", "manufacturing")
    if set(label.split()) <= {"signed", "projects", "total", "results", "deals", "cooperation", "investment",
                              "contracts", "number", "of", "the", "all"}:
        return None
    if SECTOR_WORDS.search(label) and not re.search(r"[#\d]|\b(?:above|over|more than|each)\b", label):
        return ("sector", label)
    return "drop"


# one deal, not the total: "the single largest deal", "the biggest project" (but not "the largest share")
LARGEST_ONE = re.compile(r"\bsingle\b|\b(?:largest|biggest)\s+(?:single\s+)?(?:[\w-]+\s+)?(?:project|deal|contract|"
                         r"investment|signing|agreement)s?\b", re.I)
# one company's own deal or plan, said in the clause before an amount ("one equipment maker alone expects to sign
# deals worth 3 billion yuan"): never the convention's total, nor a cumulative claim
ONE_ACTOR_BEFORE = re.compile(
    r"\b(?:alone|on its own|(?:a|an|one|the|its)\s+(?:[\w-]+\s+){0,4}?(?:maker|company|firm|manufacturer|producer|"
    r"plant|factory|enterprise|group|start-?up|carmaker|automaker|supplier|investor))\b|"
    # "..., and the sensor project with a total investment of 2 billion yuan": one project named in a list
    r"\b(?:the|a|an|one)\s+(?:[\w-]+\s+){0,4}?project\b(?!s|-|\s+sign)", re.I)


# "a market showcase", "the outdoor showcase": a showcase as a place (a noun), never the verb ("will showcase robots")
OUTDOOR_SHOWCASE = re.compile(r"\b(?:a|an|the)\s+(?:(?!(?:will|would|to|can|shall|may|also|and)\b)[\w-]+\s+){0,2}"
                              r"showcase\b", re.I)


def _area_metric(mention: Mention, masked: str, prev_end: int, next_start: int) -> str | None:
    after = masked[mention.noun_end:next_start]
    clause = re.search(r"[,;:()!?]|\.(?:\s|$)|\s(?:and|with|plus|while|but)\s", after)
    after = after[:clause.start()] if clause else after
    before = masked[prev_end:mention.start]
    clause = list(re.finditer(r"[;:()!?]|\.(?:\s|$)", before))
    before = before[clause[-1].end():] if clause else before
    for window in (after, before):
        if re.search(r"\b(?:outdoors?|open-air|outside|market)\b", window, re.I) or OUTDOOR_SHOWCASE.search(window):
            return "exhibition_area_outdoor"
        if re.search(r"\b(?:hall|halls|indoor|pavilion)\b", window, re.I):
            return "exhibition_area_hall"
    if re.search(r"exhibit|display|venue|site|cover|span|area|expo|show", masked, re.I):
        return "exhibition_area"
    return None


def _sector(mention: Mention, masked: str) -> tuple[str, str] | None:
    """Breakdown (dimension, category) for a 'projects' count, or None for a total."""
    mods = [w for w in mention.mods.lower().split() if w not in GENERIC_MODS]
    if any("manufactur" in w for w in mods):
        return ("subset", "manufacturing")
    if mods:
        return ("sector", " ".join(mods))
    after = masked[mention.noun_end:]
    m = re.match(r"\s+in\s+(?:the\s+)?(?P<cat>[a-z][a-z\s,&-]*?)(?:\s+(?:sector|sectors|industry|industries|field|fields))?"
                 r"(?=\s+(?:drew|worth|with|were|was|attracted|totaling|totalling|involving|accounted|received|"
                 r"valued)\b|[,.;]|$)", after)
    if m and re.search(r"sector|industr|field", masked, re.I):
        category = m.group("cat").strip()
        if "manufactur" in category:
            return ("subset", "manufacturing")
        return ("sector", category)
    # "61 projects in integrated circuits, new displays and advanced materials were signed": a list of fields
    m = re.match(r"\s+in\s+(?P<cat>[a-z][a-z\s,&-]*?)\s*,?\s+(?:were|was|are|have been|had been)\s+"
                 r"(?:signed|inked|contracted|sealed|agreed)\b", after)
    if m and re.search(r",|\band\b|&", m.group("cat")) and SECTOR_WORDS.search(m.group("cat")) and \
            not re.match(r"(?:total|all|various|different|multiple|many|diverse|several|hefei|anhui|china)\b",
                         m.group("cat")):
        category = " ".join(m.group("cat").split())
        if "manufactur" in category:
            return ("subset", "manufacturing")
        return ("sector", category)
    return None


SECTOR_WORDS = re.compile(
    r"industr|sector|tech|energy|vehicle|equipment|material|chip|semiconductor|circuit|display|robot|digital|"
    r"information|electronic|biomed|pharma|medic|health|aerospace|aviation|batter|automo|\bauto\b|machinery|chemical|"
    r"textile|software|internet|artificial intelligence|photovolta|solar|hydrogen|green|agricultur|logistic|"
    r"service|emerging|intelligen|smart|new energy|quantum|biotech|metallurg|steel", re.I)
SHARE_OF = re.compile(
    r"^\s*(?:the\s+)?(?P<subj>[A-Za-z][A-Za-z&,\s-]{0,60}?)\s+(?:projects\s+|deals\s+|sectors?\s+|industry\s+|"
    r"industries\s+)?(?:accounted for|account for|made up|make up|represented|took up|contributed)\b", re.I)


def _share_of(before: str) -> tuple[str, str] | str | None:
    """"Manufacturing accounted for the bulk of the deals, with 656 projects ...": the count is that part's."""
    m = SHARE_OF.search(before)
    if not m:
        return None
    subject = m.group("subj").strip()
    low = subject[0].lower() + subject[1:]
    if "manufactur" in low.lower():
        return ("subset", "manufacturing")
    if low != low.lower() or ORIGIN_CTX.search(subject + " projects") or not SECTOR_WORDS.search(low) or \
            re.search(r"\b(?:foreign|overseas|domestic|local|it|they|this|these|which|convention|event)\b", low):
        return "drop"  # a place, an origin, a pronoun or an unknown part of the total: never the total itself
    return ("sector", low)


def _numbers(sent: Sentence, year: int | None, result: Extraction, facts: bool = True,
             edition_checked: bool = False) -> None:
    """Facts, breakdowns and claims of an English sentence; with facts=False only its cumulative claims;
    `edition_checked`: the caller has read the edition the (clause of the) sentence names, given as `year`."""
    mentions, masked = _mentions(sent)
    if not any(m.kind != "none" for m in mentions):
        return
    s = sent.text
    claim_text = f"{sent.context} {s}" if sent.context else s
    is_claim = _is_claim_text(claim_text)
    expected = bool(EXPECTED_CTX.search(s))
    skip_facts = not facts or (_other_year(s, year) and not is_claim and not edition_checked)
    base_conf = 0.65 if sent.headline else 1.0
    # thresholds (size bands) attach to the projects count before them
    bands: dict[int, float] = {}
    for i, m in enumerate(mentions):
        if m.threshold:
            for j in range(i - 1, -1, -1):
                if mentions[j].kind == "count" and mentions[j].metric == "projects_signed":
                    bands[j] = m.value
                    break
            else:  # "Projects above 1 billion yuan each: 167, ..."
                j = next((j for j in range(i + 1, len(mentions)) if mentions[j].kind == "count"), None)
                if j is not None and mentions[j].metric == "projects_signed" and \
                        LABEL_NOUN.match(masked[:mentions[j].start]):
                    bands[j] = m.value
    # role of each projects count: "total", a breakdown, or "drop"
    roles: dict[int, object] = {}
    for i, m in enumerate(mentions):
        if m.kind == "count" and m.metric == "projects_signed":
            before = masked[:m.start]
            if i in bands:
                roles[i] = ("size_band", f"above {bands[i]:g} bn CNY")
            elif m.implicit:
                roles[i] = "drop"  # a part of "all the signed projects" with no category of its own
            elif (label := _label_of(before)) is not None:
                roles[i] = label
            elif (sector := _sector(m, masked)) is not None:
                roles[i] = sector
            elif (share := _share_of(before)) is not None:
                roles[i] = share
            elif REGISTERED.search(_clause_before(masked, m.start)) or REGISTERED_AFTER.match(masked[m.noun_end:]):
                roles[i] = "drop"  # projects registered (or started) after the convention: a progress count
            elif (PROMOTED_BEFORE.search(_clause_before(masked, m.start)) and PROMOTED_FOR.match(masked[m.noun_end:])
                  or PROMOTED_AFTER.match(masked[m.noun_end:])):
                roles[i] = "drop"  # projects offered to investors: promoted, not signed
            elif SUBSET_CTX.search(before) or DROP_CTX.search(re.sub(r"\bat the opening ceremony\b", "", s)
                                                               if expected else s):
                roles[i] = "drop"
            else:
                roles[i] = "total"
    breakdowns: dict[int, Breakdown] = {}
    for i, m in enumerate(mentions):
        if m.kind == "none" or m.threshold:
            continue
        conf = m.confidence * base_conf
        # the projects count this amount belongs to: the nearest before it
        owner = next((j for j in range(i - 1, -1, -1) if j in roles), None)
        owner_role = roles.get(owner, "total") if owner is not None else "total"
        metric = None
        if m.kind == "count":
            metric = m.metric
            if metric == "projects_signed":
                owner_role = roles[i]
                owner = i
        elif m.kind == "area":
            metric = _area_metric(m, masked, mentions[i - 1].end if i else 0,
                                  mentions[i + 1].start if i + 1 < len(mentions) else len(masked))
        elif m.kind == "money_cny":
            if FUNDS_CTX.search(m.left) or FUNDS_AFTER.match(m.right) or FUNDS_AFTER.match(masked[m.end:]) or (
                    FUNDS_CTX.search(masked[:m.start]) and not INVEST_CTX.search(m.left.split(",")[-1])):
                metric = "funds_in_place"
                owner_role = "total"
            elif INVEST_CTX.search(m.left) or INVEST_CTX.search(m.right) or INVEST_CTX.search(masked[:m.start]):
                metric = "investment_signed"
                if LARGEST_ONE.search(masked[:m.start]) or ONE_ACTOR_BEFORE.search(_clause_before(masked, m.start)):
                    continue
        elif m.kind == "money_usd":
            if m.conversion_of is not None:
                base = mentions[m.conversion_of]
                if base.kind != "money_cny" or getattr(base, "metric", None) != "investment_signed":
                    continue
                metric = "investment_signed_usd_reported"
                owner_role = base.__dict__.get("_role", "total")
            elif FUNDS_CTX.search(masked[:m.start]) or FUNDS_AFTER.match(m.right):
                continue
            elif INVEST_CTX.search(m.left) or INVEST_CTX.search(m.right) or INVEST_CTX.search(masked[:m.start]):
                metric = "investment_signed_usd_reported"
                if LARGEST_ONE.search(masked[:m.start]):
                    continue
        if metric is None:
            continue
        m.metric = metric
        m.__dict__["_role"] = owner_role
        if is_claim:
            if metric in CLAIM_METRICS:
                if metric == "investment_signed_usd_reported":
                    continue
                y0, y1, claim_conf = _claim_range(claim_text, year, result.stage)
                result.claims.append(Claim(metric, _round(m.value), UNITS[metric], m.qualifier, y0, y1,
                                           s, sent.start, sent.end, round(conf * claim_conf, 2)))
            continue
        if skip_facts:
            continue
        if metric in ("projects_signed", "investment_signed", "investment_signed_usd_reported") and owner_role != "total":
            if owner_role == "drop" or metric == "investment_signed_usd_reported":
                continue
            dimension, category = owner_role
            item = breakdowns.get(owner)
            if item is None:
                item = breakdowns[owner] = Breakdown(year, dimension, category, None, None, None, None,
                                                     s, sent.start, sent.end, round(0.8 * base_conf, 2))
                result.breakdowns.append(item)
            if metric == "projects_signed":
                item.projects, item.projects_qualifier = int(m.value), m.qualifier
            elif item.investment_cny_bn is None:
                item.investment_cny_bn, item.investment_qualifier = _round(m.value), m.qualifier
            continue
        drop_text = re.sub(r"\bat the opening ceremony\b", "", s) if expected else s  # where expected deals are signed
        if metric in ("projects_signed", "investment_signed", "investment_signed_usd_reported", "attendees",
                      "exhibitors") and (ORIGIN_CTX.search(s) or DROP_CTX.search(drop_text)):
            continue
        if not _whole_total(m, metric, masked):
            continue
        if metric == "events" and (EVENTS_REFERENCE_BEFORE.search(masked[:m.start]) or EVENTS_PART_AFTER.match(m.right)):
            continue
        if metric in ("investment_signed", "investment_signed_usd_reported") and SINGLE_ACTOR_CTX.search(s):
            continue
        if metric in ("fortune500_companies", "fortune500_executives", "overseas_guests") and not PRESENT_CTX.search(s):
            continue
        scope = SCOPES.get(metric, "whole convention")
        if expected and expected_at(s, m.start):
            scope, conf = EXPECTED_SCOPE, conf * 0.6
        result.facts.append(Fact(metric, _round(m.value), UNITS[metric], m.qualifier, year, scope, s,
                                 sent.start, sent.end, round(conf, 2), number_start=m.start,
                                 number_end=m.start + len(s[m.start:m.end].rstrip())))


# signed projects counted again later, as registered or started: "the registration of 300 projects signed at ...",
# "300 projects were registered", "250 projects have started construction"
REGISTERED = re.compile(r"\b(?:registration|registering|start|launch|completion|construction)\s+of\s+(?:the\s+)?$",
                        re.I)
REGISTERED_AFTER = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:,[^,;]{0,40},\s*)?(?:(?:were|was|have been|had been|has been|"
                              r"have|has|had)\s+)?(?:\w+\s+)?(?:registered|started|launched|completed|kicked off|"
                              r"broken ground|broke ground|put into (?:operation|production))\b", re.I)


# projects offered to investors, not signed: "released over 1,000 projects for investment", "promoted 900 projects to
# investors", "900 projects were released for investment"
PROMOTED_BEFORE = re.compile(r"\b(?:released|releases|promoted|promotes|pitched|offered|put forward|unveiled|showcased)\s+"
                             r"(?:(?:over|more than|nearly|about|around|some|almost|up to|a total of)\s+)?$", re.I)
# the verb alone is not enough ("the conference has promoted 703 cooperative projects" may be its signings): the
# projects must be offered for investment or to investors
_FOR_INVESTORS = (r"(?:for|to)\s+(?:(?:potential|prospective|domestic|foreign|global)\s+)?(?:investment|investors)\b"
                  r"(?!\s+(?:of|worth|totaling|totalling))")
PROMOTED_FOR = re.compile(r"^\s*" + _FOR_INVESTORS, re.I)
PROMOTED_AFTER = re.compile(r"^\s*(?:(?:were|was|have been|had been|has been|are|is|being)\s+)?"
                            r"(?:released|promoted|offered|pitched|put forward|unveiled|showcased)\s+" + _FOR_INVESTORS, re.I)


# a part of the total, said in the clause before the number: "of which 400 ...", "including 300 exhibitors"
SUBSET_BEFORE = re.compile(r"\b(?:of which|of whom|of these|of them|of those|of the total|among them|among which|"
                           r"among these|among those|including|such as|in particular|notably|especially)\b",
                           re.I)
# an average or a per-unit amount is never a total: "an average of 1.2 billion yuan per project"
AVERAGE_CTX = re.compile(r"\b(?:average|averag(?:ed|ing)|on average|mean|median|typical)\b", re.I)
PER_UNIT_AFTER = re.compile(r"^\s*(?:(?:yuan|rmb|cny|dollars|usd)\s*)?(?:[a-z-]+\s+){0,2}?(?:per|each|apiece|a)\s+"
                            r"(?:project|deal|contract|company|firm|exhibitor|enterprise|day|session|edition|year|"
                            r"booth|hall|visitor|guest|participant)\b|^\s*(?:each|apiece)\b", re.I)
# one place below the convention: a district, a county, a zone or a park signed its own deals
LOCAL_CTX = re.compile(r"\b(?:district|county|counties|development zone|high-tech zone|hi-tech zone|economic zone|"
                       r"industrial park|new area|free trade zone|pilot zone|township)\b|"
                       r"(?<!capital )(?<!provincial )\b(?:city|cities) of\b", re.I)
# "The six grouped partnering activities produced ...", "structured around four flagship events": a named group of
# events (a part, or a reference back), never the count of the convention's events
EVENTS_REFERENCE_BEFORE = re.compile(r"\b(?:the|its|these|those|around)\s+$", re.I)
EVENTS_PART_AFTER = re.compile(r"^\s*(?:[a-z-]+\s+){0,2}?(?:flagship|grouped|signature|partnering|matchmaking|"
                               r"investment matchmaking)\b", re.I)
# one named pavilion, zone or booth as the subject ("Zhejiang's pavilion hosted 80 exhibitors", "the Germany Pavilion
# covers 2,000 square meters"): that part's figures; the convention's own halls ("the main hall", "indoor halls") are not
# named parts
_NAME = r"(?<![\w'’-])(?!(?:The|A|An|This|That|Its|Each|Every|Main|Indoor|Outdoor|Exhibition|Convention|WMC)\b)[A-Z][\w-]*+"
NAMED_ZONE_BEFORE = re.compile(r"\b(?:" + _NAME + r"(?:'s|’s)?\s+){1,3}(?:Pavilion|pavilion|Zone|zone|Exhibition Area|"
                               r"exhibition area|Section|section|Booth|booth)s?\b|"
                               r"\b" + _NAME + r"(?:'s|’s)\s+(?:[a-z-]+\s+)?(?:pavilion|hall|zone|booth|stand|section|"
                               r"exhibition area|exhibition)\b")
TOTAL_METRICS = {"projects_signed", "investment_signed", "investment_signed_usd_reported", "attendees", "exhibitors",
                 "exhibits", "visitors", "events", "countries_regions", "funds_in_place", "exhibition_area",
                 "exhibition_area_hall", "exhibition_area_outdoor"}


def _whole_total(m: Mention, metric: str, masked: str) -> bool:
    """False when the number is a part, an average, a per-unit amount, one actor's or one place's figure.

    Applies to every whole-convention metric (overseas guests and Fortune 500 people are parts by nature).
    """
    if metric not in TOTAL_METRICS:
        return True
    clause = _clause_before(masked, m.start)            # back to the last comma
    wide = _clause_before(masked, m.start, keep_comma=True)  # back to the last ; : ( ) or sentence end
    if SUBSET_BEFORE.search(clause) or re.search(r"\b(?:of which|of whom|among them|among which)\b", wide, re.I):
        return False
    after = masked[m.end:]
    right_clause = re.split(r"[,;:()!?]|\.(?:\s|$)", after, maxsplit=1)[0]
    per_unit = PER_UNIT_AFTER.match(after) or (m.noun_end and PER_UNIT_AFTER.match(masked[m.noun_end:]))
    if AVERAGE_CTX.search(wide) or AVERAGE_CTX.search(right_clause) or per_unit:
        return False
    if LOCAL_CTX.search(wide) or LOCAL_CTX.search(right_clause):
        return False
    if ONE_ACTOR_BEFORE.search(clause) and metric != "funds_in_place":
        return False
    if NAMED_ZONE_BEFORE.search(masked[:m.start]):
        return False
    return True


def _dedupe(facts: list[Fact], result: Extraction) -> list[Fact]:
    """One fact per (metric, scope): the most confident; conflicting values lower the confidence."""
    best: dict[tuple, Fact] = {}
    values: dict[tuple, set] = {}
    for fact in facts:
        key = (fact.year, fact.metric, fact.scope)
        values.setdefault(key, set()).add(fact.value)
        if key not in best or fact.confidence > best[key].confidence:
            best[key] = fact
    out = []
    for key, fact in best.items():
        if len(values[key]) > 1:
            result.warnings.append(f"{fact.metric}: the release gives several values {sorted(values[key])}; "
                                   f"kept {fact.value:g}")
            fact.confidence = round(fact.confidence * 0.7, 2)
        out.append(fact)
    return sorted(out, key=lambda f: f.start)
