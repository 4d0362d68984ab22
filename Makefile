# Focus: two commands on a fresh machine.
#   make demo   installs, migrates, loads the real dataset and serves http://127.0.0.1:8000
#   make test   runs the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV := .venv
PY := $(VENV)/bin/python
# Local use only: production sets DEBUG and SECRET_KEY in its environment.
export DEBUG ?= true

.PHONY: demo install npm migrate seed serve test lint check-messages bench format messages clean

demo: install migrate seed
	@echo ""
	@echo "Focus is loaded. To create an editor account (in the Editors group, for /admin/):"
	@echo "    DEBUG=true $(PY) manage.py create_editor YOUR_NAME you@example.org"
	@echo "and an administrator (who also manages accounts):"
	@echo "    DEBUG=true $(PY) manage.py create_editor YOUR_NAME you@example.org --administrator"
	@echo ""
	@echo "Serving on http://$(HOST):$(PORT)/ with a background worker that reads uploaded files (Ctrl-C stops both)."
	$(PY) manage.py db_worker --no-startup-delay & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT)

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: $(VENV)/.installed

# Front-end tools from npm: axe-core for the accessibility tests, and what rebuilds the
# map's geometry (scripts/build_world_map.mjs). Nothing from npm is served to visitors.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

npm: node_modules/.installed

migrate: install
	$(PY) manage.py migrate --noinput

# Third-party texts are imported from ../shared/data/texts when it is there; they are
# never copied into the repository.
SHARED_TEXTS ?= ../shared/data/texts
# UPR Info's export of UPR recommendations, likewise imported from where it lies.
SHARED_UPR ?= ../shared/data/upr_info
seed: install
	$(PY) manage.py load_seed
	@if [ -f "$(SHARED_TEXTS)/manifest.csv" ]; then $(PY) manage.py import_texts "$(SHARED_TEXTS)"; \
	else echo "No $(SHARED_TEXTS)/manifest.csv: the library's full texts are not imported."; fi
	@if [ -d "$(SHARED_UPR)" ]; then $(PY) manage.py import_upr_info "$(SHARED_UPR)"; \
	else echo "No $(SHARED_UPR): the UPR recommendations are not imported."; fi

serve: install
	$(PY) manage.py runserver $(HOST):$(PORT)

# The slowest tests are listed at the end, to keep an eye on the CI time.
test: install npm
	$(PY) -m pytest -n $${PYTEST_WORKERS:-auto} --durations=15 $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory check-messages

# Every UI string is translated, nothing is fuzzy, and the compiled catalogues are current
# (needs GNU gettext: apt-get install gettext).
# makemessages runs on copies, so the check leaves the catalogues untouched.
check-messages: install
	@rm -rf var/messages-check && mkdir -p var/messages-check && cp -r focus/locale var/messages-check/
	@$(PY) manage.py makemessages -l es -l fr $(MESSAGES_ARGS) >/dev/null
	@status=0; for l in es fr; do \
	  po=focus/locale/$$l/LC_MESSAGES/django.po; \
	  missing=$$(msgattrib --untranslated --no-obsolete $$po | grep -c '^msgid' || true); \
	  fuzzy=$$(msgattrib --only-fuzzy --no-obsolete $$po | grep -c '^msgid' || true); \
	  if [ "$$missing$$fuzzy" != "00" ]; then echo "$$po: $$missing untranslated, $$fuzzy fuzzy (run make messages)"; status=1; fi; \
	  msgfmt -o /tmp/focus-$$l.mo $$po && cmp -s /tmp/focus-$$l.mo focus/locale/$$l/LC_MESSAGES/django.mo \
	    || { echo "$$po: django.mo is out of date (run make messages)"; status=1; }; \
	done; cp -r var/messages-check/locale focus/; exit $$status

bench: install
	$(PY) scripts/bench.py
	$(PY) scripts/bench_open_data.py
	$(PY) scripts/bench_standards.py
	$(PY) scripts/bench_incidents.py
	$(PY) scripts/bench_briefs.py
	$(PY) scripts/bench_reports.py
	$(PY) scripts/bench_alerts.py

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

MESSAGES_ARGS := --no-location --ignore=.venv --ignore=.tools --ignore=scripts -e html,txt,py,svg
messages: install
	$(PY) manage.py makemessages -l es -l fr $(MESSAGES_ARGS)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.tools

clean:
	rm -rf $(VENV) .tools var/static
