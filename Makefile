# Two commands matter: `make run` and `make test` (see README).
SHELL := /bin/bash
PY := .venv/bin/python
DATABASE_URL ?=

.PHONY: run test lint i18n bench bench-scale backtest demo clean

.venv/.runtime: requirements/runtime.lock pyproject.toml
	bash .ci/venv.sh runtime
	touch $@

.venv/.dev: requirements/dev.lock requirements/runtime.lock pyproject.toml
	bash .ci/venv.sh dev
	touch .venv/.runtime $@

# A plain-http demo on this machine: demo mode (the demo users are listed on the login page), and
# the login cookie without Secure so that every browser keeps it over http (README, "Login").
run: .venv/.runtime
	@export BOTRYGT_DEMO=$${BOTRYGT_DEMO:-1} BOTRYGT_COOKIE_SECURE=$${BOTRYGT_COOKIE_SECURE:-0}; \
	echo "==> Gør databasen klar (første gang: demodata, et halvt minut)"; \
	.venv/bin/botrygt init --demo-if-empty && \
	echo "==> Starter appen; åbn adressen herunder (Ctrl+C stopper den)" && \
	.venv/bin/streamlit run serve.py

test: .venv/.dev
	bash .ci/system-deps.sh
	bash .ci/axe.sh
	$(PY) -m pytest

lint: .venv/.dev
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy models dataio cli tests

# Translations (README, "Sprog / Language"): extract every marked string (`_()`, `N_()`,
# `translate(lang, ...)`; models.i18n.EXTRACT_KEYWORDS) and merge it into the English catalogue,
# whose new entries then want a msgstr (tests/test_i18n.py fails until they have one). Sorted and
# without source lines, so that two branches adding strings rarely touch the same lines.
i18n: .venv/.dev
	pot=$$(mktemp --suffix=.pot) && \
	.venv/bin/pybabel extract -F babel.cfg -k translate:2 -k translate_plural:2,3 \
		-k translate_context:2c,3 -k NC_:1c,2 -k M_:1 --no-location \
		--sort-output --project=botrygt -o $$pot app.py pages ui models dataio cli && \
	.venv/bin/pybabel update -i $$pot -d locale -D botrygt -l en --no-fuzzy-matching \
		--ignore-obsolete --init-missing && rm -f $$pot

# The server measured by a browserless client (README, "Ydeevne"); BENCH_QUICK=1 for a short run.
bench: .venv/.dev
	$(PY) -m bench.run

# nginx with sticky sessions in front of 1 and 2 processes on one PostgreSQL (README, "Flere servere").
bench-scale: .venv/.dev
	bash .ci/system-deps.sh bench
	$(PY) -m bench.scale

# Rolling-origin backtest of the burglary status, own trend against pooled (README, "Backtest af
# status"; docs/pooling.md): writes bench/backtest.json. BACKTEST_QUICK=1 for a short run.
backtest: .venv/.dev
	$(PY) -m bench.backtest

clean:
	rm -rf .venv var/*.sqlite *.egg-info
