# One command to set up and serve the site, one to set up and run the tests.
#   make serve    set up Python and npm packages, then serve http://127.0.0.1:8000 (English
#                 edition at /en/) with live reload
#   make check    before publishing: the content layer, the snippets, the data and one strict
#                 build, no browser (tests/article_md, tests/snippets, tests/data, test_build.py)
#   make test     also install the Debian packages the tests need, then run the whole test suite
#   make build    strict build into site/
#   make pdf      the build, then each edition's book as a PDF beside its home page
#                 (site/llm-article.pdf, site/en/llm-article-en.pdf)
#   make zensical both editions built with Zensical into site-zensical/ (English: en/)
#   make offline  a copy that works opened from disk (file://), zipped
#   make results  re-run the training whose stored results the site shows, and the notebook
#
# serve, build, zensical and offline need Python 3.11 to 3.13 (pyproject.toml), Node.js and
# npm only: no root, no Debian packages (macOS with Homebrew works). test needs Debian
# packages, which it installs with apt-get when run as root.

PYTHON  ?= python3
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
DEV_ADDR ?= 127.0.0.1:8000
# python3-venv: tests/platforms/ set up the deploy workflow's interpreter, Debian 12's own.
# fonts-dejavu-core: the book's Latin and code fonts (make pdf); chromium draws its diagram.
# chromium-headless-shell: the browser tests' Chromium (tests/site/conftest.py).
APT_PKGS := chromium chromium-headless-shell fonts-wqy-microhei fonts-dejavu-core dataset-fashion-mnist python3-venv
# mkdocs-jupyter imports nbconvert's command-line app, which instantiates every installed
# exporter at import to list them in its help: 0.4 s of each build and each `make serve`
# start, for nothing (documented nbconvert switch; bench/site_build.py sets it too).
export NBCONVERT_DISABLE_CONFIG_EXPORTERS := 1
# One file of each package; override to test the path where they are missing.
APT_CHECK ?= /usr/bin/chromium /usr/lib/chromium/chromium-headless-shell /usr/share/fonts/truetype/wqy/wqy-microhei.ttc /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz /usr/lib/python3.11/ensurepip/__init__.py

CHECK_TESTS := tests/article_md tests/snippets tests/data tests/site/test_build.py

.PHONY: setup serve check test build pdf zensical offline results bench clean system-packages python-version

setup: $(STAMP) node_modules/.package-lock.json

# The range is requires-python in pyproject.toml; the script prints one line when
# $(PYTHON) is outside it or cannot make a venv, and what to install or pass instead.
python-version:
	@command -v $(PYTHON) >/dev/null || { echo "'$(PYTHON)' is not installed: install a Python" \
	  "in the range of requires-python in pyproject.toml and pass its name as PYTHON="; exit 1; }
	@$(PYTHON) tools/check_python.py $(PYTHON)

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

# The same route serves Zensical's output: article_md.book reads built pages only.
pdf: build
	$(PY) -m article_md.book_pdf -f mkdocs.yml --site-dir site
	$(PY) -m article_md.book_pdf -f mkdocs.en.yml --site-dir site/en

# Both editions, Chinese into site-zensical/, English into site-zensical/en/; a
# failed build leaves no half-written site. Zensical does not follow the symlink
# docs/en/results -> ../results, so the English edition gets the stored results copied;
# it runs no MkDocs hooks, so the references' downloads (BibTeX, CSL-JSON) are written after.
zensical: setup
	$(PY) -m article_md.check
	$(PY) -m article_md.check -f mkdocs.en.yml
	$(PY) hooks/vendor_assets.py
	rm -rf site-zensical
	export NO_MKDOCS_2_WARNING=1; \
	SITE_DIR=site-zensical $(PY) -m article_md.zensical build --clean && \
	SITE_DIR_EN=site-zensical/en $(PY) -m article_md.zensical build -f mkdocs.en.yml && \
	cp -R site-zensical/results site-zensical/en/results && \
	$(PY) -m article_md.bibliography -f mkdocs.yml --site-dir site-zensical && \
	$(PY) -m article_md.bibliography -f mkdocs.en.yml --site-dir site-zensical/en \
	  || { rm -rf site-zensical; exit 1; }

check: setup
	$(PY) -m pytest -q -n 2 $(CHECK_TESTS)

# Two workers (the two cores here); the platform tests stay on one (loadgroup), so
# each interpreter is set up once. A third worker was tried (ARCHITECTURE.md): within
# the noise of this machine, so not kept.
test: system-packages setup
	$(PY) -m pytest -q -n 2 --dist loadgroup

offline: setup
	rm -rf offline
	OFFLINE=true $(PY) -m mkdocs build --strict --site-dir offline/llm-article
	$(PY) -m article_md.book_pdf -f mkdocs.yml --site-dir offline/llm-article
	$(PY) -m article_md.book_pdf -f mkdocs.en.yml --site-dir offline/llm-article/en
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
	$(PY) bench/material_changes.py
	$(PY) bench/classifier.py
	$(PY) bench/explorables.py
	$(PY) bench/book.py
	$(PY) bench/test_tiers.py

clean:
	rm -rf site site-zensical offline docs/assets/vendor
