"""The browser the tests drive (Debian's chromium-headless-shell, conftest.py) is the
browser readers use without its window: the same Chromium release, and every block of a
page laid out to the pixel as the full chromium lays it out, on a phone and a desktop."""

from __future__ import annotations

import pytest

from tests.conftest import require
from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS

# One worker launches the full browser once for these tests.
pytestmark = pytest.mark.xdist_group("full-chromium")

SIZES = {"390x844": (390, 844), "1280x900": (1280, 900)}
# Each block of the article and of the theme around it: (tag, x, y in the page, width, height).
GEOMETRY = """() => ({
  page: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
  blocks: [...document.querySelectorAll('.md-header, .md-sidebar, .md-footer, article > *, '
                                         + 'div.arithmatex svg, article img, article pre')]
    .map(e => { const r = e.getBoundingClientRect();
                return [e.tagName, ...[r.x, r.y + scrollY, r.width, r.height].map(Math.round)]; }),
})"""


@pytest.fixture(scope="module")
def full_chromium(browser):
    require(CHROMIUM.exists(), "Debian's chromium", "apt-get install chromium")
    full = browser.browser_type.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                       headless=True)
    yield full
    full.close()


def test_the_same_chromium_release(browser, full_chromium):
    assert browser.version == full_chromium.version


def _geometry(browser, site_url: str, built: str, size: str) -> dict:
    width, height = SIZES[size]
    phone = width < 720
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone,
                                  has_touch=phone, device_scale_factor=2 if phone else 1)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{built}", wait_until="networkidle")
        return page.evaluate(GEOMETRY)
    finally:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("built", ["04-math/", "en/classifier/"])
def test_pages_are_laid_out_as_in_the_full_browser(browser, full_chromium, site_url, built, size):
    shell = _geometry(browser, site_url, built, size)
    full = _geometry(full_chromium, site_url, built, size)
    assert len(shell["blocks"]) > 20
    assert shell == full
