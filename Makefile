# seedwiki: `make serve` to browse, `make test` to test, `make build` for site/.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
# Material 9.8 prints a banner about MkDocs 2 on every run; this keeps build output clean.
export NO_MKDOCS_2_WARNING := 1

.PHONY: venv serve build pages lock test clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

pages: venv
	$(BIN)/python scripts/build_pages.py

build: pages
	$(BIN)/mkdocs build --strict --site-dir site

serve: pages
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

lock: venv
	$(BIN)/seedwiki lock

test: venv
	$(BIN)/python -m pytest

clean:
	rm -rf site docs/seeds docs/catalogue docs/.seedwiki-*
