# One command to set up and serve the site, one to set up and run the tests.
#   make serve    set up Python and npm packages, then serve http://127.0.0.1:8000 (English
#                 edition at /en/) with live reload
#   make test     also install the Debian packages the tests need, then run the whole test suite
#   make build    strict build into site/
#   make zensical the same site built with Zensical into site-zensical/
#   make offline  a copy that works opened from disk (file://), zipped
#   make results  re-run the training whose stored results the site shows, and the notebook
#
# serve, build, zensical and offline need Python >= 3.11, Node.js and npm only: no root, no
# Debian packages (macOS with Homebrew works). test needs Debian/Ubuntu packages, which it
# installs with apt-get when run as root.

PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
DEV_ADDR ?= 127.0.0.1:8000
APT_PKGS := chromium fonts-wqy-microhei dataset-fashion-mnist
# mkdocs-jupyter imports nbconvert's command-line app, which instantiates every installed
# exporter at import to list them in its help: 0.4 s of each build and each `make serve`
# start, for nothing (documented nbconvert switch; bench/site_build.py sets it too).
export NBCONVERT_DISABLE_CONFIG_EXPORTERS := 1
# One file of each package; override to test the path where they are missing.
APT_CHECK ?= /usr/bin/chromium /usr/share/fonts/truetype/wqy/wqy-microhei.ttc /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz

.PHONY: setup serve test build zensical offline results bench clean system-packages python-version

setup: $(STAMP) node_modules/.package-lock.json

python-version:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { \
	  echo "Python >= 3.11 is needed as '$(PYTHON)' (Debian: apt-get install python3 python3-venv;" \
	       "macOS: brew install python@3.12, then make ... PYTHON=python3.12)"; exit 1; }

system-packages:
	@missing=""; for f in $(APT_CHECK); do [ -e $$f ] || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(APT_PKGS); \
	  else \
	    echo "The tests need Debian packages. Run: sudo apt-get install -y $(APT_PKGS)"; exit 1; \
	  fi; \
	fi

$(STAMP): requirements.txt pyproject.toml | python-version
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

serve: setup
	$(PY) -m mkdocs serve --dev-addr $(DEV_ADDR) --livereload

build: setup
	$(PY) -m mkdocs build --strict --site-dir site

zensical: setup
	$(PY) -m article_md.check
	$(PY) hooks/vendor_assets.py
	SITE_DIR=site-zensical NO_MKDOCS_2_WARNING=1 $(PY) -m zensical build --clean

test: system-packages setup
	$(PY) -m pytest -q

offline: setup
	rm -rf offline
	OFFLINE=true $(PY) -m mkdocs build --strict --site-dir offline/llm-article
	$(PY) -c "import shutil; shutil.make_archive('offline/llm-article-offline', 'zip', 'offline', 'llm-article')"
	@echo "offline copy: offline/llm-article/index.html (zip: offline/llm-article-offline.zip)"

results: setup
	$(PY) -m snippets.results
	$(PY) -m snippets.notebook

bench: setup
	$(PY) bench/train_speed.py
	$(PY) bench/site_build.py
	$(PY) bench/page_weight.py
	$(PY) bench/lighthouse.py
	$(PY) bench/classifier.py

clean:
	rm -rf site site-zensical offline docs/assets/vendor
