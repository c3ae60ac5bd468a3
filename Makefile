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

## Throughput on the demo corpus, and seconds per 100k characters as an article grows
bench: install
	$(PY) benchmarks/throughput.py
	$(PY) benchmarks/scaling.py

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts
