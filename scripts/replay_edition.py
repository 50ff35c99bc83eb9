"""Replay an edition as the admins add it: the shipped data minus that edition, then its articles in date order
through the admin's command, `python -m loaders add FILE --create-editions` with the source's URL, publisher and
date, a conflict answered with the Add data page's default ("keep the stored figures": --prefer old). The final
figures of the edition are compared with the expected ones (for a real edition: the curated rows of data/facts.csv).

    .venv/bin/python scripts/replay_edition.py 2024 2025 [--heldout]     real articles (texts in the git-ignored caches)
    .venv/bin/python scripts/replay_edition.py --invented                 tests/fixtures/invented_edition (always there)

Per expected metric the verdict is: right (every convention-level figure stored for it equals an expected one:
value within 0.5%, same qualifier, expected only where expected), wrong (a stored figure differs), missing (none
stored). Extra: a metric stored for the edition that is not expected. Subset as total: a stored convention-level
figure equal to one the labels give for a subset (a city, session, hall, ...) or another event.

Real articles come from tests/real/manifest.json (cache/), tests/real/manifest_turn3.json (cache2/) and
tests/real/manifest_replay.json (cache_replay/). The held-out articles of the turn-3 corpus (and of the turn-4 one,
by URL, wherever an article is listed) are left out unless --heldout is given: the replay is a target the extractor is
tuned towards, and the held-out half must stay unseen until the final scoring.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "scripts"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from extract_eval_real import CONVENTION, TURN3, REAL, cache_folder, convention_scopes, gold_facts  # noqa: E402

DATA = ROOT / "data"
INVENTED = ROOT / "tests" / "fixtures" / "invented_edition"
# articles found for the replay only (cache_replay/), e.g. a curated figure's own source
REPLAY = ROOT / "tests" / "real" / "manifest_replay.json"
# evaluation corpora whose held-out half must stay unseen
HELDOUT_MANIFESTS = (TURN3, ROOT / "tests" / "real" / "manifest_turn4.json", ROOT / "tests" / "real" / "manifest_turn5.json",
                     ROOT / "tests" / "real" / "manifest_turn6.json")
SUBSET_LABELS = ROOT / "tests" / "real" / "subset_labels.json"  # manifest.json's subset figures, for the check
PAGE_DEFAULT = "old"  # the Add data page's default on a conflict: keep the stored figures
YEAR_TABLES = ("facts", "alternatives", "breakdowns", "participation", "editions")
EXPECTED_SCOPE = "expected at opening"
TOLERANCE = 0.005


@dataclass
class Article:
    id: str
    path: Path
    url: str
    publisher: str
    date: str
    subset_figures: list[tuple[str, float, str]]  # (metric, value, scope) labelled as a subset or another event


@dataclass
class Replay:
    year: int
    articles: list[Article]
    missing: list[str]  # articles about the edition whose text is not cached
    added: list[tuple[str, int, str]] = field(default_factory=list)  # (id, exit status, first line of the answer)
    verdicts: list[tuple[str, str, str, str]] = field(default_factory=list)  # (metric, expected, stored, verdict)
    extra: list[tuple[str, str]] = field(default_factory=list)  # (metric, stored)
    subset_as_total: list[str] = field(default_factory=list)
    kept_under_subset_scope: list[str] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(v[3] == verdict for v in self.verdicts)


def _subset_labels() -> dict[str, list]:
    if not SUBSET_LABELS.is_file():
        return {}
    return {a["id"]: a["facts"] for a in json.loads(SUBSET_LABELS.read_text(encoding="utf-8"))["articles"]}


def _article(entry: dict, cache: Path, more: dict[str, list] | None = None) -> Article:
    rows = gold_facts({"facts": entry["facts"] + (more or {}).get(entry["id"], [])})
    parts = [(g["metric"], float(g["value"]), g["scope"]) for g in rows if g["scope"] != CONVENTION]
    return Article(entry["id"], cache / f"{entry['id']}.txt", entry["url"], entry["publisher"], entry["date"], parts)


def heldout_urls(manifests=HELDOUT_MANIFESTS) -> set[str]:
    """The URLs of the evaluation corpora's held-out halves (those present): never replayed by default."""
    urls = set()
    for path in manifests:
        if Path(path).is_file():
            urls |= {a["url"] for a in json.loads(Path(path).read_text(encoding="utf-8"))["articles"]
                     if a.get("split") == "heldout"}
    return urls


def edition_articles(year: int, manifests=(REAL, TURN3, REPLAY), include_heldout: bool = False) -> tuple[list[Article], list[str]]:
    """The cached articles about `year` (no distractors) in date order, and the ids of those not cached."""
    found, missing = [], []
    more = _subset_labels()
    unseen = set() if include_heldout else heldout_urls()
    for manifest_path in manifests:
        manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
        cache = cache_folder(manifest_path)
        for entry in manifest["articles"]:
            if entry.get("distractor") or entry.get("edition") != year:
                continue
            if (entry.get("split") == "heldout" or entry["url"] in unseen) and not include_heldout:
                continue
            article = _article(entry, cache, more)
            (found if article.path.is_file() else missing).append(article if article.path.is_file() else entry["id"])
    return sorted(found, key=lambda a: (a.date, a.id)), missing


def invented_articles() -> tuple[int, list[Article], list[dict]]:
    manifest_path = INVENTED / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    cache = cache_folder(manifest_path)
    articles = sorted((_article(e, cache) for e in manifest["articles"]), key=lambda a: (a.date, a.id))
    with open(INVENTED / "expected.csv", encoding="utf-8", newline="") as handle:
        expected = [dict(row, value=float(row["value"])) for row in csv.DictReader(handle)]
    return manifest["articles"][0]["edition"], articles, expected


def curated_rows(year: int, data_dir: Path = DATA) -> list[dict]:
    with open(data_dir / "facts.csv", encoding="utf-8", newline="") as handle:
        return [dict(row, value=float(row["value"])) for row in csv.DictReader(handle) if int(row["year"]) == year]


def data_without(year: int, target: Path, data_dir: Path = DATA) -> Path:
    """A copy of data/ without the edition's rows (claims and progress reports, which span editions, stay)."""
    shutil.copytree(data_dir, target)
    for table in YEAR_TABLES:
        path = target / f"{table}.csv"
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields, rows = reader.fieldnames, [r for r in reader if int(r["year"]) != year]
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return target


def _cli(argv: list[str]) -> tuple[int, str]:
    """`python -m loaders ARGV` in this process (the same entry point), its exit status and output."""
    from loaders.__main__ import main
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(argv)
    return status, out.getvalue()


def _add_argv(article: Article, db: Path) -> list[str]:
    argv = ["add", str(article.path), "--db", str(db), "--source-url", article.url, "--publisher", article.publisher,
            "--create-editions", "--prefer", PAGE_DEFAULT]
    if len(article.date) == 10:
        argv += ["--published-on", article.date]
    return argv


def _is_expected(row: dict) -> bool:
    return row["qualifier"] == "expected" or row.get("scope") == EXPECTED_SCOPE or row.get("stage") == "expected"


def _same(stored: dict, wanted: dict) -> bool:
    """Same value (within 0.5%), both expected or neither; else the same qualifier and, where both rows carry
    one, the same stage (preliminary: an opening-day or running count; closing)."""
    a, b = float(stored["value"]), float(wanted["value"])
    if abs(a - b) > TOLERANCE * max(abs(a), abs(b)):
        return False
    if _is_expected(wanted) or _is_expected(stored):
        return _is_expected(wanted) and _is_expected(stored)
    stages = (stored.get("stage"), wanted.get("stage"))
    return stored["qualifier"] == wanted["qualifier"] and (None in stages or stages[0] == stages[1])


def _show(row: dict) -> str:
    if _is_expected(row):
        return f"{float(row['value']):g} expected"
    stage = f" {row['stage']}" if row.get("stage") else ""
    return f"{float(row['value']):g} {row['qualifier']}{stage}"


def compare(replay: Replay, expected: list[dict], stored: list[dict]) -> None:
    """Fill the replay's verdicts from the expected rows and the stored rows of its edition."""
    whole = convention_scopes() | {row["scope"] for row in expected}
    kept = [r for r in stored if r["scope"] in whole]
    replay.kept_under_subset_scope = [f"{r['metric']} {_show(r)} ({r['scope']})" for r in stored if r["scope"] not in whole]
    for metric in sorted({row["metric"] for row in expected}):
        wanted = [row for row in expected if row["metric"] == metric]
        have = [row for row in kept if row["metric"] == metric]
        if not have:
            verdict = "missing"
        elif all(any(_same(h, w) for w in wanted) for h in have):
            verdict = "right"
        else:
            verdict = "wrong"
        replay.verdicts.append((metric, "; ".join(_show(w) for w in wanted), "; ".join(_show(h) for h in have) or "-",
                                verdict))
    replay.extra = [(r["metric"], _show(r)) for r in kept if r["metric"] not in {w["metric"] for w in expected}]
    for row in kept:
        true_values = [w for w in expected if w["metric"] == row["metric"]]
        for article in replay.articles:
            for metric, value, scope in article.subset_figures:
                if (metric == row["metric"] and abs(value - float(row["value"])) <= TOLERANCE * max(value, 1)
                        and not any(_same(row, w) for w in true_values)):
                    replay.subset_as_total.append(f"{metric} {_show(row)}: {scope} ({article.id})")


def replay_edition(year: int, articles: list[Article], expected: list[dict], missing: list[str] = (),
                   data_dir: Path = DATA) -> Replay:
    """Build data/ minus the edition, add the articles in order through the CLI, compare the edition's figures."""
    import duckdb
    replay = Replay(year, list(articles), list(missing))
    with tempfile.TemporaryDirectory(prefix=f"replay-{year}-") as work:
        work = Path(work)
        db = work / "replay.duckdb"
        status, output = _cli(["build", "--data", str(data_without(year, work / "data", data_dir)), "--db", str(db)])
        if status != 0:
            raise RuntimeError(f"building data/ without {year} failed: {output}")
        for article in replay.articles:
            status, output = _cli(_add_argv(article, db))
            # A refused article's reason (its first line); an added one's summary is not kept.
            first = next((line for line in output.splitlines() if line.strip()), "") if status else ""
            replay.added.append((article.id, status, first.strip()[:160]))
        with duckdb.connect(str(db), read_only=True) as con:
            stored = con.execute("select * from facts where year = ?", [year]).df()
    compare(replay, expected, stored.to_dict("records"))
    return replay


def report(replay: Replay) -> str:
    n = len(replay.verdicts)
    lines = [f"== {replay.year}: {len(replay.articles)} articles replayed"
             + (f", {len(replay.missing)} not cached ({', '.join(replay.missing)})" if replay.missing else ""),
             f"right {replay.count('right')} of {n} | wrong {replay.count('wrong')} | missing {replay.count('missing')}"
             f" | extra {len(replay.extra)} | subset stored as a total {len(replay.subset_as_total)}",
             f"{'metric':30} {'expected':30} {'stored':30} verdict"]
    lines += [f"{m:30} {e[:30]:30} {s[:30]:30} {v}" for m, e, s, v in replay.verdicts]
    lines += [f"{m:30} {'-':30} {s[:30]:30} extra" for m, s in replay.extra]
    lines += [f"subset stored as a total: {s}" for s in replay.subset_as_total]
    lines += [f"kept under a subset scope (not compared): {s}" for s in replay.kept_under_subset_scope]
    lines += [f"  add {i}: exit {status}{': ' + first if status else ''}" for i, status, first in replay.added]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("years", nargs="*", type=int, help="real editions to replay (e.g. 2024 2025)")
    parser.add_argument("--heldout", action="store_true", help="also add the turn-3 held-out articles (final run)")
    parser.add_argument("--invented", action="store_true", help="replay the invented edition of the test fixtures")
    args = parser.parse_args(argv)
    failed = False
    if args.invented:
        year, articles, expected = invented_articles()
        result = replay_edition(year, articles, expected)
        print(report(result))
        failed |= bool(result.count("wrong") or result.extra or result.subset_as_total)
    for year in args.years:
        articles, missing = edition_articles(year, include_heldout=args.heldout)
        if not articles:
            print(f"== {year}: no cached article ({len(missing)} listed in the manifests): nothing replayed")
            failed = True
            continue
        result = replay_edition(year, articles, curated_rows(year), missing)
        print(report(result))
        failed |= bool(result.count("wrong") or result.extra or result.subset_as_total)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
