# The two commands: `make run` (platform with demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

LANGS := ro es ca it de pl

.PHONY: run test test-fast test-sqlite faults install lint format migrate worker bench clean messages compilemessages

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

compilemessages: install
	@if [ -d locale ]; then $(PY) manage.py compilemessages --ignore=.venv --verbosity 0; fi

# Refresh the catalogs after changing user-visible text; translate what is new before committing.
messages: install
	$(PY) manage.py makemessages $(addprefix -l ,$(LANGS)) --ignore=.venv --ignore=var \
		--ignore=tests --ignore=bench --no-obsolete

migrate: compilemessages
	$(PY) manage.py migrate --noinput

run: migrate
	$(PY) manage.py seed_demo
	@if [ -n "$$REDIS_URL" ]; then \
		echo "Starting a Celery worker with its scheduler (REDIS_URL is set)"; \
		mkdir -p var; \
		$(VENV)/bin/celery -A eubelong worker --beat --schedule var/celerybeat-schedule \
			--loglevel=INFO --concurrency=2 & \
		trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST):$(PORT); \
	else \
		echo "No REDIS_URL: background tasks run in-process; digests: manage.py send_digests"; \
		$(PY) manage.py runserver $(HOST):$(PORT); \
	fi

worker: compilemessages
	$(VENV)/bin/celery -A eubelong worker --loglevel=INFO

test: compilemessages
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) -m pytest --ignore=tests/faults --durations=15 $(PYTEST_ARGS)

# The edit loop: no browser, no services (SQLite in memory, tasks in-process), a few minutes.
test-fast: compilemessages
	env -u DATABASE_URL -u REDIS_URL -u CI $(PY) -m pytest --ignore=tests/faults \
		-m "not browser and not services" -q $(PYTEST_ARGS)

# The suite as a newcomer without services runs it (CI runs this too, so SQLite stays green).
test-sqlite: compilemessages
	$(PY) manage.py collectstatic --noinput --verbosity 0
	env -u DATABASE_URL -u REDIS_URL -u CI $(PY) -m pytest --ignore=tests/faults \
		-m "not browser" -q --durations=10 $(PYTEST_ARGS)

# Fault drills (docs/operations.md) on private PostgreSQL and Redis instances of their own.
faults: compilemessages
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) -m tests.faults.run $(PYTEST_ARGS)

# Needs PostgreSQL (BENCH_PG, default postgres://postgres@127.0.0.1:5432); see README "Benchmarks".
bench: compilemessages
	$(PY) bench/run.py $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) var db.sqlite3
