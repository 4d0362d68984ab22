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

.PHONY: demo install migrate seed serve test test-fast lint format messages bench clean

demo: install migrate seed
	@echo ""
	@echo "Focus is loaded. To create an editor account (in the Editors group, for /admin/):"
	@echo "    $(PY) manage.py create_editor YOUR_NAME you@example.org"
	@echo "and an administrator (who also manages accounts):"
	@echo "    $(PY) manage.py create_editor YOUR_NAME you@example.org --administrator"
	@echo ""
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops)."
	$(PY) manage.py runserver $(HOST):$(PORT)

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

seed: install
	$(PY) manage.py load_seed

serve: install
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest -n $${PYTEST_WORKERS:-auto} $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	$(PY) manage.py makemessages -l es -l fr --no-location --ignore=.venv --ignore=.tools
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.tools

clean:
	rm -rf $(VENV) .tools var/static
