# Veilignet: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: run test test-browser lint lock messages clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

## Set up, migrate SQLite, load the synthetic demo region and serve it.
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo --if-empty
	@echo ""
	@echo "Veilignet runs at http://127.0.0.1:$(PORT)/  (stop with Ctrl+C)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## The full test suite (browser tests are skipped when /usr/bin/chromium is missing).
test: $(VENV)/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

## Only the end-to-end tests in headless Chromium.
test-browser: $(VENV)/.installed
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

## Regenerate the lock file from pyproject.toml in a clean environment.
lock:
	rm -rf /tmp/veilignet-lock && $(PYTHON) -m venv /tmp/veilignet-lock
	/tmp/veilignet-lock/bin/pip install --quiet --disable-pip-version-check ".[dev]"
	/tmp/veilignet-lock/bin/pip freeze --exclude veilignet > requirements.lock

## Update and compile the Dutch translations of the given apps (default: all apps).
APPS ?= $(notdir $(patsubst %/apps.py,%,$(wildcard src/veilignet/*/apps.py)))
messages: $(VENV)/.installed
	for app in $(APPS); do \
	  (cd src/veilignet/$$app && mkdir -p locale && \
	   DJANGO_SETTINGS_MODULE=veilignet.settings ../../../$(BIN)/django-admin makemessages -l nl --no-obsolete --no-location && \
	   DJANGO_SETTINGS_MODULE=veilignet.settings ../../../$(BIN)/django-admin compilemessages -l nl) || exit 1; \
	done

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm
