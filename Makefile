# Lotsen: make run | make test | make check | make bench
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: run test check bench demo clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Lotsen behöver Python 3.11 eller senare")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/lotsen $(ARGS)

demo: $(STAMP)
	$(BIN)/lotsen --demo

# Three pytest-xdist workers per core: a worker is on the CPU only 30-50% of its time (it waits for
# the app to go idle between keys, for the program in a pty, for fsync), so with one per core most
# of the machine idled. Full suite on 2 cores: 2 workers 9 min 12 s (before the tests' own
# speed-ups); with them, 4 workers 4 min 31 s, 6 workers 4 min 2 s (then ~1.9 cores busy).
# loadgroup keeps each xdist_group (the pty tests, each snapshot module) on one worker; the
# longest tests are collected first (SLOW_FIRST in tests/conftest.py). PYTEST_ARGS="-n0" runs it
# in one process.
TEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(3 * len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 3 * (os.cpu_count() or 1))')
test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=15 $(PYTEST_ARGS)

check: $(STAMP)
	$(BIN)/ruff format --check model exports tui tests benchmarks
	$(BIN)/ruff check model exports tui tests benchmarks
	$(BIN)/mypy model exports tui
	$(BIN)/lint-imports

bench: $(STAMP)
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
