"""What an AppTest run shows as text, for the checks over visible words (tests/test_visible_text.py,
tests/test_i18n.py)."""
from __future__ import annotations

TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")


def element_texts(at) -> list[str]:
    """Headings, markdown, captions, notices and the KPI cards (label, value, change, help)."""
    texts = []
    for kind in TEXT_ELEMENTS:
        texts += [e.value for e in getattr(at, kind)]
    for m in at.metric:
        texts += [m.label, m.value, m.delta or "", m.help or ""]
    return texts
