# Crime Map for QGIS. The two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PLUGIN := crimemap_plugin
VENV := .venv
# scripts/ensure-deps.sh creates the venv `make VENV=...` names.
export CRIMEMAP_VENV = $(VENV)
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

## make test: unit tests, QGIS tests and the end-to-end desktop test on this machine's QGIS, and the QGIS
## and end-to-end rings on QGIS 3.44 LTR in a Debian forky root (see test-root; TEST_ROOTS= skips it,
## TEST_ROOTS="forky trixie" adds 3.40). The roots are built and their rings run one after another in
## one background job, beside the host's rings (two cores: one each); its output is printed when it ends.
## A throw-away PostgreSQL cluster with PostGIS (scripts/postgis.sh) serves the tests of the team store,
## a database for the host's rings and one for each root's; it is stopped when the tests end, whatever
## their outcome.
TEST_ROOTS ?= forky
test: deps
	@rm -rf build/test-home && mkdir -p build/test-home/run build/logs && chmod 700 build/test-home/run
	@bash scripts/postgis.sh start
	@roots=""; trap 'kill $$roots 2>/dev/null || true; bash scripts/postgis.sh stop || true' EXIT; set -e; \
	$(MAKE) --no-print-directory package; \
	export CRIMEMAP_TEST_PG="$$(bash scripts/postgis.sh url)"; \
	for r in $(TEST_ROOTS); do CRIMEMAP_PG_DB=crimemap_test_$$r bash scripts/postgis.sh start >/dev/null; done; \
	( set +e; rc=0; for r in $(TEST_ROOTS); do s=$$SECONDS; \
		$(MAKE) --no-print-directory root-ready root-rings ROOT=$$r \
			CRIMEMAP_TEST_PG="$$(CRIMEMAP_PG_DB=crimemap_test_$$r bash scripts/postgis.sh url)" || rc=1; \
		echo "test: the $$r root, rings and all, took $$((SECONDS - s)) s"; \
	done; exit $$rc ) > build/logs/roots.log 2>&1 & roots=$$!; \
	failed=0; \
	s=$$SECONDS; $(TEST_ENV) $(PY) -m pytest tests/unit -p no:qgis -q || failed=1; \
	echo "test: unit ring took $$((SECONDS - s)) s"; \
	s=$$SECONDS; $(TEST_ENV) $(PY) -m pytest tests/qgis -q || failed=1; echo "test: QGIS ring took $$((SECONDS - s)) s"; \
	s=$$SECONDS; $(TEST_ENV) $(PY) -m pytest tests/e2e -p no:qgis -q || failed=1; \
	echo "test: e2e ring took $$((SECONDS - s)) s"; \
	wait $$roots || failed=1; roots=""; \
	echo "=== the Debian roots ($(or $(TEST_ROOTS),none); build/logs/roots.log) ==="; cat build/logs/roots.log; \
	exit $$failed

## make postgis-schema [SCHEMA=crimemap]: the SQL an administrator runs to create a team store and its
## roles (crimemap_analyst may import, crimemap_viewer may read), in build/crimemap-postgis.sql
SCHEMA ?= crimemap
.PHONY: postgis-schema
postgis-schema:
	@mkdir -p build
	@/usr/bin/python3 -c "import sys; sys.path.insert(0, '.'); from crimemap_plugin.core.store.postgis_schema import \
	schema_sql; print(schema_sql('$(SCHEMA)'), end='')" > build/crimemap-postgis.sql
	@echo "build/crimemap-postgis.sql (run it with: psql -d <database> -f build/crimemap-postgis.sql)"

## make test-root ROOT=forky: the QGIS and end-to-end rings on another QGIS, in a Debian root that
## scripts/qgis-root.sh builds under build/roots (forky: QGIS 3.44 LTR, trixie: 3.40). Needs root
## (debootstrap, mount, chroot). The root has its own venv and HOME; the real test data is bound read-only.
ROOT ?= forky
ROOT_VENV = build/venv-$(ROOT)
ROOT_HOME = $(CURDIR)/build/test-home-$(ROOT)
SHARED_DATA ?= $(or $(CRIMEMAP_SHARED_DATA),$(abspath $(CURDIR)/../shared/data))
IN_ROOT = $(if $(wildcard $(SHARED_DATA)),QGIS_ROOT_BIND=$(SHARED_DATA)) bash scripts/qgis-root.sh run $(ROOT)
# XVFB_FROM: the first X display the root's desktop tests try (another range than the host's, which
# shares the network namespace and so X's abstract sockets)
XVFB_FROM ?= 199
ROOT_TEST_ENV = QT_QPA_PLATFORM=offscreen HOME=$(ROOT_HOME) XDG_RUNTIME_DIR=$(ROOT_HOME)/run \
	PYTHONDONTWRITEBYTECODE=1 CRIMEMAP_SHARED_DATA=$(SHARED_DATA) CRIMEMAP_XVFB_FROM=$(XVFB_FROM)
# Both rings run, so a failure in one does not hide the other's results. pytest-qgis 5 (QGIS >= 3.34) keeps
# its profile in .qgis-settings at the repository root: removed before and after.
.PHONY: test-root root-ready root-rings
test-root: package
	@$(MAKE) --no-print-directory root-ready ROOT=$(ROOT)
	@trap 'bash scripts/postgis.sh stop' EXIT; bash scripts/postgis.sh start; \
	CRIMEMAP_TEST_PG="$$(bash scripts/postgis.sh url)" $(MAKE) --no-print-directory root-rings ROOT=$(ROOT)

## the root and its venv (idempotent)
root-ready:
	@s=$$SECONDS; bash scripts/qgis-root.sh build $(ROOT) && echo "test-root: $(ROOT) root ready in $$((SECONDS - s)) s"
	@s=$$SECONDS; $(IN_ROOT) env CRIMEMAP_VENV=$(ROOT_VENV) bash scripts/ensure-deps.sh \
		&& echo "test-root: venv ready in $$((SECONDS - s)) s"

## the QGIS and end-to-end rings inside the root (the package built; CRIMEMAP_TEST_PG, when set, is the
## host's PostgreSQL: the root shares the host's network)
root-rings:
	@rm -rf $(ROOT_HOME) .qgis-settings && mkdir -p $(ROOT_HOME)/run && chmod 700 $(ROOT_HOME)/run
	@failed=0; for ring in "tests/qgis" "tests/e2e -p no:qgis"; do \
		s=$$SECONDS; $(IN_ROOT) env $(ROOT_TEST_ENV) $(if $(CRIMEMAP_TEST_PG),CRIMEMAP_TEST_PG=$(CRIMEMAP_TEST_PG)) \
			$(ROOT_VENV)/bin/python -m pytest $$ring -q || failed=1; \
		echo "test-root: $${ring%% *} on $(ROOT) took $$((SECONDS - s)) s"; \
	done; rm -rf .qgis-settings; exit $$failed

lint: deps
	$(VENV)/bin/ruff check $(PLUGIN) tests scripts
	QT_QPA_PLATFORM=offscreen $(PY) scripts/check_qt6.py $(PLUGIN) tests scripts

## make qt6-check: the Qt5-only idioms QGIS 4 (Qt 6) rejects, one line each (scripts/check_qt6.py)
.PHONY: qt6-check
qt6-check: deps
	QT_QPA_PLATFORM=offscreen $(PY) scripts/check_qt6.py $(PLUGIN) tests scripts

## make package: the zip the Plugin Manager installs (tracked files only; no tests, caches, dev files)
package:
	@rm -rf build/package dist/$(PLUGIN)-*.zip && mkdir -p build/package dist
	@git ls-files -z --cached --others --exclude-standard $(PLUGIN) | \
		xargs -0 -r sh -c 'for f; do [ ! -e "$$f" ] || cp --parents "$$f" build/package/; done' _
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

## make bench: the speed goals (README, Performance): the import three ways, counts in polygons, the dock on
## MONTHS national months (36) and neighbourhoods, memory per process, then hot spots; each figure against its goal
MONTHS ?= 36
bench: deps
	QT_QPA_PLATFORM=offscreen $(PY) scripts/bench_import.py --months $(MONTHS)
	QT_QPA_PLATFORM=offscreen $(PY) scripts/bench_hotspots.py
