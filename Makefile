# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PROD_ENV := RENDEZVOUS_ENV=production SECRET_KEY=only-for-check-deploy-0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e ALLOWED_HOSTS=rendezvous.example.org

.PHONY: install run test lint format bench worker clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

run: install
	mkdir -p var
	$(BIN)/rendezvous migrate --noinput
	$(BIN)/rendezvous load_demo
	@echo ""
	@echo "Rendezvous is serving http://127.0.0.1:$(PORT)/"
	@echo "Organisers sign in at http://127.0.0.1:$(PORT)/admin/ as organiser@rendezvous.localhost / demo-organiser-2022,"
	@echo "then open the sign-in link that appears below in this console (in development e-mail is printed here)."
	@echo ""
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/rendezvous runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install lint
	mkdir -p var
	$(PROD_ENV) $(BIN)/rendezvous check --deploy --fail-level WARNING
	$(BIN)/pytest -p no:cacheprovider
	$(BIN)/python -m tests.support.with_postgres $(BIN)/pytest -p no:cacheprovider -m "not e2e"

bench: install
	$(BIN)/python -m bench

worker: install
	$(BIN)/rendezvous db_worker

clean:
	rm -rf $(VENV) var
