# Entry points. `make serve` and `make test` are all a newcomer needs: both set up what they use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# A stamp per requirements file: pip runs again only when a pin changes, or the metadata of the local
# korean-search plugin (installed editable from requirements.txt, so its code needs no reinstall).
PLUGIN_META := plugins/korean_search/pyproject.toml
SITE_STAMP := $(VENV)/.site-$(shell cat requirements.txt constraints.txt $(PLUGIN_META) | sha1sum | cut -c1-12)
DEV_STAMP := $(VENV)/.dev-$(shell cat requirements.txt requirements-dev.txt constraints.txt $(PLUGIN_META) | sha1sum | cut -c1-12)
BENCH_STAMP := $(VENV)/.bench-$(shell cat requirements.txt requirements-bench.txt constraints.txt $(PLUGIN_META) | sha1sum | cut -c1-12)

.PHONY: help serve build check test system-deps clean lint schemas new-note sizes base-images bench bench-deps
export NO_MKDOCS_2_WARNING := 1  # Material's banner about MkDocs 2.0; the how-it-works page covers the theme's future

help:
	@echo "make serve   set up .venv and serve the site on http://127.0.0.1:8000/notes/ with live reload"
	@echo "make build   strict build into site/ (a failed build leaves site/ as it was)"
	@echo "make check   the fast check, in seconds: lint, strict build, every test that needs no engine or browser"
	@echo "make test    set up everything (venv, system packages) and run every test: check, then containers and browser"
	@echo "make sizes   build the example images and rewrite data/measurements.yml (the site's size table)"
	@echo "make lint    the fast checks of .pre-commit-config.yaml on every tracked file (part of make test)"
	@echo "make schemas regenerate data/schema/*.schema.json from macros/models.py"
	@echo 'make new-note CHAPTER=docker SLUG=volumes TITLE="볼륨" [CHAPTER_TITLE="2장 ..."]  new page + nav entry'
	@echo "make bench   build, profile, growth, reload, page weight and search timings; writes bench-report.md"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(SITE_STAMP): requirements.txt constraints.txt $(PLUGIN_META) | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	rm -f $(VENV)/.site-*; touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt constraints.txt $(PLUGIN_META) | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.dev-*; touch $@

# Own stamp: installing the bench packages must not make the dev stamp look stale, or vice versa.
$(BENCH_STAMP): requirements.txt requirements-bench.txt constraints.txt $(PLUGIN_META) | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-bench.txt
	rm -f $(VENV)/.bench-*; touch $@

# The preview survives mistakes: not strict, and a macro error shows on the page instead of exiting.
# Strictness belongs to `make build`, `make check` and CI.
serve: $(SITE_STAMP)
	MACROS_FAIL=false $(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

build: $(SITE_STAMP)
	$(BIN)/python -m scripts.build_site

system-deps:
	bash scripts/system-deps.sh

# pytest builds the site once before any test; if that fails it prints the error once and stops.
check: lint
	$(BIN)/python -m pytest -m "not containers and not browser and not walkthrough and not slow"

test: check system-deps
	$(BIN)/python -m pytest -m "containers or browser or walkthrough or slow"

# The file-level checks of .pre-commit-config.yaml (local hooks, tools from .venv, no network).
lint: $(DEV_STAMP)
	$(BIN)/pre-commit run --all-files

schemas: $(DEV_STAMP)
	$(BIN)/python -m scripts.generate_schemas

new-note: $(SITE_STAMP)
	$(BIN)/python -m scripts.new_note --chapter "$(CHAPTER)" --slug "$(SLUG)" --title "$(TITLE)" $(if $(CHAPTER_TITLE),--chapter-title "$(CHAPTER_TITLE)")

sizes: $(DEV_STAMP) system-deps
	$(BIN)/python -m scripts.measure_sizes

# Base images for the examples (pulled, or local stand-ins where no registry answers).
base-images: $(DEV_STAMP) system-deps
	$(BIN)/python -m notekit.base_images

bench-deps: $(BENCH_STAMP)
	bash scripts/system-deps.sh hyperfine=hyperfine /usr/bin/time=time  # time -v: peak memory; chromium too

# Not part of `make test`: benchmarks print figures, they never pass or fail on time.
# BENCH_ARGS passes options through, e.g. make bench BENCH_ARGS="--sizes 1,10,100 --only growth".
bench: bench-deps
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf site .pytest_cache
