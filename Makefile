# Two entry points for a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/wmc.duckdb
PORT ?= 8501
# Reverse proxies whose X-Forwarded-For the app believes (comma-separated; none by default). Passed to uvicorn
# too, whose own default would believe any local client's header.
TRUSTED_PROXIES ?=
REPLICAS ?= 1

.PHONY: run test build deps dev-deps system-deps load-deps screenshots bench load clean

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

# Debian packages the tests need, installed in one apt run when missing: chromium for the browser
# tests (never a browser download of playwright's own), LibreOffice headless to open the app's
# CSV and XLSX downloads in a real spreadsheet program, CJK fonts so Chinese renders in pictures and
# in the edition brief, poppler-utils (pdftotext, pdftoppm) to read the brief back in its test. The app
# itself needs chromium for the brief (PDF); without it the Overview says the brief is unavailable.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-calc-nogui"; \
	fc-list 2>/dev/null | grep -qi "noto sans cjk" || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

build: deps
	WMC_DB=$(DB) $(PY) -m loaders build --db $(DB)

run: build
	WMC_DB=$(DB) WMC_TRUSTED_PROXIES="$(TRUSTED_PROXIES)" FORWARDED_ALLOW_IPS="$(TRUSTED_PROXIES)" \
	$(PY) -m streamlit run dashboard.py --server.address 127.0.0.1 --server.port $(PORT) --server.headless true

test: dev-deps system-deps load-deps
	$(PY) -m pytest -q -p no:cacheprovider --durations=25 tests

screenshots: dev-deps system-deps
	$(PY) -m pytest -q -p no:cacheprovider tests/e2e --screenshots

bench: dev-deps system-deps
	$(PY) scripts/bench.py $(BENCH_ARGS)

# Debian's nginx, for the load target and its tests: `make load REPLICAS=2` runs app servers behind it on
# loopback (scripts/replicas.py writes its configuration into a temp folder, never /etc).
load-deps:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }

load: dev-deps system-deps load-deps
	$(PY) scripts/load.py --replicas $(REPLICAS)

clean:
	rm -rf $(VENV) artifacts data/wmc.duckdb
