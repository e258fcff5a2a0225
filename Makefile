# The two commands a new user needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi
PYTEST_ARGS ?=

.PHONY: run test lint assets install install-dev chromium translations bench clean-db

run: install assets translations
	$(BIN)/flask serve --host $(HOST) --port $(PORT)

test: install-dev assets translations chromium
	$(BIN)/ruff check conference tests bench
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

# Lint: style, the domains' import contracts (pyproject.toml), no function above complexity 20.
lint: install-dev
	$(BIN)/ruff check conference tests bench
	$(BIN)/ruff format --check conference tests bench
	$(BIN)/lint-imports
	$(BIN)/xenon --max-absolute C conference

install: $(VENV)/.run-installed
install-dev: $(VENV)/.dev-installed

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-installed: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $(VENV)/.run-installed $@

# Front-end packages come pinned from npm and are served from our own origin.
assets: static/vendor/.installed
static/vendor/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf static/vendor && mkdir -p static/vendor/bootstrap static/vendor/bootstrap-icons static/vendor/chartjs static/vendor/jsqr
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/LICENSE static/vendor/bootstrap/
	cp -r node_modules/bootstrap-icons/font/bootstrap-icons.min.css node_modules/bootstrap-icons/font/fonts node_modules/bootstrap-icons/LICENSE static/vendor/bootstrap-icons/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/LICENSE.md static/vendor/chartjs/
	cp node_modules/jsqr/dist/jsQR.js node_modules/jsqr/LICENSE static/vendor/jsqr/
	mkdir -p static/vendor/fonts
	for f in noto-sans:NotoSans noto-sans-arabic:NotoSansArabic noto-sans-devanagari:NotoSansDevanagari noto-sans-jp:NotoSansJP noto-sans-kr:NotoSansKR noto-sans-sc:NotoSansSC; do \
		cp node_modules/@expo-google-fonts/$${f%%:*}/400Regular/$${f#*:}_400Regular.ttf node_modules/@expo-google-fonts/$${f%%:*}/700Bold/$${f#*:}_700Bold.ttf static/vendor/fonts/; done
	cp node_modules/@expo-google-fonts/noto-sans/LICENSE_FONT static/vendor/fonts/OFL.txt
	touch $@

translations: install
	$(BIN)/pybabel compile -d conference/translations >/dev/null

# Browser tests need Debian's Chromium. CI installs it; locally the tests skip with a reason.
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ "$$CI" = "true" ]; then \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null; fi

bench: install-dev assets
	$(BIN)/python bench/capacity.py
