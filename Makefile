# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PROD_ENV := RENDEZVOUS_ENV=production SECRET_KEY=only-for-check-deploy-0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e ALLOWED_HOSTS=rendezvous.example.org PASSPORT_ENCRYPTION_KEYS=b25seS1mb3ItY2hlY2stZGVwbG95LW5vdC1hLWtleSE=

.PHONY: install run test lint format bench worker clean lock messages catalogues

# The lock files pin every package with its hashes (`make lock` writes them from pyproject.toml): what the tests run
# on is what production installs (requirements/runtime.lock, used by the container image and docs/deployment.md).
$(BIN)/.installed: pyproject.toml requirements/dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(BIN)/.installed

run: install catalogues
	mkdir -p var
	$(BIN)/rendezvous migrate --noinput
	$(BIN)/rendezvous load_demo
	@echo ""
	@echo "Rendezvous is serving http://127.0.0.1:$(PORT)/"
	@echo "Organisers sign in at http://127.0.0.1:$(PORT)/accounts/sign-in/organiser/ as organiser@rendezvous.localhost / demo-organiser-2022,"
	@echo "then open the sign-in link that appears below in this console (in development e-mail is printed here)."
	@echo ""
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/rendezvous runserver 127.0.0.1:$(PORT)

# Translations. `make messages` extracts every marked string into src/rendezvous/locale/<lang>/LC_MESSAGES/django.po
# (needs GNU gettext's xgettext: apt-get install gettext); translators fill the msgstr; `make catalogues` compiles
# them with Babel (no gettext needed), which `make run` and the tests do by themselves.
LOCALES := -l ar -l es -l fr -l ru -l zh_Hans
messages: install
	cd src/rendezvous && ../../$(BIN)/rendezvous makemessages $(LOCALES) --no-location --no-obsolete --ignore 'static/*'

catalogues: install
	$(BIN)/rendezvous compile_catalogues

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Two pytest processes (pytest-xdist), each with its own test database and browser: the browser tests spend much of
# their time waiting on Chromium and the live server, so on 2 cores two processes took the SQLite pass from 12.3 to
# 8.8 minutes and the PostgreSQL pass from 6.4 to 3.5 (three were slower than two). TEST_PROCESSES=0 runs one.
TEST_PROCESSES ?= 2
PYTEST := $(BIN)/pytest -p no:cacheprovider -n $(TEST_PROCESSES) --dist worksteal

test: install lint
	mkdir -p var
	$(PROD_ENV) $(BIN)/rendezvous check --deploy --fail-level WARNING
	$(PYTEST)
	$(BIN)/python -m tests.support.with_postgres $(PYTEST) -m "not e2e and not system"

bench: install
	$(BIN)/python -m bench

worker: install
	$(BIN)/rendezvous worker

clean:
	rm -rf $(VENV) var

lock: install
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --no-header --quiet -o requirements/runtime.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra generators --generate-hashes --python-version 3.11 --no-header --quiet -o requirements/dev.lock
