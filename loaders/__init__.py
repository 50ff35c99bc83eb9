"""Loaders: normalize source files into the DuckDB tables (`python -m loaders --help`)."""
