# The venv lives at the repo root and is made by make itself, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KEFU := $(VENV)/bin/kefu
STAMP := $(VENV)/.installed

.PHONY: install store run test lint bench eval clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

store: install
	$(KEFU) ingest --if-missing

run: store
	$(KEFU) app

test: install
	$(PY) -m pytest

lint: install
	$(PY) -m pytest tests/test_layers.py

eval: store
	$(KEFU) eval evals/suites/*.yaml --report .kefu/reports/latest

bench: store
	$(KEFU) bench --out .kefu/bench

clean:
	rm -rf .kefu
