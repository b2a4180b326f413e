# Assetdrop: `make run` and `make test` are the only set-up a fresh Debian/Ubuntu machine needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
S3VENV := .venv-s3
LOCALSTACK_PIN := "localstack-core[base-runtime]==4.14.0" "cryptography<45" "pyopenssl<25" "service-identity<25" "cbor2<5.7"
# Debian packages: what the window needs to run (Qt's xcb platform libraries), and what the tests add (curl as a
# reference client, a real keyring under dbus, Xvfb for a real window without a screen).
RUN_PACKAGES := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 \
  libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-randr0 libfontconfig1 libdbus-1-3 libegl1 libgl1
# Packaging: readelf/objdump (binutils) compute the .deb's Depends from what the bundle links, so every library
# the bundle needs (the run-time ones plus Qt's wayland client libraries) must be installed where it is built;
# patchelf and strip tidy the bundle's binaries (packaging/deb/tidy_bundle.py).
PACKAGING_PACKAGES := $(RUN_PACKAGES) binutils patchelf libwayland-client0 libwayland-cursor0 libwayland-egl1
# The tests also build the package and check it with desktop-file-validate, appstreamcli, lintian and man.
TEST_PACKAGES := $(RUN_PACKAGES) curl dbus dbus-x11 gnome-keyring xvfb xauth $(PACKAGING_PACKAGES) \
  desktop-file-utils appstream lintian man-db tinyproxy-bin
PYTEST_ARGS ?=

.PHONY: run test coverage mutation lint bench package translations update-translations deps packaging-deps run-deps \
  system-deps packaging-system-deps localstack-venv clean

## Install Assetdrop, its test tools and the sandbox's extra (Pillow, for renditions) into .venv (re-run when
## pyproject.toml changes).
deps: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,sandbox]'
	touch $@

## PyInstaller in .venv (make package, and make test, which builds and checks the package).
packaging-deps: $(VENV)/.packaging-installed
$(VENV)/.packaging-installed: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[packaging]'
	touch $@

## Debian packages, installed when missing and when we are root (CI is); otherwise print what to install.
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian packages:" $$missing; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "Missing Debian packages (install them with sudo apt install):" $$missing; exit 1; fi
endef

run-deps:
	$(call apt_install,$(RUN_PACKAGES))

system-deps:
	$(call apt_install,$(TEST_PACKAGES))

packaging-system-deps:
	$(call apt_install,$(PACKAGING_PACKAGES))

## LocalStack (the independent S3 oracle) needs Python 3.13 and its own venv.
localstack-venv: $(S3VENV)/.installed
$(S3VENV)/.installed:
	@py=""; for c in $$(ls -d $$(pyenv root 2>/dev/null)/versions/3.13*/bin/python3.13 2>/dev/null) $$(command -v python3.13); do \
	  if "$$c" -c 'import sys; assert sys.version_info[:2] == (3, 13)' 2>/dev/null; then py=$$c; break; fi; done; \
	if [ -z "$$py" ]; then echo "LocalStack needs python3.13 (pyenv install 3.13, or your distribution's package)"; exit 1; fi; \
	echo "Creating $(S3VENV) with $$py"; \
	$$py -m venv $(S3VENV) && $(S3VENV)/bin/pip install --quiet $(LOCALSTACK_PIN)
	touch $@

## The window's translations: resources/translations/*.ts (committed, edited with pyside6-linguist) compiled into
## .qm (not committed: built from the .ts by pyside6-lrelease, which PySide6-Essentials ships, so no network).
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)
translations: $(QM_FILES)
resources/translations/%.qm: resources/translations/%.ts $(VENV)/.installed
	$(BIN)/pyside6-lrelease -silent $< -qm $@

## After changing the window's strings: bring the .ts up to date with the code (then translate what is new);
## tests/gui/test_translations.py fails while any entry is new, unfinished or obsolete.
## assetdrop_en.ts holds only the plurals (English is the source text), the others every string.
## The core's sentences (translate("context", "...") from core/sentence.py) are read from core/ too.
QT_SOURCES = $(sort $(wildcard gui/assetdrop/qt/*.py))
CORE_SOURCES = $(sort $(shell find gui/assetdrop/core -name '*.py'))
TR_SOURCES = $(QT_SOURCES) $(CORE_SOURCES)
update-translations: deps
	$(BIN)/pyside6-lupdate -silent -locations none -no-obsolete $(TR_SOURCES) -ts $(filter-out %_en.ts,$(TS_FILES))
	$(BIN)/pyside6-lupdate -silent -locations none -no-obsolete -pluralonly $(TR_SOURCES) -ts resources/translations/assetdrop_en.ts

## Lint and types: ruff (rules and formatting) over the code, mypy (strict on core/, checked on qt/ and the CLI).
lint: deps
	$(BIN)/ruff check gui tests bench packaging
	$(BIN)/ruff format --check gui tests bench packaging
	$(BIN)/mypy

## Run every test: unit, integration (real sockets, sandbox, LocalStack), keyring under a real dbus session.
## ASSETDROP_REQUIRE_PACKAGING=1: the package smoke test (tests/e2e/test_package.py) fails instead of skipping.
## Each ASSETDROP_REQUIRE_* flag turns a missing tool into a failure instead of a skip (tests/support/require.py);
## ROOT (tmpfs mounts, another user) only when run as root. tests/run-split.sh runs reliability beside the rest.
test: deps packaging-deps system-deps localstack-venv lint translations
	ASSETDROP_REQUIRE_LOCALSTACK=1 ASSETDROP_REQUIRE_KEYRING=1 ASSETDROP_REQUIRE_PACKAGING=1 ASSETDROP_REQUIRE_XVFB=1 \
	  ASSETDROP_REQUIRE_ROOT=$(if $(filter 0,$(shell id -u)),1,0) QT_QPA_PLATFORM=offscreen \
	  dbus-run-session -- bash tests/with-keyring.sh bash tests/run-split.sh $(BIN)/python $(PYTEST_ARGS)

## Coverage of the whole suite (make test's run under coverage.py, subprocesses and QThreads included; about a third
## slower, so not part of make test): a report per module, then build/coverage/html/index.html.
coverage: deps packaging-deps system-deps localstack-venv translations
	rm -rf build/coverage && mkdir -p build/coverage
	-ASSETDROP_REQUIRE_LOCALSTACK=1 ASSETDROP_REQUIRE_KEYRING=1 ASSETDROP_REQUIRE_PACKAGING=1 ASSETDROP_REQUIRE_XVFB=1 \
	  ASSETDROP_REQUIRE_ROOT=$(if $(filter 0,$(shell id -u)),1,0) QT_QPA_PLATFORM=offscreen \
	  RUNNER="-m coverage run -m pytest" COVERAGE_RCFILE=$(CURDIR)/pyproject.toml COVERAGE_FILE=$(CURDIR)/build/coverage/data \
	  dbus-run-session -- bash tests/with-keyring.sh bash tests/run-split.sh $(BIN)/python $(PYTEST_ARGS)
	$(BIN)/python -m coverage combine --quiet
	$(BIN)/python -m coverage report
	$(BIN)/python -m coverage html --quiet -d build/coverage/html

## Mutation testing (mutmut) of core/transfer, core/queue, core/providers and core/http.py: the score and the
## survivors (tests/run-mutation.sh; not part of make test). MUTATION_ONLY=<glob> narrows it.
mutation: deps system-deps
	$(BIN)/pip install --quiet -e ".[mutation]"
	QT_QPA_PLATFORM=offscreen bash tests/run-mutation.sh $(BIN)/python

## Open Assetdrop; on first run it creates the Sandbox profile and starts the built-in sandbox with the window.
run: deps run-deps translations
	$(BIN)/python -m assetdrop.qt.app

## Benchmarks: print figures, assert nothing. aria2 is bench/wan.py's segmented-download reference.
bench: deps system-deps
	$(call apt_install,jq aria2)
	$(BIN)/python bench/transfer_vs_curl.py
	$(BIN)/python bench/many_small_files.py
	$(BIN)/python bench/gui_scale.py
	$(BIN)/python bench/scaling.py
	$(BIN)/python bench/wan.py

## PyInstaller one-folder bundle (dist/assetdrop/) and dist/assetdrop_<version>-<revision>_amd64.deb; see packaging/README.md.
package: deps packaging-deps packaging-system-deps translations
	PYTHON=$(BIN)/python packaging/build.sh dist build

clean:
	rm -rf $(VENV) $(S3VENV) build dist .pytest_cache
