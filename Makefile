# congkhai: the two commands a fresh machine needs are `make site` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The site generator engine: mkdocs (default) or properdocs, the maintained drop-in fork of
# MkDocs 1.6 (`make site ENGINE=properdocs`). Material's build notices (its end of life on
# 5 May 2027, MkDocs 2) are left visible on purpose.
ENGINE ?= mkdocs
# Every dependency, direct or not, is pinned with its hashes in requirements/*.txt (generated from
# pyproject.toml by `make lock`); pip refuses anything else.
PIP := $(BIN)/pip install --quiet --disable-pip-version-check --require-hashes

.PHONY: site test test-fast lint bench fuzz audit serve schemas codes codeowners migrate cms chromium clean lock province

$(VENV)/.site-deps: requirements/site.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements/site.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements/test.txt
	$(PIP) -r requirements/test.txt
	touch $@

# The editors' interface (/quan-tri/): Decap CMS and the YAML library, vendored into the build, and
# decap-server for the browser test of saving; exact versions from cms/package-lock.json.
$(VENV)/.cms-deps: cms/package-lock.json $(VENV)/.site-deps
	npm ci --prefix cms --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.properdocs-deps: $(VENV)/.site-deps requirements/properdocs.txt
	$(PIP) -r requirements/properdocs.txt
	touch $@

## site: create .venv, install the pinned dependencies, validate the content and build site/
site: $(VENV)/.site-deps $(VENV)/.cms-deps $(if $(filter properdocs,$(ENGINE)),$(VENV)/.properdocs-deps)
	$(BIN)/python -m generator validate
	$(BIN)/$(ENGINE) build --strict

## province: the post-2025 demo (a province, levels tỉnh and xã): 2,000 procedures and 104
## communes generated into build/province/, validated and built into site-province/
province: $(VENV)/.site-deps
	rm -rf build/province
	$(BIN)/python -m generator sample --procedures 2000 --communes 104 --out build/province
	CONGKHAI_CONTENT=build/province $(BIN)/python -m generator validate
	CONGKHAI_CONTENT=build/province $(BIN)/$(ENGINE) build --strict -d site-province

## lock: pin every dependency with its hashes (after changing pyproject.toml)
lock:
	$(PYTHON) -m venv .lock-venv && .lock-venv/bin/pip install --quiet pip-tools==7.6.2
	for extra in site test properdocs; do \
		.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
			--no-emit-find-links $$( [ $$extra = site ] || echo --extra $$extra ) -o requirements/$$extra.txt pyproject.toml; \
	done
	rm -rf .lock-venv

## serve: preview the site, rebuilding when a content file is saved
serve: $(VENV)/.site-deps $(VENV)/.cms-deps
	$(BIN)/$(ENGINE) serve

## chromium: Debian's Chromium for the browser tests (never a downloaded browser), Java for the
## Nu HTML Checker, Node.js and npm for the editors' interface (cms/)
chromium:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
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
test: $(VENV)/.test-deps chromium $(VENV)/.cms-deps lint
	$(BIN)/python -m generator validate --strict
	$(BIN)/pytest -n 2 -p no:cacheprovider

## test-fast: the edit loop: the same without the browser tests (ruff, mypy, content, pytest -m "not browser")
test-fast: $(VENV)/.test-deps $(VENV)/.cms-deps lint
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

## codeowners: .github/CODEOWNERS from `maintainers` and `editors` in the content
codeowners: $(VENV)/.site-deps
	$(BIN)/python -m generator codeowners

## migrate: split legal.yaml, agencies.yaml, fields.yaml into one file per record
migrate: $(VENV)/.site-deps
	$(BIN)/python -m generator migrate

## cms: the editors' interface's configuration (cms/config.yml, cms/formats.json) from the models
cms: $(VENV)/.site-deps
	$(BIN)/python -m generator cms --out cms

clean:
	rm -rf site site-province build/province .site-* bench/results test-artifacts
