"""The one text decoder: bytes of any text input (CSV, JSON, a release) -> str, by one set of rules.

UTF-16 by its byte-order mark, else UTF-8 (mark optional), else GB18030 (a superset of GBK). Refused,
with the reason: an archive or an old Excel file, NUL bytes (binary), control characters, and bytes
that read as GBK only by accident (Latin-1/Windows-1252 text). Every loader calls `decode`, so a
file is refused or accepted the same whichever format it was handed in as.
"""
from __future__ import annotations

import re

from loaders.errors import LoadError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# Share of two-byte pairs outside GB2312's range above which a "GBK" reading is taken for what it
# usually is: Latin-1/Windows-1252 text (ü = 0xFC pairs with the next letter into a CJK character).
_MAX_NON_GB2312 = 0.25


def decode(raw: bytes, file: str) -> str:
    """The text of `raw`; LoadError(file, reason) when it is not text in a supported encoding."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise LoadError(file, "the file starts with a UTF-16 mark but is not valid UTF-16", code="bad_utf16") from None
    if raw[:4] == b"PK\x03\x04":
        raise LoadError(file, "this is a zip archive (an .xlsx workbook?), not a text file; "
                        "save it as .xlsx or export it as CSV", code="zip_not_text")
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise LoadError(file, "this is an old Excel .xls file, not a text file; save it as .xlsx or CSV", code="old_xls")
    if b"\x00" in raw:
        raise LoadError(file, "this is a binary file (it contains NUL bytes), not a text file", code="binary_file")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text):
            break  # control characters: binary data that happened to decode
        if encoding == "gb18030" and _looks_like_latin1(raw):
            raise LoadError(file, "cannot tell the encoding: the bytes read as GBK only by accident "
                            "(Latin-1/Windows-1252 text?); save the file as UTF-8", code="latin1_guess")
        return text
    raise LoadError(file, "cannot read the file as text in UTF-8 or GBK/GB18030; "
                    "is it a binary file? Save it as UTF-8 text (CSV UTF-8)", code="not_text")


def _cut_at_end(raw: bytes):
    """`raw`, then without 1, 2 or 3 trailing bytes: one of them ends on a whole character when a
    read in part cut a character (UTF-8 and GB18030 take at most 4 bytes, UTF-16 a pair)."""
    for cut in range(4):
        yield raw[:len(raw) - cut]


def decode_head(raw: bytes, file: str) -> str:
    """The text of the first bytes of a file read in part: a character cut at the end is dropped."""
    error = None
    for head in _cut_at_end(raw):
        try:
            return decode(head, file)
        except LoadError as exc:
            error = error or exc
    raise error


def is_utf8_head(raw: bytes) -> bool:
    """The first bytes of a file read in part are UTF-8 (a character cut at the end aside)."""
    for head in _cut_at_end(raw):
        try:
            head.decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


def _looks_like_latin1(raw: bytes) -> bool:
    """True when most non-ASCII byte pairs fall outside GB2312 (both bytes 0xA1-0xFE)."""
    pairs = outside = 0
    index = 0
    while index < len(raw) - 1:
        if raw[index] < 0x80:
            index += 1
            continue
        pairs += 1
        if raw[index] < 0xA1 or raw[index + 1] < 0xA1:
            outside += 1
        index += 2
    return pairs > 0 and outside / pairs > _MAX_NON_GB2312
