"""References formatted in a citation style by citeproc-js (``citeproc.js``, npm ``citeproc``).

    formatter("article_md/styles/ieee.csl", "en-US").entries(items)
    # -> {"vaswani2017": Formatted(html='A. Vaswani, ... doi: <a ...>', text='A. Vaswani, ...')}

``items`` are CSL-JSON (``article_md.bibliography``), numbered in the order given;
each answer is the entry without its number, as HTML (DOIs and URLs linked) and as
plain text (for a citation's tooltip). The styles and their locales are vendored in
``article_md/styles/`` (README there). One Node process per build, started only when
a request is not in the cache on disk, which keys each answer by the request, the
style and locale files, the script and the citeproc package.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from article_md.errors import ContentError
from article_md.node import NodeWorker, package_json
from article_md.site import BUILD_CACHE

SCRIPT = Path(__file__).with_name("citeproc.js")
STYLES = Path(__file__).with_name("styles")  # the vendored styles and locales
CACHE_DIR = f"{BUILD_CACHE}/article_md"
KEEP = 16  # answers kept in the cache file (a few per edition and style)


@dataclass(frozen=True)
class Formatted:
    html: str
    text: str


class Formatter:
    def __init__(self, style: str, locale: str, item_locales: tuple[str, ...] = (),
                 cache_dir: str = CACHE_DIR):
        self.style, self.locale, self.item_locales = Path(style), locale, tuple(item_locales)
        if not self.style.is_file():
            raise ContentError(f"citation style {style}: no such file (the styles are in "
                               "article_md/styles/)")
        locale_file = self.style.with_name(f"locales-{locale}.xml")
        if not locale_file.is_file():
            raise ContentError(f"citation locale {locale}: no file {locale_file.name} beside "
                               f"{style} (copy it from citation-style-language/locales)")
        digest = hashlib.sha256(SCRIPT.read_bytes() + package_json(SCRIPT, "citeproc"))
        for path in sorted(self.style.parent.glob("locales-*.xml")) + [self.style]:
            digest.update(path.read_bytes())
        self.version = digest.hexdigest()[:16]
        self.cache_file = Path(cache_dir) / "citeproc.json"
        self.worker = NodeWorker(SCRIPT, "the reference formatter", "citeproc")
        self.lock = threading.Lock()

    def _load(self) -> dict:
        try:
            return json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def entries(self, items: list[dict]) -> dict[str, Formatted]:
        request = {"style": str(self.style.resolve()), "locale": self.locale,
                   "item_locales": list(self.item_locales), "items": items}
        key = hashlib.sha256((self.version + json.dumps(request, sort_keys=True,
                                                          ensure_ascii=False)).encode()).hexdigest()
        with self.lock:
            cache = self._load()
            if key not in cache:
                reply = self.worker.ask(request)
                if "error" in reply:
                    raise ContentError(f"citation style {self.style.name}: {reply['error']}")
                cache.pop(key, None)
                cache[key] = reply["entries"]
                cache = dict(list(cache.items())[-KEEP:])
                self.cache_file.parent.mkdir(parents=True, exist_ok=True)
                temporary = self.cache_file.with_suffix(f".{os.getpid()}.tmp")
                temporary.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
                temporary.replace(self.cache_file)
            return {one["id"]: Formatted(one["html"], one["text"]) for one in cache[key]}


_formatters: dict[tuple, Formatter] = {}
if hasattr(os, "register_at_fork"):  # a forked build (the other edition) starts its own Node
    os.register_at_fork(after_in_child=_formatters.clear)


def formatter(style: str, locale: str, item_locales=(), cache_dir: str = CACHE_DIR) -> Formatter:
    """The process-wide formatter for a style and locale (one Node process per build)."""
    key = (style, locale, tuple(item_locales), cache_dir)
    if key not in _formatters:
        _formatters[key] = Formatter(style, locale, tuple(item_locales), cache_dir)
    return _formatters[key]
