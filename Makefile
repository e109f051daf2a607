# SETA — two commands: `make demo` (install everything, start the demo) and `make test` (run all tests).
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
VENV := .venv
SETA := $(VENV)/bin/seta

.PHONY: demo test install python-deps assets system-deps browser lint typecheck openapi bench clean

demo: install
	$(SETA) demo

test: install browser
	$(VENV)/bin/pytest -n 2

install: python-deps assets system-deps

# uv (installed with pip when missing) and every Python dependency from the committed lock file.
python-deps: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --python 3.11
	@touch $@

# NL Design System CSS, design tokens, htmx and axe-core from the npm registry (package-lock.json).
assets: node_modules/.installed src/seta/web/assets/vendor/.built
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@
src/seta/web/assets/vendor/.built: node_modules/.installed scripts/build-assets.mjs
	npm run --silent build
	@touch $@

# WeasyPrint needs Pango (Debian's packages); installed when missing and we may use apt-get.
system-deps:
	@if ! ldconfig -p | grep -q libpangoft2-1.0; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	  else echo "Installeer Pango voor PDF's: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"; fi; \
	fi

# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium; no browser download).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Installeer Chromium voor de browsertests: sudo apt-get install chromium"; exit 1; fi; \
	fi

lint: python-deps
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

typecheck: python-deps
	$(VENV)/bin/mypy

# Regenerate the committed OpenAPI document after an API change.
openapi: python-deps
	$(SETA) spectacular --format openapi-json --file openapi/openapi.json --validate

bench: install
	$(VENV)/bin/python bench/run.py

clean:
	rm -rf $(VENV) node_modules src/seta/web/assets/vendor var
