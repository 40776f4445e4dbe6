# The assistant's commands. `make help` lists them; `make run` and `make test`
# set up a fresh machine on their own.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa's telemetry would send usage data off the machine.
export RASA_TELEMETRY_ENABLED := false

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/assistant.tar.gz
# The chat widget (rasa-webchat, pinned in web/package-lock.json).
WEBCHAT := web/node_modules/.installed
# Retrain when anything the model is built from changes.
MODEL_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) \
	$(wildcard bot/rasa_plugins/components/*.py)

.PHONY: help setup venv index model run shell test test-fast bench lint format clean \
	system-deps purge report

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'

venv: ## Create or update .venv from requirements.lock (Python 3.10)
	@scripts/setup_venv.sh

setup: venv ## Everything run and test need: venv, corpus index, trained model, widget
	@$(MAKE) --no-print-directory index
	@$(MAKE) --no-print-directory $(MODEL) $(WEBCHAT)

$(WEBCHAT): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found; install Node.js" \
		"18+ with npm (e.g. apt-get install nodejs npm), then re-run"; exit 1; }
	cd web && npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

index: venv ## Build the corpus passages and FAISS index if a source or the model changed
	@$(PY) -m bot.corpus build

$(MODEL): $(MODEL_INPUTS) | venv
	$(RASA) train --domain domain.yml --data data --config config.yml \
		--out models --fixed-model-name assistant
	@touch $@

model: venv ## Train the Rasa model if its data, domain or config changed
	@$(MAKE) --no-print-directory $(MODEL)

run: setup ## Start the action server and Rasa server (REST, socket.io); Ctrl-C stops all
	$(PY) -m bot.serve.launcher run

shell: setup ## Talk to the bot in a terminal (rasa shell) for support staff
	$(PY) -m bot.serve.launcher shell

test: setup system-deps ## Run the whole suite (unit, data validation, story tests, servers)
	$(PY) -m pytest

test-fast: venv index ## Unit tests for every edit: no servers, no training, no system packages
	$(PY) -m pytest -m "not slow and not integration"

system-deps: ## Install the Debian packages tests use (PostgreSQL, Redis, Chromium; needs root)
	@scripts/system_deps.sh

lint: venv ## Check formatting and style with ruff
	$(VENV)/bin/ruff check bot actions tools tests
	$(VENV)/bin/ruff format --check bot actions tools tests

format: venv ## Reformat and auto-fix the code with ruff
	$(VENV)/bin/ruff format bot actions tools tests
	$(VENV)/bin/ruff check --fix bot actions tools tests

purge: venv ## Delete conversations idle longer than RETENTION_DAYS (default 30); run also daily by `make run`
	$(PY) -m bot.privacy purge

bench: setup ## Measure speed and memory, write docs/benchmarks.md (one part: BENCH=growth)
	$(PY) -m tools.bench $(BENCH)

# The review quotes patients: a local file, mode 600, git-ignored, never served.
SINCE ?= 7d
report: venv ## Write the conversation review to .run/report.html (SINCE=7d)
	$(PY) -m bot.report --since $(SINCE)

clean: ## Remove trained models and run-time state (keeps .venv)
	rm -rf models .rasa .run results
