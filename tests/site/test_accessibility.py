"""Accessibility: axe-core (the npm package, injected into each page) finds nothing serious."""

import re

import pytest

from tests.conftest import ROOT, require
from tests.site.conftest import ALL_PAGES, language

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

RUN_AXE = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)"""


SETTLED = "document.getAnimations().every(a => a.playState !== 'running')"


@pytest.mark.parametrize("source, built", ALL_PAGES, ids=[p[0] for p in ALL_PAGES])
def test_no_serious_axe_violations_in_either_colour_scheme(browser, site_url, source, built):
    """The page as it opens (light), then after the reader's click on the palette toggle
    (dark), in one load."""
    require(AXE.is_file(), "axe-core from npm", "npm ci")
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(f"{site_url}/{built.removesuffix('index.html')}", wait_until="networkidle")
    page.wait_for_function("!document.querySelector('.arithmatex') || "
                           "document.querySelectorAll('.arithmatex mjx-container').length > 0")
    page.add_script_tag(path=str(AXE))
    found = {"light": page.evaluate(RUN_AXE)}
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.locator("[data-md-component=palette] label:visible").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    # The toggle's tooltip (content.tooltips) fades in under the pointer: check it as the
    # reader sees it, not half transparent.
    page.wait_for_timeout(300)
    page.wait_for_function(SETTLED)
    found["dark"] = page.evaluate(RUN_AXE)
    context.close()
    assert found == {"light": [], "dark": []}


@pytest.mark.parametrize("source, built", ALL_PAGES, ids=[p[0] for p in ALL_PAGES])
def test_language_headings_and_alt_text(built_site, source, built):
    html = (built_site / built).read_text(encoding="utf-8")
    assert re.search(rf'<html[^>]* lang="{language(built)}"', html)
    content = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", content)]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels  # no skipped level
    for alt in re.findall(r'<img[^>]*\balt="([^"]*)"', content):
        chinese = bool(re.search(r"[\u4e00-\u9fff]", alt))
        assert chinese == (language(built) == "zh"), alt  # every figure described in the page's language
    assert not re.search(r"<img(?![^>]*\balt=)", content)
