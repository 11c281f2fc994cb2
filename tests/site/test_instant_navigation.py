"""Formulas and diagrams still render after Material's instant navigation from pages without them."""

from tests.site.conftest import ready_to_navigate
from tests.site.first_load import FORMULAS, WAIT_FOR_MERMAID

# After an instant navigation the page's scripts run once the new content is in place,
# so wait until the formulas are typeset rather than for a promise that may not exist yet.
ALL_TYPESET = """() => {
  const formulas = document.querySelectorAll('.arithmatex').length;
  return formulas > 0 && document.querySelectorAll('.arithmatex mjx-container').length === formulas;
}"""
NOTEBOOK_TYPESET = "() => document.querySelectorAll('.jupyter-wrapper mjx-container svg').length >= 3"


def _navigate(page, href):
    ready_to_navigate(page)
    page.locator(f'.md-sidebar--primary a[href$="{href}"]').first.click()
    page.wait_for_function(f"location.pathname.endsWith('{href}')")
    # the new page's content has been swapped in (Material replaces the canonical link with it)
    page.wait_for_function(f"document.querySelector('link[rel=canonical]').href.endsWith('{href}')")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__not_reloaded") is True  # instant, not a full load


def test_math_and_diagrams_after_instant_navigation(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/06-applications/", wait_until="networkidle")
    # Mermaid is not loaded here (window.mermaid is only diagram-loader.js's stand-in).
    assert page.evaluate("!performance.getEntriesByType('resource')"
                         ".some(e => e.name.includes('mermaid.min.js'))")
    page.evaluate("window.__not_reloaded = true")

    _navigate(page, "/04-math/")
    page.wait_for_function(ALL_TYPESET, timeout=15_000)
    assert page.evaluate(FORMULAS)["errors"] == 0

    _navigate(page, "/02-concepts/")
    assert page.evaluate(WAIT_FOR_MERMAID) == [True]

    _navigate(page, "/notebook/")
    page.wait_for_function(NOTEBOOK_TYPESET, timeout=15_000)

    _navigate(page, "/03-algorithms/")
    _navigate(page, "/04-math/")
    page.wait_for_function(ALL_TYPESET, timeout=15_000)
    assert page.evaluate(FORMULAS)["errors"] == 0
    loads = page.evaluate("performance.getEntriesByType('resource').filter(e => /mathjax|tex-svg/i.test(e.name)).length")
    assert loads == 0  # formulas come typeset: no MathJax at all

    assert watched.errors == []
    assert watched.external == []
