# The index of commands. Each target is one line; the scripts do the work.
.PHONY: run test lint format bench train worker worker-bulk beat web messages
run:      ## install, migrate, seed the demo, run web + two workers (fast and bulk lanes) + beat
	./bin/run
test:     ## install dev requirements, lint, run the suite on PostgreSQL and SQLite
	./bin/test
lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .
format:
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .
messages: ## collect UI strings into locale/*/django.po and compile the .mo files
	./bin/messages
bench:    ## print benchmark figures (needs PostgreSQL and Redis)
	.venv/bin/python bench/checkin_submit.py && .venv/bin/python bench/chart_render.py \
	  && .venv/bin/python bench/analysis_throughput.py && .venv/bin/python bench/aggregate_recompute.py \
	  && .venv/bin/python bench/alert_latency.py
train:    ## train the concern classifier from corpora/ (deterministic; --check compares with the shipped model)
	./bin/train-concern-model
web:
	.venv/bin/gunicorn wellbeing.wsgi --bind 127.0.0.1:8000
worker:   ## the fast lane: scoring, alerts, emails to student health
	.venv/bin/celery -A wellbeing worker --loglevel INFO -Q celery -n fast@%h
worker-bulk: ## the bulk lane: charts, aggregates, re-scoring, windows, reminders
	.venv/bin/celery -A wellbeing worker --loglevel INFO -Q bulk -n bulk@%h
beat:
	.venv/bin/celery -A wellbeing beat --loglevel INFO --schedule var/celerybeat-schedule
