"""Each page's first load on a desktop, once per session, for every test that reads one.

Three tests of every page need a first load at 1280x900 with an empty cache:
whether it renders offline (test_browser.py), whether it is light
(test_page_weight.py) and what axe finds in either colour scheme
(test_accessibility.py). They read one load of the page, made the first time any
of them asks (`desktop_visit` in conftest.py); their parameters put a page's tests
in one pytest-xdist group (`make test` runs --dist loadgroup), so the page is
loaded once per session, not three times.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import ROOT, require

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Formulas are typeset when the site is built (article_md.math): no MathJax in the page.
FORMULAS = """
() => {
  if (!document.querySelector('.arithmatex')) return null;
  return {
    formulas: document.querySelectorAll('.arithmatex').length,
    typeset: document.querySelectorAll('.arithmatex mjx-container svg').length,
    errors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length,
    assistive: document.querySelectorAll('.arithmatex mjx-assistive-mml math').length,
    runtime: typeof window.MathJax !== 'undefined',
  };
}
"""

# Diagrams are drawn when they are about to be seen (diagram-loader.js): scroll to them.
WAIT_FOR_MERMAID = """
async () => {
  const hosts = () => [...document.querySelectorAll('.mermaid')];
  if (!hosts().length) return null;
  hosts()[0].scrollIntoView();
  for (let i = 0; i < 100; i++) {
    if (hosts().every(h => h.shadowRoot && h.shadowRoot.querySelector('svg'))) break;
    await new Promise(r => setTimeout(r, 100));
  }
  return hosts().map(h => !!(h.shadowRoot && h.shadowRoot.querySelector('svg')
                             && h.shadowRoot.querySelector('svg').getBBox().width > 0));
}
"""

RUN_AXE = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)"""

SETTLED = "document.getAnimations().every(a => a.playState !== 'running')"


@dataclass(frozen=True)
class DesktopVisit:
    """What one first load of a page showed, in the order it was looked at."""
    transferred: int  # bytes (headers and bodies, as sent) until the network was idle
    requested: tuple[str, ...]  # the URLs of those requests
    formulas: dict | None  # FORMULAS, None on a page without any
    diagrams: list | None  # WAIT_FOR_MERMAID, None on a page without any
    axe: dict  # serious or critical violations: {"light": [...], "dark": [...]}
    errors: tuple[str, ...]  # console and page errors, the whole visit
    external: tuple[str, ...]  # requests to anywhere but the site (refused)


def visit(watch, url: str) -> DesktopVisit:
    """Load ``url`` in ``watch`` (a fresh PageWatch, light scheme) and look at it: the bytes
    of the first load, the formulas, the diagrams (scrolled to), then axe on the page as
    it opens, and again after the reader's click on the palette toggle (dark)."""
    require(AXE.is_file(), "axe-core from npm", "npm ci")
    page = watch.page
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    sizes = [request.sizes() for request in finished]
    transferred = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)
    requested = tuple(request.url for request in finished)
    formulas = page.evaluate(FORMULAS)
    diagrams = page.evaluate(WAIT_FOR_MERMAID)
    page.add_script_tag(path=str(AXE))
    axe = {"light": page.evaluate(RUN_AXE)}
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.locator("[data-md-component=palette] label:visible").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    # The toggle's tooltip (content.tooltips) fades in under the pointer: check it as the
    # reader sees it, not half transparent.
    page.wait_for_timeout(300)
    page.wait_for_function(SETTLED)
    axe["dark"] = page.evaluate(RUN_AXE)
    return DesktopVisit(transferred, requested, formulas, diagrams, axe, tuple(watch.errors),
                        tuple(watch.external))


def pages_loaded_once(pages: list[tuple[str, str]]) -> list:
    """``pages`` ((source, built) pairs) as parameters whose tests of one page share a
    pytest-xdist group, so one worker loads that page, once."""
    return [pytest.param(source, built, id=source,
                         marks=pytest.mark.xdist_group(f"first-load-{built}"))
            for source, built in pages]
