# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make run   - set up, migrate SQLite, load the demo data, serve on http://127.0.0.1:8000
#   make test  - set up and run the whole test suite (DATABASE_URL switches to PostgreSQL)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test e2e check install migrate demo clean

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

# Lint, migrations in step with the models, and Django's deployment checks with a
# production-like environment.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-secret-key-0123456789abcdef \
		ALLOWED_HOSTS=registry.example.internal \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles test-artifacts
