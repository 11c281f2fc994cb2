"""Requests Material makes as a page starts, held until the reader does something (on-demand.js).

A reader who only reads asks for neither the sitemaps (instant navigation, language
selector) nor the search index, and starts no search worker. The first pointer move,
touch, scroll or key brings the sitemaps, so links then navigate instantly; focus on the
search box brings the index and starts the worker.
"""

import time

import pytest

from tests.site.conftest import PageWatch, after_navigation, ready_to_navigate, search

# In the full chromium (conftest.py's full_browser): what releases the held requests is the
# reader's first input, and the headless shell the other tests drive sometimes reports a
# pointer move over the header while the page lays out, with no input (5 of 40 loads of
# 01-background/ with both cores busy; none of 30 in chromium).
pytestmark = pytest.mark.xdist_group("full-chromium")


@pytest.fixture
def watched(full_browser, site_url):
    watch = PageWatch(full_browser, site_url)
    yield watch
    watch.close()

REQUESTED = """() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)
  .filter(p => p.endsWith('/sitemap.xml') || p.endsWith('/search_index.json')).sort()"""
MATH_LINK = '.md-sidebar--primary a[href$="/04-math/"]'


def search_workers(page) -> list[str]:
    """The addresses of the page's search workers (Material's lunr thread)."""
    return [worker.url for worker in page.workers if "/workers/search." in worker.url]


def test_a_page_that_is_only_read_asks_for_no_sitemap_and_no_search_index(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/04-math/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert page.evaluate(REQUESTED) == []
    assert page.workers == []
    assert watched.errors == [] and watched.external == []


def test_the_first_pointer_move_brings_the_sitemaps_and_links_navigate_instantly(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/01-background/", wait_until="networkidle")
    page.evaluate("window.__not_reloaded = true")
    ready_to_navigate(page)
    # instant navigation's, and the language selector's for each edition
    assert page.evaluate(REQUESTED) == ["/en/sitemap.xml", "/sitemap.xml", "/sitemap.xml"]
    page.locator(MATH_LINK).first.click()
    page.wait_for_function("document.querySelector('link[rel=canonical]').href.endsWith('/04-math/')")
    assert page.evaluate("window.__not_reloaded") is True
    assert watched.errors == [] and watched.external == []


def test_a_click_that_comes_first_is_an_ordinary_page_load(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/01-background/", wait_until="networkidle")
    page.evaluate("window.__not_reloaded = true")
    # a click with no pointer move before it (element.click() dispatches no pointer events)
    page.evaluate(f"document.querySelector('{MATH_LINK}').click()")
    page.wait_for_url("**/04-math/", wait_until="load")
    assert page.evaluate("window.__not_reloaded") is None  # a new page, loaded as usual
    assert page.locator("h1").inner_text().startswith("4.")
    assert watched.errors == [] and watched.external == []


def test_focus_on_the_search_box_brings_the_index(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/04-math/", wait_until="networkidle")
    ready_to_navigate(page)
    assert "/search/search_index.json" not in page.evaluate(REQUESTED)
    assert search_workers(page) == []  # moving the pointer starts no search either
    assert any("/04-math/" in href for href in search(page, "独热"))
    assert "/search/search_index.json" in page.evaluate(REQUESTED)
    assert len(search_workers(page)) == 1
    assert watched.errors == [] and watched.external == []


def test_search_after_an_instant_navigation_starts_the_worker_from_the_right_address(
        watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/", wait_until="networkidle")
    page.evaluate("window.__not_reloaded = true")
    ready_to_navigate(page)
    page.locator(MATH_LINK).first.click()
    page.wait_for_function("document.querySelector('link[rel=canonical]').href.endsWith('/04-math/')")
    assert page.evaluate("window.__not_reloaded") is True
    after_navigation(page)
    # Material named the worker relative to the first page; the reader is now on another
    assert any("/04-math/" in href for href in search(page, "独热"))
    workers = search_workers(page)
    assert len(workers) == 1
    assert workers[0].startswith(f"{site_url}/assets/javascripts/workers/search.")
    assert watched.errors == [] and watched.external == []


def test_a_search_link_brings_the_index_at_once(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/04-math/?q=%E7%8B%AC%E7%83%AD", wait_until="networkidle")
    # Material opens the search with no move of the reader's (on a busy machine the
    # request may come just after the network went quiet)
    page.wait_for_function(f"({REQUESTED})().includes('/search/search_index.json')", timeout=10_000)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)  # and shows what the worker found
    assert any("/04-math/" in href for href in results.evaluate_all("els => els.map(e => e.href)"))
    assert len(search_workers(page)) == 1
    assert watched.errors == [] and watched.external == []


def test_a_held_request_given_up_before_the_reader_moves_is_never_sent(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/01-background/", wait_until="networkidle")
    page.evaluate("""() => {
      window.__given_up = new XMLHttpRequest();
      __given_up.open("GET", "../sitemap.xml?given-up");
      __given_up.send();
      __given_up.abort();
    }""")
    ready_to_navigate(page)
    page.wait_for_load_state("networkidle")
    sent = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [url for url in sent if "given-up" in url]
    assert watched.errors == [] and watched.external == []


def test_a_search_worker_terminated_before_it_started_never_starts(watched, site_url):
    page = watched.page
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}/04-math/", wait_until="networkidle")
    # A stand-in for a search worker (the address matches; no such file), closed at once.
    page.evaluate("""() => {
      const worker = new Worker("../assets/javascripts/workers/search.0123abcd.min.js");
      worker.terminate();
      worker.postMessage({type: 0});  // ignored, as by a terminated Worker
    }""")
    page.locator("[data-md-component=search-query]").focus()  # releases the waiting workers
    page.wait_for_function("performance.getEntriesByType('resource')"
                           ".some(e => e.name.endsWith('/search_index.json'))")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "0123abcd" in url]  # its script never fetched
    # Material's own still starts: Playwright hears of a new worker a moment after it
    # starts (on a busy machine, once after the network went quiet)
    deadline = time.monotonic() + 10
    while not search_workers(page) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert len(search_workers(page)) == 1
    assert watched.errors == [] and watched.external == []
