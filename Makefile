# Signaalroute: the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python src/manage.py
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/signaalroute

.PHONY: run test lint test-sqlite test-postgres bench install demo worker clean openapi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

node_modules/.package-lock.json: package.json
	npm install --no-audit --no-fund --loglevel=error

install: $(STAMP) node_modules/.package-lock.json

## make run: install, migrate the embedded SQLite database, load the demo and serve on :8000
run: install
	mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) demo
	$(MANAGE) brp_lokaal_vullen
	@echo "Background worker (Django Tasks, database backend) starts beside the web server."
	$(MANAGE) aanleveringen_hervatten --minuten 0
	@echo "This month's demo signals go through the checks (incl. the local BRP) and matching once the server is up (var/controles.log)."
	$(MANAGE) db_worker --queue-name '*' >var/worker.log 2>&1 & \
	  $(MANAGE) planner >var/planner.log 2>&1 & \
	  (sleep 8; $(MANAGE) signalen_verwerken >var/controles.log 2>&1) & \
	  trap 'kill $$(jobs -p) 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver 127.0.0.1:8000

demo: install
	$(MANAGE) demo
	$(MANAGE) brp_lokaal_vullen

worker: install
	$(MANAGE) db_worker --queue-name '*'

lint: install
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench
	DJANGO_SETTINGS_MODULE=signaalroute.conf.ci $(MANAGE) makemigrations --check --dry-run

test-sqlite: install
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-$(PG_TEST_URL)} $(BIN)/pytest $(PYTEST_ARGS)

## make test: lint, migrations check, the suite on SQLite, and on PostgreSQL when CI=true or DATABASE_URL is set
test: lint test-sqlite
	@if [ "$$CI" = "true" ] || [ -n "$$DATABASE_URL" ]; then \
	  $(MAKE) --no-print-directory test-postgres; \
	else echo "PostgreSQL run skipped: set DATABASE_URL (or CI=true) to run the suite on PostgreSQL too."; fi

## make bench: every benchmark under bench/
bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules var

## make openapi: regenerate the committed OpenAPI document (a test fails when it drifts)
openapi: install
	DJANGO_SETTINGS_MODULE=signaalroute.conf.ci $(MANAGE) spectacular --format openapi-json --file docs/api/openapi.json
