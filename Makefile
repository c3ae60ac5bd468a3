# Two entry points on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test install install-dev evaluate bench clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

## Start the app on the bundled sample corpus (http://localhost:$(PORT))
run: install
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.headless true

## Install dev tools and run the whole test suite (unit, AppTest, browser)
test: install-dev
	$(PY) -m pytest -q

## Extraction quality: cross-validated on the annotated corpus
evaluate: install
	$(PY) -m lib evaluate --cv

## Every benchmark in one run (prints figures, asserts nothing; about 15 minutes on 2 cores). Smaller runs:
## make bench BENCH_REPEATS=1 BENCH_LENGTHS="25000 100000" BENCH_ARTICLES="1000 2000"
BENCH_REPEATS ?= 3
BENCH_LENGTHS ?= 25000 100000 400000
BENCH_ARTICLES ?= 1000 2000 10000
bench: install
	@echo "== pipeline / bare spaCy, 1 -> 2 processes (benchmarks/throughput.py)"
	$(PY) benchmarks/throughput.py $(BENCH_REPEATS)
	@echo "== cold analysis vs reopening from the store (benchmarks/store.py)"
	$(PY) benchmarks/store.py
	@echo "== seconds per 100k characters by text kind (benchmarks/scaling.py)"
	$(PY) benchmarks/scaling.py $(BENCH_LENGTHS)
	@echo "== page render times and session memory on large corpora (benchmarks/pages.py)"
	$(PY) benchmarks/pages.py $(BENCH_ARTICLES)

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts
