"""Material starts on a page without restyling all of it (overrides/main.html, quiet-palette.js).

Each of these changes makes the browser restyle every element of the page, in the long
task that Lighthouse counts as blocking time: a class of <html> changed once the body is
there (no-js swapped for js, the focus-visible polyfill's class; its attribute is set
early with it), a stylesheet link's address rewritten (instant navigation), the palette's
data-md-color-switching mark, and a change of <meta name="color-scheme">. A page load
that changes no colour must do none of them after the body exists; the colour toggle,
a dark system scheme and instant navigation must still work as Material intends.
"""

from __future__ import annotations

import pytest

from tests.site.conftest import PageWatch, ready_to_navigate

# Records, from the very start of the page, the changes that restyle everything; each
# with whether <body> existed then (MutationObserver callbacks run as microtasks, right
# after the script that made the change).
RECORD = """
window.__changes = [];
new MutationObserver((records) => {
  const late = document.body !== null;
  for (const r of records) {
    const t = r.target;
    const tokens = (value) => [...new Set((value || "").split(" ").filter(Boolean))].sort().join(" ");
    if (r.type === "attributes" && t === document.documentElement && r.attributeName === "class"
        && tokens(r.oldValue) !== tokens(t.className))
      __changes.push(["html class", tokens(t.className), late]);
    if (r.type === "attributes" && t === document.documentElement && r.attributeName !== "class"
        && r.oldValue !== t.getAttribute(r.attributeName))
      __changes.push([`html ${r.attributeName}`, t.getAttribute(r.attributeName), late]);
    if (r.type === "attributes" && t.localName === "link" && t.rel === "stylesheet" && r.attributeName === "href")
      __changes.push(["stylesheet href", t.getAttribute("href"), late]);
    if (r.type === "attributes" && t === document.body && r.attributeName === "data-md-color-switching")
      __changes.push(["switching", t.getAttribute("data-md-color-switching"), late]);
    if (r.type === "attributes" && t.localName === "meta" && t.name === "color-scheme")
      __changes.push(["color-scheme", t.content, late]);
    for (const n of r.addedNodes)
      if (n.localName === "meta" && n.name === "color-scheme") __changes.push(["color-scheme added", n.content, late]);
  }
}).observe(document, { subtree: true, attributes: true, childList: true, attributeOldValue: true });
"""
STATE = """() => ({
  scheme: document.body.getAttribute("data-md-color-scheme"),
  switching: document.body.hasAttribute("data-md-color-switching"),
  colorScheme: [...document.querySelectorAll("meta[name=color-scheme]")].map(m => m.content),
  themeColor: document.querySelector("meta[name=theme-color]")?.content,
  stylesheets: document.querySelectorAll("link[rel=stylesheet]").length,
  toggles: [...document.querySelectorAll("[data-md-component=palette] label")].filter(l => !l.hidden).length,
  htmlClass: document.documentElement.className,
})"""


@pytest.fixture
def open_page(browser, site_url):
    watches = []

    def open_page(path: str, **options):
        watch = PageWatch(browser, site_url, **{"viewport": {"width": 390, "height": 844}, **options})
        watches.append(watch)
        watch.page.add_init_script(RECORD)
        watch.page.goto(f"{site_url}/{path}", wait_until="networkidle")
        return watch

    yield open_page
    for watch in watches:
        watch.close()


def late_changes(page) -> list:
    return [change for change in page.evaluate("__changes") if change[2]]


@pytest.mark.parametrize("path", ["04-math/", "notebook/", "en/classifier/"])
def test_a_page_load_restyles_nothing_once_the_body_is_there(open_page, path):
    watch = open_page(path)
    page = watch.page
    state = page.evaluate(STATE)
    assert late_changes(page) == [], page.evaluate("__changes")
    early = page.evaluate("__changes")
    # swapped and marked in <head>, before anything is drawn
    assert ["html class", "js js-focus-visible", False] in early
    assert ["html data-js-focus-visible", "", False] in early
    assert {c[0] for c in early} <= {"html class", "html data-js-focus-visible", "stylesheet href"}
    # Material started: its palette toggle is shown, and the page is light with no meta needed
    assert state["toggles"] == 1 and state["scheme"] == "default"
    assert state["colorScheme"] == [] and state["themeColor"]
    assert "js" in state["htmlClass"].split() and "no-js" not in state["htmlClass"].split()
    assert watch.errors == [] and watch.external == []


def test_the_toggle_still_switches_colours_without_transitions(open_page):
    watch = open_page("04-math/")
    page = watch.page
    light = page.evaluate(STATE)
    page.locator("[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    dark = page.evaluate(STATE)
    assert ["switching", "", True] in late_changes(page)  # transitions were off during the switch
    assert dark["colorScheme"] == ["dark"]  # dark scrollbars and form controls
    assert dark["themeColor"] == light["themeColor"] == "#4051b5"  # indigo header in both
    page.locator("[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    assert page.evaluate(STATE)["colorScheme"] == ["light"]
    assert watch.errors == [] and watch.external == []


def test_a_dark_system_gets_the_dark_scheme_on_a_first_visit(open_page):
    watch = open_page("02-concepts/", color_scheme="dark")
    page = watch.page
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    state = page.evaluate(STATE)
    assert state["scheme"] == "slate" and state["colorScheme"] == ["dark"]
    assert ["switching", "", True] in late_changes(page)  # light -> dark at start, no transitions
    assert watch.errors == [] and watch.external == []


def test_instant_navigation_keeps_the_scheme_and_loads_no_stylesheet_twice(open_page):
    watch = open_page("01-background/", color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = watch.page
    before = page.evaluate(STATE)
    page.evaluate("window.__not_reloaded = true")
    ready_to_navigate(page)
    page.locator('.md-sidebar--primary a[href$="/04-math/"]').first.click()
    page.wait_for_function("document.querySelector('link[rel=canonical]').href.endsWith('/04-math/')")
    page.wait_for_load_state("networkidle")
    after = page.evaluate(STATE)
    assert page.evaluate("window.__not_reloaded") is True
    assert after["colorScheme"] == ["dark"] and after["scheme"] == "slate"
    assert after["stylesheets"] == before["stylesheets"] == 3
    assert not [c for c in late_changes(page) if c[0] == "stylesheet href"]
    assert watch.errors == [] and watch.external == []


def test_without_javascript_the_page_keeps_no_js(open_page):
    watch = open_page("04-math/", java_script_enabled=False)
    page = watch.page
    assert page.locator("html").get_attribute("class") == "no-js"


def test_keyboard_focus_is_still_marked_for_its_outline(open_page):
    # Material's focus-visible polyfill finds <html> marked already, and still does its job:
    # focus from the keyboard gets the class that Material's focus outlines use.
    watch = open_page("04-math/", viewport={"width": 1280, "height": 900})
    page = watch.page
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.localName, document.activeElement.className]")
    assert focused[0] == "a" and "focus-visible" in focused[1].split(), focused
    page.mouse.click(5, 300)
    page.locator(".md-content a").first.focus()  # focus that is not from the keyboard
    assert "focus-visible" not in page.evaluate("document.activeElement.className").split()
    assert watch.errors == [] and watch.external == []
