# The venv lives at the repo root and is made by make itself, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KEFU := $(VENV)/bin/kefu
STAMP := $(VENV)/.installed

.PHONY: install store run test lint bench eval llm-eval load wheels clean

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

# The browser tests time the page against the clock, so they run in a process of their own: after the other tests
# the one process's heap slowed 我的进度 to a p95 of 530-603 ms (370 ms on its own, limit 500 ms).
test: install
	$(PY) -m pytest --ignore=tests/ui
	$(PY) -m pytest tests/ui

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

# The served-model eval (issue 16; not part of `make test`): starts the local model with the shared script
# unless one already answers on LLM_PORT (the first start builds llama-cpp-python: ~15 min of CPU), then
# measures the caller, the judge and suggestions against it (.kefu/reports/served.json).
LLM_PORT ?= 8765
LLM_VENV ?= /tmp/llm-venv
LLM_SCRIPT ?= ../shared/tools/local-llm.sh
LLM_URL := http://127.0.0.1:$(LLM_PORT)/v1
llm-eval: store
	mkdir -p .kefu
	curl -sf $(LLM_URL)/models >/dev/null || { \
	  nohup nice -n 10 bash $(LLM_SCRIPT) $(LLM_VENV) $(LLM_PORT) > .kefu/local-llm.log 2>&1 & pid=$$!; \
	  echo "starting the local model (log: .kefu/local-llm.log)"; \
	  until curl -sf $(LLM_URL)/models >/dev/null; do kill -0 $$pid || exit 1; sleep 10; done; }
	KEFU_LLM_BASE_URL=$(LLM_URL) KEFU_LLM_MODEL=local-qwen KEFU_LLM_TIMEOUT=300 KEFU_LLM_CONTEXT=4096 \
	  KEFU_LLM_TEMPERATURE=0 KEFU_LLM_SEED=7 $(KEFU) eval-served

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
