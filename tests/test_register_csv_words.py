"""The register CSV downloaded from the page is headed in the user's words (issue #23, N11/N25); the
file for scripts keeps the table's column names."""
import re

from test_register import F, db, tiny_db  # noqa: F401  (fixtures)
from ui.register import stream_register_csv

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _header(**kwargs) -> str:
    return b"".join(stream_register_csv(F(), **kwargs)).decode("utf-8-sig").splitlines()[0]


def test_english_header_is_words(tiny_db):  # noqa: F811
    header = _header(lang="en")
    assert not SNAKE.search(header) and "Investment (bn CNY)" in header


def test_chinese_header_is_chinese(tiny_db):  # noqa: F811
    header = _header(lang="zh")
    assert not re.search(r"[A-Za-z]{3,}", header.replace("ID", "")) and "十亿元" in header


def test_the_file_for_scripts_keeps_the_column_names(tiny_db):  # noqa: F811
    assert _header().replace("\"", "").startswith("convention,year,project_id")
