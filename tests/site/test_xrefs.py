"""Numbered equations and figures in the built editions, and their previews in Chromium."""

import re
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from tests.site.conftest import EN_PAGES, PAGES, popup_of, sized_watch


def numbers(path) -> list[tuple[str, str, int]]:
    """(kind, anchor, number) of each numbered equation and figure of a built page."""
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    found = []
    for element in page.select(".xref-equation-body, .xref-figure > figure"):
        if element.name == "figure":
            label = element.select_one("figcaption > strong").get_text()
            found.append(("figure", element["id"], int(re.search(r"\d+", label).group())))
        else:
            label = element.select_one(".xref-equation-number").get_text()
            found.append(("equation", element["id"], int(re.fullmatch(r"\((\d+)\)", label).group(1))))
    return found


def test_twin_pages_carry_the_same_numbers_counted_across_each_edition(built_site):
    for pages in (PAGES, EN_PAGES):
        seen = {"equation": [], "figure": []}
        for _, built in pages:
            for kind, _, number in numbers(built_site / built):
                seen[kind].append(number)
        # one run of numbers per kind across the edition, in nav order
        assert seen["equation"] == list(range(1, len(seen["equation"]) + 1)) and seen["equation"]
        assert seen["figure"] == list(range(1, len(seen["figure"]) + 1)) and seen["figure"]
    for (_, zh), (_, en) in zip(PAGES, EN_PAGES):
        assert numbers(built_site / zh) == numbers(built_site / en), zh


@pytest.mark.parametrize("pages", [PAGES, EN_PAGES], ids=["zh", "en"])
def test_every_reference_links_to_the_number_it_shows(built_site, pages):
    targets = {}
    for _, built in pages:
        for kind, anchor, number in numbers(built_site / built):
            targets[(built, anchor)] = (kind, number)
    references = 0
    for _, built in pages:
        page = BeautifulSoup((built_site / built).read_text(encoding="utf-8"), "html.parser")
        for link in page.select("article a[data-preview]"):
            url = urlparse(urljoin(f"http://site/{built}", link["href"]))
            target_page = url.path.lstrip("/") + ("index.html" if url.path.endswith("/") else "")
            kind, number = targets[(target_page, url.fragment)]
            assert re.search(rf"\b{number}\b", link.get_text()), (built, link)
            assert ("式" in link.get_text() or "Eq." in link.get_text()) == (kind == "equation")
            references += 1
    assert references >= 5


# A reference shows its equation or figure without leaving the page: Material's instant
# preview (the link's data-preview attribute), on hover and on keyboard focus.
@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize("how", ["hover", "focus"])
@pytest.mark.parametrize("page_path, href, shows", [
    ("04-math/", "#eq-cross-entropy", "mjx-container"),
    ("en/05-practice/", "#fig-sample-predictions", "img"),
], ids=["equation", "figure"])
def test_a_reference_previews_its_target_on_hover_and_on_focus(browser, site_url, viewport, how,
                                                               page_path, href, shows):
    watch = sized_watch(browser, site_url, viewport)
    try:
        page = watch.page
        page.goto(f"{site_url}/{page_path}")
        link = page.locator(f"article a[data-preview][href$='{href}']").first  # Material makes it absolute
        preview = popup_of(page, link, how, ".md-tooltip2[role=dialog]")
        assert preview.locator(shows).count() >= 1
        number = re.search(r"\d+", link.inner_text()).group()
        assert number in preview.inner_text()  # the number it refers to, beside its target
        assert watch.errors == [] and watch.external == []
    finally:
        watch.close()
