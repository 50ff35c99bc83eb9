"""What an AppTest run shows as text, for the checks over visible words (tests/test_visible_text.py,
tests/test_i18n.py), its Markdown tables (ui/tables.show_short_table) parsed back into rows, and the
headers of every table it shows."""
from __future__ import annotations

import json
import re

from ui.safe_text import from_markdown

TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")


def element_texts(at) -> list[str]:
    """Headings, markdown, captions, notices and the KPI cards (label, value, change, help)."""
    texts = []
    for kind in TEXT_ELEMENTS:
        texts += [e.value for e in getattr(at, kind)]
    for m in at.metric:
        texts += [m.label, m.value, m.delta or "", m.help or ""]
    return texts


UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def markdown_tables(at) -> list[list[list[str]]]:
    """Every Markdown table the run shows, as rows of the words in its cells, the header row first."""
    tables = []
    for markdown in at.markdown:
        if not (markdown.value.startswith("| ") and "\n| --- |" in markdown.value):
            continue
        header, rule, *rows = markdown.value.split("\n")
        assert set(rule.replace("|", "").split()) == {"---"}, rule
        tables.append([[from_markdown(c.strip()) for c in UNESCAPED_PIPE.split(line)[1:-1]] for line in [header, *rows]])
    return tables


def header_labels(at) -> list[str]:
    """Every grid's column labels, and the header cells of every Markdown table (ui/tables.show_short_table)."""
    grids = [c["label"] for d in at.dataframe for c in json.loads(d.proto.columns).values() if "label" in c]
    return grids + [header for table in markdown_tables(at) for header in table[0]]
