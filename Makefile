# Two commands on a fresh Debian machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 0.0.0.0
PORT ?= 8000
WORKERS ?= 2
export FLASK_APP := wsgi

.PHONY: run test lint format setup venv translations db chromium axe redis messages bench clean

# Web and notification worker in one command; links in notifications point at this machine's LAN
# address unless PUBLIC_BASE_URL says otherwise.
run: setup db
	@lan=$$(hostname -I 2>/dev/null | awk '{print $$1}'); \
	export PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://$${lan:-localhost}:$(PORT)}; \
	echo "Serving on http://$(HOST):$(PORT); phones on this network: http://$${lan:-localhost}:$(PORT)  (stop with Ctrl+C)"; \
	$(BIN)/flask notify worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	SECURE_COOKIES=$${SECURE_COOKIES:-0} $(BIN)/gunicorn --worker-class app.gunicorn_worker.Worker --workers $(WORKERS) --threads 4 \
	  --no-control-socket --bind $(HOST):$(PORT) --access-logfile - \
	  --forwarded-allow-ips="$${FORWARDED_ALLOW_IPS:-127.0.0.1}" wsgi:app

# Two pytest-xdist workers, each with its own database (PYTEST_WORKERS=0: one process).
PYTEST_WORKERS ?= 2
test: setup chromium axe redis
	$(BIN)/python tools/po.py check
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

# Lint and formatting, as CI checks them (`make format` rewrites).
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

setup: venv translations static

venv: $(BIN)/.installed

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

translations: venv
	$(BIN)/pybabel compile -d translations --statistics 2>&1 | grep -v "^$$" || true
	@test -f translations/vi/LC_MESSAGES/messages.mo || { echo "translations did not compile"; exit 1; }

# Precompressed copies so WhiteNoise serves gzip without compressing per request.
static: venv
	$(BIN)/python -m whitenoise.compress static >/dev/null

db: setup
	$(BIN)/flask db upgrade heads
	$(BIN)/flask seed-demo

# Debian's Chromium for the browser tests (never `playwright install`).
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# redis-server for the tests of the Redis-backed throttles and counters (each test run starts its own).
redis:
	@command -v redis-server >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; }

# axe-core from the npm registry for the accessibility tests.
axe: tests/a11y/node_modules/axe-core/axe.min.js

tests/a11y/node_modules/axe-core/axe.min.js: tests/a11y/package.json tests/a11y/package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; }
	cd tests/a11y && npm ci --no-audit --no-fund --loglevel=error
	touch $@

messages: venv
	$(BIN)/python tools/po.py update
	$(BIN)/python tools/po.py missing

clean:
	rm -rf $(VENV) translations/*/LC_MESSAGES/*.mo
