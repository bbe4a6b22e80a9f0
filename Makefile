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

# The whole suite on SQLite (browser tests included) and, at the same time, again on a real PostgreSQL
# that the suite starts itself: the two runs are single-threaded, so on two cores together they take
# little longer than one. The PostgreSQL run's output is printed after the SQLite run's; either failing
# fails the target. pytest exits non-zero when it collects no test, so an empty run fails.
test: lint
	@mkdir -p var
	@PEACEKEEPER_TEST_DATABASE=postgresql $(BIN)/python -m pytest -q -p no:cacheprovider -m "not browser" \
		$(PYTEST_ARGS) > var/test-postgresql.log 2>&1 & postgres=$$!; \
	echo "== SQLite (with Chromium); PostgreSQL runs alongside, its output follows"; \
	$(BIN)/python -m pytest -q $(PYTEST_ARGS); sqlite=$$?; \
	wait $$postgres; postgresql=$$?; \
	echo "== PostgreSQL"; cat var/test-postgresql.log; \
	echo "== SQLite exit $$sqlite, PostgreSQL exit $$postgresql"; \
	test $$sqlite -eq 0 && test $$postgresql -eq 0

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var/test-*
