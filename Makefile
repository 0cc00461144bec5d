# Everything a fresh machine needs is installed from here: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check format bench docs clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: install, load the bundled demo data and run the main job
run: $(STAMP)
	$(BIN)/cchc demo

## check: formatting, lint and strict typing (the same gate locally and in CI)
check: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

## test: the gate, then the whole suite
test: check
	$(BIN)/pytest

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: performance measurements recorded in docs/benchmarks.md
bench: $(STAMP)
	$(BIN)/python benchmarks/validate_compile.py --sizes 1000 10000 100000 --write docs/benchmarks.md

## docs: regenerate the CLI reference from --help
docs: $(STAMP)
	$(BIN)/python scripts/gen_cli_reference.py
	$(BIN)/python scripts/gen_catalog_reference.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis build dist
