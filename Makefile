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

# The demo's ports: the mission site's, `make demo PORT=8001` (default 8000), and the public site's,
# `PUBLIC_PORT=8081` (default 8080).
PORT ?= 8000
PUBLIC_PORT ?= 8080

demo: $(STAMP)
	$(BIN)/peacekeeper demo --public-port $(PUBLIC_PORT) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m django makemigrations --check --dry-run --settings=peacekeeper.settings_test
	PEACEKEEPER_SITE=public $(BIN)/python -m django makemigrations --check --dry-run --settings=peacekeeper.settings_test

# The whole suite on SQLite (browser tests included) and, at the same time, again on a real PostgreSQL
# that the suite starts itself: the two runs are single-threaded, so on two cores together they take
# little longer than one. Each run is two pytest processes, one per site's settings: the mission's tests,
# then the public site's (peacekeeper/public/tests, in public mode, the only one that installs Wagtail).
# The PostgreSQL run's output is printed after the SQLite run's; when the SQLite run failed, its tail and
# then what failed (a fatal error's first frames, the FAILED lines) are printed again, so the last lines of
# the log say why. Any process failing fails the target. pytest exits non-zero when it collects no test, so
# an empty run fails.
PYTEST := PYTHONFAULTHANDLER=1 $(BIN)/python -m pytest -q -p no:cacheprovider
PUBLIC_TESTS := peacekeeper/public/tests
# With PYTEST_ARGS that choose only mission tests, the public process collects none (pytest's exit 5): fine.
CHOSEN_TESTS := $(if $(strip $(PYTEST_ARGS)),yes,)
both_sites = $(PYTEST) $(1) $(PYTEST_ARGS); mission=$$?; \
	PEACEKEEPER_SITE=public $(PYTEST) $(1) $(PYTEST_ARGS) $(PUBLIC_TESTS); public=$$?; \
	if [ $$public -eq 5 ] && [ "$(CHOSEN_TESTS)" = yes ]; then public=0; fi; \
	test $$mission -eq 0 && test $$public -eq 0

test: lint
	@mkdir -p var
	@{ export PEACEKEEPER_TEST_DATABASE=postgresql; $(call both_sites,-m "not browser"); } \
		> var/test-postgresql.log 2>&1 & postgres=$$!; \
	echo "== SQLite (with Chromium); PostgreSQL runs alongside, its output follows"; \
	{ $(call both_sites,); echo $$? > var/test-sqlite.exit; } 2>&1 \
		| tee var/test-sqlite.log; sqlite=$$(cat var/test-sqlite.exit); \
	wait $$postgres; postgresql=$$?; \
	echo "== PostgreSQL"; cat var/test-postgresql.log; \
	if [ $$sqlite -ne 0 ]; then echo "== SQLite failed; its last lines again:"; tail -n 60 var/test-sqlite.log; \
		echo "== what failed on SQLite:"; grep -m1 -A12 "Fatal Python error" var/test-sqlite.log; \
		grep -E "^(FAILED|ERROR) " var/test-sqlite.log | tail -n 10; fi; \
	echo "== SQLite exit $$sqlite, PostgreSQL exit $$postgresql"; \
	test $$sqlite -eq 0 && test $$postgresql -eq 0

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var/test-*
