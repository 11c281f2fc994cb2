"""Every page in a real browser: formulas typeset, diagrams drawn, search works, nothing external."""

import pytest

from tests.site.conftest import ALL_PAGES, PageWatch, search
from tests.site.first_load import FORMULAS, WAIT_FOR_MERMAID, pages_loaded_once

@pytest.mark.parametrize("source, built", pages_loaded_once(ALL_PAGES))
def test_page_renders_offline(desktop_visit, source, built):
    seen = desktop_visit(built)
    if seen.formulas is not None:
        assert seen.formulas["formulas"] > 0
        assert seen.formulas["typeset"] == seen.formulas["formulas"] == seen.formulas["assistive"], seen.formulas
        assert seen.formulas["errors"] == 0 and not seen.formulas["runtime"]
    if seen.diagrams is not None:
        assert seen.diagrams and all(seen.diagrams), seen.diagrams
    assert seen.errors == ()
    assert seen.external == ()


def test_formulas_and_diagram_are_where_the_article_has_them(watched, site_url):
    watched.page.goto(f"{site_url}/04-math/", wait_until="networkidle")
    assert watched.page.evaluate(FORMULAS)["typeset"] >= 5
    watched.page.goto(f"{site_url}/02-concepts/", wait_until="networkidle")
    assert watched.page.evaluate(WAIT_FOR_MERMAID) == [True]


@pytest.mark.parametrize("edition, word, page", [
    ("", "合并", "01-background/"),   # "...与 DeepMind 合并为 Google DeepMind"
    ("", "退役", "07-resources/"),    # "Apache MXNet 已退役并移入 Apache Attic"
    ("", "独热", "04-math/"),         # "...为独热（one-hot）编码的真实标签"
    # each edition searches its own index (English stemming)
    ("en/", "deduplicate", "03-algorithms/"),  # "...then clean and deduplicate them."
    ("en/", "retired", "07-resources/"),  # "Apache MXNet was retired and moved to the Apache Attic"
])
def test_search_finds_a_word_inside_a_sentence(watched, site_url, edition, word, page):
    watched.page.goto(f"{site_url}/{edition}", wait_until="networkidle")
    hrefs = search(watched.page, word)
    assert any(f"/{edition}{page}" in href for href in hrefs), hrefs
    assert watched.errors == [] and watched.external == []


def test_each_listing_gets_its_copy_button_when_it_comes_into_view(browser, site_url):
    # Material sets up a listing when it is first seen (content.lazy): the copy button
    # must then be there and copy exactly that listing.
    watch = PageWatch(browser, site_url, permissions=["clipboard-read", "clipboard-write"])
    page = watch.page
    page.goto(f"{site_url}/05-practice/", wait_until="networkidle")
    listings = page.locator("article pre > code").all()
    assert len(listings) >= 5
    for listing in listings:
        listing.scroll_into_view_if_needed()
        listing.hover()
        button = listing.locator("xpath=..").locator("button[data-clipboard-target]")
        button.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.strip() and copied.strip() == listing.inner_text().strip()
    watch.close()
    assert watch.errors == [] and watch.external == []
