"""Chinese names of data values (organizations, themes, metrics, scopes, categories, places).

data/zh/names.csv has one row per (kind, English name): the Chinese name, the source_id of a
Chinese-language source that gives it (or none), and a note saying where a name comes from when no
source gives it (our own labels, translated by us) or why a row has no Chinese name.
"""
from __future__ import annotations

import csv
import time
from functools import lru_cache

import config

COLUMNS = ("kind", "en", "zh", "source_id", "note")
KINDS = ("organization", "theme", "metric", "definition", "scope", "category", "venue", "city", "sector", "investor_origin", "publisher")


@lru_cache(maxsize=4)
def _table(path: str, mtime_ns: int) -> dict[tuple[str, str], dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {(row["kind"], row["en"]): row for row in rows}


# A page asks for a name per cell it shows; looking at the file's time on every call was a tenth of a Chinese brief's
# making. It is looked at once a second at most: an edit of names.csv shows within a second.
CHECK_EVERY_S = 1.0
_looked: dict[str, tuple[float, int | None]] = {}  # path -> (when looked, its mtime or None when missing)


def table() -> dict[tuple[str, str], dict]:
    """Every row of names.csv by (kind, English name); re-read when the file changes."""
    source = config.NAMES_ZH
    path = str(source)
    now = time.monotonic()
    looked = _looked.get(path)
    if looked is None or now - looked[0] >= CHECK_EVERY_S:
        try:
            mtime = source.stat().st_mtime_ns
        except OSError:
            mtime = None
        _looked[path] = looked = (now, mtime)
    return {} if looked[1] is None else _table(path, looked[1])


def zh_name(kind: str, english) -> str | None:
    """The Chinese name of `english` as a `kind`, or None when there is none."""
    if not isinstance(english, str):
        return None
    row = table().get((kind, english))
    return (row["zh"] or None) if row else None


def name(kind: str, english, lang: str) -> str:
    """`english` in `lang`: the Chinese name when asked for and known, else the English one as it is."""
    if lang == "zh":
        return zh_name(kind, english) or english
    return english


def metric_label(metric: str, english_label: str, lang: str) -> str:
    """A metric's label in `lang`: its Chinese label when asked for and known, else the stored English one."""
    return (zh_name("metric", metric) if lang == "zh" else None) or english_label


def english_parts(kind: str, chinese: str) -> list[str]:
    """The English names of `kind` whose Chinese name contains `chinese` (新华 -> ['Xinhua']): lets a
    search typed in Chinese find data stored in English."""
    needle = " ".join(chinese.split())
    if not needle:
        return []
    return [en for (k, en), row in table().items() if k == kind and needle in row["zh"]]
