"""Scores of the press-release extractor on real articles (`scripts/extract_eval.py --real [--manifest FILE]`).

The manifests: tests/real/manifest.json (issue #12, texts in cache/), tests/real/manifest_turn3.json,
manifest_turn4.json, manifest_turn5.json and manifest_turn6.json (issue #21, texts in cache2/, cache3/, cache4/
and cache5/; the "cache" key names the folder). Texts are third-party and git-ignored; an article whose text is not
cached is listed as missing, never scored as zero.

Label rows: facts [metric, value, qualifier, year, stage(, scope)], claims [metric, value, qualifier, year_from,
year_to]. A fact without a scope is about the whole convention. Counts per article:
- figures tp/fp/fn: the extractor's convention-level facts against the labels whose scope is "convention" (metric,
  year and qualifier equal, value within 0.5%); a fact proposed under a subset scope (see `is_convention_scope`) is
  not a proposal of a convention figure: it is neither a hit nor a false figure.
- stage right/hits: on figure hits, whether the proposed stage is one the label allows. Proposed stages are read on
  one axis whatever vocabulary the extractor uses (its "expected"/"reported", the data's "expected"/"preliminary"/
  "closing", or the labels' four): expected; preliminary (a running or opening-day count); closing (at the close or
  the results conference; "reported" and "confirmed-at-results" too). A label "expected" allows expected; a label
  "preliminary" (interim, not final: preliminary agreements, confirmed registrations) expected or preliminary; a label
  "reported" (done, told at the opening or later) preliminary or closing; a label "confirmed-at-results" closing.
- sub->tot: convention-level facts equal to a label whose scope is a subset (a city, session, sector, hall...):
  a subset figure proposed as a convention total. Also a false figure.
- other-ev: the same for a label whose scope starts with "other event": another event's figure proposed as the
  convention's. Also a false figure.
- distractor figs: every fact and claim proposed from a distractor article (also false figures).
Abstentions (edition year unknown) as in extract_eval: year-less items count as not proposed.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "real" / "manifest.json"
TURN3 = ROOT / "tests" / "real" / "manifest_turn3.json"
REAL_SPLITS = ("tune", "heldout")
FACT_FIELDS = ("metric", "value", "qualifier", "year", "stage", "scope")
CLAIM_FIELDS = ("metric", "value", "qualifier", "year_from", "year_to")
CONVENTION = "convention"
# A proposed stage on one axis (see the module docstring), and the stages each label allows.
AXIS = {"expected": "expected", "preliminary": "preliminary", "closing": "closing", "reported": "closing",
        "confirmed-at-results": "closing"}
ALLOWED = {"expected": {"expected"}, "preliminary": {"expected", "preliminary"},
           "reported": {"preliminary", "closing"}, "confirmed-at-results": {"closing"}}


def _base():
    """extract_eval's matchers, imported on use: extract_eval imports this module for `--real`."""
    import extract_eval
    return extract_eval


def convention_scopes() -> set[str]:
    """The extractor's scope strings that mean 'a figure of the whole edition' (its exhibition parts included)."""
    from loaders.press_release.model import EXPECTED_SCOPE, SCOPES
    return {"", "whole convention", EXPECTED_SCOPE, *SCOPES.values()}


def is_convention_scope(scope: str | None, known: set[str] | None = None) -> bool:
    """A proposed fact is a convention-level proposal unless its scope names something else (a subset)."""
    return (scope or "") in (known if known is not None else convention_scopes())


def predicted_stage(fact) -> str:
    """The proposed fact's stage; older extractions only mark expected ones by their scope."""
    stage = getattr(fact, "stage", "")
    if stage:
        return stage
    return "expected" if fact.scope.startswith("expected") else "reported"


def stage_right(predicted: str, labelled: str) -> bool:
    return AXIS.get(predicted, predicted) in ALLOWED[labelled]


def cache_folder(manifest_path: Path) -> Path:
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    return Path(manifest_path).parent / manifest.get("cache", "cache")


def gold_facts(article: dict) -> list[dict]:
    rows = [dict(zip(FACT_FIELDS, row)) for row in article["facts"]]
    for row in rows:
        row.setdefault("scope", CONVENTION)
    return rows


def _empty_counts() -> dict:
    return {"facts": {"tp": 0, "fp": 0, "fn": 0}, "claims": {"tp": 0, "fp": 0, "fn": 0},
            "stage": {"right": 0, "hits": 0}, "subset_as_total": 0, "other_event": 0, "distractor": 0,
            "abstained": False, "errors": []}


def score_article(article: dict, text: str) -> dict:
    """Counts for one article (see the module docstring) and its error lines."""
    from loaders.press_release import extract
    base = _base()
    _match, _show, abstained = base._match, base._show, base.abstained
    extraction = extract(text, **_publication(extract, article))
    known = convention_scopes()
    gold = gold_facts(article)
    whole = [g for g in gold if g["scope"] == CONVENTION]
    parts = [g for g in gold if g["scope"] != CONVENTION]
    gold_claims = [dict(zip(CLAIM_FIELDS, row)) for row in article["claims"]]
    facts = [f for f in extraction.facts if not abstained(extraction, f)]
    out = _empty_counts()
    out["abstained"] = abstained(extraction)
    name = article["id"]
    if article.get("distractor"):
        out["distractor"] = len(facts) + len(extraction.claims)
    used: set[int] = set()
    for fact in facts:
        if not is_convention_scope(fact.scope, known):
            continue
        p = {"metric": fact.metric, "value": fact.value, "qualifier": fact.qualifier, "year": fact.year}
        hit = next((i for i, g in enumerate(whole) if i not in used and _match("facts", p, g)), None)
        if hit is not None:
            used.add(hit)
            out["facts"]["tp"] += 1
            out["stage"]["hits"] += 1
            if stage_right(predicted_stage(fact), whole[hit]["stage"]):
                out["stage"]["right"] += 1
            else:
                out["errors"].append(f"{name}: wrong stage {predicted_stage(fact)} (label {whole[hit]['stage']}) "
                                     f"for {_show(p)}")
            continue
        out["facts"]["fp"] += 1
        part = next((g for g in parts if _match("facts", p, g)), None)
        if part is not None and part["scope"].startswith("other event"):
            out["other_event"] += 1
            what = f"another event's figure ({part['scope']}) as the convention's"
        elif part is not None:
            out["subset_as_total"] += 1
            what = f"subset ({part['scope']}) as a convention total"
        else:
            what = "false fact"
        out["errors"].append(f"{name}: {what}: {_show(p)} stage={predicted_stage(fact)} :: {fact.sentence[:90]}")
    out["errors"] += [f"{name}: missed fact {_show(g)} stage={g['stage']}" for i, g in enumerate(whole)
                      if i not in used]
    out["facts"]["fn"] = len(whole) - len(used)
    used = set()
    for claim in extraction.claims:
        p = {k: getattr(claim, k) for k in CLAIM_FIELDS}
        hit = next((i for i, g in enumerate(gold_claims) if i not in used and _match("claims", p, g)), None)
        if hit is None:
            out["claims"]["fp"] += 1
            out["errors"].append(f"{name}: false claim {_show(p)} :: {claim.sentence[:90]}")
        else:
            used.add(hit)
            out["claims"]["tp"] += 1
    out["errors"] += [f"{name}: missed claim {_show(g)}" for i, g in enumerate(gold_claims) if i not in used]
    out["claims"]["fn"] = len(gold_claims) - len(used)
    if out["abstained"]:
        out["errors"].append(f"{name}: abstained (edition year unknown)")
    return out


def _publication(extract, article: dict) -> dict:
    """The article's publication date for an extractor that takes one (`published_on`), as the add path's
    --published-on gives it; the extractor of issue #12 takes none."""
    import inspect
    from datetime import date
    date_text = article.get("date") or ""
    if "published_on" not in inspect.signature(extract).parameters or len(date_text) != 10:
        return {}
    return {"published_on": date.fromisoformat(date_text)}


def turn3_split(articles: list[dict]) -> dict[str, str]:
    """The turn-3 split rule: per stratum (lang, distractor or not), ordered by (kind, sha256(url)), dealt
    alternately heldout, tune, ... (an odd stratum gives its extra article to heldout)."""
    strata: dict[tuple, list[dict]] = {}
    for article in articles:
        strata.setdefault((article["lang"], bool(article.get("distractor"))), []).append(article)
    split = {}
    for members in strata.values():
        members = sorted(members, key=lambda a: (a["kind"], hashlib.sha256(a["url"].encode()).hexdigest()))
        for i, article in enumerate(members):
            split[article["id"]] = "heldout" if i % 2 == 0 else "tune"
    return split


def article_split(article: dict) -> str:
    """The stored split; manifest.json's articles, which have none, split by edition (tune up to 2022)."""
    if article.get("split"):
        return article["split"]
    year = article.get("edition") or article.get("year")
    return "tune" if year <= 2022 else "heldout"


def evaluate_real(manifest_path: Path = REAL) -> dict:
    """{'rows': [(split, language, is_distractor, counts, id)], 'missing': [ids], 'articles': n}."""
    articles = json.loads(Path(manifest_path).read_text(encoding="utf-8"))["articles"]
    cache = cache_folder(manifest_path)
    rows, missing, missing_splits = [], [], {}
    for article in articles:
        path = cache / f"{article['id']}.txt"
        if not path.is_file():
            missing.append(article["id"])
            missing_splits[article["id"]] = article_split(article)
            continue
        counts = score_article(article, path.read_text(encoding="utf-8"))
        rows.append((article_split(article), article["lang"], bool(article.get("distractor")), counts, article["id"]))
    return {"rows": rows, "missing": missing, "missing_splits": missing_splits, "articles": len(articles),
            "cache": cache.name}


def sum_rows(rows) -> dict:
    total = _empty_counts()
    total.update(abstained=0, n=0, distractors=0)
    for _, _, is_distractor, counts, *_ in rows:
        for kind in ("facts", "claims"):
            for key in ("tp", "fp", "fn"):
                total[kind][key] += counts[kind][key]
        for key in ("right", "hits"):
            total["stage"][key] += counts["stage"][key]
        for key in ("subset_as_total", "other_event", "distractor"):
            total[key] += counts[key]
        total["abstained"] += bool(counts["abstained"])
        total["n"] += 1
        total["distractors"] += is_distractor
    return total


HEADER = (f"{'split':8} {'slice':8} {'arts':>4} {'dis':>3} {'abst':>4} | {'figures tp/fp/fn':>16} {'P':>6} {'R':>6} | "
          f"{'claims tp/fp/fn':>15} {'P':>6} {'R':>6} | {'stage':>9} {'acc':>6} | {'sub->tot':>8} {'other-ev':>8} | "
          f"{'distractor figs':>15}")


def table_line(split: str, language: str, c: dict) -> str:
    scores = _base().scores
    fp_, fr_ = scores(c["facts"])
    cp_, cr_ = scores(c["claims"])
    stage = c["stage"]
    accuracy = stage["right"] / stage["hits"] if stage["hits"] else 1.0
    f, k = c["facts"], c["claims"]
    return (f"{split:8} {language:8} {c['n']:>4} {c['distractors']:>3} {c['abstained']:>4} | "
            f"{f['tp']:>5}/{f['fp']:>4}/{f['fn']:>4} {fp_:>6.3f} {fr_:>6.3f} | "
            f"{k['tp']:>4}/{k['fp']:>4}/{k['fn']:>4} {cp_:>6.3f} {cr_:>6.3f} | "
            f"{stage['right']:>4}/{stage['hits']:<4} {accuracy:>6.3f} | {c['subset_as_total']:>8} {c['other_event']:>8} | "
            f"{c['distractor']:>15}")


def shown_splits(result: dict, verbose: bool, show_heldout: bool) -> tuple[str, ...]:
    """The splits whose error lines `-v` prints: every split but the held-out one unless asked for."""
    if not verbose:
        return ()
    return tuple(sorted({r[0] for r in result["rows"]} - ({"heldout"} if not show_heldout else set())))


def real_report(result: dict, errors_for: tuple[str, ...] = ()) -> str:
    """The table per split and language/script; error lines only for the splits in `errors_for`."""
    lines = []
    if result["missing"]:
        # A held-out article's id says what it is about: named only when the held-out errors are shown too, so a
        # checkout tuned without the held-out texts never sees which articles they are.
        splits = result.get("missing_splits", {})
        hidden = [i for i in result["missing"] if splits.get(i) == "heldout" and "heldout" not in errors_for]
        named = [i for i in result["missing"] if i not in hidden]
        lines.append(f"cache missing for {len(result['missing'])} of {result['articles']} articles (not scored; save "
                     f"their text to tests/real/{result.get('cache', 'cache')}/<id>.txt): "
                     + ", ".join(named + ([f"{len(hidden)} held-out (ids not shown)"] if hidden else [])))
    if not result["rows"]:
        lines.append("no cached article text: nothing scored")
        return "\n".join(lines)
    lines.append(HEADER)
    present = {r[0] for r in result["rows"]}
    for split in [s for s in REAL_SPLITS if s in present] + sorted(present - set(REAL_SPLITS)) + ["all"]:
        in_split = [r for r in result["rows"] if split == "all" or r[0] == split]
        for language in ["all"] + sorted({r[1] for r in in_split}):
            chosen = [r for r in in_split if language == "all" or r[1] == language]
            lines.append(table_line(split, language, sum_rows(chosen)))
    for split in errors_for:
        lines.append(f"-- errors in split {split}")
        lines += ["    " + e for r in result["rows"] if r[0] == split for e in r[3]["errors"]]
    return "\n".join(lines)
