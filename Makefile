# The two commands of the README: `make serve` and `make test`. Everything else
# they need (a virtual environment, the packages) they install themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: setup build serve test lint clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(INSTALLED)

setup: $(INSTALLED)

build: $(INSTALLED)
	$(BIN)/python build_graph.py

serve: build
	$(BIN)/outsourcing-catalogue serve

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

clean:
	rm -rf build

# --- pages and linked data (server/pages, server/linked_data) -------------------------------
# The query editor is YASGUI from npm (web/package-lock.json pins it), copied into the
# static folder the app serves; the browser tests drive Debian's chromium, and a CJK font
# makes Chinese render in their screenshots. Each step is skipped when already done.
YASGUI := server/static/vendor/yasgui/yasgui.min.js

.PHONY: web browser

test: web browser
serve: web

web: $(YASGUI)

$(YASGUI): web/package.json web/package-lock.json
	command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm)
	cd web && npm ci --no-audit --no-fund --ignore-scripts
	mkdir -p $(dir $(YASGUI))
	cp web/node_modules/@zazuko/yasgui/build/yasgui.min.js web/node_modules/@zazuko/yasgui/build/yasgui.min.css $(dir $(YASGUI))

browser:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "wenquanyi micro hei"; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei; \
	fi
# --- end of pages and linked data ------------------------------------------------------------

# --- JSON API and Skosmos-compatible REST (server/api, server/skosmos_rest) ------------------
# The API's docs page is Swagger UI from npm (the same web/package-lock.json), copied beside
# YASGUI; its initializer is ours (server/static/api-docs.js), so only the bundle is needed.
SWAGGER_UI := server/static/vendor/swagger-ui/swagger-ui-bundle.js

web: $(SWAGGER_UI)

$(SWAGGER_UI): $(YASGUI)
	mkdir -p $(dir $(SWAGGER_UI))
	cp web/node_modules/swagger-ui-dist/swagger-ui-bundle.js web/node_modules/swagger-ui-dist/swagger-ui.css $(dir $(SWAGGER_UI))
# --- end of JSON API and Skosmos-compatible REST ---------------------------------------------

# --- SKOS and linked-data consumers (tests/consumers) ----------------------------------------
# The tools people already use on a SKOS vocabulary, run by the tests on our outputs. Each has
# a venv of its own, since their pins are not ours (skosprovider_rdf wants rdflib 6; pyLODE's
# VocPub profile needs Python 3.12). A venv is made once, and again when its requirements change.
CONSUMERS := skosprovider voc4cat pylode
PYTHON312 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) $(shell command -v python3.12))

.PHONY: consumers

test: consumers

consumers: $(foreach tool,$(CONSUMERS),.venv-$(tool)/.installed)

.venv-%/.installed: tests/consumers/requirements/%.txt
	@test -n "$(CONSUMER_PYTHON)" || { echo "no Python for .venv-$* (pyLODE needs 3.12: make PYTHON312=...)"; exit 1; }
	$(CONSUMER_PYTHON) -m venv .venv-$*
	.venv-$*/bin/pip install --quiet -r $<
	touch $@

.venv-%/.installed: CONSUMER_PYTHON = $(PYTHON)
.venv-pylode/.installed: CONSUMER_PYTHON = $(PYTHON312)
# --- end of consumers ------------------------------------------------------------------------

# --- reconciliation (server/reconcile, tests/reconcile) --------------------------------------
# The tests drive the real client, OpenRefine 3.6.2, which Debian packages (~300 MB with its
# Java libraries); installed once, skipped when present.
.PHONY: openrefine

test: openrefine

openrefine:
	@command -v openrefine >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openrefine)
# --- end of reconciliation -------------------------------------------------------------------

# --- replicas behind nginx (deploy/, tests/replicas) -----------------------------------------
# The replica tests start Debian's nginx (1.22) from deploy/nginx as balancer and cache in
# front of two real servers; installed once, skipped when present. The soak is not a test:
# `make soak` runs it for 10 minutes (bench/soak.py).
.PHONY: nginx soak

test: nginx

nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx)

soak: build nginx
	$(BIN)/python bench/soak.py
# --- end of replicas -------------------------------------------------------------------------

# --- remote stores (server/store/remote*.py, catalogue/remote, tests/remote_store) -----------
# The remote-store tests start real engines: `oxigraph serve` (pip, the test extras) and
# Debian's Virtuoso 7.2 (virtuoso-t, isql-vt), installed once, skipped when present.
.PHONY: virtuoso

test: virtuoso

virtuoso:
	@command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource)
# --- end of remote stores --------------------------------------------------------------------
