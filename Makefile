# newsevents — two commands: `make run` and `make test`. Everything else is optional.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false

.PHONY: setup run test bench serve stop lock clean

setup: $(STAMP)

# Reproducible install: every transitive dependency pinned in requirements.lock.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "newsevents needs Python 3.11 (set PYTHON=/path/to/python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

run: setup        ## seeds → DuckDB warehouse → validated, published events and a report
	$(BIN)/newsevents run

test: setup       ## the whole test suite (real DuckDB, Prefect, Great Expectations, loopback HTTP)
	$(BIN)/python -m pytest

bench: setup      ## benchmarks; results appended to bench/results.jsonl
	$(BIN)/python -m bench

serve: setup      ## local Prefect server + deployments + worker (see README "Running by itself")
	$(BIN)/python -m flows.serve start

stop:             ## stop what `make serve` started
	@[ -x $(BIN)/python ] && $(BIN)/python -m flows.serve stop || true

lock:             ## re-pin requirements.lock from the current environment
	$(BIN)/python -m pip freeze --exclude-editable | grep -vi '^newsevents' > requirements.lock

clean:
	rm -rf $(VENV) .prefect reports warehouse/*.duckdb warehouse/*.duckdb.wal warehouse/*.lock
