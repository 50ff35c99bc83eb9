"""English / 简体中文: the catalogues agree, every page opens in both languages, the language lives in
the URL, and a Chinese page shows no English UI string (checked on the shipped data)."""
from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from apptest_texts import element_texts

from ui.i18n import LANG, en, from_locale, zh

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["pages/overview.py", "pages/projects.py", "pages/exhibition.py", "pages/organizers.py",
         "pages/explorer.py", "pages/sources.py", "pages/add_data.py"]
TRANSLATED = PAGES
CJK = re.compile(r"[\u4e00-\u9fff]")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_catalogues_have_the_same_keys():
    assert sorted(set(en.STRINGS) - set(zh.STRINGS)) == []
    assert sorted(set(zh.STRINGS) - set(en.STRINGS)) == []


def test_both_catalogues_fill_the_same_placeholders():
    # Only English plural endings ({figures_s}) may be left out: Chinese has no plural.
    differ = {k: (placeholders(en.STRINGS[k]), placeholders(zh.STRINGS[k])) for k in en.STRINGS
              if {p for p in placeholders(en.STRINGS[k]) if not p.endswith("_s")} != placeholders(zh.STRINGS[k])}
    assert differ == {}


def test_every_chinese_entry_is_chinese():
    # Codes and file formats may stay as they are; everything else a reader reads is in Chinese.
    same = sorted(k for k in zh.STRINGS if zh.STRINGS[k] == en.STRINGS[k] and re.search(r"[A-Za-z]{3,}", zh.STRINGS[k]))
    assert same == ["export.cny_per_usd"] or same == [], same


# ---------------------------------------------------------------- every string from the catalogue

USER_TEXT_CALLS = {"title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success",
                   "write", "metric", "button", "download_button", "selectbox", "radio", "toggle", "multiselect",
                   "text_input", "expander", "tabs", "TextColumn", "NumberColumn",
                   "LinkColumn", "DateColumn", "CheckboxColumn", "segmented_control"}
USER_TEXT_KEYWORDS = {"help", "placeholder", "display_text", "title", "title_text", "label", "text", "name"}
SCANNED = [*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py"), ROOT / "dashboard.py"]
NOT_YET: set[str] = set()
WORDY = re.compile(r"[A-Za-z]{3,}")
LOGGERS = {"_log", "log", "logger", "_logger"}


def _literal_text(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return None


def literal_ui_strings(path: Path) -> list[str]:
    """Literal English texts handed to Streamlit's display calls or to plotly titles and names."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        receiver = getattr(node.func, "value", None)
        if isinstance(receiver, ast.Name) and receiver.id in LOGGERS:
            continue  # the server's log, read by whoever runs it: not the page
        args = node.args[:1] if name in USER_TEXT_CALLS else []
        args += [k.value for k in node.keywords if k.arg in USER_TEXT_KEYWORDS]
        for arg in args:
            text = _literal_text(arg)
            # markdown fragments such as "**{label}:** {value}" or "- " carry no words
            if text and WORDY.search(re.sub(r"%\{[^}]*\}|\{[^}]*\}|:material/[a-z_]+:", "", text)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text[:60]!r}")
    return found


def test_no_page_or_ui_module_hands_streamlit_a_literal_english_string():
    found = [s for path in SCANNED if path.name not in NOT_YET for s in literal_ui_strings(path)]
    assert found == []


def test_the_scan_itself_finds_a_literal(tmp_path):
    page = tmp_path / "page.py"
    page.write_text('import streamlit as st\nst.caption("Hello there")\nst.caption(t("x"))\n_log.info("Started up")\n'
                    'st.info("Hello again")\n', encoding="utf-8")
    (tmp_path / "dummy").mkdir()
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert literal_ui_strings(page) == ["page.py:2: 'Hello there'", "page.py:5: 'Hello again'"]
    finally:
        ROOT = saved


def test_every_key_used_in_the_code_is_in_the_catalogue():
    used = set()
    for path in SCANNED:
        used |= set(re.findall(r"""\b(?:t|text)\((?:lang, )?"([a-z_]+\.[A-Za-z_.]+)"[,)]""", path.read_text(encoding="utf-8")))
    assert used and sorted(used - set(en.STRINGS)) == []


# ---------------------------------------------------------------- the language

@pytest.mark.parametrize("locale, lang", [("zh-CN", "zh"), ("zh-Hans-CN", "zh"), ("zh-TW", "zh"), ("en-GB", "en"),
                                          ("fr-FR,zh;q=0.8", "zh"), ("de-DE", "en"), (None, "en"), ("", "en")])
def test_the_browser_language_chooses_the_default(locale, lang):
    assert from_locale(locale) == lang


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_in_both_languages(open_app, page, lang):
    at = open_app(page, **{LANG: lang})
    assert not at.exception, [e.message for e in at.exception]
    assert at.title
    if page in TRANSLATED:
        assert bool(CJK.search(at.title[0].value)) == (lang == "zh"), at.title[0].value


def test_the_language_survives_a_page_switch_and_stays_in_the_url(open_app):
    at = open_app(**{LANG: "zh"})
    assert at.title[0].value == "WMC 总览"
    at.switch_page("pages/organizers.py").run()
    assert at.title[0].value == "主办单位"
    assert at.query_params[LANG] == ["zh"] or at.query_params[LANG] == "zh"


def test_switching_the_language_rewrites_the_page_and_the_url(open_app):
    at = open_app()
    assert at.title[0].value == "WMC overview" and LANG not in at.query_params
    at.get("button_group")[0].set_value("zh").run()
    assert at.title[0].value == "WMC 总览"
    assert at.query_params[LANG] in ("zh", ["zh"])
    at.get("button_group")[0].set_value("en").run()
    assert at.title[0].value == "WMC overview" and LANG not in at.query_params


def test_chinese_kpis_read_in_yi_and_with_qualifiers(open_app):
    at = open_app(edition="2019", **{LANG: "zh"})
    cards = {m.label: m for m in at.metric}
    assert cards["签约金额"].value == "7,351 亿元"
    assert cards["签约项目"].delta == "+208（≤ +48.4%），2018 年为 超过 430"


# ---------------------------------------------------------------- no English left on a Chinese page

# Words that are the same in both languages: codes, file formats, units of time.
ALLOWED = {"WMC", "CNY", "USD", "UTC", "PDF", "CSV", "XLSX", "JSON", "Excel", "BOM", "UTF", "English", "Language",
           "conv", "from", "cur", "derived", "true", "false", "project_id", "csv", "xlsx", "SHA"}



@pytest.fixture(scope="module")
def data_texts(shipped_db) -> list[str]:
    """Texts that come from the data as the sources wrote them (publishers, titles, notes, URLs) and
    data names without a Chinese name (data/zh/names.csv says why): they may stay English."""
    import duckdb

    with duckdb.connect(str(shipped_db), read_only=True) as con:
        texts = [r[0] for r in con.execute(
            "select publisher from sources union select title from sources union select url from sources "
            "union select note from facts union select note from breakdowns union select note from editions "
            "union select note from claims union select note from alternatives union select note from progress")
            .fetchall() if r[0]]
        # the load history: the names of the files read and their digest, as stored
        texts += [v for r in con.execute("select files, checksum from load_runs").fetchall() for v in r if v]
    names = pd.read_csv(ROOT / "data" / "zh" / "names.csv", keep_default_na=False)
    texts += names.loc[names["zh"] == "", "en"].tolist()
    # as the pages write them: escaped for Markdown (card help) or plotly (hovers), shown as written (ui/safe_text)
    from ui.safe_text import for_markdown, for_plotly

    texts += [escape(t) for t in texts for escape in (for_markdown, for_plotly)]
    return sorted(set(texts), key=len, reverse=True)


def ui_texts(at) -> list[str]:
    """What a page shows: headings, text, notices, KPI cards, widget labels, column headers, chart words."""
    texts = element_texts(at)
    for kind in ("selectbox", "radio", "multiselect", "text_input", "toggle"):
        for w in getattr(at, kind):
            texts += [w.label, w.help or "", getattr(w.proto, "placeholder", "")]
            texts += [str(o) for o in getattr(w, "options", [])]
    for kind in ("expander", "tabs"):
        texts += [e.label for e in at.get(kind) if hasattr(e, "label")]
    for button in at.get("download_button"):
        texts += [button.proto.label, button.proto.help]
    for frame in at.dataframe:
        texts += [c.get("label", "") for c in json.loads(frame.proto.columns or "{}").values() if isinstance(c, dict)]
        for column in frame.value.columns:
            cells = frame.value[column]
            if cells.dtype == object or pd.api.types.is_string_dtype(cells):
                texts += [str(c) for c in cells if isinstance(c, str)]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        layout = spec["layout"]
        texts += [(layout.get("title") or {}).get("text") or ""]
        texts += [((layout.get("title") or {}).get("subtitle") or {}).get("text") or ""]  # the chart's notes
        for axis in ("xaxis", "yaxis"):
            texts += [((layout.get(axis) or {}).get("title") or {}).get("text") or ""]
            texts += [t for t in (layout.get(axis) or {}).get("ticktext") or [] if isinstance(t, str)]
        texts += [a.get("text", "") for a in layout.get("annotations", [])]
        for trace in spec["data"]:
            texts += [trace.get("name") or "", trace.get("hovertemplate") or ""]
            texts += [t for t in trace.get("text") or [] if isinstance(t, str)]
            texts += [y for y in trace.get("y") if isinstance(y, str)] if isinstance(trace.get("y"), list) else []
            texts += [c for row in trace.get("customdata") or [] if isinstance(row, list) for c in row if isinstance(c, str)]
    return [t for t in texts if t]


def english_left(text: str, data: list[str]) -> list[str]:
    for value in data:
        text = text.replace(value, " ")
    text = re.sub(r"`[^`]*`|https?://\S+|%\{[^}]*\}|<[^>]+>|:material/[a-z_]+:", " ", text)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_.'-]{2,}", text) if w.strip(".'-") not in ALLOWED]


def test_no_english_ui_string_on_any_chinese_page(shipped_db, data_texts, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    monkeypatch.delenv("WMC_ADMIN_PASSWORD", raising=False)
    found = []
    for year in ("2019", "2022", "2025"):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.query_params[LANG] = "zh"
        at.query_params["edition"] = year
        at.run()
        for page in TRANSLATED:
            if page != "pages/overview.py":
                at.switch_page(page).run()
            assert not at.exception, (page, [e.message for e in at.exception])
            found += [(page, year, t[:100], words) for t in ui_texts(at) if (words := english_left(t, data_texts))]
    assert not found, "\n".join(f"{p} {y}: {w} in {t!r}" for p, y, t, w in found[:25])


def test_the_english_check_sees_an_english_string(data_texts):
    assert english_left("签约项目 Projects signed", data_texts) == ["Projects", "signed"]
    assert english_left("来源：Xinhua (via People's Daily app)，2019", data_texts + ["Xinhua (via People's Daily app)"]) == []


def test_the_english_check_reaches_headings_widgets_tables_and_charts(shipped_db, data_texts, monkeypatch):
    """The same walk over an English page flags the English words of each kind of element it reads."""
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/projects.py").run()
    flagged = {w for t in ui_texts(at) for w in english_left(t, data_texts)}
    assert {"Projects", "Edition", "Convention", "edition", "Average"} <= flagged


def test_the_add_data_workflow_speaks_chinese(shipped_db, data_texts, monkeypatch, tmp_path):
    """Unlocked, with an upload under review: every text the page itself writes is Chinese (the
    figures' own words, codes and file names aside)."""
    import shutil

    from loaders import staging

    db = tmp_path / "w.duckdb"
    shutil.copyfile(shipped_db, db)
    monkeypatch.setattr(staging, "LOGIN_THROTTLE", staging.LoginThrottle(base_s=0))
    monkeypatch.setenv("WMC_DB", str(db))
    monkeypatch.setenv("WMC_ADMIN_PASSWORD", "pw")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params[LANG] = "zh"
    at.run()
    at.switch_page("pages/add_data.py").run()
    at.text_input[0].input("pw")
    at.button[0].click().run()
    at.file_uploader[0].set_value(("new.csv", b"year,metric,value\n2031,projects_signed,5\n", "text/csv"))
    at.run()
    fields = {w.label: w for w in at.text_input}
    fields["来源网址"].input("https://example.org/x")
    fields["发布方"].input("示例")
    at.run()
    assert any("2031" in w.value and "届次" in w.value for w in at.warning)
    # The review table holds the rows as they will be stored (codes a reviewer may edit: status,
    # metric, unit, qualifier, scope), and the caption names file extensions.
    codes = ["new", "conflict", "skip", "projects_signed", "projects", "exact", "whole convention", "new.csv",
             "https://example.org/x", ".txt", ".md", ".html", ".csv", ".xlsx", ".json"]
    found = [(text[:80], words) for text in ui_texts(at) if (words := english_left(text, data_texts + codes))]
    assert not found, found


def test_speaking_sets_the_language_of_work_done_outside_a_run():
    """The brief is gathered on click in a worker thread without a session: speaking() carries the
    page's language there, and only for that thread and block."""
    import threading

    from ui.i18n import DEFAULT, language, speaking, t, text

    seen = {}

    def worker():
        with speaking("zh"):
            seen["inside"] = (language(), t("chart.edition_axis"))
        seen["after"] = language()

    thread = threading.Thread(target=worker)
    with speaking("en"):
        thread.start()
        thread.join()
        assert language() == "en"
    assert seen["inside"] == ("zh", text("zh", "chart.edition_axis")) != ("zh", text("en", "chart.edition_axis"))
    assert seen["after"] == DEFAULT  # the block ended: no session, no browser, the default again
    with pytest.raises(ValueError):
        with speaking("fr"):
            pass
