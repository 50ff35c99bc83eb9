# Two entry points for a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/wmc.duckdb
PORT ?= 8501

.PHONY: run test build deps dev-deps chromium screenshots bench load clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

deps: $(VENV)/.runtime
dev-deps: $(VENV)/.dev

# Debian's chromium for the browser tests; never a browser download of playwright's own.
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

build: deps
	WMC_DB=$(DB) $(PY) -m loaders build --db $(DB)

run: build
	WMC_DB=$(DB) $(PY) -m streamlit run dashboard.py --server.address 127.0.0.1 --server.port $(PORT) --server.headless true

test: dev-deps chromium
	$(PY) -m pytest -q -p no:cacheprovider tests

# CJK and emoji fonts only matter for pictures of the pages (Chinese source names, icons).
screenshots: dev-deps chromium
	@fc-list 2>/dev/null | grep -qi "noto sans cjk" || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; }
	$(PY) -m pytest -q -p no:cacheprovider tests/e2e --screenshots

bench: dev-deps chromium
	$(PY) scripts/bench.py

load: dev-deps chromium
	$(PY) scripts/load.py

clean:
	rm -rf $(VENV) artifacts data/wmc.duckdb
