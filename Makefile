# RightsDesk: `make run` to start the app, `make test` to run every test. See README.md.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PYBABEL := $(BIN)/pybabel
MESSAGES_PO := $(wildcard app/translations/*/LC_MESSAGES/messages.po)
HOST ?= 127.0.0.1
PORT ?= 5000
export PYTHONDONTWRITEBYTECODE :=

.PHONY: run install install-dev test test-fast browser-deps db index seed check bench clean translations translations-update

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Stamps: reinstall only when the requirement files change.
# Both stamps also compile the Spanish catalogue (the .mo is built from the committed .po).
$(VENV)/.runtime: requirements.txt $(MESSAGES_PO) | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	$(PYBABEL) compile -d app/translations
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(MESSAGES_PO) | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	$(PYBABEL) compile -d app/translations
	touch $(VENV)/.runtime $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

instance/secret_key:
	mkdir -p instance
	$(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > $@
	chmod 600 $@

db: install instance/secret_key
	$(FLASK) db upgrade

index: install instance/secret_key
	$(FLASK) library reindex

seed: db
	$(FLASK) users seed

run: db index seed
	@echo "Serving RightsDesk on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(FLASK) run --host $(HOST) --port $(PORT)

# Chromium and ChromeDriver from Debian's packages, for the browser tests.
browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "Installing Debian's chromium and chromium-driver"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; \
	fi

check: install-dev
	$(FLASK) library check

test: install-dev browser-deps
	CONTENT_DIR=$(CURDIR)/content SECRET_KEY=check-only $(FLASK) library check
	$(BIN)/python -m pytest

test-fast: install-dev
	$(BIN)/python -m pytest -m "not browser" -x -q

bench: install-dev
	$(BIN)/python -m bench

# Spanish interface (app/i18n.py). `translations-update` re-extracts the strings and merges them into
# messages.po; fill in every new or "fuzzy" msgstr, then `make translations` (tests check none is empty).
translations: install
	$(PYBABEL) compile -d app/translations

translations-update: install
	$(PYBABEL) extract -F babel.cfg -k lazy_gettext -k _l -k lazy_ngettext:1,2 --no-wrap --sort-by-file \
	  --project RightsDesk --copyright-holder RightsDesk -o app/translations/messages.pot .
	$(PYBABEL) update -i app/translations/messages.pot -d app/translations --no-wrap

clean:
	rm -rf $(VENV) instance/search_index .pytest_cache
