"""Precision and recall of the press-release extractor over the labelled releases.

    .venv/bin/python scripts/extract_eval.py [--split dev|heldout|blind_seen|unseen|fresh|all ...] [--labels FILE] [-v]
    .venv/bin/python scripts/extract_eval.py --real [--manifest tests/real/manifest_turn3.json] [-v] [--show-heldout]

`--real` scores the real articles of tests/real/manifest.json, or of the manifest given (see extract_eval_real): their
texts are read from the manifest's git-ignored cache folder (cache/, cache2/, cache3/, cache4/ or cache5/); articles
whose text is not in the cache are listed, never scored as zero.

A predicted fact matches a labelled one when metric, year and qualifier are the same and the value
is within 0.5%. Claims match on metric, year_from, year_to, qualifier and value; participation on
year, organization and role; breakdowns on year, dimension, projects and investment.

Splits: 'dev' (rules were tuned on it), 'heldout' (labelled before any rule), 'blind_seen' (written
by a second engineer, scored blind once, then used to fix rules: no longer unseen), 'unseen'
(written and labelled before the extractor ever ran on them; first-run errors since fixed) and 'fresh' (ten
releases by a writer who never saw the rules, scored once at overall precision 0.726 / recall 0.639; the
edition-year attribution and the other rules were then fixed on its errors, so it is seen now too) and
'fresh2' (ten releases by another writer who never saw the rules, scored once at overall precision 0.810).

Abstentions: when the extractor cannot tell a release's edition year (extraction year None), `load` and
`python -m loaders add` refuse the release until --year is given, so nothing of it would be stored. The
release has abstained: its facts, breakdowns and participation whose own year is None are counted as NOT
produced -- never false figures; where labelled they are misses. Items that carry a year of their own (a
figure whose sentence names its edition, e.g. in a multi-edition retrospective) and claims (their own year
range) are scored as usual. Every split's report says how many of its releases abstained.

Prints per-metric precision/recall and the overall figures for every split present and for the whole set;
exits 1 if the overall precision on any split asked for with --split (default: all, i.e. the whole set) is
below 0.95.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loaders.press_release import extract_file  # noqa: E402

LABELS = ROOT / "tests" / "releases" / "labels.json"
SPLITS = ("dev", "heldout", "blind_seen", "unseen", "fresh", "fresh2", "fresh3")
MIN_PRECISION = 0.95
HEADLINE = ("projects_signed", "investment_signed", "exhibition_area", "participation", "claims")


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    a, b = float(a), float(b)
    return abs(a - b) <= 0.005 * max(abs(a), abs(b)) or a == b


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("the ", " ").split())


def abstained(extraction, item=None) -> bool:
    """Did the release abstain (edition year unknown: `add` refuses it until --year is given)? With an item:
    is that item one it would not store (its own year None too)? Such items count as not produced."""
    if extraction.year is not None:
        return False
    return item is None or getattr(item, "year", 0) is None


def _items(extraction_or_label, predicted: bool) -> list[tuple[str, dict]]:
    """(group, item) pairs; group is the metric for facts, 'claims', 'participation' or 'breakdowns'."""
    if predicted:
        ex = extraction_or_label
        facts = [vars(f) for f in ex.facts if not abstained(ex, f)]
        claims = [vars(c) for c in ex.claims]
        part = [vars(p) for p in ex.participation if not abstained(ex, p)]
        bds = [vars(b) for b in ex.breakdowns if not abstained(ex, b)]
    else:
        lab = extraction_or_label
        facts, claims, part, bds = lab["facts"], lab["claims"], lab["participation"], lab["breakdowns"]
    out = [(f["metric"], f) for f in facts]
    out += [("claims", c) for c in claims]
    out += [("participation", p) for p in part]
    out += [("breakdowns", b) for b in bds]
    return out


def _match(group: str, p: dict, g: dict) -> bool:
    if group == "claims":
        return (p["metric"] == g["metric"] and p["year_from"] == g["year_from"] and p["year_to"] == g["year_to"]
                and p["qualifier"] == g["qualifier"] and _close(p["value"], g["value"]))
    if group == "participation":
        return p["year"] == g["year"] and _norm(p["organization"]) == _norm(g["organization"]) and p["role"] == g["role"]
    if group == "breakdowns":
        return (p["year"] == g["year"] and p["dimension"] == g["dimension"] and p["projects"] == g["projects"]
                and _close(p["investment_cny_bn"], g["investment_cny_bn"]))
    return (p["metric"] == g["metric"] and p["year"] == g["year"] and p["qualifier"] == g["qualifier"]
            and _close(p["value"], g["value"]))


def evaluate(split: str | tuple[str, ...] = "all", labels_path: Path = LABELS, verbose: bool = False) -> dict:
    """{'groups': {group: {'tp', 'fp', 'fn'}}, 'errors': [...], 'releases': n, 'abstained': k} over the releases
    of `split` (one split name, a tuple of them, or 'all'); k releases abstained (see the module docstring)."""
    labels = json.loads(Path(labels_path).read_text(encoding="utf-8"))
    folder = Path(labels_path).parent
    wanted = None if split == "all" else ({split} if isinstance(split, str) else set(split))
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    errors = []
    n = abstaining = 0
    for name, label in sorted(labels["releases"].items()):
        if wanted is not None and label["split"] not in wanted:
            continue
        n += 1
        extraction = extract_file(folder / name)
        if extraction.year != label["year"]:
            errors.append(f"{name}: year {extraction.year}, expected {label['year']}")
        if abstained(extraction):
            abstaining += 1
            dropped = sum(abstained(extraction, item) for item in
                          extraction.facts + extraction.breakdowns + extraction.participation)
            errors.append(f"{name}: abstained (edition year unknown; {dropped} year-less items not counted)")
        gold = _items(label, predicted=False)
        pred = _items(extraction, predicted=True)
        used = set()
        for group, p in pred:
            hit = next((i for i, (g_group, g) in enumerate(gold)
                        if i not in used and g_group == group and _match(group, p, g)), None)
            if hit is None:
                counts[group]["fp"] += 1
                errors.append(f"{name}: false {group}: {_show(p)}")
            else:
                used.add(hit)
                counts[group]["tp"] += 1
        for i, (group, g) in enumerate(gold):
            if i not in used:
                counts[group]["fn"] += 1
                errors.append(f"{name}: missed {group}: {_show(g)}")
    return {"groups": dict(counts), "errors": errors, "releases": n, "abstained": abstaining}


def present_splits(labels_path: Path = LABELS) -> list[str]:
    found = {label["split"] for label in json.loads(Path(labels_path).read_text(encoding="utf-8"))["releases"].values()}
    return [s for s in SPLITS if s in found] + sorted(found - set(SPLITS))


def _show(item: dict) -> str:
    keys = [k for k in ("metric", "organization", "role", "dimension", "category", "projects", "investment_cny_bn",
                        "value", "qualifier", "year", "year_from", "year_to") if k in item]
    return ", ".join(f"{k}={item[k]}" for k in keys)


def scores(counts: dict[str, int]) -> tuple[float, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def total(groups: dict, only: tuple[str, ...] | None = None) -> dict[str, int]:
    out = {"tp": 0, "fp": 0, "fn": 0}
    for group, counts in groups.items():
        if only is None or group in only:
            for key in out:
                out[key] += counts[key]
    return out


def report(title: str, result: dict) -> str:
    groups = result["groups"]
    lines = [f"== {title} ({result.get('releases', '?')} releases, {result.get('abstained', 0)} abstained)", f"{'group':34} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}"]
    for group in sorted(groups):
        c = groups[group]
        p, r = scores(c)
        lines.append(f"{group:34} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} {p:>10.3f} {r:>8.3f}")
    for label, counts in (("HEADLINE (" + ", ".join(HEADLINE) + ")", total(groups, HEADLINE)),
                          ("OVERALL", total(groups))):
        p, r = scores(counts)
        lines.append(f"{label[:34]:34} {counts['tp']:>4} {counts['fp']:>4} {counts['fn']:>4} {p:>10.3f} {r:>8.3f}")
    return "\n".join(lines)


# ---------------------------------------------------------------- real articles (issues #12 and #21)

# Defined in extract_eval_real (which uses the matchers above); imported here so `--real` and older callers find them.
from extract_eval_real import REAL, TURN3, evaluate_real, real_report, shown_splits  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", action="store_true", help="score the real articles (tests/real/manifest.json, "
                        "texts from the git-ignored cache) per split, language/script and metric kind")
    parser.add_argument("--manifest", type=Path, default=REAL, help="the real articles' manifest (with --real): "
                        f"{REAL.relative_to(ROOT)} (default) or {TURN3.relative_to(ROOT)}")
    parser.add_argument("--show-heldout", action="store_true", help="with --real -v, list the held-out split's errors "
                        "too (only after the rules are final: the split must not be read while changing rules)")
    parser.add_argument("--split", nargs="+", choices=SPLITS + ("all",), default=["all"],
                        help="split(s) whose overall precision decides the exit status (every split present is "
                             "printed); 'all' is the whole set")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and false figure")
    args = parser.parse_args(argv)
    if args.real:
        result = evaluate_real(args.manifest)
        print(real_report(result, errors_for=shown_splits(result, args.verbose, args.show_heldout)))
        return 0 if result["rows"] else 2
    results = {}
    for split in present_splits(args.labels) + ["all"]:
        results[split] = evaluate(split, args.labels)
        print(report(split, results[split]))
        if args.verbose and split != "all":
            for line in results[split]["errors"]:
                print("   ", line)
        print()
    status = 0
    for split in args.split:
        result = results.get(split)
        if result is None or not result["releases"]:
            print(f"no labelled releases in split '{split}'", file=sys.stderr)
            status = 1
            continue
        precision, _ = scores(total(result["groups"]))
        if precision < MIN_PRECISION:
            print(f"overall precision {precision:.3f} on '{split}' is below {MIN_PRECISION}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
