"""Text from data (publishers, scopes, notes, organization names) put into words that Streamlit or plotly render.

`st.metric(help=...)`, captions and st.markdown read Markdown, so a publisher "[verify](https://evil.example)"
would be a link and "![](http://host/p.png)" an image fetched from another host; plotly reads its own small HTML
in hovers, tick labels and annotations, so an "<a href>" would be a link. Every data value that goes into such
words passes through one of these, and comes out as the same text, shown as text. Characters that change the
direction of text or hide in it are refused at load (loaders/validate.py); any already stored are dropped here.
"""
from __future__ import annotations

import html
import re

from vocabulary import INVISIBLE_CLASS

_INVISIBLE = re.compile(INVISIBLE_CLASS)
# every character Markdown (CommonMark and Streamlit's extensions: :red[...], $math$, ~strike~) may read as markup
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


def plain(value) -> str:
    """The value as text, without direction-changing or invisible characters."""
    return _INVISIBLE.sub("", "" if value is None else str(value))


def for_markdown(value) -> str:
    """The value shown as itself inside Markdown (help tooltips, captions, st.markdown)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(value))


_MARKDOWN_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


def from_markdown(value) -> str:
    """A card text written for Markdown (data words escaped by `for_markdown`) as the plain words it shows,
    for places that print text as it is (the PDF brief, which escapes HTML itself)."""
    return _MARKDOWN_ESCAPED.sub(r"\1", plain(value))


def for_plotly(value) -> str:
    """The value shown as itself inside plotly's text (hovers, tick labels, legend names, annotations)."""
    return html.escape(plain(value), quote=False)
