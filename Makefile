# The venv lives at the repo root and is made by make itself, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KEFU := $(VENV)/bin/kefu
STAMP := $(VENV)/.installed

.PHONY: install store run test lint bench eval load wheels clean

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

# 32 keep-alive clients for 10 s per route against a fresh app on 127.0.0.1 (not part of `make test`).
# Then the same app under hostile clients (slowloris, 10 MB bodies, broken JSON, bad tokens, hang-ups).
load: install
	$(PY) tests/load/load_api.py --clients 32 --seconds 10
	$(PY) tests/load/load_faults.py --clients 16 --seconds 10

# Every dependency (dev extra included) must come as a wheel for each supported Python (CI does not run this).
# jieba publishes only a pure-Python sdist, so it is built into a py3-none-any wheel first.
wheels: install
	$(PY) -m pip wheel -q --no-deps -w .kefu/wheels/pure 'jieba>=0.42,<0.43'
	for v in 3.11 3.12 3.13; do \
	  $(PY) -m pip download -q --only-binary=:all: --find-links .kefu/wheels/pure --python-version $$v \
	    -d .kefu/wheels/$$v '.[dev]' || exit 1; \
	  echo "Python $$v: every dependency has a wheel"; \
	done

clean:
	rm -rf .kefu
