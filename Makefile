# Crime Map for QGIS. The two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PLUGIN := crimemap_plugin
VENV := .venv
PY := $(VENV)/bin/python
PROFILE_DIR := $(CURDIR)/profile
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
ZIP := dist/$(PLUGIN)-$(VERSION).zip
# Headless Qt for the unit and QGIS rings; an isolated HOME so no user settings leak in or out.
TEST_ENV := QT_QPA_PLATFORM=offscreen HOME=$(CURDIR)/build/test-home XDG_RUNTIME_DIR=$(CURDIR)/build/test-home/run \
	PYTHONDONTWRITEBYTECODE=1

.PHONY: deps run test lint package deploy bench clean translations

deps:
	@bash scripts/ensure-deps.sh

## make run: install what is missing, deploy into ./profile, start QGIS (or render headless)
run: deps
	@$(MAKE) --no-print-directory deploy PROFILE=$(PROFILE_DIR)/profiles/default
	@bash scripts/run.sh "$(PROFILE_DIR)"

## make test: unit tests, QGIS tests and the end-to-end desktop test
test: deps
	@rm -rf build/test-home && mkdir -p build/test-home/run && chmod 700 build/test-home/run
	$(TEST_ENV) $(PY) -m pytest tests/unit -p no:qgis -q
	$(TEST_ENV) $(PY) -m pytest tests/qgis -q
	@$(MAKE) --no-print-directory package
	$(TEST_ENV) $(PY) -m pytest tests/e2e -p no:qgis -q

lint: deps
	$(VENV)/bin/ruff check $(PLUGIN) tests scripts

## make package: the zip the Plugin Manager installs (tracked files only; no tests, caches, dev files)
package:
	@rm -rf build/package dist/$(PLUGIN)-*.zip && mkdir -p build/package dist
	@git ls-files -z $(PLUGIN) | xargs -0 -I{} cp --parents {} build/package/
	@git ls-files --others --exclude-standard -z $(PLUGIN) | xargs -0 -r -I{} cp --parents {} build/package/
	@cp metadata.txt LICENSE build/package/$(PLUGIN)/
	@rm -f $(ZIP) && cd build/package && zip -qr9 ../../$(ZIP) $(PLUGIN) -x '*__pycache__*' '*.pyc'
	@echo "$(ZIP)"

## make deploy PROFILE=<path to a QGIS profile>: install the plugin into that profile
deploy: package
	@test -n "$(PROFILE)" || (echo "usage: make deploy PROFILE=~/.local/share/QGIS/QGIS3/profiles/default" && false)
	@mkdir -p "$(PROFILE)/python/plugins"
	@rm -rf "$(PROFILE)/python/plugins/$(PLUGIN)"
	@cd "$(PROFILE)/python/plugins" && unzip -q -o "$(CURDIR)/$(ZIP)"
	@echo "Deployed to $(PROFILE)/python/plugins/$(PLUGIN)"

clean:
	rm -rf build dist $(PROFILE_DIR) .pytest_cache

## make translations: collect the strings into crimemap_plugin/i18n/*.ts and compile the .qm files
## (needs lrelease: apt-get install qttools5-dev-tools). The .qm files are committed.
translations:
	/usr/bin/python3 scripts/update_translations.py cy
	lrelease -silent $(PLUGIN)/i18n/crimemap_cy.ts -qm $(PLUGIN)/i18n/crimemap_cy.qm

## make bench: import benchmark (a national month three ways; MONTHS national months for memory)
MONTHS ?= 3
bench: deps
	QT_QPA_PLATFORM=offscreen $(PY) scripts/bench_import.py --months $(MONTHS)
