"""A synthetic signed-projects register (table `projects`) for tests and benchmarks.

`write_register(out, rows, seed)` writes `rows` plausible projects as Parquet or CSV (by the
suffix of `out`). Editions get projects in proportion to the reported counts, and investment per
edition sums to the reported total scaled by rows / (reported projects); project sizes are
log-normal. Everything is generated with vectorized numpy and written in row-group chunks with
pyarrow, so 10^7 rows take seconds. The same seed gives the same file.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from loaders import schema
from loaders.errors import LoadError

CONVENTION = "WMC"
# Reported projects signed and investment signed (bn CNY) per edition; 2025 approximate.
REPORTED_PROJECTS = {2018: 430, 2019: 638, 2020: 684, 2021: 703, 2022: 568, 2023: 587, 2024: 718, 2025: 700}
REPORTED_INVESTMENT_CNY_BN = {2018: 447.0, 2019: 735.1, 2020: 618.0, 2021: 582.18, 2022: 367.7,
                              2023: 350.0, 2024: 369.2, 2025: 350.0}
REAL_ROWS = sum(REPORTED_PROJECTS.values())

# (sector, share of projects, relative project size, project kinds for names)
SECTORS = (
    ("new energy vehicles and power batteries", 0.22, 1.6,
     ("power battery cell plant", "NEV assembly line", "battery pack base", "charging equipment works")),
    ("integrated circuits", 0.10, 2.2, ("wafer fab line", "chip packaging and test plant", "IC design centre")),
    ("displays", 0.06, 2.5, ("OLED panel line", "display module plant", "glass substrate works")),
    ("artificial intelligence and voice", 0.09, 0.6, ("AI computing centre", "voice technology park",
                                                     "smart manufacturing platform")),
    ("advanced materials", 0.10, 0.9, ("new materials base", "photovoltaic glass line", "special alloy works")),
    ("high-end equipment", 0.13, 0.8, ("intelligent equipment plant", "robotics works", "machine tool base")),
    ("biomedicine", 0.08, 0.7, ("biopharma base", "medical devices plant", "vaccine works")),
    ("photovoltaics and new energy", 0.08, 1.3, ("solar cell line", "energy storage plant", "hydrogen equipment base")),
    ("home appliances", 0.05, 0.5, ("smart appliance plant", "appliance components works")),
    ("green food and agriculture", 0.04, 0.3, ("food processing base", "agri-tech park")),
    ("modern services and logistics", 0.05, 0.6, ("logistics hub", "industrial internet platform")),
)
CITIES = (  # Anhui cities, weighted toward Hefei
    ("Hefei", 0.30), ("Wuhu", 0.10), ("Bengbu", 0.06), ("Anqing", 0.06), ("Chuzhou", 0.07),
    ("Ma'anshan", 0.06), ("Fuyang", 0.06), ("Lu'an", 0.05), ("Xuancheng", 0.05), ("Suzhou (Anhui)", 0.04),
    ("Bozhou", 0.03), ("Huainan", 0.03), ("Huaibei", 0.03), ("Tongling", 0.03), ("Chizhou", 0.02),
    ("Huangshan", 0.01),
)
ORIGINS = (  # (origin, share, investor pool size)
    ("Chinese mainland", 0.84, 4000), ("Hong Kong", 0.04, 300), ("Germany", 0.02, 150),
    ("Japan", 0.02, 150), ("Korea", 0.015, 120), ("USA", 0.02, 150), ("Taiwan", 0.015, 120),
    ("Singapore", 0.01, 80), ("France", 0.005, 60), ("United Kingdom", 0.005, 60),
    ("Switzerland", 0.005, 40), ("Italy", 0.005, 40),
)
STATUSES = schema.PROJECT_STATUSES  # signed, under construction, in operation, cancelled, unknown
SIGMA = 1.1  # log-normal spread of project sizes
CHUNK_ROWS = 1_000_000

_ROOTS = ("Xinghe", "Huayu", "Tianchuang", "Jianghuai", "Ruixin", "Zhongke", "Hengtong", "Lianbao",
          "Guoxuan", "Changxin", "Weilai", "Kangda", "Boshi", "Haoyun", "Jinghe", "Yuanjing", "Taihe",
          "Longsheng", "Mingyang", "Shunfeng", "Dongfang", "Baoli", "Huaxin", "Tongda", "Fengyuan")
_TRADES = ("Technology", "New Energy", "Electronics", "Materials", "Intelligent Manufacturing",
           "Semiconductor", "Pharmaceutical", "Equipment", "Industrial", "Holdings")
_SUFFIX = {
    "Chinese mainland": "Co., Ltd.", "Hong Kong": "(HK) Limited", "Germany": "GmbH", "Japan": "K.K.",
    "Korea": "Co., Ltd. (Korea)", "USA": "Inc.", "Taiwan": "Corp. (Taiwan)", "Singapore": "Pte. Ltd.",
    "France": "SAS", "United Kingdom": "plc", "Switzerland": "AG", "Italy": "S.p.A.",
}
_PHASES = ("", " phase I", " phase II", " phase III")


def _investor_names() -> tuple[list[str], np.ndarray, np.ndarray]:
    """Company names for every origin; offsets and sizes of each origin's slice."""
    names, offsets, sizes = [], [], []
    for origin, _, pool in ORIGINS:
        offsets.append(len(names))
        for i in range(pool):
            root = _ROOTS[i % len(_ROOTS)]
            trade = _TRADES[(i // len(_ROOTS)) % len(_TRADES)]
            serial = i // (len(_ROOTS) * len(_TRADES))
            names.append(f"{root}{' ' + str(serial + 1) if serial else ''} {trade} {_SUFFIX[origin]}")
        sizes.append(pool)
    return names, np.array(offsets), np.array(sizes)


def _apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers summing to `total` in proportion to `weights` (largest remainder)."""
    exact = weights / weights.sum() * total
    counts = np.floor(exact).astype(np.int64)
    short = total - counts.sum()
    if short:
        counts[np.argsort(-(exact - counts), kind="stable")[:short]] += 1
    return counts


def _pick(rng: np.random.Generator, n: int, shares: np.ndarray, dtype=np.int8) -> np.ndarray:
    cumulative = np.cumsum(shares / shares.sum())
    cumulative[-1] = 1.0
    return np.searchsorted(cumulative, rng.random(n), side="right").astype(dtype)


def generate(rows: int, seed: int) -> dict[str, np.ndarray]:
    """The register as integer codes and numbers (strings are built per chunk when writing)."""
    if rows < 0:
        raise ValueError("rows must be >= 0")
    rng = np.random.default_rng(seed)
    years = np.array(list(REPORTED_PROJECTS), dtype=np.int16)
    per_year = _apportion(rows, np.array(list(REPORTED_PROJECTS.values()), dtype=float)) if rows else \
        np.zeros(len(years), dtype=np.int64)
    year_code = np.repeat(np.arange(len(years), dtype=np.int8), per_year)
    # Sequence number within the edition: 1..n for each year.
    starts = np.concatenate(([0], np.cumsum(per_year)[:-1]))
    seq = np.arange(rows, dtype=np.int64) - np.repeat(starts, per_year) + 1

    sector = _pick(rng, rows, np.array([s[1] for s in SECTORS]))
    city = _pick(rng, rows, np.array([c[1] for c in CITIES]))
    origin = _pick(rng, rows, np.array([o[1] for o in ORIGINS]))
    _, offsets, sizes = _investor_names()
    # Skewed within each origin's pool: a few investors sign many projects.
    investor = (offsets[origin] + np.floor(sizes[origin] * rng.random(rows) ** 2.5)).astype(np.int32)
    kinds = rng.integers(0, 12, rows, dtype=np.int16)
    phase = _pick(rng, rows, np.array([0.55, 0.2, 0.15, 0.1]))

    # Status: the older the edition, the more projects are in operation.
    age = (years.max() - years[year_code]).astype(np.float64)
    u = rng.random(rows)
    p_operation = np.minimum(0.1 + 0.11 * age, 0.75)
    p_construction = np.where(age == 0, 0.25, 0.2)
    p_cancelled = np.minimum(0.01 + 0.008 * age, 0.06)
    p_unknown = 0.03
    status = np.full(rows, 0, dtype=np.int8)  # signed
    edge = p_operation
    status[u < edge] = 2
    status[(u >= edge) & (u < edge + p_construction)] = 1
    edge = edge + p_construction
    status[(u >= edge) & (u < edge + p_cancelled)] = 3
    edge = edge + p_cancelled
    status[(u >= edge) & (u < edge + p_unknown)] = 4

    # Log-normal sizes times a sector factor, scaled so each edition sums to its target.
    size = rng.lognormal(0.0, SIGMA, rows) * np.array([s[2] for s in SECTORS])[sector]
    targets = np.array(list(REPORTED_INVESTMENT_CNY_BN.values())) * (rows / REAL_ROWS)
    sums = np.bincount(year_code, weights=size, minlength=len(years))
    factor = np.divide(targets, sums, out=np.zeros_like(targets), where=sums > 0)
    investment = np.round(size * factor[year_code], 4)
    return {"year_code": year_code, "years": years, "seq": seq, "sector": sector, "city": city,
            "origin": origin, "investor": investor, "kind": kinds, "phase": phase, "status": status,
            "investment": investment}


def _dict(codes: np.ndarray, values: list[str]) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype(np.int32)), pa.array(values, pa.string()))


def _batches(data: dict[str, np.ndarray], chunk_rows: int, dictionary: bool):
    """Record batches with the schema's columns, `chunk_rows` at a time."""
    rows = len(data["seq"])
    investor_names, _, _ = _investor_names()
    sector_names = [s[0] for s in SECTORS]
    city_names = [c[0] for c in CITIES]
    origin_names = [o[0] for o in ORIGINS]
    # Project-name template per (sector, kind): the sector's kinds, cycled.
    templates = [f"{SECTORS[s][3][k % len(SECTORS[s][3])]}" for s in range(len(SECTORS)) for k in range(12)]
    digits = max(6, len(str(int(data["seq"].max())) if rows else "0"))
    columns = schema.TABLES["projects"].column_names
    for start in range(0, max(rows, 1), chunk_rows):
        stop = min(start + chunk_rows, rows)
        if stop <= start and rows:
            break
        part = {k: v[start:stop] for k, v in data.items() if k != "years"}
        n = stop - start
        year = data["years"][part["year_code"]].astype(np.int32)
        year_text = pc.cast(pa.array(year), pa.string())
        seq_text = pc.utf8_lpad(pc.cast(pa.array(part["seq"]), pa.string()), digits, "0")
        project_id = pc.binary_join_element_wise(
            pa.array(np.full(n, CONVENTION, dtype=object), pa.string()), year_text, seq_text, "-")
        city = _dict(part["city"], city_names)
        template = _dict(part["sector"].astype(np.int32) * 12 + part["kind"], templates)
        phase = _dict(part["phase"], list(_PHASES))
        name = pc.binary_join_element_wise(
            pc.binary_join_element_wise(city.dictionary.take(city.indices),
                                        template.dictionary.take(template.indices), " "),
            phase.dictionary.take(phase.indices), "")
        arrays = {
            "convention": _dict(np.zeros(n, dtype=np.int8), [CONVENTION]),
            "year": pa.array(year),
            "project_id": project_id,
            "name": name,
            "investor": _dict(part["investor"], investor_names),
            "investor_origin": _dict(part["origin"], origin_names),
            "sector": _dict(part["sector"], sector_names),
            "city": city,
            "investment_cny_bn": pa.array(part["investment"], pa.float64()),
            "status": _dict(part["status"], list(STATUSES)),
        }
        if not dictionary:
            arrays = {k: (v.dictionary.take(v.indices) if isinstance(v, pa.DictionaryArray) else v)
                      for k, v in arrays.items()}
        yield pa.RecordBatch.from_arrays([arrays[c] for c in columns], names=columns)
        if not rows:
            break


def write_register(out: Path, rows: int, seed: int, chunk_rows: int = CHUNK_ROWS) -> int:
    """Write a synthetic register to `out` (.parquet or .csv); returns the rows written."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".parquet", ".csv"):
        raise LoadError(str(out), f"unsupported register type '{suffix}'; use .parquet or .csv")
    out.parent.mkdir(parents=True, exist_ok=True)
    data = generate(int(rows), int(seed))
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        if suffix == ".parquet":
            writer = None
            for batch in _batches(data, chunk_rows, dictionary=True):
                if writer is None:
                    writer = pq.ParquetWriter(tmp, batch.schema, compression="snappy")
                writer.write_table(pa.Table.from_batches([batch]), row_group_size=chunk_rows)
            writer.close()
        else:
            writer = None
            for batch in _batches(data, chunk_rows, dictionary=False):
                if writer is None:
                    writer = pacsv.CSVWriter(tmp, batch.schema)
                writer.write_batch(batch)
            writer.close()
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return int(rows)
