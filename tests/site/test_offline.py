"""The offline copy (make offline) works opened straight from disk: formulas, diagrams, search."""

import os
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT
from tests.site.conftest import search


# Its tests share one build of this variant: on one pytest-xdist worker (`make test`
# runs --dist loadgroup), so the variant is built once per session.
pytestmark = pytest.mark.xdist_group("offline")


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline") / "llm-article"
    # site_url's default, whatever the author's shell sets: the tests read the addresses
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SITE_URL_EN")}
    env.update(OFFLINE="true", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for config, edition in (("mkdocs.yml", folder), ("mkdocs.en.yml", folder / "en")):  # as make offline
        result = subprocess.run([sys.executable, "-m", "article_md.book_pdf", "-f", config,
                                 "--site-dir", str(edition)], cwd=ROOT, capture_output=True,
                                text=True, timeout=600)
        assert result.returncode == 0, result.stderr
    return folder


def test_offline_copy_holds_each_editions_book_linked_from_its_pages(offline_copy):
    for home, pdf in (("index.html", "llm-article.pdf"), ("en/index.html", "llm-article-en.pdf")):
        assert (offline_copy / home).parent.joinpath(pdf).read_bytes().startswith(b"%PDF-")
        html = (offline_copy / home).read_text(encoding="utf-8")
        assert f'href="{pdf}"' in html and 'data-book-size>' in html and "KB" in html


def test_offline_copy_and_its_books_give_the_published_addresses(offline_copy):
    """Its pages are x.html, which the published site does not have: their canonical
    links, its sitemap, and the books' links to the site (each chapter's address, the classifier's
    demo), are the published site's x/."""
    site = "http://127.0.0.1:8000/"  # site_url's default (the tests set no SITE_URL)
    for page, address in (("index.html", ""), ("classifier.html", "classifier/"),
                          ("en/04-math.html", "en/04-math/")):
        html = (offline_copy / page).read_text(encoding="utf-8")
        assert re.search(rf'<link rel="canonical" href="{re.escape(site + address)}">', html), page
    sitemap = re.findall(r"<loc>([^<]+)</loc>", (offline_copy / "sitemap.xml").read_text(encoding="utf-8"))
    assert site + "classifier/" in sitemap and not [url for url in sitemap if ".html" in url]
    for pdf in ("llm-article.pdf", "en/llm-article-en.pdf"):
        actions = [annotation.get_object().get("/A") for page in PdfReader(offline_copy / pdf).pages
                   for annotation in page.annotations or []]
        links = [str(action.get_object().get("/URI", "")) for action in actions if action is not None]
        to_site = [link for link in links if link.startswith(site)]
        assert any(link.endswith("/classifier/") for link in to_site), (pdf, to_site)
        assert not [link for link in to_site if ".html" in link], pdf


def test_offline_copy_is_self_contained(offline_copy):
    assert (offline_copy / "04-math.html").is_file()  # no directory URLs
    assert (offline_copy / "search" / "search_index.js").is_file()  # index inlined for file://
    for page in offline_copy.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in html and "cdnjs" not in html, page.name


@pytest.fixture
def disk_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, requests, errors
    context.close()


def test_formula_diagram_and_search_from_file_url(offline_copy, disk_page):
    page, requests, errors = disk_page
    base = offline_copy.as_uri()

    page.goto(f"{base}/04-math.html")
    page.wait_for_function("document.querySelectorAll('.arithmatex').length > 0 && "
                           "document.querySelectorAll('.arithmatex mjx-container').length === "
                           "document.querySelectorAll('.arithmatex').length", timeout=15_000)

    page.goto(f"{base}/02-concepts.html")
    page.evaluate("document.querySelector('.mermaid').scrollIntoView()")
    page.wait_for_function("document.querySelector('.mermaid svg') !== null", timeout=15_000)
    assert page.evaluate("document.querySelector('.mermaid svg').getBBox().width") > 0
    assert "Syntax error" not in page.inner_text(".mermaid")

    page.goto(f"{base}/index.html")
    assert any("07-resources.html" in href for href in search(page, "退役"))

    assert errors == []
    assert all(url.startswith(("file:", "data:", "blob:")) for url in requests), requests


def test_classifier_page_says_why_it_cannot_run_from_file_url(offline_copy, disk_page):
    """Browsers do not let a file:// page read the model's files: the page says so and what to do."""
    page, requests, errors = disk_page
    page.goto(f"{offline_copy.as_uri()}/classifier.html")
    status = page.locator(".classifier-status")
    page.wait_for_function("document.querySelector('.classifier--failed') !== null", timeout=15_000)
    text = status.text_content()
    assert "file://" in text and "python3 -m http.server 8000" in text
    # the test images themselves are still shown (CSS, no script reads them)
    assert "samples.png" in page.evaluate(
        "getComputedStyle(document.querySelector('.classifier-thumb')).backgroundImage")
    assert errors == []
    assert all(url.startswith(("file:", "data:", "blob:")) for url in requests), requests


def test_english_edition_is_in_the_offline_copy_too(offline_copy, disk_page):
    page, requests, errors = disk_page
    assert (offline_copy / "en" / "search" / "search_index.js").is_file()
    page.goto(f"{offline_copy.as_uri()}/en/04-math.html")
    page.wait_for_function("document.querySelectorAll('.arithmatex mjx-container').length > 5")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert any("/en/03-algorithms.html" in href for href in search(page, "deduplicate"))
    # the language selector leads to the same page of the other edition, on disk too
    twin = page.locator("a.md-select__link[hreflang=zh]").get_attribute("href")
    assert page.evaluate("h => new URL(h, location.href).href", twin) == f"{offline_copy.as_uri()}/04-math.html"
    assert errors == []
    assert all(url.startswith(("file:", "data:", "blob:")) for url in requests), requests
