"""data/zh/names.csv: every organization and theme has its Chinese name, sourced, or says why not."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def names() -> pd.DataFrame:
    return pd.read_csv(DATA / "zh" / "names.csv", keep_default_na=False, dtype=str)


def rows_of(names, kind: str) -> pd.DataFrame:
    return names[names["kind"] == kind].set_index("en")


def test_one_row_per_kind_and_english_name(names):
    assert not names.duplicated(["kind", "en"]).any()


@pytest.mark.parametrize("kind, table, column", [("organization", "participation", "organization"),
                                                  ("theme", "editions", "theme"),
                                                  ("metric", "metrics", "metric"),
                                                  ("definition", "metrics", "metric"),
                                                  ("scope", "facts", "scope"),
                                                  ("scope", "claims", "scope"),
                                                  ("scope", "claim_scopes", "claim_scope"),
                                                  ("scope", "claim_scopes", "fact_scope"),
                                                  ("category", "breakdowns", "category")])
def test_every_name_in_the_data_has_a_row(names, kind, table, column):
    wanted = set(pd.read_csv(DATA / f"{table}.csv", keep_default_na=False)[column]) - {""}
    assert sorted(wanted - set(rows_of(names, kind).index)) == []


def test_a_chinese_name_is_chinese_and_has_a_source_or_says_where_it_comes_from(names):
    sources = set(pd.read_csv(DATA / "sources.csv")["source_id"])
    named = names[names["zh"] != ""]
    assert named["zh"].map(lambda z: bool(CJK.search(z))).all()
    unknown = sorted(set(named.loc[named["source_id"] != "", "source_id"]) - sources)
    assert unknown == []
    unexplained = named[(named["source_id"] == "") & (named["note"] == "")]
    assert unexplained.empty, unexplained[["kind", "en"]].to_string()


def test_a_missing_chinese_name_says_why(names):
    missing = names[names["zh"] == ""]
    assert missing["note"].str.len().gt(10).all(), missing[["kind", "en", "note"]].to_string()
    # Organizations and themes are the data a Chinese reader most needs: every one has its Chinese name
    # (the 2021 theme's came last, from the provincial report of the opening).
    assert sorted(missing.loc[missing["kind"].isin(["organization", "theme"]), "en"]) == []
    assert rows_of(names, "theme").loc[
        "Innovation-Driven, Digitally Empowered: Global Manufacturing Industry Aligned for High-quality Growth", "zh"
    ] == "创新驱动，数字赋能，携手全球制造业高质量发展"


def test_the_domain_terms_are_the_ones_chinese_reports_use(names):
    metric = rows_of(names, "metric")["zh"]
    assert (metric["projects_signed"], metric["investment_signed"], metric["exhibitors"]) == ("签约项目", "签约金额", "参展企业")
    assert metric["exhibition_area"].startswith("展览面积")
    assert rows_of(names, "theme").loc["Intelligent Manufacturing for a Better Future", "zh"] == "智造世界·创造美好"
    assert rows_of(names, "organization").loc["Ministry of Industry and Information Technology", "zh"] == "工业和信息化部"


def test_an_edit_of_the_names_file_shows_within_the_check_interval(tmp_path, monkeypatch):
    import os
    import time

    import config
    from ui.i18n import names as zh

    path = tmp_path / "names.csv"
    path.write_text("kind,en,zh,source_id,note\norganization,Acme,甲公司,,ours\n", encoding="utf-8")
    clock = [1000.0]
    monkeypatch.setattr(config, "NAMES_ZH", path)
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    assert zh.zh_name("organization", "Acme") == "甲公司"
    path.write_text("kind,en,zh,source_id,note\norganization,Acme,乙公司,,ours\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    clock[0] += zh.CHECK_EVERY_S / 2
    assert zh.zh_name("organization", "Acme") == "甲公司"  # not looked at again yet
    clock[0] += zh.CHECK_EVERY_S
    assert zh.zh_name("organization", "Acme") == "乙公司"
    path.unlink()
    clock[0] += zh.CHECK_EVERY_S
    assert zh.zh_name("organization", "Acme") is None and zh.table() == {}
