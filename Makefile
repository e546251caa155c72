# seedwiki: `make serve` to browse, `make test` to test, `make build` for site/.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
# Where `make serve` serves the site.
SERVE_ADDR ?= 127.0.0.1:8000
# Material 9.8 prints a banner about MkDocs 2 on every run; this keeps build output clean.
export NO_MKDOCS_2_WARNING := 1
# uv installs the same packages from the same index (PyPI) as pip, about three times faster;
# `make INSTALLER=pip …` uses pip alone (it reads pip's own configuration: a proxy, another index).
INSTALLER ?= uv
ifeq ($(INSTALLER),pip)
INSTALL := $(BIN)/python -m pip install --progress-bar on
else
INSTALL := $(BIN)/uv pip install --python $(BIN)/python
export UV_LINK_MODE ?= copy
# Compile the installed modules as pip does: without it every run where Python may not write its
# bytecode (PYTHONDONTWRITEBYTECODE, a read-only folder) compiles MkDocs, Material and the rest
# again: 0.2-0.3 s of CPU for each command (at 1,000 seeds a `make build` with nothing changed took
# 1.2 s of CPU without it, 0.6 s with it).
export UV_COMPILE_BYTECODE ?= 1
endif

.PHONY: venv test-tools serve build build-sharded shard merge-shards build-zensical offline deploy pages lock check test test-fast clean wheel

# The runtime (seedwiki, MkDocs, Material, Pagefind): all that serve, build, check and clean need.
venv: $(VENV)/.installed
# The test tools besides (pytest, Playwright, ruff, mypy, Zensical, actionlint, zizmor…): `make test`.
test-tools: $(VENV)/.installed-test

$(VENV)/.created:
	@echo "seedwiki: creating $(VENV)/ (once)"
	$(PYTHON) -m venv $(VENV)
	@if [ "$(INSTALLER)" != pip ]; then $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt uv; fi
	touch $@

$(VENV)/.installed: pyproject.toml constraints.txt | $(VENV)/.created
	@echo 'seedwiki: installing seedwiki and what it runs on into $(VENV)/ (the test tools come with make test)'
	$(INSTALL) -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	@echo "seedwiki: installing the test tools into $(VENV)/"
	$(INSTALL) -c constraints.txt -e '.[test]'
	touch $@

# PyPA build and twine, for `make wheel` (seedwiki itself is not needed to build its wheel).
$(VENV)/.installed-release: constraints.txt | $(VENV)/.created
	$(INSTALL) -c constraints.txt build twine
	touch $@

# The release files, as the release workflow publishes them: dist/seedwiki-VERSION.tar.gz and
# dist/seedwiki-VERSION-py3-none-any.whl, checked as PyPI reads them.
wheel: $(VENV)/.installed-release
	rm -f dist/seedwiki-*.whl dist/seedwiki-*.tar.gz
	$(BIN)/python -m build --quiet --outdir dist .
	$(BIN)/twine check --strict dist/seedwiki-*

pages: venv
	$(BIN)/seedwiki build

build: pages
	$(BIN)/mkdocs build --strict --site-dir site

# A large site in shards (README, "Scale", *Sharded builds*): `make build-sharded SHARDS=N` builds
# shard 0 (the hand-written pages, the assets and the site-wide files) and shards 1…N-1 (the seeds,
# by catalogue page, and the pages of lists) one after another, each into shards/K/ with its own
# search bundle, then merges them into site/.
# On N machines (the Pages workflow's matrix): `make shard SHARD=K/N` on each, then `make merge-shards`.
SHARDS ?= 4
build-sharded: pages
	rm -rf shards
	for k in $$(seq 0 $$(($(SHARDS) - 1))); do \
	  SEEDWIKI_SHARD=$$k/$(SHARDS) $(BIN)/mkdocs build --strict --dirty --site-dir shards/$$k || exit 1; \
	done
	$(BIN)/seedwiki merge-shards shards/* --site site

shard: pages
	@test -n "$(SHARD)" || { echo "make shard SHARD=K/N: which shard of how many"; exit 2; }
	SEEDWIKI_SHARD=$(SHARD) $(BIN)/mkdocs build --strict --dirty --site-dir shards/$(firstword $(subst /, ,$(SHARD)))

merge-shards: pages
	$(BIN)/seedwiki merge-shards shards/* --site site

# The same docs/ built with Zensical (Material's successor), into site-zensical/.
build-zensical: pages test-tools
	$(BIN)/zensical build --clean -f zensical.yml

# Readable from disk (file://), search included; packed as dist/seedwiki-offline.zip.
offline: pages
	$(BIN)/mkdocs build --strict -f mkdocs.offline.yml
	mkdir -p dist
	rm -f dist/seedwiki-offline.zip
	$(BIN)/python -c "import shutil; shutil.make_archive('dist/seedwiki-offline', 'zip', '.', 'site-offline')"
	@echo "dist/seedwiki-offline.zip: unzip it and open site-offline/index.html"
	@if [ -n "$$SEEDWIKI_SITE_URL" ]; then echo "Citations copied from the offline copy carry the published address $$SEEDWIKI_SITE_URL"; \
	  else echo "Citations copied from the offline copy carry the address it is opened at (file://...); set SEEDWIKI_SITE_URL to give them the published address"; fi

# The alternative to the Pages workflow: build and push to the gh-pages branch.
# Citations copied from the published pages carry SEEDWIKI_SITE_URL; without it the build stops.
deploy: pages
	@echo "Publishing to the gh-pages branch; citations will carry $${SEEDWIKI_SITE_URL:-the local default address (the build stops: set SEEDWIKI_SITE_URL)}"
	$(BIN)/mkdocs gh-deploy --strict --force

serve: pages
	$(BIN)/mkdocs serve --dirty --dev-addr $(SERVE_ADDR)

# Strict build (MkDocs checks every link and anchor), then indexing, fidelity and the lock.
check: venv
	$(BIN)/seedwiki check

lock: venv
	$(BIN)/seedwiki lock

# axe-core and Lighthouse (npm) for the browser tests' accessibility and Lighthouse checks; without npm those tests say how to get it.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

test: test-tools
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory node_modules/.installed; \
	  else echo "npm not found: the accessibility tests will not run (sudo apt-get install npm)"; fi
	$(BIN)/ruff check src scripts tests
	$(BIN)/mypy
	$(BIN)/seedwiki check
	$(BIN)/python -m pytest

# The quick tier, for working on something: the tests marked neither `site` (a project built: MkDocs,
# Pagefind, the seedwiki command in a subprocess), `browser` (chromium) nor `slow` (tests/conftest.py
# marks most of them). No lint, no type check, no `seedwiki check`: `make test` stays the whole suite.
test-fast: test-tools
	$(BIN)/python -m pytest -m "not site and not browser and not slow"

clean: venv
	$(BIN)/seedwiki clean
	rm -rf site-zensical dist test-results
