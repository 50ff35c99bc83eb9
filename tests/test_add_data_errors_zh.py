"""Bad files on the Chinese Add data page (issue #21 item 6): the reader, format and unit errors are worded by the
catalogues (LoadError.code and params), with the user's file name, not in the loaders' English."""
import re
from pathlib import Path

import pytest
from test_add_data_review import page

ROOT = Path(__file__).resolve().parents[1]
# words of the loaders' English problems; none may reach the Chinese page
ENGLISH = re.compile(r"\b(?:the|not|is|a|file|row|found|unknown|expected|cannot|has|no)\b", re.I)
BAD_FILES = [
    ("坏.json", b'[{"year": 2021, "metric": "projects_signed",', "JSON 格式错误"),
    ("嵌套.json", '[{"year": 2021, "metric": ["projects_signed"]}]'.encode(), "不支持嵌套"),
    ("二进制.csv", b"year,metric\x00,value\n2021,x\x00,1\n", "二进制文件"),
    ("表头.csv", "year,metric,value\n".encode(), "只有表头"),
    ("多格.csv", "year,metric,value\n2021,projects_signed,5,9\n".encode(), "该行有 4 个单元格"),
    ("单位.csv", "year,metric,value,unit\n2021,projects_signed,5,kg\n".encode(), "单位“kg”"),
    ("指标.csv", "year,metric,value\n2021,rocket_launches,5\n".encode(), "未知指标"),
    ("无年份.csv", "metric,value\nprojects_signed,5\n".encode(), "缺少年份列"),
    ("工作簿.xlsx", b"this is no workbook", "不是 .xlsx 工作簿"),
]


def chinese_page(db, monkeypatch):
    """The Chinese Add data page, signed in (the review tests' page helper)."""
    return page(db, monkeypatch, lang="zh")


@pytest.mark.parametrize("name, data, words", BAD_FILES, ids=[n for n, _, _ in BAD_FILES])
def test_a_bad_file_is_named_and_its_problem_worded_in_chinese(db_copy, monkeypatch, name, data, words):
    at = chinese_page(db_copy, monkeypatch)
    at.file_uploader[0].set_value((name, data, "application/octet-stream"))
    at.run()
    fields = {w.label: w for w in at.text_input}
    if "来源网址" in fields:  # a file that reads is checked once its source is given
        fields["来源网址"].input("https://example.org/bad")
        fields["发布方"].input("测试")
        at.run()
    assert at.error, [w.value for w in at.warning]
    message = at.error[0].value
    assert message.startswith(name) and words in message, message
    assert not ENGLISH.search(message.replace(name, "")), message
