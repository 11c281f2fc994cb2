"""Fixtures for the site tests: a strict build, a local server and a real browser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from article_md.site import nav_pages, read_config
from tests.conftest import ROOT, require
from tests.site.server import serve

# The browser the tests drive: Debian's chromium-headless-shell, built from the same
# Chromium release as its chromium package (the browser readers use) and what Playwright
# itself runs for headless tests: the same engine without the browser around it, so a new
# context and a first page load take a fraction of the CPU (bench/browsers.py), which
# is most of what the browser tests cost. test_headless_shell.py checks it lays pages out
# exactly as the full chromium does; test_on_demand.py, about the reader's first input,
# runs in the full chromium (full_browser below).
HEADLESS_SHELL = Path("/usr/lib/chromium/chromium-headless-shell")
CHROMIUM = Path("/usr/bin/chromium")
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def built_path(src: str) -> str:
    """Where MkDocs (use_directory_urls) writes a page: x.md -> x/index.html."""
    stem = src.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def edition_pages(config_file: str, prefix: str = "", root: Path = ROOT) -> list[tuple[str, str]]:
    """An edition's pages in nav order, (source, built path), from its config's nav:
    the one list of pages, so a page added to the nav is covered by every test."""
    config = read_config(root / config_file)
    docs = root / (config.get("docs_dir") or "docs")
    return [(prefix + page.src, prefix + built_path(page.src))
            for page in nav_pages(root / config_file, docs)]


# Pages in nav order: (source relative to docs/, built path)
PAGES = edition_pages("mkdocs.yml")
# The English edition (mkdocs.en.yml): its own nav, pages under docs/en/, built into en/.
EN_PAGES = edition_pages("mkdocs.en.yml", "en/")
ALL_PAGES = PAGES + EN_PAGES


def language(built: str) -> str:
    return "en" if built.startswith("en/") else "zh"


def mkdocs_build(project: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """Strict build of ``project`` into ``site_dir``; output captured."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TF_CPP_MIN_LOG_LEVEL": "3"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, env=env, timeout=600)


def copy_project(target: Path, warm: bool = True) -> Path:
    """A throw-away copy of the project for tests that break it. ``warm``: with what the
    project's builds have kept so far (.build-cache: typeset formulas, references, search
    cuts, compiled templates, each kept by its input), so its build does not redo them
    (4 s instead of 7); a test of a first build on a new machine passes False."""
    ignore = shutil.ignore_patterns(".venv", "site", "site-zensical", "offline", ".cache", ".build-cache", "node_modules", ".git", "__pycache__",
                                    ".pytest_cache", "vendor")
    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)  # docs/en/results -> ../results
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    if warm:
        _copy_kept(ROOT / ".build-cache", target / ".build-cache")
    return target


def _copy_kept(source: Path, target: Path) -> None:
    """The build cache as it is now, while a build in another worker may be writing it:
    the project's own entries are written whole (a rename); mkdocs-jupyter writes its JSON
    in place, so an entry that does not parse yet is left out."""
    for path in sorted(source.rglob("*")) if source.is_dir() else []:
        if path.is_dir() or path.suffix == ".tmp":
            continue
        if path.suffix == ".json":
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
        copy = target / path.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)


def content_check_error(project: Path, monkeypatch) -> str:
    """The one line ``article_md.check`` (what a build runs first, hooks/content.py) stops
    with on ``project``, both editions; a mistake it names stops every build the same way
    (tests/site/test_author_mistakes.py builds one of each kind), so no build is needed."""
    from article_md.check import check_site
    from article_md.errors import ContentError

    monkeypatch.chdir(project)  # the configs' folders are relative to the project
    with pytest.raises(ContentError) as raised:
        for config_file in ("mkdocs.yml", "mkdocs.en.yml"):
            check_site(config_file)
    message = str(raised.value)
    assert "\n" not in message and "Traceback" not in message, message
    return message


def build_edited(tmp_path: Path, relative: str, change) -> subprocess.CompletedProcess:
    """Copy the project, apply ``change`` (text -> text) to one file, build it into tmp_path/site."""
    project = copy_project(tmp_path / "project")
    path = project / relative
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return mkdocs_build(project, tmp_path / "site")


# Sums every layout shift not caused by the reader's input (as Lighthouse counts CLS).
WATCH_SHIFTS = """
window.__shift = 0;
window.__shifted = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__shift += entry.value;
    for (const s of entry.sources) window.__shifted.push(
      `${s.node ? s.node.nodeName + '.' + (s.node.className || '') : '?'} at ${Math.round(entry.startTime)} ms: `
      + `y ${Math.round(s.previousRect.y)} -> ${Math.round(s.currentRect.y)}`);
  }
}).observe({type: "layout-shift", buffered: true});
"""


def sized_watch(browser, site_url: str, viewport: tuple[int, int]) -> "PageWatch":
    """A page at a desktop or phone size (touch below 720 px), counting layout shifts."""
    width, height = viewport
    watch = PageWatch(browser, site_url, viewport={"width": width, "height": height},
                      has_touch=width < 720, device_scale_factor=2 if width < 720 else 1)
    watch.page.add_init_script(WATCH_SHIFTS)
    return watch


def popup_of(page, link, how: str, selector: str):
    """Hover or focus ``link`` ("hover" or "focus") and return the popup it opens (the
    theme's tooltip or preview), checked to be whole on the screen and to have moved
    nothing on the page."""
    link.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    before = page.evaluate("window.__shift")
    if how == "hover":
        link.hover()
    else:
        link.focus()
    popup = page.locator(selector)
    popup.wait_for(state="visible", timeout=10000)
    box = popup.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= page.viewport_size["width"]  # whole
    assert page.evaluate("window.__shift") == before  # it moves nothing on the page
    return popup


def slow_phone(page) -> None:
    """Lighthouse's mobile profile: slow 4G (150 ms, 1.6 Mbit/s) and a 4x slower CPU,
    so the page arrives in pieces, as it does on a real phone."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8,
        "uploadThroughput": 0.75e6 / 8})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})


@pytest.fixture(scope="session")
def _server(tmp_path_factory):
    """A local web server; its address is known before the site is built into its folder."""
    folder = tmp_path_factory.mktemp("site")
    server, url = serve(folder)
    yield folder, url
    server.shutdown()


@pytest.fixture(scope="session")
def built_site(_server) -> Path:
    """The site, built strictly with site_url set to the local server (as the deploy sets it)."""
    require((ROOT / "node_modules" / "mathjax-full").is_dir(), "the npm packages (MathJax, Mermaid)",
            "npm ci")
    folder, url = _server
    result = mkdocs_build(ROOT, folder, site_url=url + "/")
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="session")
def site_url(_server, built_site):
    return _server[1]


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    require(HEADLESS_SHELL.exists(), "Debian's Chromium headless shell",
            "apt-get install chromium-headless-shell")
    require(CJK_FONT.exists(), "a Chinese font", "apt-get install fonts-wqy-microhei")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright gives the browser a fresh, temporary profile; each test opens
        # its own context (empty cache, no cookies).
        browser = playwright.chromium.launch(executable_path=str(HEADLESS_SHELL), args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def full_browser(browser):
    """Debian's chromium itself (the browser readers use, in its headless mode), for the
    tests whose subject is where the shell differs from it: the shell sometimes reports
    a pointer move over the page's header as the page lays out, with no input at all."""
    require(CHROMIUM.exists(), "Debian's chromium", "apt-get install chromium")
    full = browser.browser_type.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                       headless=True)
    yield full
    full.close()


# Material renders Mermaid in a closed shadow root; open it so tests can look inside.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: "open"}); };
"""


class PageWatch:
    """A page with every console error, page error and non-local request recorded."""

    def __init__(self, browser, base_url: str, **context_options):
        self.context = browser.new_context(**{"viewport": {"width": 1280, "height": 900},
                                              **context_options})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.external: list[str] = []
        self.page.add_init_script(OPEN_SHADOW_ROOTS)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.base_url = base_url

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser, site_url):
    watch = PageWatch(browser, site_url)
    yield watch
    watch.close()


@pytest.fixture(scope="session")
def desktop_visit(browser, site_url):
    """``desktop_visit(built)``: the page's first load on a desktop (tests/site/first_load.py),
    made once per session and read by every test that needs one."""
    from tests.site.first_load import visit

    seen = {}

    def load(built: str):
        if built not in seen:
            watch = PageWatch(browser, site_url, color_scheme="light")
            try:
                seen[built] = visit(watch, f"{site_url}/{built.removesuffix('index.html')}")
            finally:
                watch.close()
        return seen[built]
    return load


def ready_to_navigate(page) -> None:
    """Move the pointer as a reader does before a click, and wait until Material has the
    sitemaps that on-demand.js holds until then (three: instant navigation's, and the
    language selector's for each edition): a click on a link is then an instant
    navigation, not a page load."""
    page.mouse.move(10, 10)
    page.mouse.move(30, 30)
    page.wait_for_function("performance.getEntriesByType('resource')"
                           ".filter(e => e.name.endsWith('/sitemap.xml')).length >= 3")
    page.evaluate("new Promise((resolve) => setTimeout(resolve, 50))")  # their load handlers


def after_navigation(page) -> None:
    """Wait out what Material does 125 ms after every change of address: it closes the
    drawer and the search (its bundle: merge(location$, target$).pipe(delay(125))), so
    a search the test opens right after a navigation would be closed under it. A reader's
    next tap comes later than that."""
    page.wait_for_timeout(250)


def search(page, word: str) -> list[str]:
    """Type a word into Material's (already open or focusable) search box; the result links."""
    box = page.locator("input[data-md-component=search-query]")
    box.wait_for(state="visible")
    box.click()
    box.press_sequentially(word, delay=50)
    box.press("End")  # Material searches on keyup; typed CJK text alone sends none
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    return results.evaluate_all("els => els.map(e => e.href)")
