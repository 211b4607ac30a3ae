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

bench: install infra
	$(BIN)/python bench/run.py

openapi: install
	@mkdir -p var/openapi
	@$(BIN)/rapport-profiles keys >/dev/null
	@for s in profiles booking billing; do $(BIN)/rapport-$$s openapi --out var/openapi/$$s.json; done
	@echo "written to var/openapi/"

clean:
	rm -rf $(VENV) var
