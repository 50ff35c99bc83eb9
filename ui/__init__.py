"""Shared UI pieces: filters, number formatting, KPI cards, charts, exports."""
