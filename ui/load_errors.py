"""A loader's error in the reader's language: `LoadError.code` and `params` worded by the catalogues
(`load_error.<code>`), with where it happened (file, row, column). An error without a code, or with one the
catalogues do not word, keeps the loader's English text."""
from __future__ import annotations

from loaders.errors import LoadError
from ui.i18n import CATALOGUES, text


def say(error: LoadError, lang: str) -> str:
    key = f"load_error.{error.code}"
    problem = text(lang, key, **error.params) if error.code and key in CATALOGUES[lang] else error.problem
    if error.row is not None and error.column is not None:
        return text(lang, "load_error.where_row_column", file=error.file, row=error.row, column=error.column,
                    problem=problem)
    if error.row is not None:
        return text(lang, "load_error.where_row", file=error.file, row=error.row, problem=problem)
    return text(lang, "load_error.where", file=error.file, problem=problem)
