# Rapport: `make run` sets everything up and runs the system; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint install infra bench openapi clean help

help:
	@echo "make run    set up (venv, packages, nginx, RabbitMQ, migrations, demo data) and run everything"
	@echo "make test   run the whole test suite (SQLite, PostgreSQL, real RabbitMQ, real gateway)"
	@echo "make lint   ruff and mypy over the code (CI runs it before the suite)"
	@echo "make bench  run the benchmarks and print figures beside the same-machine ceilings"

$(STAMP): requirements.txt constraints.txt shared/pyproject.toml services/*/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -c constraints.txt -r requirements.txt
	@touch $@

install: $(STAMP)

infra:
	@deploy/local/ensure-infra.sh

run: install infra
	$(BIN)/python deploy/local/stack.py run

test: install
	@deploy/local/ensure-infra.sh --postgres
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

# Options: make bench BENCH_ARGS="--scale small --duration 3" (see bench/README.md).
bench: install infra
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; \
	  else echo "make bench needs wrk, the load generator: sudo apt-get install wrk" >&2; exit 1; fi; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

openapi: install
	@mkdir -p var/openapi
	@$(BIN)/rapport-profiles keys >/dev/null
	@for s in profiles booking billing; do $(BIN)/rapport-$$s openapi --out var/openapi/$$s.json; done
	@echo "written to var/openapi/"

clean:
	rm -rf $(VENV) var
