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

import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urljoin

from article_md.site import edition_options, files_stamp, hook_state

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


# Under `mkdocs serve`: the command, the English edition's own folder, and what it
# was built from (kept across rebuilds, for which MkDocs imports this module again).
_served = hook_state.setdefault("editions", {})


def on_startup(command, **kwargs):
    # The first call is MkDocs' own; the English edition's build below calls it again.
    _served.setdefault("command", command)


def _inputs(root: Path) -> list[Path]:
    """What the English edition is made from: all but the Chinese pages."""
    docs = root / "docs"
    return [docs / "en", docs / "results", docs / "assets" / "javascripts",
            docs / "assets" / "stylesheets", root / "data", root / "snippets",
            root / "article_md", root / "hooks", root / "overrides", root / "mkdocs.yml",
            root / ENGLISH]


def on_post_build(config, **kwargs):
    english = Path(config.config_file_path).with_name(ENGLISH)
    if config.theme["language"] != "zh" or not english.is_file():
        return
    site_dir = Path(config.site_dir) / "en"
    if _served.get("command") == "serve":
        # MkDocs rebuilds (and first empties) the Chinese edition's folder on every
        # change; the English edition is kept in its own folder, linked in, and built
        # again only when one of its inputs changed: an edit to a Chinese page reloads
        # as fast as before.
        if "folder" not in _served:
            _served["folder"] = Path(tempfile.mkdtemp(prefix="mkdocs-en-"))
        stamp = files_stamp(_inputs(english.parent))
        if _served.get("stamp") != stamp:
            _build_english(config, english, _served["folder"])
            _served["stamp"] = stamp
        if site_dir.is_symlink():
            site_dir.unlink()
        elif site_dir.exists():
            shutil.rmtree(site_dir)
        site_dir.symlink_to(_served["folder"], target_is_directory=True)
    else:
        _build_english(config, english, site_dir)
    _alternates(Path(config.site_dir) / "sitemap.xml", config.site_url, "zh", "en/")


def _build_english(config, english: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    edition = load_config(str(english), site_dir=str(site_dir), strict=config.strict,
                          site_url=urljoin(config.site_url or "", "en/"))
    edition.plugins.on_startup(command="build", dirty=False)
    try:
        build(edition)
    finally:
        edition.plugins.on_shutdown()
    _alternates(site_dir / "sitemap.xml", edition.site_url, "en", "../")


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
