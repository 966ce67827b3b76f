# The README's two commands: `make run` and `make test`. Every other target is a step of theirs.
SHELL := /bin/bash
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
SCALE  ?= 1
RAW    := data/raw
DB     := warehouse/zone.duckdb
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup system-deps demo-data warehouse docs bench
DOCS_PORT ?= 8080

## run: set up, build the demo warehouse, start the dashboard at http://localhost:$(PORT)
run: setup warehouse
	$(PY) -m warehouse demo-store --raw $(RAW) --store warehouse/landing
	ZONE_DEMO=1 ZONE_DB=$(DB) $(VENV)/bin/streamlit run dashboard/server.py \
	  --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

## test: the same set-up, then lint (ruff check, ruff format --check, SQLFluff on the dbt models, see .sqlfluff) and every test
test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	export ZONE_DBT_DB=$(CURDIR)/dbt_project/target/sqlfluff/seeds.duckdb DBT_TARGET_PATH=$(CURDIR)/dbt_project/target/sqlfluff; $(VENV)/bin/dbt seed --project-dir dbt_project --profiles-dir dbt_project --quiet && $(VENV)/bin/sqlfluff lint dbt_project/models --processes 2
	$(PY) -m pytest -n 2 --dist loadfile

setup: $(VENV)/.installed system-deps

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip check
	touch $@

# Chromium (browser tests, screenshots, the brief's PDF), Noto CJK (Chinese in the browser and in chart images),
# LibreOffice (the tests open our CSV, XLSX and PPTX downloads in Calc/Impress as Excel/WPS users would) and
# poppler-utils (pdftoppm renders PDFs back to images in the tests).
SYSTEM_PACKAGES := chromium fonts-noto-cjk
SYSTEM_PACKAGES_LEAN := libreoffice-calc libreoffice-impress poppler-utils
system-deps:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK" \
	    || ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then \
	  echo "installing $(SYSTEM_PACKAGES) $(SYSTEM_PACKAGES_LEAN) …"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q $(SYSTEM_PACKAGES) \
	  && $(SUDO) apt-get install -y -q --no-install-recommends $(SYSTEM_PACKAGES_LEAN); \
	fi

demo-data: $(VENV)/.installed
	$(PY) -m warehouse demo-data --out $(RAW) --scale $(SCALE)

warehouse: demo-data
	$(PY) -m warehouse build --raw $(RAW) --db $(DB) --quiet

## docs: dbt model docs with the lineage graph at http://localhost:$(DOCS_PORT)
docs: warehouse
	$(PY) -m warehouse.docs --db $(DB) --port $(DOCS_PORT)

## bench: build, page, memory and concurrency figures, and every page against the floor app (bench/floor_app/), at scales 1, 10 and 100 (about 40 minutes; BENCH_SCALES=1 for a quick look); writes BENCHMARKS.md
bench: setup
	$(PY) -m bench --out BENCHMARKS.md
