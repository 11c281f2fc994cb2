"""The notebook page (mkdocs-jupyter), made as light and still as the other pages.

* Its Markdown cells' formulas are typeset when the site is built, by the
  typesetter of ``article_md.math`` (mkdocs-jupyter renders them without
  Python-Markdown, so the extension never sees them).
* nbconvert inlines JupyterLab's whole stylesheet (570 KB, mostly Blueprint
  widgets a static notebook never shows): only the rules the page uses are kept
  (PurgeCSS from npm, ``hooks/purge_css.js``), cached in ``.build-cache/`` by content.
* mkdocs-jupyter 0.26 appends nbconvert's inlined styles a second time, as a
  Python list's repr (``<style>['pre { ...']</style>``): 5 KB a browser parses
  and cannot use; that copy is dropped.
* nbconvert's template loads MathJax 2 and Mermaid from cdnjs: those scripts go
  (the site serves every script itself), and so do its styles for Mermaid
  diagrams when the notebook shows none.

This runs before the plugins' ``on_post_page`` (priority 50): mkdocs-mermaid2
then finds no "mermaid" on the page and leaves it alone, instead of parsing and
rewriting 600 KB of HTML with BeautifulSoup in each build of each edition.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from article_md.errors import ContentError
from article_md.math import CACHE_DIR, formula_html, stylesheet, typesetter

NOTEBOOK_MARKDOWN = re.compile(r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)', re.S)
NOTEBOOK_MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.S)
STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)
MERMAID_STYLE = re.compile(
    r"<style>\s*\.jp-Mermaid\b.*?</style>\s*(<!-- End of mermaid configuration -->)?", re.S)
PURGE = Path(__file__).with_name("purge_css.js")
BIG = 100_000  # characters: JupyterLab's stylesheet, not the page's small ones


def _typeset(output: str, cache_dir: str, src: str) -> str:
    engine = typesetter(cache_dir)

    def formula(match):
        display = match.group(1) is not None
        return formula_html(engine, match.group(1) if display else match.group(2), display)
    try:
        output = NOTEBOOK_MARKDOWN.sub(
            lambda m: m.group(1) + NOTEBOOK_MATH.sub(formula, m.group(2)) + m.group(3), output)
    except ContentError as error:
        raise PluginError(f"{src}: {error}") from None
    engine.save()
    return output.replace("</head>", stylesheet(engine) + "</head>", 1)


def _purge(css: str, page_html: str, cache: Path) -> str:
    key = hashlib.sha256((PURGE.read_text(encoding="utf-8") + css + page_html).encode()).hexdigest()
    cached = cache / f"{key[:24]}.css"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    node = shutil.which("node")
    if node is None:
        raise PluginError("the notebook page needs Node.js (Debian: apt-get install nodejs npm; "
                          "macOS: brew install node)")
    result = subprocess.run([node, str(PURGE)], input=json.dumps({"html": page_html, "css": css}),
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise PluginError(f"hooks/purge_css.js failed: {last}; run 'npm ci' (it needs purgecss)")
    cache.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")  # whole or not at all, for a reader
    partial.write_text(result.stdout, encoding="utf-8")  # in another process
    partial.replace(cached)
    return result.stdout


def _from_cdn(match) -> bool:
    """nbconvert's scripts: MathJax 2 (its loader, with an empty src here, and its
    configuration) and Mermaid's loader, which imports from cdnjs."""
    attributes, text = match.group(1), match.group(2)
    src = re.search(r'\bsrc="([^"]*)"', attributes)
    if src is not None and (src.group(1) == "" or src.group(1).startswith(("http:", "https:", "//"))):
        return True
    return 'type="text/x-mathjax-config"' in attributes or re.search(r"https?://", text) is not None


@event_priority(50)  # before mkdocs-mermaid2's
def on_post_page(output, page, config, **kwargs):
    if "jupyter-wrapper" not in output:
        return output
    cache_dir = config.mdx_configs.get("article_md.math", {}).get("cache_dir", CACHE_DIR)
    output = _typeset(output, cache_dir, page.file.src_uri)
    output = SCRIPT.sub(lambda m: "" if _from_cdn(m) else m.group(0), output)
    output = STYLE.sub(lambda m: "" if m.group(2).lstrip().startswith("[") else m.group(0), output)
    without_styles = STYLE.sub("", output)
    if "jp-Mermaid" not in without_styles:
        output = MERMAID_STYLE.sub("", output)

    def lighter(match):
        if len(match.group(2)) < BIG:
            return match.group(0)
        css = _purge(match.group(2), without_styles, Path(cache_dir) / "notebook-css")
        return match.group(1) + css + match.group(3)
    return STYLE.sub(lighter, output)
