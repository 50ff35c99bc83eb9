"""JSON files: a list of records, or an object holding one ({"facts": [...]}).

Every record is one row, keys are headers; rows are numbered as in a spreadsheet (the first
record is row 2, as if a header row came first), so errors read the same for every format.
"""
from __future__ import annotations

import json as _json

import pandas as pd

from loaders.errors import LoadError
from loaders.validate import shared

_CONTAINER_KEYS = ("records", "rows", "data")


def _records(document, table: str, file: str) -> list:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in (table, *_CONTAINER_KEYS):
            if isinstance(document.get(key), list):
                return document[key]
        raise LoadError(file, f"expected a list of records or an object with a '{table}' list; "
                        f"found an object with keys {list(document)[:10]}", code="json_no_list",
                        params={"table": table, "keys": ", ".join(map(str, list(document)[:10]))})
    raise LoadError(file, f"expected a list of records, found a JSON {type(document).__name__}", code="json_not_list")


def raw_table(text: str, file: str, table: str = "facts") -> pd.DataFrame:
    """Decoded JSON text -> one row per record, keys as headers; `attrs["source_rows"]` numbers the
    records as a spreadsheet would (the first record is row 2)."""
    if not text.strip():
        raise LoadError(file, "file is empty", code="file_empty")
    try:
        document = _json.loads(text)
    except _json.JSONDecodeError as exc:
        raise LoadError(file, f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", code="json_malformed",
                        params={"line": exc.lineno, "column": exc.colno}) from None
    except RecursionError:
        raise LoadError(file, "malformed JSON: nested too deeply", code="json_too_deep") from None
    except ValueError as exc:  # a number of thousands of digits (Python's int limit), and the like
        raise LoadError(file, f"a value cannot be read as JSON here ({str(exc).split(';')[0]})",
                        code="json_bad_value") from None
    records = _records(document, table, file)
    if not records:
        raise LoadError(file, "no records: the list is empty", code="json_no_records")
    headers: dict[str, None] = {}
    for number, record in enumerate(records, start=2):
        if not isinstance(record, dict):
            raise LoadError(file, f"record is a JSON {type(record).__name__}, not an object", number,
                            code="json_record_not_object")
        for key, value in record.items():
            if isinstance(value, (list, dict)):
                raise LoadError(file, "nested lists/objects are not supported; give plain values", number, key,
                                code="json_nested")
            headers.setdefault(str(key), None)
    columns = list(headers)
    cells = [["" if record.get(key) is None else record.get(key) for key in columns] for record in records]
    frame = pd.DataFrame(cells, columns=range(len(columns)), dtype=object)
    frame.columns = columns
    frame.attrs["source_rows"] = shared(list(range(2, len(records) + 2)))
    return frame

