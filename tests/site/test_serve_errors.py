"""`mkdocs serve` (hooks/build_errors.py): a failed rebuild shows its one-line message
on every open page of both editions, a reload while the build is broken answers at
once, and fixing the mistake reloads the pages without the panel. `mkdocs build`
has none of it.

One server, in a copy of the project, for two mistakes: one the content check finds
before MkDocs empties the site folder (a YAML error in data/faq.yml: both editions
keep their last good pages), and one found while the pages are read (a formula in a
Chinese page: the Chinese pages are gone, the English edition is untouched).
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT
from tests.site.conftest import copy_project
from tests.site.test_authors_laptop import _free_port

PANEL = "[role=alert] .build-errors__panel"
MESSAGE = f"{PANEL} code"
FIRST_ANSWER = "/livereload/build-error/-1"  # what a page's script asks first
WAIT_MS = 120_000  # a rebuild, on a busy machine


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`mkdocs serve --livereload` (what `make serve` runs) in a copy of the project."""
    tmp = tmp_path_factory.mktemp("serve-errors")
    project = copy_project(tmp / "project")
    port = _free_port()
    log = tmp / "serve.log"
    # No COLUMNS: MkDocs would wrap its log lines to that width.
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env.update(NO_MKDOCS_2_WARNING="1", NBCONVERT_DISABLE_CONFIG_EXPORTERS="1", TMPDIR=str(tmp))
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while process.poll() is None and time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url + "/", timeout=5).close()
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"mkdocs serve did not start:\n{log.read_text()[-3000:]}")
        yield project, url, log
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _open(browser, url, **options):
    page = browser.new_context(**options).new_page()
    page.goto(url)
    page.locator("[role=alert].build-errors").wait_for(state="attached")
    return page


def _wait_for_panels(pages, expected: str) -> None:
    """Every page shows the panel with ``expected`` in its message within a few seconds
    (0.2 to 0.7 s measured, with the machine's two cores busy)."""
    for page in pages.values():
        page.locator(PANEL).wait_for(timeout=15_000)
        assert expected in page.locator(MESSAGE).inner_text()


def _fix(pages, path, text):
    """Put the good text back: each page reloads by itself and its panel is gone."""
    with pages["zh"].expect_navigation(timeout=WAIT_MS), pages["en"].expect_navigation(timeout=WAIT_MS), \
            pages["zh"].expect_response(lambda r: r.url.endswith(FIRST_ANSWER), timeout=WAIT_MS), \
            pages["en"].expect_response(lambda r: r.url.endswith(FIRST_ANSWER), timeout=WAIT_MS):
        path.write_text(text, encoding="utf-8")
    for page in pages.values():
        assert page.locator(PANEL).count() == 0
        assert page.locator("[role=alert].build-errors").inner_text() == ""


def test_a_failed_rebuild_shows_on_every_open_page_until_it_is_fixed(served, browser):
    project, url, log = served
    pages = {
        "zh": _open(browser, url + "/", viewport={"width": 1280, "height": 900}),
        "en": _open(browser, url + "/en/", viewport={"width": 390, "height": 844},
                    color_scheme="dark"),
    }
    titles = {language: page.title() for language, page in pages.items()}

    # A mistake the content check finds: both editions keep their last good pages.
    faq = project / "data" / "faq.yml"
    good = faq.read_text(encoding="utf-8")
    faq.write_text(good + "\nkey: [unclosed\n", encoding="utf-8")
    _wait_for_panels(pages, "data/faq.yml: YAML syntax error at line ")
    message = pages["zh"].locator(MESSAGE).inner_text()
    assert "\n" not in message and pages["en"].locator(MESSAGE).inner_text() == message
    assert f"ERROR   -  {message}\n" in log.read_text()  # the line the terminal shows
    assert "构建失败" in pages["zh"].locator(PANEL).inner_text()
    assert "Build failed" in pages["en"].locator(PANEL).inner_text()
    for language, page in pages.items():
        response = page.reload(timeout=20_000)  # MkDocs alone would hold it until a good build
        assert response.status == 200 and page.title() == titles[language]  # the last good page
        page.locator(PANEL).wait_for(timeout=10_000)
        assert page.locator(MESSAGE).inner_text() == message
    _fix(pages, faq, good)

    # A mistake found while the pages are read: MkDocs has emptied the Chinese edition's
    # folder, so its pages answer with a small page of their own (503), in Chinese.
    math = project / "docs" / "04-math.md"
    good = math.read_text(encoding="utf-8")
    # (inline: a display formula more than the English page has would fail the twin check first)
    math.write_text(good + "\n见 $\\frac{1}{$。\n", encoding="utf-8")
    _wait_for_panels(pages, "04-math.md: formula '\\\\frac{1}{': Missing close brace")
    response = pages["zh"].reload(timeout=20_000)
    assert response.status == 503 and pages["zh"].title() == "构建失败"
    assert pages["zh"].locator("html").get_attribute("lang") == "zh"
    pages["zh"].locator(PANEL).wait_for(timeout=10_000)
    response = pages["en"].reload(timeout=20_000)
    assert response.status == 200 and pages["en"].title() == titles["en"]
    pages["en"].locator(PANEL).wait_for(timeout=10_000)
    _fix(pages, math, good)
    assert pages["zh"].title() == titles["zh"]

    for page in pages.values():
        page.context.close()
    output = log.read_text()
    assert "Traceback" not in output
    assert "will appear stuck" not in output and "Open pages show it until a rebuild succeeds." in output


def test_mkdocs_build_has_none_of_it(built_site):
    spec = importlib.util.spec_from_file_location("build_errors", ROOT / "hooks" / "build_errors.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    assert [name for name in dir(hook) if name.startswith("on_")] == ["on_serve"]  # serve only
    for path in built_site.rglob("*"):
        if path.suffix in {".html", ".js", ".css", ".json", ".xml"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "build-error" not in text and "livereload" not in text, path
