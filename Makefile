# policytext — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
SAMPLE ?= corpora/sample
OUT    ?= build

.PHONY: demo test lint pytest bench fuzz docs clean venv

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	touch $@

$(VENV)/.demo: $(VENV)/.created pyproject.toml
	$(PIP) install --quiet -e ".[plot]"
	touch $@

$(VENV)/.dev: $(VENV)/.created pyproject.toml
	$(PIP) install --quiet -e ".[dev]"
	touch $@

venv: $(VENV)/.dev

## demo: ingest, normalize and extract the bundled sample corpus; writes build/
demo: $(VENV)/.demo
	$(PY) -m policytext.demo $(SAMPLE) -o $(OUT)

## test: ruff + pytest (a run that collects no test fails)
test: $(VENV)/.dev lint pytest

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check policytext tests benchmarks fuzz
	$(VENV)/bin/ruff format --check policytext tests benchmarks fuzz

pytest: $(VENV)/.dev
	$(PY) -m pytest -q -p no:cacheprovider --doctest-modules tests policytext

bench: $(VENV)/.dev
	$(PY) benchmarks/run_all.py

fuzz: $(VENV)/.dev
	$(PY) fuzz/run_all.py --seconds $${FUZZ_SECONDS:-120}

docs: $(VENV)/.dev
	$(VENV)/bin/mkdocs build --strict

clean:
	rm -rf build .pytest_cache .ruff_cache
