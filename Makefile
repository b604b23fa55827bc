# Kindness Movement Site. `make help` lists the targets.
# uv is installed into the selected Python on first use, then runs everything from .venv.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(PYTHON) -m uv
RUN := $(UV) run --frozen
export UV_PROJECT_ENVIRONMENT := .venv
# Property tests run the same examples on every `make test` (tests/conftest.py); plain pytest explores.
export HYPOTHESIS_PROFILE ?= ci
HOST ?= 127.0.0.1
LIVE_SITE_TESTS := tests/kindness_site/test_freshness_across_processes.py tests/kindness_site/test_front_cache_varnish.py
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run setup test test-browser test-postgres test-topology prod-shape lint typecheck format messages check-messages deploy-check bench backup restore loadtest

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

.uv:
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check uv

install: .uv ## Install Python and every dependency into .venv from uv.lock (and citeproc-js with npm)
	$(UV) sync --frozen
	@# citeproc-js formats the research library's citations (research/engines.py); without Node
	@# the site falls back to citeproc-py, so a machine without npm still installs.
	@if command -v npm >/dev/null; then \
		test -d research/citeproc_js/node_modules/citeproc || npm ci --prefix research/citeproc_js --no-audit --no-fund; \
	else echo "npm not found: citations will be formatted with citeproc-py"; fi

setup: install ## Install, migrate, load the bilingual demo and create the admin account
	$(RUN) python manage.py migrate --no-input
	$(RUN) python manage.py compilemessages --ignore=.venv -v 0
	$(RUN) python manage.py load_demo_content
	$(RUN) python manage.py render_citations
	$(RUN) python manage.py create_dev_admin

run: setup ## Set everything up and serve the demo site at http://127.0.0.1:8000
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(RUN) python manage.py runserver $(HOST):$(PORT)

test: install ## Install and run the whole test suite (SQLite unless DATABASE_URL is set)
	$(RUN) python manage.py compilemessages --ignore=.venv -v 0
	@# The real-browser suite runs first in its own process: it serves the demo site from the test
	@# database and replaces its contents, which must not leak into the other tests.
	$(RUN) pytest tests/browser --cov --cov-report= --cov-fail-under=0
	$(RUN) pytest -n auto --ignore=tests/browser --ignore=tests/topology $(LIVE_SITE_TESTS:%=--ignore=%) --cov --cov-append --cov-report= --cov-fail-under=0
	@# The live two-server tests share ports and a database: one process runs them, after the rest.
	$(RUN) pytest $(LIVE_SITE_TESTS) -p no:randomly --cov --cov-append --cov-report=term

test-topology: install ## The production-shape tests (PostgreSQL, Redis, Varnish, moto): two nodes, worker, timers
	$(RUN) pytest tests/topology -p no:randomly

test-browser: install ## Only the real-browser tests (Chromium + axe); screenshots go to var/screenshots
	$(RUN) python manage.py compilemessages --ignore=.venv -v 0
	$(RUN) pytest tests/browser -p no:randomly

test-postgres: ## The suite on the local PostgreSQL, then the production-shape tests (own databases, created and dropped)
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/kindness $(MAKE) test
	@# The production shape needs PostgreSQL (two nodes, a worker and the timers share one
	@# database), so it runs here and not in the SQLite run; its database is kindness_shape.
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/kindness $(MAKE) test-topology

lint: install ## ruff check, ruff format --check, mypy (make typecheck) and the migrations check
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy
	DJANGO_SETTINGS_MODULE=kindness_site.settings.test $(RUN) python manage.py makemigrations --check --dry-run

typecheck: install ## mypy with django-stubs over the app code, tests, bench and scripts ([tool.mypy])
	$(RUN) mypy

format: install ## Format and autofix with ruff
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

messages: install ## Extract UI strings into locale/it (keeps existing translations)
	$(RUN) python manage.py makemessages -l it --ignore=.venv --ignore=var --no-obsolete --add-location=file

check-messages: messages ## Fail when any Italian translation is missing
	$(RUN) python scripts/check_translations.py

deploy-check: install ## check --deploy with production settings and only the required variables
	DJANGO_SETTINGS_MODULE=kindness_site.settings.production SECRET_KEY=$$(openssl rand -hex 32) \
	ALLOWED_HOSTS=example.org BASE_URL=https://example.org SINGLE_PROCESS=true VAR_DIR=$$(mktemp -d) \
	$(RUN) python manage.py check --deploy --fail-level WARNING

prod-shape: install ## The production shape on loopback (2 gunicorn nodes, worker, timers, Varnish, S3): Ctrl+C stops it
	$(RUN) python -m topology

bench: install ## Benchmark on PostgreSQL under gunicorn (needs wrk, chromium, node): var/bench/report.md
	@test -d bench/node_modules/lighthouse || npm ci --prefix bench --no-audit --no-fund
	$(RUN) python -m bench.run

backup: install ## Back up the database (pg_dump custom format, or SQLite) and media into var/backups/<time>/
	$(RUN) python scripts/backup.py

restore: install ## Restore a backup and verify row counts: make restore [BACKUP=var/backups/<time>] (default newest)
	$(RUN) python scripts/restore.py $(BACKUP)

loadtest: install ## 1,000 simultaneous newsletter sign-ups (+50 same address) on gunicorn + PostgreSQL; p99 latency
	$(RUN) python scripts/loadtest.py
