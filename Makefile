# OpenComp — run `make demo` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)
DEV_ENV := OPENCOMP_DEV=1
PYTEST_WORKERS ?= 2
DEMO_CLAIMS ?= 300

.PHONY: setup demo serve test test-smoke lint format bench chromium openapi clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@bash scripts/ensure-pango.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing dependencies into $(VENV) (pinned in requirements.lock)…"
	@$(BIN)/python -m pip install -q --upgrade pip
	@$(BIN)/python -m pip install -q -r requirements.lock
	@$(BIN)/python -m pip install -q --no-deps -e .
	@rm -f $(VENV)/.installed-*; touch $@

chromium:
	@bash scripts/ensure-chromium.sh

demo: setup
	@$(DEV_ENV) DEBUG=1 $(BIN)/python manage.py migrate --noinput -v0
	@$(DEV_ENV) DEBUG=1 $(BIN)/opencomp seed-demo --claims $(DEMO_CLAIMS) --if-empty
	@echo "Serving OpenComp on http://127.0.0.1:8000  (Ctrl-C to stop)"
	@$(DEV_ENV) DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000 --noreload

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy opencomp
	$(BIN)/lint-imports
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run -v1

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: setup chromium lint
	$(BIN)/pytest -n $(PYTEST_WORKERS) --create-db -q

test-smoke: setup
	$(BIN)/pytest -m smoke --create-db -q

bench: setup
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script $(BENCH_ARGS) || exit 1; done

openapi: setup
	$(DEV_ENV) $(BIN)/python -m opencomp.api.export_openapi docs/openapi.json

clean:
	rm -rf $(VENV) db.sqlite3* .test-db*.sqlite3* staticfiles
