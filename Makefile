# Two commands on a fresh clone: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME := $(VENV)/.runtime-installed
TESTING := $(VENV)/.test-installed
PROVINCE ?= thanh-hoa
export PROVINCE
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)

.PHONY: lock help serve build zensical test test-fast lint format check-data schemas freshness links search-eval clean lighthouse lighthouse-every-page serve-built new-province all-provinces national bench page-weight hostile ux-report admin-units units-diff contacts-sheet contacts-import coverage

help:
	@echo "make serve       set up .venv and serve the site at http://127.0.0.1:8000"
	@echo "make test        set up .venv, lint (ruff) and run every test"
	@echo "make test-fast   lint, then the tests that build no site and open no browser (pytest -m 'not build and not browser')"
	@echo "make lint        ruff check and ruff format --check"
	@echo "make format      ruff format, then ruff check --fix"
	@echo "make build       check data, then build site/ (PROVINCE=..., SITE_DATE=YYYY-MM-DD, ENGINE=mkdocs|zensical)"
	@echo "make zensical    the same site built with Zensical into site-zensical/ (make build ENGINE=zensical builds site/)"
	@echo "make check-data  validate data/ without building"
	@echo "make schemas     re-export schemas/ from the models"
	@echo "make lock        requirements*.txt (every dependency pinned and hashed) from the requirements*.in files"
	@echo "make links       build, then check internal links/anchors and list external links"
	@echo "make search-eval build, then type every query of tests/search_queries.yaml into the search box"
	@echo "make freshness   list records past review_by and pages due for review"
	@echo "make lighthouse  build, serve like GitHub Pages, print Lighthouse mobile scores of four pages"
	@echo "make lighthouse-every-page   every page once: accessibility and best practices must be 100 (PROVINCE=ca-nuoc too)"
	@echo "make serve-built build, then serve site/ like GitHub Pages (gzip, cache headers) at http://127.0.0.1:8001"
	@echo "make new-province SLUG=ha-tinh  data/provinces/<slug>/ with its units from the library (NAME=... for templates only)"
	@echo "make all-provinces  the same for every province of the library that has no folder yet (make new-province ALL=1)"
	@echo "make admin-units regenerate former_units.yaml and the codes in communes.yaml (PROVINCE=...)"
	@echo "make units-diff  every disagreement between lists of units and the map in data/ (code, type, name, province)"
	@echo "make national    build every province in one site (same as make build PROVINCE=ca-nuoc)"
	@echo "make bench       time the province build, a national synthetic build and a naive baseline"
	@echo "make page-weight build, then the gzip weight of each page's whole first load (budget 100 KB each)"
	@echo "make hostile     time and memory of each bad-data case and of valid inputs at the caps"
	@echo "make ux-report   build, then each page at 360x740 in Chromium: screens, citations in sight, sentence length, key facts"
	@echo "make contacts-sheet PROVINCE=thanh-hoa [FILE=lien-he-thanh-hoa.xlsx]  the contacts workbook to fill"
	@echo "make contacts-import PROVINCE=thanh-hoa FILE=lien-he-thanh-hoa.xlsx   the filled workbook (or CSV) into contacts.yaml"
	@echo "make coverage    what each unit's contacts hold: filled, missing, past review (PROVINCE=ca-nuoc: every province)"

# Every requirements*.txt is written by `make lock` from its requirements*.in (edit only those) and
# installed with --require-hashes: a package whose file differs from the one locked is refused.
# Serving and building need only requirements.txt; tests add requirements-test.txt and the
# test-only npm packages (axe-core, Ajv, the Nu Html Checker), so `make serve` never runs npm; npm runs
# no install scripts (vnu-jar's would download a Java runtime: Debian's is used instead).
$(RUNTIME): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

$(TESTING): $(RUNTIME) requirements-test.txt requirements-units.txt requirements-sheets.txt package-lock.json
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-sheets.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-units.txt
	if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --silent; else echo "npm not found: the accessibility, JavaScript schema and Nu Html Checker tests will be skipped" >&2; fi
	touch $@

# pip-tools (pinned and hashed in requirements-tools.txt) in its own venv, .venv-lock. requirements.txt
# first: the other files take their shared pins from it (-c requirements.txt). Pins already in a .txt
# are kept while the .in allows them; LOCK_ARGS="--upgrade-package NAME" moves one package.
LOCK_VENV := .venv-lock
LOCK_TOOL := $(LOCK_VENV)/.installed
REQUIREMENTS := requirements requirements-test requirements-sheets requirements-units requirements-zensical requirements-tools
$(LOCK_TOOL): requirements-tools.txt
	test -x $(LOCK_VENV)/bin/python || $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-tools.txt
	touch $@

lock: $(LOCK_TOOL)
	for name in $(REQUIREMENTS); do \
	  $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links \
	    --no-emit-index-url $(LOCK_ARGS) --output-file $$name.txt $$name.in || exit 1; \
	done

# Zensical, the successor of Material for MkDocs, in its own venv, pinned apart from requirements.txt;
# the build runs its `zensical` command (macros/engines/zensical.py).
ZVENV := .venv-zensical
ZPY := $(ZVENV)/bin/python
ZENSICAL := $(ZVENV)/.installed
export ZENSICAL_COMMAND := $(CURDIR)/$(ZVENV)/bin/zensical
$(ZENSICAL): requirements-zensical.txt
	test -x $(ZPY) || $(PYTHON) -m venv $(ZVENV)
	$(ZPY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-zensical.txt
	touch $@

# ENGINE=mkdocs (the default) or ENGINE=zensical: the same pages, files and search from either.
ENGINE ?= mkdocs
export ENGINE
ENGINE_INSTALLED := $(RUNTIME) $(if $(filter zensical,$(ENGINE)),$(ZENSICAL))

serve: $(RUNTIME)
	$(PY) -m macros.cli.check
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(ENGINE_INSTALLED)
	$(PY) -m macros.cli.build site

zensical: $(RUNTIME) $(ZENSICAL)
	ENGINE=zensical $(PY) -m macros.cli.build site-zensical

check-data: $(RUNTIME)
	$(PY) -m macros.cli.check

schemas: $(RUNTIME)
	$(PY) -m macros.cli.schemas

search-eval: build $(TESTING)
	$(PY) -m tools.search_eval site

links: build $(TESTING)
	$(PY) -m tools.links site

freshness: $(RUNTIME)
	$(PY) -m macros.cli.freshness

# Lighthouse is pinned in tools/lighthouse/package-lock.json and installed only here (not by `make test`).
LIGHTHOUSE_STAMP := tools/lighthouse/node_modules/.installed
$(LIGHTHOUSE_STAMP): tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --ignore-scripts --no-audit --no-fund --silent
	touch $@

lighthouse: build $(LIGHTHOUSE_STAMP)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) -m tools.lighthouse.run site

lighthouse-every-page: build $(LIGHTHOUSE_STAMP)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) -m tools.lighthouse.run site --every-page

serve-built: build
	$(PY) -m tools.ghpages site 8001

# tests/test_zensical.py builds the site with Zensical too and compares it with the MkDocs build.
test: $(TESTING) $(ZENSICAL)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	REQUIRE_ZENSICAL=1 $(PY) -m pytest

# The tests that build no site and open no browser (markers set by tests/conftest.py); make test runs all.
test-fast: $(TESTING)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -m "not build and not browser"

lint: $(TESTING)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(TESTING)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf .venv-lock site .site.* site-zensical .site-zensical.* .zensical-* .cache .pytest_cache node_modules .lighthouse tools/lighthouse/node_modules

# The units before and after 1 July 2025 from the library pinned in requirements-units.txt (never
# needed by build or serve): data/provinces/$(PROVINCE)/former_units.yaml and the codes in communes.yaml.
UNITS := $(VENV)/.units-installed
$(UNITS): $(RUNTIME) requirements-units.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-units.txt
	touch $@

admin-units: $(UNITS)
	$(PY) -m tools.admin_units $(PROVINCE)

# A province of the units library: its folder with names, units, codes and former units filled in
# from the library (tools/admin_units.py); ALL=1 (or make all-provinces) makes every missing one.
# With NAME, a province the library does not know: templates only (macros/cli/scaffold.py).
new-province: $(RUNTIME)
	@test -n "$(SLUG)$(ALL)" || { echo 'usage: make new-province SLUG=ha-tinh | ALL=1 | SLUG=x NAME="Tên" [FULL_NAME="tỉnh Tên"] (templates only)' >&2; exit 2; }
	@if [ -n "$(ALL)" ]; then $(MAKE) --no-print-directory all-provinces; \
	elif [ -n "$(NAME)" ]; then $(PY) -m macros.cli.scaffold "$(SLUG)" "$(NAME)" "$(FULL_NAME)"; \
	else $(MAKE) --no-print-directory $(UNITS) && $(PY) -m tools.admin_units --new "$(SLUG)"; fi

all-provinces: $(UNITS)
	$(PY) -m tools.admin_units --all

# The map in data/ (communes.yaml with unit_changes.yaml applied) against the lists of
# tools/units_sources/ and the installed libraries; exit 1 on a difference the data does not record.
units-diff: $(UNITS)
	$(PY) -m tools.units_diff

national: $(ENGINE_INSTALLED)
	PROVINCE=ca-nuoc $(PY) -m macros.cli.build site

bench: $(RUNTIME)
	$(PY) -m tools.bench

page-weight: build $(TESTING)
	$(PY) -m tools.pageweight site

hostile: $(TESTING)
	$(PY) -m tools.hostile

ux-report: build $(TESTING)
	$(PY) -m tools.ux_report site

# The contacts workbook (macros/cli/contacts_*.py): openpyxl and what it needs, pinned in
# requirements-sheets.txt, installed only here and for the tests (never by make build).
SHEETS := $(VENV)/.sheets-installed
$(SHEETS): $(RUNTIME) requirements-sheets.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-sheets.txt
	touch $@

contacts-sheet: $(SHEETS)
	$(PY) -m macros.cli.contacts_sheet "$(FILE)"

contacts-import: $(SHEETS)
	$(PY) -m macros.cli.contacts_import "$(FILE)"

coverage: $(RUNTIME)
	$(PY) -m macros.cli.coverage
