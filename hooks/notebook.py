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
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

from article_md.errors import ContentError
from article_md.math import CACHE_DIR, formula_html, share_glyphs, stylesheet, typesetter

NOTEBOOK_MARKDOWN = re.compile(r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)', re.S)
NOTEBOOK_MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.S)
STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)
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
    head, body = output.split("<body", 1)
    body_tag, content = body.split(">", 1)
    return (head.replace("</head>", stylesheet(engine) + "</head>", 1)
            + "<body" + body_tag + ">" + share_glyphs(content))


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
    cached.write_text(result.stdout, encoding="utf-8")
    return result.stdout


def on_post_page(output, page, config, **kwargs):
    if "jupyter-wrapper" not in output:
        return output
    cache_dir = config.mdx_configs.get("article_md.math", {}).get("cache_dir", CACHE_DIR)
    output = _typeset(output, cache_dir, page.file.src_uri)
    output = STYLE.sub(lambda m: "" if m.group(2).lstrip().startswith("[") else m.group(0), output)
    without_styles = STYLE.sub("", output)

    def lighter(match):
        if len(match.group(2)) < BIG:
            return match.group(0)
        css = _purge(match.group(2), without_styles, Path(cache_dir) / "notebook-css")
        return match.group(1) + css + match.group(3)
    return STYLE.sub(lighter, output)
