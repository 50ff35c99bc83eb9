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

.PHONY: run test test-fast lint lock docs build deps dev-deps system-deps load-deps screenshots bench load clean bytecode

# Installs come from the hashed locks (requirements*.lock, every package with its version and hashes),
# written from requirements*.txt by `make lock`. pip installs only uv (itself from a hashed lock); uv then
# installs the locks, about 7x faster than pip on a cold cache. Bytecode is compiled at install, as pip
# would, so the first start of the app does not pay for it. uv never reads pip's configuration: it uses
# PyPI, like a fresh machine.
UV := $(VENV)/bin/uv
UV_INSTALL := UV_LINK_MODE=copy $(UV) pip install --quiet --require-hashes --compile-bytecode --python $(PY)
LOCK_ARGS := --quiet --generate-hashes --python-version 3.11 --custom-compile-command "make lock"

$(VENV)/.tools: requirements-tools.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-tools.lock
	touch $@

$(VENV)/.runtime: $(VENV)/.tools requirements.lock
	$(UV_INSTALL) -r requirements.lock
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.lock
	$(UV_INSTALL) -r requirements-dev.lock
	touch $@

# After editing requirements*.txt: rewrite the locks (resolves against PyPI), then `make test`.
# To take newer releases of the unpinned dependencies too, add UPGRADE=--upgrade.
lock: $(VENV)/.tools
	$(UV) pip compile $(LOCK_ARGS) $(UPGRADE) requirements-tools.txt -o requirements-tools.lock
	$(UV) pip compile $(LOCK_ARGS) $(UPGRADE) requirements-dev.txt -o requirements-dev.lock
	$(UV) pip compile $(LOCK_ARGS) requirements.txt -c requirements-dev.lock -o requirements.lock

deps: $(VENV)/.runtime bytecode
dev-deps: $(VENV)/.dev bytecode

# The project's own modules compiled to __pycache__ up front (only the changed ones; under a second), as the
# locks' packages are at install: where PYTHONDONTWRITEBYTECODE is set, as in many container images and on
# this project's machines, Python never writes them itself, and every start of the app or of a load compiled
# every module it imported again (0.06 s of a register add; more for the app's first page).
bytecode: $(VENV)/.runtime
	@$(PY) -m compileall -q app.py dashboard.py config.py database.py vocabulary.py loaders queries ui pages scripts >/dev/null

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

# An explicit rebuild from data/; it replays every recorded addition (`add`, the Add data page) on top,
# and refuses, naming them, when one no longer applies (DISCARD=1 drops those, recorded as a discard).
build: deps
	WMC_DB=$(DB) $(PY) -m loaders build --db $(DB) $(if $(DISCARD),--discard-additions)

# `run` never rebuilds a database that is up to date: `ensure` builds only when it is missing or older
# than a table file of data/ (and then keeps the additions too).
run: deps
	WMC_DB=$(DB) $(PY) -m loaders ensure --db $(DB)
	WMC_DB=$(DB) WMC_TRUSTED_PROXIES="$(TRUSTED_PROXIES)" FORWARDED_ALLOW_IPS="$(TRUSTED_PROXIES)" \
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) --server.headless true

# Two passes on two workers (pytest-xdist): the tests without a browser or a second server, then the browser
# and replica tests a module per worker (--dist loadfile: a module's own server is started once). The suite is
# CPU-bound either way (about 1,600 CPU seconds); the second pass alone took 715 s one test at a time and
# 565 s on two workers (docs/performance.md). No browser test times anything: they wait on conditions.
test: dev-deps system-deps load-deps lint
	$(PY) -m pytest -q -p no:cacheprovider -n 2 --durations=15 -m "not e2e and not replicas" tests
	$(PY) -m pytest -q -p no:cacheprovider -n 2 --dist loadfile --durations=15 -m "e2e or replicas" tests

# The edit-test loop: every test without a browser or a second server, on two workers (pytest-xdist).
test-fast: dev-deps
	$(PY) -m pytest -q -p no:cacheprovider -n 2 -m "not e2e and not replicas" tests

lint: dev-deps
	$(PY) -m ruff check --quiet .

# The generated documents: docs/tables.md from loaders/schema.py, the docs/ index (tests/test_readme.py checks both).
docs: deps
	$(PY) scripts/readme.py

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
