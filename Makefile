# The two commands of the README: `make serve` and `make test`. Everything else
# they need (a virtual environment, the packages) they install themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: setup build serve test lint clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(INSTALLED)

setup: $(INSTALLED)

build: $(INSTALLED)
	$(BIN)/python build_graph.py

serve: build
	$(BIN)/outsourcing-catalogue serve

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

clean:
	rm -rf build
