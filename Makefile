# Two commands on a fresh clone: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PROVINCE ?= thanh-hoa
export PROVINCE
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)

.PHONY: help serve build test check-data schemas freshness links search-eval clean lighthouse serve-built new-province national bench page-weight

help:
	@echo "make serve       set up .venv and serve the site at http://127.0.0.1:8000"
	@echo "make test        set up .venv and run every test"
	@echo "make build       check data, then build site/ (PROVINCE=..., SITE_DATE=YYYY-MM-DD)"
	@echo "make check-data  validate data/ without building"
	@echo "make schemas     re-export schemas/ from the models"
	@echo "make links       build, then check internal links/anchors and list external links"
	@echo "make search-eval build, then type every query of tests/search_queries.yaml into the search box"
	@echo "make freshness   list records past review_by and pages due for review"
	@echo "make lighthouse  build, serve like GitHub Pages, print Lighthouse mobile scores of four pages"
	@echo "make serve-built build, then serve site/ like GitHub Pages (gzip, cache headers) at http://127.0.0.1:8001"
	@echo "make new-province SLUG=ha-tinh NAME=\"Hà Tĩnh\" [FULL_NAME=...]  scaffold data/provinces/<slug>/"
	@echo "make national    build every province in one site (same as make build PROVINCE=ca-nuoc)"
	@echo "make bench       time the province build, a national synthetic build and a naive baseline"
	@echo "make page-weight build, then the gzip weight of each page's first load"

$(STAMP): requirements.txt package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; else echo "npm not found: accessibility tests will be skipped" >&2; fi
	touch $(STAMP)

serve: $(STAMP)
	$(PY) -m macros.cli.check
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(PY) -m macros.cli.build site

check-data: $(STAMP)
	$(PY) -m macros.cli.check

schemas: $(STAMP)
	$(PY) -m macros.cli.schemas

search-eval: build
	$(PY) -m tools.search_eval site

links: build
	$(PY) -m tools.links site

freshness: $(STAMP)
	$(PY) -m macros.cli.freshness

# Lighthouse is pinned in tools/lighthouse/package-lock.json and installed only here (not by `make test`).
LIGHTHOUSE_STAMP := tools/lighthouse/node_modules/.installed
$(LIGHTHOUSE_STAMP): tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund --silent
	touch $@

lighthouse: build $(LIGHTHOUSE_STAMP)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) -m tools.lighthouse.run site

serve-built: build
	$(PY) -m tools.ghpages site 8001

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf site .site.* .pytest_cache node_modules .lighthouse tools/lighthouse/node_modules

new-province: $(STAMP)
	@test -n "$(SLUG)" -a -n "$(NAME)" || { echo 'usage: make new-province SLUG=ha-tinh NAME="Hà Tĩnh" [FULL_NAME="tỉnh Hà Tĩnh"]' >&2; exit 2; }
	$(PY) -m macros.cli.scaffold "$(SLUG)" "$(NAME)" "$(FULL_NAME)"

national: $(STAMP)
	PROVINCE=ca-nuoc $(PY) -m macros.cli.build site

bench: $(STAMP)
	$(PY) -m tools.bench

page-weight: build
	$(PY) -m tools.pageweight site
