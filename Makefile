# One command to set up and serve the site, one to set up and run the tests.
#   make serve   set up everything, then serve http://127.0.0.1:8000 with live reload
#   make test    set up everything, then run the whole test suite
#   make build   strict build into site/
#   make offline a copy that works opened from disk (file://), zipped
#   make results re-run the training whose stored results the site shows, and the notebook

VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
APT_PKGS := chromium fonts-wqy-microhei dataset-fashion-mnist
APT_CHECK := /usr/bin/chromium /usr/share/fonts/truetype/wqy/wqy-microhei.ttc /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz

.PHONY: setup serve test build offline results bench clean system-packages

setup: system-packages $(STAMP) node_modules/.package-lock.json

system-packages:
	@missing=""; for f in $(APT_CHECK); do [ -e $$f ] || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(APT_PKGS); \
	  else \
	    echo "Missing Debian packages. Run as root: sudo apt-get install -y $(APT_PKGS)"; exit 1; \
	  fi; \
	fi

$(STAMP): requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

serve: setup
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: setup
	$(PY) -m mkdocs build --strict --site-dir site

test: setup
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

clean:
	rm -rf site offline docs/assets/vendor
