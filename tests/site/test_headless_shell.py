"""The browser the tests drive (Debian's chromium-headless-shell, conftest.py) is the
browser readers use without its window: the same Chromium release, and every block of a
page laid out where the full chromium lays it out, on a phone and a desktop.

Within a few pixels: the full chromium itself, loading the classifier page again and
again on a phone with both cores busy, now and then laid the hidden MathML copy of a
formula (mjx-assistive-mml) 1 px taller, which moves what follows by a pixel each time
(the page 3 px longer in all); everything else came out the same."""

from __future__ import annotations

import pytest


# One worker launches the full browser once for these tests and test_on_demand.py's.
pytestmark = pytest.mark.xdist_group("full-chromium")

TOLERANCE = 4  # px
SIZES = {"390x844": (390, 844), "1280x900": (1280, 900)}
# Each block of the article and of the theme around it: (tag, x, y in the page, width, height).
GEOMETRY = """() => ({
  page: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
  blocks: [...document.querySelectorAll('.md-header, .md-sidebar, .md-footer, article > *, '
                                         + 'div.arithmatex svg, article img, article pre')]
    .map(e => { const r = e.getBoundingClientRect();
                return [e.tagName, ...[r.x, r.y + scrollY, r.width, r.height].map(Math.round)]; }),
})"""


def test_the_same_chromium_release(browser, full_browser):
    assert browser.version == full_browser.version


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
def test_pages_are_laid_out_as_in_the_full_browser(browser, full_browser, site_url, built, size):
    shell = _geometry(browser, site_url, built, size)
    full = _geometry(full_browser, site_url, built, size)
    assert len(shell["blocks"]) > 20

    def near(a: list, b: list) -> bool:
        return all(abs(x - y) <= TOLERANCE for x, y in zip(a, b))
    assert near(shell["page"], full["page"]), (shell["page"], full["page"])
    assert [block[0] for block in shell["blocks"]] == [block[0] for block in full["blocks"]]
    for seen, expected in zip(shell["blocks"], full["blocks"]):
        assert near(seen[1:], expected[1:]), (seen, expected)
