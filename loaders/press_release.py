"""Placeholder: see the loaders issue."""
from __future__ import annotations

from loaders.errors import LoadError


def load(path, table="facts", **_):
    raise LoadError(str(path), "press_release files are not supported yet")
