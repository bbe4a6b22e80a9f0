# Two commands matter: `make demo` (run the product) and `make test` (every check CI runs).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the lock file or the project metadata changed.
$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/peacekeeper demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m django makemigrations --check --dry-run --settings=peacekeeper.settings_test

# The whole suite on SQLite (browser tests included), then again on a real PostgreSQL that the
# suite starts itself. pytest exits non-zero when it collects no test, so an empty run fails.
test: lint
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)
	PEACEKEEPER_TEST_DATABASE=postgresql $(BIN)/python -m pytest -q -m "not browser" $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var/test-*
