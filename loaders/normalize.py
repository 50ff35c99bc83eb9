"""Header and unit normalization shared by the CSV, Excel and JSON loaders."""
from __future__ import annotations

import pandas as pd


def normalize(raw: pd.DataFrame, table: str, file: str) -> pd.DataFrame:
    """Raw cells (strings) -> rows named as the schema's columns."""
    frame = raw.copy()
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame
