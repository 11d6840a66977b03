# congkhai: the two commands a fresh machine needs are `make site` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material prints a banner about MkDocs 2 on every build unless told not to.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-fast lint bench fuzz audit serve schemas codes chromium clean

$(VENV)/.site-deps: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

## site: create .venv, install the pinned dependencies, validate the content and build site/
site: $(VENV)/.site-deps
	$(BIN)/python -m generator validate
	$(BIN)/mkdocs build --strict

## serve: preview the site, rebuilding when a content file is saved
serve: $(VENV)/.site-deps
	$(BIN)/mkdocs serve

## chromium: Debian's Chromium for the browser tests (never a downloaded browser), and Java for
## the Nu HTML Checker
chromium:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ]; then echo "missing:$$missing; run 'sudo apt-get install$$missing'" >&2; exit 1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: $(VENV)/.test-deps
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

## test: the whole suite, including ruff, mypy and real-browser tests
test: $(VENV)/.test-deps chromium lint
	$(BIN)/python -m generator validate --strict
	$(BIN)/pytest -n 2 -p no:cacheprovider

## test-fast: the edit loop: the same without the browser tests (ruff, mypy, content, pytest -m "not browser")
test-fast: $(VENV)/.test-deps lint
	$(BIN)/python -m generator validate --strict
	$(BIN)/pytest -n 2 -p no:cacheprovider -m "not browser"

## bench: benchmarks on synthetic content (ratios against baselines measured in the same run)
bench: $(VENV)/.test-deps
	$(BIN)/python -m bench

## fuzz: a long fuzz run of the loader and validator
fuzz: $(VENV)/.test-deps
	$(BIN)/python -m tests.fuzz --iterations 200000

## audit: one table of the trust checks (injection, bad input, axe, HTML, links, fuzz)
audit: $(VENV)/.test-deps chromium
	$(BIN)/python -m tests.audit

schemas: $(VENV)/.site-deps
	$(BIN)/python -m generator schema --out schemas

codes: $(VENV)/.site-deps
	$(BIN)/python -m generator codes > ERROR_CODES.md

clean:
	rm -rf site .site-* bench/results test-artifacts
