"""The hostile corpus's fixtures (`hostile_outcomes`, `attack_table`) and the summary they feed live in
tests/run_summaries.py, loaded by tests/conftest.py so that the summary survives pytest-xdist."""
