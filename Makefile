# Build infrastructure for the explainer.
#
#   make build      system libs + venv, then build the HTML and PDF
#   make test       system libs/browsers + venv + node, then lint, type-check, import layers, pytest
#   make golden     regenerate tests/golden/ from a fresh build (after an intended output change)
#   make screenshots  docs/img/embed-*.png, each embed code in an outlet's page
#   make venv       .venv from the hashed lock file with uv (re-run when the lock changes);
#                   make venv INSTALLER=pip does the same with plain pip
#   make node       node_modules from package-lock.json (axe-core)
#   make system     Debian packages for build and test (installs only what is missing)
#   make lock       re-pin requirements.lock and requirements-uv.lock from the .in files (needs PyPI)
#   make bench      run the benchmarks, if any
#   make clean      remove dist/, build/ and the install stamps (keeps .venv)
#   make distclean  clean + remove .venv, .tools and node_modules

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules --warn-undefined-variables

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements.lock
# uv, pinned and hashed, lives in its own venv: `uv pip sync` leaves .venv
# holding exactly the lock (it would remove uv itself from there).
TOOLS   := .tools
UV_LOCK := requirements-uv.lock
UV      := scripts/uv.sh
# uv or pip
INSTALLER ?= uv
# e.g. make lock PIP_COMPILE_ARGS=--upgrade
PIP_COMPILE_ARGS ?=
# pytest-xdist: -n auto is a worker per core plus one (the browser tests' worker mostly
# waits for Chromium); --dist loadgroup keeps the browser tests, and the readers of the
# variant build, each on one worker (tests/conftest.py).
PYTEST_ARGS ?= -n auto --dist loadgroup
# pytest runs with byte code written (__pycache__, git-ignored) even where the
# environment says not to (PYTHONDONTWRITEBYTECODE, common on CI images): the run
# starts some forty Python processes, and each would otherwise compile the
# explainer's modules again, and each worker rewrite the tests' asserts again.

VENV_STAMP := $(VENV)/.installed
UV_STAMP   := $(TOOLS)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: all build test golden screenshots venv node system system-build system-test lock bench clean distclean

all: build

# --- system packages (cheap dpkg checks; apt only runs when something is missing)
system: system-test

system-build:
	scripts/system-deps.sh build

system-test:
	scripts/system-deps.sh test

# --- Python virtualenv
venv: $(VENV_STAMP)

# The lock carries setuptools too, so the editable install builds without an
# unpinned build environment (--no-build-isolation).
ifeq ($(INSTALLER),uv)
$(VENV_STAMP): $(LOCK) pyproject.toml $(UV_STAMP)
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(VENV)
	$(UV) pip sync --quiet --compile-bytecode --python $(BIN)/python --require-hashes $(LOCK)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	touch $@
else ifeq ($(INSTALLER),pip)
$(VENV_STAMP): $(LOCK) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@
else
$(error INSTALLER must be uv or pip, not $(INSTALLER))
endif

# A venv without pip of its own is made in a fraction of the time; $(PYTHON)'s pip
# (>= 22.3, for --python) installs uv into it. Without such a pip, ensurepip adds one.
$(UV_STAMP): $(UV_LOCK)
	rm -rf $(TOOLS)
	$(PYTHON) -m venv --without-pip $(TOOLS)
	@pip=($(PYTHON) -m pip --python $(TOOLS)/bin/python); \
	if ! "$${pip[@]}" --version >/dev/null 2>&1; then \
	  $(TOOLS)/bin/python -m ensurepip --default-pip >/dev/null; \
	  pip=($(TOOLS)/bin/python -m pip); \
	fi; \
	echo "$${pip[*]} install --quiet --require-hashes --no-deps -r $(UV_LOCK)"; \
	"$${pip[@]}" install --quiet --require-hashes --no-deps -r $(UV_LOCK)
	touch $@

# Re-pin in a throwaway venv so pip-tools never lands in .venv.
# PIP_CONFIG_FILE=/dev/null and no PIP_*INDEX_URL/PIP_FIND_LINKS: resolve and hash
# against PyPI only, not local mirrors, and write no machine's paths into the locks.
lock:
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp/venv" && \
	"$$tmp/venv/bin/pip" install --quiet --upgrade pip pip-tools && \
	for pair in requirements-dev.in:$(LOCK) requirements-uv.in:$(UV_LOCK); do \
	  env -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null \
	  "$$tmp/venv/bin/pip-compile" --quiet $(PIP_COMPILE_ARGS) \
	    --generate-hashes --allow-unsafe --strip-extras \
	    --index-url https://pypi.org/simple --no-emit-index-url --no-emit-find-links \
	    --output-file "$${pair#*:}" "$${pair%%:*}"; \
	done

# --- Node tooling (axe-core)
node: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --include=dev --no-audit --no-fund
	touch $@

# --- main targets
build: system-build venv
	$(BIN)/explainer build

test: system-test venv node
	$(BIN)/ruff check explainer tests scripts
	$(BIN)/ruff format --check explainer tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest $(PYTEST_ARGS)

golden: venv
	$(BIN)/python -m tests.golden

# docs/img/embed-*.png: each embed code in an outlet's page (needs Chromium: make system-test)
screenshots: system-test venv
	PYTHONPATH=. $(BIN)/python scripts/embed_screenshots.py

bench: venv
	@if [ -f benchmarks/__main__.py ]; then \
	  $(BIN)/python -m benchmarks; \
	elif [ -f benchmarks/run.py ]; then \
	  $(BIN)/python benchmarks/run.py; \
	else \
	  echo "no benchmarks yet (add benchmarks/__main__.py or benchmarks/run.py)"; \
	fi

clean:
	rm -rf dist build *.egg-info explainer.egg-info $(VENV_STAMP) $(UV_STAMP) $(NODE_STAMP)

distclean: clean
	rm -rf $(VENV) $(TOOLS) node_modules .wordpress
