"""MkDocs glue for the two editions: Chinese (mkdocs.yml, docs/) and English
(mkdocs.en.yml, docs/en/); both INHERIT mkdocs.common.yml.

* ``on_pre_build`` of the Chinese edition: start building the English one
  (``<site_url>en/``) in a forked copy of this process, so that one ``mkdocs
  build`` or ``mkdocs serve`` makes (and reloads) both, on two cores, without
  importing MkDocs and its plugins a second time. The fork comes after every
  ``on_config``: what they read once (the checked inputs, the stored results and
  their one missing-dataset warning) serves both editions. Why a fork, measured
  on this 2-core machine on 2026-12-03 (bench/site_build.py prints both): not for
  speed (median `mkdocs build` 7.5 s
  forked against 6.1 s with the English edition built in turn in the same
  process, 8 interleaved builds each, machine busy), but for isolation: MkDocs
  keeps every plugin that has ``on_startup`` in one cache on its config schema
  (``config_options.Plugins.plugin_cache``), so a second build in the same process
  reuses the first one's search plugin and the Chinese search index came out
  labelled English (``tests/site/test_editions.py``'s search-index test fails so).
* ``on_env`` of the Chinese edition (its pages are read and rendered, nothing is
  written yet): wait until the English pages are rendered too, so that a
  mistake in either edition stops the build before it writes (as
  ``hooks/strict.py`` does for one edition). Where there is no ``os.fork``
  (Windows, which the README does not name), the whole English edition is built
  here instead, with the shared search plugin above.
* ``on_post_build`` of the Chinese edition: wait for the English edition, move
  it to ``<site_dir>/en/``, then give both sitemaps each page's twin as an
  hreflang alternate.

Each edition has its own search index (jieba for Chinese, English stemming).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import traceback
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority

from article_md.site import edition_options, files_stamp, hook_state

ENGLISH = "mkdocs.en.yml"
XHTML = "http://www.w3.org/1999/xhtml"


# The command; the English build under way ("child"); under `mkdocs serve`, the
# English edition's own folder and what it was built from ("stamp"). Kept across
# rebuilds, for which MkDocs imports this module again.
_state = hook_state.setdefault("editions", {})


def on_startup(command, **kwargs):
    # The first call is MkDocs' own; the English edition's build below calls it again.
    _state.setdefault("command", command)


def on_shutdown(**kwargs):
    """``mkdocs serve`` stops (Ctrl-C): remove the English edition's folder, as MkDocs
    removes its own. Not when an English build inside this process ends."""
    folder = None if _state.get("nested") else _state.pop("folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _inputs(config, english: Path) -> list[Path]:
    """What the English edition is made from: its own pages, what mkdocs.yml's
    ``watch:`` lists (read from there, the one list of the site's inputs besides
    the pages), both config files and the Chinese edition's folders that
    ``docs/en/`` links to (its ``assets/`` and ``results/``), not the Chinese pages."""
    english_docs = Path(edition_options(english)["article_md.runs"]["docs_dir"])
    english_docs = english_docs if english_docs.is_absolute() else english.parent / english_docs
    shared = [link.resolve() for link in english_docs.iterdir() if link.is_symlink()]
    return [english_docs, *shared, *map(Path, config.watch), Path(config.config_file_path), english]


def _fork(config, english: Path, target: Path) -> dict:
    """Build the English edition in a child process, which reports on a pipe: b"R" once
    its pages are read and rendered (its on_env), then, if it fails, why."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: build, report, and leave without running the parent's exit code
        os.close(read)
        _state["report"] = write
        status, message = 0, b""
        try:
            _build_english(config, english, target)
        except Abort as error:  # MkDocs has written its messages; say the one that stopped it
            cause = error.__context__ if isinstance(error.__context__, PluginError) else error
            status, message = 1, (str(cause) if cause is not error else error.message).encode()
        except PluginError as error:
            status, message = 1, str(error).encode()
        except BaseException as error:  # noqa: BLE001 - a bug: its traceback, then the parent stops
            traceback.print_exc()
            status, message = 1, f"{type(error).__name__}: {error}".encode()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.write(write, message)
            os.close(write)
            os._exit(status)
    os.close(write)
    return {"pid": pid, "pipe": read}


def _wait(child: dict, rendered: bool = False) -> None:
    """Wait for the English build to have rendered its pages, or to end; raise if it failed."""
    if rendered:
        first = os.read(child["pipe"], 1)
        if first == b"R":
            return
        child["early"] = first  # it failed before: this is the start of why
    chunks = [child.pop("early", b"")]
    while chunk := os.read(child["pipe"], 65536):
        chunks.append(chunk)
    os.close(child["pipe"])
    _, status = os.waitpid(child["pid"], 0)
    if status != 0:
        why = b"".join(chunks).decode(errors="replace") or "its build stopped"
        pages = edition_options(child["english"])["article_md.runs"]["docs_dir"]
        raise PluginError(f"the English edition ({ENGLISH}, pages in {pages}/) was not built: "
                          f"{why} (see its messages above)")


def _discard(child: dict) -> None:
    if _state.get("command") == "serve":
        _state.pop("stamp", None)  # build it again on the next change
    else:
        shutil.rmtree(child["target"], ignore_errors=True)


def on_pre_build(config, **kwargs):
    english = Path(config.config_file_path).with_name(ENGLISH)
    if config.theme["language"] != "zh" or not english.is_file():
        return
    _state.pop("child", None)
    if _state.get("command") == "serve":
        # MkDocs rebuilds (and first empties) the Chinese edition's folder on every
        # change; the English edition is kept in its own folder, linked in, and built
        # again only when one of its inputs changed: an edit to a Chinese page reloads
        # as fast as before.
        if "folder" not in _state:
            _state["folder"] = Path(tempfile.mkdtemp(prefix="mkdocs-en-"))
        stamp = files_stamp(_inputs(config, english))
        if _state.get("stamp") == stamp:
            return
        _state["stamp"] = stamp
        target = _state["folder"]
    else:
        # Beside the site folder (MkDocs empties that one after on_pre_build), moved in after.
        site = Path(config.site_dir).absolute()
        site.parent.mkdir(parents=True, exist_ok=True)
        target = Path(tempfile.mkdtemp(prefix=f".{site.name}-en-", dir=site.parent))
    child = {"pid": None, "english": english, "target": target}
    if hasattr(os, "fork"):
        child.update(_fork(config, english, target))
    _state["child"] = child


@event_priority(-100)  # after hooks/strict.py: this edition's pages are fine
def on_env(env, config, **kwargs):
    """Nothing is written before both editions' pages are read and rendered: a mistake in
    either stops the build with an untouched site folder (as hooks/strict.py does)."""
    if config.theme["language"] != "zh":
        if "report" in _state:  # the English build in the child: tell the parent
            os.write(_state.pop("report"), b"R")
        return env
    child = _state.get("child")
    if child is None:
        return env
    try:
        if child["pid"]:
            _wait(child, rendered=True)
        else:  # no fork: the whole English edition now, before the Chinese one writes
            _build_english(config, child["english"], child["target"])
    except BaseException:
        _state.pop("child", None)
        _discard(child)
        raise
    return env


def on_build_error(error, **kwargs):
    """The Chinese build failed: wait for the English one and tidy up after it."""
    child = _state.pop("child", None)
    if child is None:
        return
    if child["pid"]:
        try:
            _wait(child)
        except PluginError:
            pass
    _discard(child)


def on_post_build(config, **kwargs):
    english = Path(config.config_file_path).with_name(ENGLISH)
    if config.theme["language"] != "zh" or not english.is_file():
        return
    site_dir = Path(config.site_dir) / "en"
    child = _state.pop("child", None)
    if child is not None and child["pid"]:
        try:
            _wait(child)
        except BaseException:
            _discard(child)
            raise
    if site_dir.is_symlink():
        site_dir.unlink()
    elif site_dir.exists():
        shutil.rmtree(site_dir)
    if _state.get("command") == "serve":
        site_dir.symlink_to(_state["folder"], target_is_directory=True)
    elif child is not None:
        child["target"].replace(site_dir)
    _alternates(Path(config.site_dir) / "sitemap.xml", config.site_url, "zh", "en/")


def _build_english(config, english: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    edition = load_config(str(english), site_dir=str(site_dir), strict=config.strict,
                          site_url=urljoin(config.site_url or "", "en/"))
    _state["nested"] = True
    edition.plugins.on_startup(command="build", dirty=False)
    try:
        build(edition)
    finally:
        edition.plugins.on_shutdown()
        _state.pop("nested", None)
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
