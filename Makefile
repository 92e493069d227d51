# The README's two commands: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORE_STAMP := $(VENV)/.installed-core
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup demo test lint bench clean chromium java

# The core only (what `make demo` needs: no torch, pyspark or playwright).
$(CORE_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(CORE_STAMP)

# Everything the tests use (the dev extra: torch CPU, pyspark, playwright, ...).
$(STAMP): $(CORE_STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(CORE_STAMP)
	$(BIN)/crosswire brief examples/ishiba-visit/

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# Debian's chromium for the browser tests (Playwright drives it; never `playwright install`).
chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

# Java 17+ for the Spark backend's test (pyspark runs a local JVM).
java:
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq openjdk-17-jre-headless; }

test: $(STAMP) chromium java lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build src/*.egg-info
