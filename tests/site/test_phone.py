"""Every page on a phone (390x844 and 360x740, touch, device scale 2).

Nothing invisible or cut off: each display formula has a real width, diagrams
and figures are drawn (figures in their narrow drawing, diagrams large enough to
read, scrolling inside their own box if need be), the page never scrolls
sideways (checked from the narrowest phones, 320 px, to the widest, 430 px), the
notebook's cells use the whole column;
the navigation drawer opens and search works; formula pages do not move while
they load and ask for no MathJax.
"""

from __future__ import annotations

import pytest

from tests.site.conftest import (ALL_PAGES, OPEN_SHADOW_ROOTS, WATCH_SHIFTS, after_navigation, search,
                                 slow_phone)

PHONES = {"390x844": (390, 844), "360x740": (360, 740)}
# The ends of the range of phone widths, for the check that everything fits.
ALL_WIDTHS = {"320x568": (320, 568), **PHONES, "430x932": (430, 932)}
SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await new Promise(r => setTimeout(r, 150));
  }
  await new Promise(r => setTimeout(r, 500));
}"""
# Through the page a screen at a time, two frames each (the browser's intersection
# observers run once a frame): each figure and diagram comes into view once, which is
# all their lazy loading needs; the test then waits for what they load (the shift tests
# scroll slower, as a reader does).
SCROLL_BY_SCREENS = """async () => {
  const frame = () => new Promise(r => requestAnimationFrame(r));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
    scrollTo(0, y);
    await frame();
    await frame();
  }
}"""
BRING_NEAR_UNLOADED = """async () => {
  for (const i of document.images) {
    if (i.offsetParent === null || i.complete) continue;
    i.scrollIntoView();
    await new Promise(r => setTimeout(r, 50));
  }
}"""
# The screen's width is clientWidth: on a phone, innerWidth grows with the page when
# the page is wider than the screen (the browser lets the reader zoom out to it).
MEASURE = """() => ({
  pageWidth: document.documentElement.scrollWidth,
  viewport: document.documentElement.clientWidth,
  formulas: [...document.querySelectorAll('div.arithmatex')].map(d => {
    const svg = d.querySelector('svg');
    return svg ? Math.round(svg.getBoundingClientRect().width) : 0;
  }),
  figures: [...document.querySelectorAll('article img')].filter(i => i.offsetParent !== null)
    .map(i => ({loaded: i.complete && i.naturalWidth > 0, src: i.getAttribute('src'),
                width: Math.round(i.getBoundingClientRect().width),
                scale: i.getBoundingClientRect().width / i.naturalWidth})),
  diagrams: [...document.querySelectorAll('.mermaid')].map(h => {
    const svg = (h.shadowRoot || h).querySelector('svg');
    if (!svg) return {width: 0};
    const width = svg.getBoundingClientRect().width;
    return {width: Math.round(width), scale: width / svg.viewBox.baseVal.width,
            scrolls: h.scrollWidth > h.clientWidth, focusable: svg.tabIndex === 0};
  }),
  column: (a => a.clientWidth - parseFloat(getComputedStyle(a).paddingLeft)
                - parseFloat(getComputedStyle(a).paddingRight))(document.querySelector('article')),
  cells: [...document.querySelectorAll('.jp-Notebook .jp-Cell-inputWrapper')]
    .map(c => Math.round(c.getBoundingClientRect().width)),
  mathjax: performance.getEntriesByType('resource').filter(e => /mathjax|tex-svg/i.test(e.name)).length,
})"""


def open_phone(browser, site_url, size):
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(OPEN_SHADOW_ROOTS)
    page.add_init_script(WATCH_SHIFTS)
    external = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url)
               else (external.append(route.request.url), route.abort()))
    return context, page, external


@pytest.fixture(params=list(PHONES), ids=list(PHONES))
def phone(request, browser, site_url):
    context, page, external = open_phone(browser, site_url, PHONES[request.param])
    yield page, external
    context.close()


@pytest.mark.parametrize("source, built", ALL_PAGES, ids=[p[0] for p in ALL_PAGES])
def test_page_fits_a_phone_and_shows_everything(browser, site_url, source, built):
    """Loaded once on the narrowest phone and scrolled through (lazy figures and diagrams
    load as they come near), then measured at each width from 320 to 430 px: one page
    load per page instead of one per width, the same checks at every width."""
    widths = list(ALL_WIDTHS.values())
    context, page, external = open_phone(browser, site_url, widths[0])
    try:
        page.goto(f"{site_url}/{built.removesuffix('index.html')}", wait_until="networkidle")
        page.evaluate(SCROLL_BY_SCREENS)
        if page.locator(".mermaid").count():
            page.wait_for_function("[...document.querySelectorAll('.mermaid')].every(h => "
                                   "(h.shadowRoot || h).querySelector('svg'))", timeout=30_000)
        for width, height in widths:
            page.set_viewport_size({"width": width, "height": height})
            # a figure the new width shows in another drawing: brought near, so it loads
            page.evaluate(BRING_NEAR_UNLOADED)
            page.wait_for_function("[...document.images].filter(i => i.offsetParent !== null)"
                                   ".every(i => i.complete)", timeout=10_000)
            _fits(page.evaluate(MEASURE), f"{width}x{height}")
        assert external == []
    finally:
        context.close()


def _fits(seen: dict, size: str) -> None:
    assert seen["pageWidth"] <= seen["viewport"], (size, seen)  # no sideways scroll of the page
    assert all(width > 50 for width in seen["formulas"]), (size, seen["formulas"])
    # Figures: the narrow drawing, shown at nearly its size (its text legible), is loaded.
    for figure in seen["figures"]:
        assert figure["loaded"] and figure["width"] > 100, (size, seen["figures"])
        if "/results/" in figure["src"]:
            assert "-narrow" in figure["src"] and figure["scale"] > 0.85, (size, seen["figures"])
    # Diagrams are drawn, at no less than 3/4 of their size (labels of 12 px or more); one
    # wider than the screen at that size scrolls inside its own box, from the keyboard too.
    for diagram in seen["diagrams"]:
        assert diagram["width"] > 100 and diagram["scale"] > 0.74, (size, seen["diagrams"])
        assert diagram["focusable"] or not diagram["scrolls"], (size, seen["diagrams"])
    # The notebook's cells use the whole text column (its prompts are hidden on phones):
    # none is pushed narrower by the page buttons floated at its top.
    assert all(cell >= seen["column"] - 1 for cell in seen["cells"]), (size, seen["column"], seen["cells"])
    assert seen["mathjax"] == 0, size


@pytest.mark.parametrize("built", ["04-math/", "notebook/"])
def test_formula_pages_do_not_move_while_they_load(phone, site_url, built):
    page, _ = phone
    slow_phone(page)
    page.goto(f"{site_url}/{built}", wait_until="networkidle")
    page.evaluate(SCROLL_THROUGH)
    assert page.evaluate("window.__shift") == 0, page.evaluate("window.__shifted")


# Each code listing and figure of the article: its height, and whether the browser has
# drawn it (listings are skipped until they come near: content-visibility, article_md.code).
BOXES = """() => ({
  listings: [...document.querySelectorAll('article pre > code')].map(c => ({
    height: c.getBoundingClientRect().height,
    drawn: (c.firstElementChild || c).checkVisibility({contentVisibilityAuto: true}),
    far: c.getBoundingClientRect().top > 3 * innerHeight,
  })),
  figures: [...document.querySelectorAll('article img')].filter(i => i.offsetParent !== null)
    .map(i => ({height: i.getBoundingClientRect().height, drawn: i.complete && i.naturalWidth > 0})),
})"""


@pytest.mark.parametrize("built", ["05-practice/", "classifier/", "en/05-practice/"])
def test_listings_and_figures_keep_their_place_until_they_are_drawn(phone, site_url, built):
    page, _ = phone
    page.goto(f"{site_url}/{built}", wait_until="networkidle")
    before = page.evaluate(BOXES)
    far = [box for box in before["listings"] if box["far"]]
    assert far and not any(box["drawn"] for box in far)  # the browser skipped them
    assert not before["figures"] or not all(box["drawn"] for box in before["figures"])  # lazy
    page.evaluate(SCROLL_THROUGH)  # each comes near and is drawn (and skipped again, far behind)
    after = page.evaluate(BOXES)
    assert all(box["drawn"] for box in after["figures"])
    for listing in page.locator("article pre > code").all():
        listing.scroll_into_view_if_needed()
        page.wait_for_function("c => (c.firstElementChild || c).checkVisibility("
                               "{contentVisibilityAuto: true})", arg=listing.element_handle())
    for kind in ("listings", "figures"):
        heights = [(round(a["height"]), round(b["height"])) for a, b in zip(before[kind], after[kind])]
        assert all(abs(a - b) <= 1 for a, b in heights), (kind, heights)


def test_navigation_drawer_opens_and_search_finds_a_chinese_word(phone, site_url):
    page, external = phone
    page.goto(f"{site_url}/", wait_until="networkidle")
    page.locator("label.md-header__button[for=__drawer]").tap()
    link = page.locator(".md-nav--primary a[href$='04-math/']").first
    link.wait_for(state="visible")
    link.tap()
    page.wait_for_url("**/04-math/")
    after_navigation(page)
    page.locator("label.md-header__button[for=__search]").tap()
    assert any("/04-math/" in href for href in search(page, "独热"))
    assert external == []


def test_mermaid_is_fetched_only_when_the_reader_goes_near_the_diagram(phone, site_url):
    page, external = phone
    page.goto(f"{site_url}/02-concepts/", wait_until="networkidle")
    page.wait_for_timeout(1000)
    fetched = "performance.getEntriesByType('resource').some(e => e.name.endsWith('mermaid.min.js'))"
    assert page.evaluate("document.querySelector('.mermaid').getBoundingClientRect().top > innerHeight")
    assert not page.evaluate(fetched)  # below the screen and nobody scrolled: not loaded
    page.mouse.wheel(0, 200)  # the reader starts to scroll
    page.wait_for_function("[...document.querySelectorAll('.mermaid')].every(h => "
                           "(h.shadowRoot || h).querySelector('svg'))", timeout=30_000)
    assert page.evaluate(fetched)
    assert page.evaluate("document.querySelector('.mermaid').getBoundingClientRect().top > innerHeight")
    assert external == []
