"""MkDocs glue for the two editions: Chinese (mkdocs.yml, docs/) and English
(mkdocs.en.yml, docs/en/, INHERIT-ing the rest).

* ``on_config``: tell the content layer which edition it renders (language and
  folders, ``article_md.site.edition_options``), and give Material's language
  selector both editions (``extra.alternate``: each edition's root relative to
  this one's; ``overrides/partials/alternate.html`` links each page to its twin).
  Set here, not in mkdocs.yml, because only MkDocs builds both editions: the
  Zensical build, Chinese only, gets no selector leading nowhere.
* ``on_post_build`` of the Chinese edition: build the English one into
  ``<site_dir>/en/`` with ``<site_url>en/``, in the same process, so that one
  ``mkdocs build`` or ``mkdocs serve`` makes (and reloads) both; then give both
  sitemaps each page's twin as an hreflang alternate.

Each edition has its own search index (jieba for Chinese, English stemming).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urljoin

from article_md.site import edition_options

ENGLISH = "mkdocs.en.yml"
# language -> (name in the selector, root relative to the Chinese edition's)
EDITIONS = {"zh": ("中文", ""), "en": ("English", "en/")}
XHTML = "http://www.w3.org/1999/xhtml"


def on_config(config, **kwargs):
    for name, options in edition_options(Path(config.config_file_path)).items():
        config.mdx_configs.setdefault(name, {}).update(options)
    if Path(config.config_file_path).with_name(ENGLISH).is_file():
        up = "../" if config.theme["language"] != "zh" else ""
        config.extra["alternate"] = [{"name": name, "lang": lang, "link": (up + root) or "./"}
                                     for lang, (name, root) in EDITIONS.items()]
    return config


def on_post_build(config, **kwargs):
    english = Path(config.config_file_path).with_name(ENGLISH)
    if config.theme["language"] != "zh" or not english.is_file():
        return
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = os.path.join(config.site_dir, "en")
    edition = load_config(str(english), site_dir=site_dir, strict=config.strict,
                          site_url=urljoin(config.site_url or "", "en/"))
    edition.plugins.on_startup(command="build", dirty=False)
    try:
        build(edition)
    finally:
        edition.plugins.on_shutdown()
    _alternates(Path(config.site_dir) / "sitemap.xml", config.site_url, "zh", "en/")
    _alternates(Path(site_dir) / "sitemap.xml", edition.site_url, "en", "../")


def _alternates(sitemap: Path, site_url: str, language: str, other: str) -> None:
    """Each <url> of a sitemap gets xhtml:link alternates for itself and its twin."""
    if not sitemap.is_file() or not site_url:
        return
    twin_language = "en" if language == "zh" else "zh"
    twin_root = urljoin(site_url, other)

    def entry(match):
        loc = match.group(2)
        twin = twin_root + loc[len(site_url):] if loc.startswith(site_url) else None
        if twin is None:
            return match.group(0)
        links = (f'<xhtml:link rel="alternate" hreflang="{language}" href="{loc}"/>'
                 f'<xhtml:link rel="alternate" hreflang="{twin_language}" href="{twin}"/>')
        return f"{match.group(1)}{links}"
    text = sitemap.read_text(encoding="utf-8")
    text = re.sub(r"(<loc>([^<]+)</loc>)", entry, text)
    text = text.replace('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"',
                        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="{XHTML}"', 1)
    sitemap.write_text(text, encoding="utf-8")
    zipped = sitemap.with_name("sitemap.xml.gz")
    if zipped.is_file():
        import gzip

        zipped.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
