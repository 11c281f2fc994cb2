"""Formulas typeset when the site is built (Python-Markdown extension).

``pymdownx.arithmatex`` (generic mode) marks the formulas of a page; this
extension replaces each with MathJax's SVG and assistive MathML for screen
readers, so a page with formulas ships no MathJax and nothing moves while it
loads. MathJax 3 runs in Node (``tex2svg.js``, ``mathjax-full`` from npm): one
process per build, started only when a formula is not in the cache, which keeps
every rendered formula on disk keyed by its TeX (``mkdocs serve`` reloads stay fast).

    markdown.markdown("$a^2$", extensions=["pymdownx.arithmatex", "article_md.math"],
                      extension_configs={"pymdownx.arithmatex": {"generic": True}})
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import threading
from pathlib import Path

from markdown import Extension
from markdown.postprocessors import Postprocessor

from article_md.errors import ContentError
from article_md.node import NodeWorker, package_json
from article_md.site import BUILD_CACHE, current_page, fail

SCRIPT = Path(__file__).with_name("tex2svg.js")
CACHE_DIR = f"{BUILD_CACHE}/article_md"
INLINE = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.S)
BLOCK = re.compile(r'<div class="arithmatex">\\\[(.*?)\\\]</div>', re.S)
# What MathJax's stylesheet leaves to the page: a display formula wider than a phone
# scrolls inside its own box (Material: overflow auto), never the page; its SVG
# keeps its own width (a percentage would collapse in Material's min-content box).
# The MathML for screen readers, hidden over its formula, is as wide as the formula
# (MathJax lets it take the width of its content, which near the end of a line on a
# 320 px phone reached past the screen and made the page scroll sideways).
PAGE_CSS = """
.md-typeset div.arithmatex { overflow-x: auto; overflow-y: hidden; }
.md-typeset div.arithmatex > mjx-container > svg { max-width: none; }
.md-typeset mjx-container > mjx-assistive-mml { right: 0; }
"""


class Typesetter:
    """TeX -> HTML through one Node process, with a cache on disk."""

    def __init__(self, cache_dir: Path):
        self.cache_file = Path(cache_dir) / f"math-{self._version()}.json"
        self.lock = threading.Lock()
        self.worker = NodeWorker(SCRIPT, "the formula typesetter", "mathjax-full")
        try:
            self.cache = json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.cache = {}
        self.dirty = False

    @staticmethod
    def _version() -> str:
        """Changes when the script or the MathJax package changes."""
        digest = hashlib.sha256(SCRIPT.read_bytes())
        digest.update(package_json(SCRIPT, "mathjax-full"))
        return digest.hexdigest()[:16]

    def render(self, tex: str, display: bool) -> str:
        key = ("D" if display else "I") + tex
        with self.lock:
            if key not in self.cache:
                reply = self.worker.ask({"tex": tex, "display": display})
                if "error" in reply:
                    raise ContentError(f"formula {tex.strip()!r}: {reply['error']}")
                self.cache[key] = reply["html"]
                self.dirty = True
            return self.cache[key]

    def css(self) -> str:
        with self.lock:
            if "css" not in self.cache:
                self.cache["css"] = self.worker.ask({"css": True})["css"]
                self.dirty = True
            return self.cache["css"]

    def save(self) -> None:
        with self.lock:
            if not self.dirty:
                return
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            try:  # another build (the other edition) may have added formulas meanwhile
                self.cache = {**json.loads(self.cache_file.read_text(encoding="utf-8")), **self.cache}
            except (OSError, ValueError):
                pass
            temporary = self.cache_file.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(self.cache, ensure_ascii=False), encoding="utf-8")
            temporary.replace(self.cache_file)
            self.dirty = False


_typesetters: dict[str, Typesetter] = {}
if hasattr(os, "register_at_fork"):  # a forked build (the other edition) starts its own Node
    os.register_at_fork(after_in_child=_typesetters.clear)


def typesetter(cache_dir: str = CACHE_DIR) -> Typesetter:
    """The process-wide typesetter for a cache folder (one Node process per build)."""
    if cache_dir not in _typesetters:
        _typesetters[cache_dir] = Typesetter(Path(cache_dir))
    return _typesetters[cache_dir]


def formula_html(engine: Typesetter, escaped_tex: str, display: bool) -> str:
    """One formula (its TeX as it stands, HTML-escaped, in the page) as typeset HTML."""
    tag = "div" if display else "span"
    return f'<{tag} class="arithmatex">{engine.render(html.unescape(escaped_tex), display)}</{tag}>'


def typeset_html(text: str, engine: Typesetter) -> tuple[str, int]:
    """Replace arithmatex's formulas in HTML; return the new HTML and how many there were."""
    text, blocks = BLOCK.subn(lambda m: formula_html(engine, m.group(1), True), text)
    text, inlines = INLINE.subn(lambda m: formula_html(engine, m.group(1), False), text)
    return text, blocks + inlines


def stylesheet(engine: Typesetter) -> str:
    return f"<style>{engine.css()}{PAGE_CSS}</style>"


class MathPostprocessor(Postprocessor):
    def __init__(self, md, options: dict):
        super().__init__(md)
        self.options = options

    def run(self, text: str) -> str:
        if 'class="arithmatex"' not in text:
            return text
        engine = typesetter(self.options["cache_dir"])
        try:
            text, count = typeset_html(text, engine)
        except ContentError as error:
            page = current_page(self.md, self.options["page"])
            fail(self.md, ContentError(f"{page}: {error}"))
        engine.save()
        if not count:
            return text
        # Before the first formula: styles that arrive later would move the page.
        return stylesheet(engine) + text


class MathExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "cache_dir": [CACHE_DIR, "folder for the typeset formulas, keyed by TeX"],
            "page": ["", "source path of the page, relative to docs_dir (builders set it)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After the raw-HTML postprocessor (30), which puts arithmatex's output in place.
        md.postprocessors.register(MathPostprocessor(md, self.getConfigs()), "article_md_math", 5)


def makeExtension(**kwargs):
    return MathExtension(**kwargs)
