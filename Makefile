# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make run   - set up, migrate SQLite, load the demo data, serve on http://127.0.0.1:8000
#   make test  - set up and run the whole test suite (DATABASE_URL switches to PostgreSQL)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test e2e check audit install migrate demo clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	@$(BIN)/python manage.py demo_logins
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The end-to-end journeys run too when Chromium is installed; otherwise -rs prints why they
# were skipped. E2E_REQUIRED=1 (set by .ci/run) makes a missing browser a failure.
test: $(STAMP)
	$(BIN)/python -m pytest -rs

e2e: $(STAMP)
	$(BIN)/python -m pytest -rs -m e2e tests/e2e

# Lint (with ruff's security rules, S), the one-way layers between the apps (import-linter,
# contracts in pyproject.toml), migrations in step with the models, Django's
# deployment checks with a production-like environment, and the dependencies' advisories.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-secret-key-0123456789abcdef \
		ALLOWED_HOSTS=registry.example.internal \
		$(BIN)/python manage.py check --deploy --fail-level WARNING
	@$(MAKE) --no-print-directory audit

# pip-audit resolves requirements.txt (pinned, with what it pulls in) and looks each package
# up in PyPI's advisory data. A known vulnerability fails the check, and so does PyPI not
# answering: each connection gives up after AUDIT_SOCKET_TIMEOUT seconds and the whole audit
# after AUDIT_TIMEOUT. A package PyPI cannot tell about is listed as skipped; add
# AUDIT_FLAGS=--strict to fail on that too.
AUDIT_TIMEOUT ?= 300
AUDIT_SOCKET_TIMEOUT ?= 30
AUDIT_FLAGS ?=
audit: $(STAMP)
	@echo "pip-audit: requirements.txt against PyPI's advisory data"
	@timeout $(AUDIT_TIMEOUT) $(BIN)/pip-audit --requirement requirements.txt --progress-spinner off \
		--timeout $(AUDIT_SOCKET_TIMEOUT) $(AUDIT_FLAGS); status=$$?; \
	if [ $$status -eq 124 ]; then \
		echo "pip-audit: no answer within $(AUDIT_TIMEOUT) s. Is PyPI (pypi.org) reachable from here?" >&2; exit 1; \
	elif [ $$status -ne 0 ]; then \
		echo "pip-audit failed: a known vulnerability listed above, or PyPI could not be reached." >&2; exit 1; \
	fi

# Load test (docs/load-test.md): gunicorn on a fresh PostgreSQL database coordination_load on
# 127.0.0.1, 50 locust users for 60 s. Locust lives in its own .venv-load (requirements-load.txt).
.PHONY: load
LOAD_VENV := .venv-load
$(LOAD_VENV)/.installed: requirements-load.txt
	$(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-load.txt
	touch $@

load: $(STAMP) $(LOAD_VENV)/.installed
	$(BIN)/python scripts/load_test.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles test-artifacts
