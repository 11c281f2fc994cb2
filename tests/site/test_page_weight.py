"""Light pages: every page stays small on a first load; only a diagram brings Mermaid, nothing brings MathJax."""

import pytest

from tests.site.conftest import ALL_PAGES
from tests.site.first_load import pages_loaded_once

LIMIT = 300 * 1000  # bytes transferred on a first load (compressed, as GitHub Pages serves)


LIGHT = [(s, b) for s, b in ALL_PAGES if not s.endswith("02-concepts.md")]


@pytest.mark.parametrize("source, built", pages_loaded_once(LIGHT))
def test_page_without_diagrams_is_light(built_site, desktop_visit, source, built):
    html = (built_site / built).read_text(encoding="utf-8")
    assert 'class="mermaid"' not in html
    seen = desktop_visit(built)  # a first load: empty cache
    assert seen.transferred <= LIMIT, f"{seen.transferred} bytes"
    assert not [u for u in seen.requested if "mathjax" in u.lower() or "mermaid" in u.lower()]
