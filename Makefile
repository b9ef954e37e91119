# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean system-deps

# constraints.txt pins the versions the tests were last run with (snapshots and lint rules
# depend on them); pyproject.toml keeps the ranges an installation accepts.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "saraban needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/saraban demo

# Tesseract (Thai), poppler and LibreOffice come from Debian's packages: installed when missing
# and possible, otherwise one line says what to install (and CI=true stops here).
system-deps:
	@bash scripts/system-deps.sh

test: $(STAMP) system-deps
	$(BIN)/ruff check saraban tests benchmarks scripts
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check saraban tests benchmarks scripts
	$(BIN)/ruff format --check saraban tests benchmarks scripts

bench: $(STAMP)
	$(BIN)/python benchmarks/parse_bench.py
	$(BIN)/python benchmarks/cascade_bench.py
	$(BIN)/python benchmarks/audit_bench.py
	$(BIN)/python benchmarks/secrecy_bench.py
	$(BIN)/python benchmarks/letters_bench.py
	$(BIN)/python benchmarks/tui_bench.py
	$(BIN)/python benchmarks/ocr_bench.py
	$(BIN)/python benchmarks/digits_bench.py

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache
