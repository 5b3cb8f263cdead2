# Entry points. `make serve` and `make test` are all a newcomer needs: both set up what they use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# A stamp per lock file (site, dev, bench): pip runs again only when a lock changes, or the metadata of
# the local korean-search plugin (installed editable, so its code needs no reinstall). Each lock is
# generated from its requirements file by `make lock` and lists every package, transitive ones included,
# with its hashes; pip installs nothing else (--require-hashes).
PLUGIN_META := plugins/korean_search/pyproject.toml
SITE_STAMP := $(VENV)/.site-$(shell cat requirements.lock $(PLUGIN_META) | sha1sum | cut -c1-12)
DEV_STAMP := $(VENV)/.dev-$(shell cat requirements-dev.lock $(PLUGIN_META) | sha1sum | cut -c1-12)
BENCH_STAMP := $(VENV)/.bench-$(shell cat requirements-bench.lock $(PLUGIN_META) | sha1sum | cut -c1-12)
# The plugin is a folder in this repository, which has no hash: installed on its own, without its
# dependencies (the lock has them) and with the lock's build backend (flit_core), so nothing unhashed is fetched.
INSTALL = $(BIN)/pip install --quiet --require-hashes --no-deps -r $(1) && \
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e ./plugins/korean_search
LOCK = $(BIN)/uv pip compile --quiet --generate-hashes --python $(BIN)/python --custom-compile-command "make lock"

.PHONY: help serve build check test system-deps clean lint schemas new-note new-example sizes outputs base-images bench bench-deps lock
export NO_MKDOCS_2_WARNING := 1  # Material's banner about MkDocs 2.0; the how-it-works page covers the theme's future

help:
	@echo "make serve   set up .venv and serve the site on http://127.0.0.1:8000/notes/ with live reload"
	@echo "make build   strict build into site/ (a failed build leaves site/ as it was)"
	@echo "make check   the fast check (about 15 s on 2 idle cores): lint, strict build, every test that needs no engine or browser"
	@echo "make test    set up everything (venv, system packages) and run lint, then every test in one pytest session"
	@echo "make sizes   re-measure the examples whose inputs changed into data/measurements.yml [ONLY=id: that one, now]"
	@echo "make outputs run every command session and rewrite data/outputs.yml (the outputs pages show)"
	@echo "make lint    the fast checks of .pre-commit-config.yaml on every tracked file (part of make test)"
	@echo "make schemas regenerate data/schema/*.schema.json from macros/models.py"
	@echo 'make new-note CHAPTER=docker SLUG=volumes TITLE="볼륨" [CHAPTER_TITLE="2장 ..."]  new page + nav entry'
	@echo "make new-example ID=demo  examples/demo/ (Dockerfile, main.go, go.mod, .dockerignore) + a stub in data/examples.yml"
	@echo "make lock    after changing a pin in requirements*.txt: write the three *.lock files with hashes"
	@echo "make bench   build, profile, growth, reload, page weight and search timings; writes bench-report.md"

# The venv's own pip (bundled with Python) installs the locks: no unpinned upgrade of pip first.
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(SITE_STAMP): requirements.lock $(PLUGIN_META) | $(VENV)/bin/python
	$(call INSTALL,requirements.lock)
	rm -f $(VENV)/.site-*; touch $@

$(DEV_STAMP): requirements-dev.lock $(PLUGIN_META) | $(VENV)/bin/python
	$(call INSTALL,requirements-dev.lock)
	rm -f $(VENV)/.dev-*; touch $@

# Own stamp: installing the bench packages must not make the dev stamp look stale, or vice versa.
$(BENCH_STAMP): requirements-bench.lock $(PLUGIN_META) | $(VENV)/bin/python
	$(call INSTALL,requirements-bench.lock)
	rm -f $(VENV)/.bench-*; touch $@

# After changing a pin in requirements*.txt: resolve again and write the three locks with hashes.
# The dev lock is the superset; the site and bench locks take its versions, so all three agree.
lock: $(DEV_STAMP)
	$(LOCK) requirements-dev.txt -o requirements-dev.lock
	$(LOCK) requirements.txt -c requirements-dev.lock -o requirements.lock
	$(LOCK) requirements-bench.txt -c requirements-dev.lock -o requirements-bench.lock

# The preview survives mistakes: not strict, and a macro error shows on the page instead of exiting.
# Strictness belongs to `make build`, `make check` and CI.
serve: $(SITE_STAMP)
	MACROS_FAIL=false $(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

build: $(SITE_STAMP)
	$(BIN)/python -m scripts.build_site

system-deps:
	bash scripts/system-deps.sh

# pytest builds the site once before any test; if that fails it prints the error once and stops.
FAST := not containers and not browser and not walkthrough and not slow
check: lint
	$(BIN)/python -m pytest -m "$(FAST)"

# One pytest session for every group, so one strict build (the slow groups need the engine and the browser).
test: lint system-deps
	$(BIN)/python -m pytest

# The file-level checks of .pre-commit-config.yaml (local hooks, tools from .venv, no network).
lint: $(DEV_STAMP)
	$(BIN)/pre-commit run --all-files

schemas: $(DEV_STAMP)
	$(BIN)/python -m scripts.generate_schemas

new-note: $(SITE_STAMP)
	$(BIN)/python -m scripts.new_note --chapter "$(CHAPTER)" --slug "$(SLUG)" --title "$(TITLE)" $(if $(CHAPTER_TITLE),--chapter-title "$(CHAPTER_TITLE)")

# Re-measures only the examples whose folder, Dockerfile, engine or base images changed (ONLY=id[,id]: those, now).
new-example: $(SITE_STAMP)
	$(BIN)/python -m scripts.new_example --id "$(ID)"

sizes: $(DEV_STAMP) system-deps
	$(BIN)/python -m scripts.measure_sizes $(if $(ONLY),--only "$(ONLY)") $(SIZES_ARGS)

# Runs every command session on the engine and rewrites data/outputs.yml (the outputs the pages show; commit it).
outputs: $(DEV_STAMP) system-deps
	RECORD_OUTPUTS=1 $(BIN)/python -m pytest tests/containers/test_sessions.py -k shape -p no:cacheprovider

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
