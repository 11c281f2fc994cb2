"""Light pages: every page stays small on a first load; only a diagram brings Mermaid, nothing brings MathJax."""

import pytest

from tests.site.conftest import ALL_PAGES

LIMIT = 300 * 1000  # bytes transferred on a first load (compressed, as GitHub Pages serves)


def first_load(context, url):
    """Bytes transferred (headers + body, as sent) and the URLs requested, with an empty cache."""
    page = context.new_page()
    requests = []
    page.on("requestfinished", lambda r: requests.append(r))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    total = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in requests)
    urls = [r.url for r in requests]
    page.close()
    return total, urls


LIGHT = [(s, b) for s, b in ALL_PAGES if not s.endswith("02-concepts.md")]


@pytest.mark.parametrize("source, built", LIGHT, ids=[p[0] for p in LIGHT])
def test_page_without_diagrams_is_light(browser, site_url, built_site, source, built):
    html = (built_site / built).read_text(encoding="utf-8")
    assert 'class="mermaid"' not in html
    context = browser.new_context()  # empty cache
    total, urls = first_load(context, f"{site_url}/{built.removesuffix('index.html')}")
    context.close()
    assert total <= LIMIT, f"{total} bytes"
    assert not [u for u in urls if "mathjax" in u.lower() or "mermaid" in u.lower()]
