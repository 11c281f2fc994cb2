"""Accessibility: axe-core (the npm package, injected into each page) finds nothing serious."""

import re

import pytest

from tests.site.conftest import ALL_PAGES, language
from tests.site.first_load import pages_loaded_once

@pytest.mark.parametrize("source, built", pages_loaded_once(ALL_PAGES))
def test_no_serious_axe_violations_in_either_colour_scheme(desktop_visit, source, built):
    """The page as it opens (light), then after the reader's click on the palette toggle
    (dark), in one load (tests/site/first_load.py)."""
    assert desktop_visit(built).axe == {"light": [], "dark": []}


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
