"""Serve Mermaid (and the offline copy's search shim) from the site itself, only where needed.

Formulas need no script: ``article_md.math`` typesets them when the site is built.

* ``on_config`` (before any plugin) copies the npm packages' files (``npm ci``
  puts them in ``node_modules/``) into ``docs/assets/vendor/`` (ignored by
  git), so the built site and ``mkdocs serve`` carry them; mermaid2 checks
  that its ``javascript:`` file exists there.
* ``on_pre_build`` replaces the unpkg iframe-worker shim that Material's
  offline plugin adds with the vendored one.
* ``on_post_page`` moves the Mermaid scripts that mermaid2 adds to pages with
  diagrams (its configuration and ``diagram-loader.js``, which fetches Mermaid
  when a reader goes near a diagram) into Material's container (whose scripts
  Material re-runs after an instant navigation, before it draws the diagrams).
  (``hooks/notebook.py`` removes the CDN scripts of the notebook page.)
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from article_md.site import hook_state

VENDOR_DIR = "assets/vendor"
# (package folder in node_modules, files or folders to copy, target folder)
VENDORED = (
    ("mermaid/dist", ("mermaid.min.js",), "mermaid"),
    ("iframe-worker/shim", ("index.js",), "iframe-worker"),  # search from file:// (offline copy)
)
IFRAME_WORKER = f"{VENDOR_DIR}/iframe-worker/index.js"
# Opened from disk (the offline copy), Material does not draw the diagrams; Mermaid does.
OFFLINE_MERMAID = """document.addEventListener("DOMContentLoaded", async () => {
  if (location.protocol !== "file:" || !window.mermaid) return;
  mermaid.initialize({ startOnLoad: false });  // its own start-up would misread the blocks
  let n = 0;
  for (const pre of document.querySelectorAll("pre.mermaid")) {
    const { svg } = await mermaid.render(`__offline_mermaid_${n++}`, pre.textContent);
    const host = document.createElement("div");
    host.className = "mermaid";
    host.innerHTML = svg;
    pre.replaceWith(host);
  }
});"""


def _copy_if_changed(src: Path, dst: Path) -> None:
    if src.is_dir():
        for child in src.rglob("*"):
            if child.is_file():
                _copy_if_changed(child, dst / child.relative_to(src))
        return
    if dst.exists() and filecmp.cmp(src, dst, shallow=False):
        return  # unchanged: do not wake up mkdocs serve's watcher
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)


def vendor(project: Path, docs_dir: Path) -> None:
    """Copy the npm packages' files the site serves into docs_dir/assets/vendor/."""
    node_modules = project / "node_modules"
    target = docs_dir / VENDOR_DIR
    for package, items, folder in VENDORED:
        for item in items:
            src = node_modules / package / item
            if not src.exists():
                raise PluginError(
                    f"{src} is missing: the site serves Mermaid itself. "
                    "Run 'npm ci' in the project folder (or 'make setup')."
                )
            _copy_if_changed(src, target / folder / item)


@event_priority(100)  # before mermaid2, which checks that its file exists
def on_config(config, **kwargs):
    vendor(Path(config["config_file_path"]).parent, Path(config["docs_dir"]))
    return config


def on_pre_build(config, **kwargs):
    """Material's offline plugin adds the iframe-worker shim from unpkg: serve ours instead."""
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [IFRAME_WORKER if "iframe-worker" in str(p) else p for p in polyfills]


def _into_container(soup: BeautifulSoup, tags) -> None:
    """Material re-runs the scripts of its container after each instant navigation."""
    container = soup.select_one("[data-md-component=container]") or soup.body
    for tag in tags:
        container.append(tag.extract())


def _mermaid_scripts(soup: BeautifulSoup) -> list:
    """The scripts mermaid2 appended to <body> (library and configuration)."""
    return [s for s in soup.body.find_all("script", recursive=False)
            if "diagram-loader.js" in s.get("src", "") or "mermaidConfig" in (s.string or "")]


@event_priority(-100)  # after mermaid2 has added its scripts
def on_post_page(output, page, config, **kwargs):
    if "mermaidConfig" not in output:
        return output
    # Under `mkdocs serve` most pages are the same from one reload to the next.
    if output not in _done:
        if len(_done) > 32:
            _done.clear()
        _done[output] = _rewrite(output)
    return _done[output]


_done: dict[str, str] = hook_state.setdefault("vendor_assets", {})  # across serve rebuilds


def _rewrite(output: str) -> str:
    soup = BeautifulSoup(output, "html.parser")
    # The Mermaid stand-in (diagram-loader.js) goes last: after an instant navigation
    # Material waits for the last script of the container only, then draws the
    # diagrams, and it would fetch Mermaid from a CDN if window.mermaid were not set.
    mermaid = sorted(_mermaid_scripts(soup), key=lambda tag: tag.has_attr("src"))
    if mermaid:
        fallback = soup.new_tag("script")
        fallback.string = OFFLINE_MERMAID
        mermaid.insert(0, fallback)
    _into_container(soup, mermaid)
    return str(soup)


if __name__ == "__main__":  # make zensical: Zensical runs no hooks
    import sys

    try:
        vendor(Path.cwd(), Path.cwd() / "docs")
    except PluginError as error:
        sys.exit(f"ERROR - {error}")
