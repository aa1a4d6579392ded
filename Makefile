# The two commands a new machine needs: `make demo` and `make test`. Both create .venv first.
# `make demo` installs what running needs; `make test` (and lint, bench) add the dev and bench tools.
# Each install has its own stamp, so `make test` after `make demo` still installs the tools.
# `make demo DEMO_ARGS=--fresh` starts the demo database over (see `tessera demo --help`).
# `make bench` runs the benchmark harness (bench/), e.g. make bench BENCH_ARGS='--scales small,medium'.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: demo test lint install clean bench bench-smoke browser cluster-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $(RUN_STAMP)

# The dev install holds everything running needs, so it counts as the run install too.
$(DEV_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,bench]'
	touch $(DEV_STAMP) $(RUN_STAMP)

install: $(DEV_STAMP)

demo: $(RUN_STAMP)
	$(BIN)/tessera demo $(DEMO_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Debian's Chromium for the browser tests, installed when missing (.ci/install-chromium says how
# where it cannot be: then those tests skip, saying so).
browser:
	bash .ci/install-chromium

test: lint browser
	$(BIN)/pytest -n auto

# The multi-node harness (tests/cluster; README, "The multi-node harness"): a PostgreSQL primary and
# its streaming replica, pgbouncer and two servers of two workers each, on ports of their own; port
# 5432's server is never touched. Installs Debian's pgbouncer when missing (.ci/install-cluster-tools).
cluster-test: $(DEV_STAMP)
	bash .ci/install-cluster-tools
	$(BIN)/pytest -m cluster tests/cluster

bench: $(DEV_STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

bench-smoke: $(DEV_STAMP)
	$(BIN)/pytest -m bench tests/bench

# The demo database goes only if it is a demo's and no server uses it (`tessera demo --remove` says
# why not otherwise); tessera-demo.db* is where earlier versions of the demo kept theirs.
clean:
	if [ -x $(BIN)/tessera ]; then $(BIN)/tessera demo --remove || true; fi
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache tessera-demo.db*
