"""Citing and being cited: every reference as BibTeX and CSL-JSON, the article's own citation
(home pages, CITATION.cff, citation_* meta tags) and each citation's reference on hover and focus."""

import datetime as dt
import json
from html import unescape

import bibtexparser
import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from article_md.site import read_config
from tests.conftest import ROOT
from tests.site.conftest import ALL_PAGES, language, popup_of, sized_watch

SCHEMAS = ROOT / "tests" / "schemas"
EDITIONS = {"zh": ("mkdocs.yml", ""), "en": ("mkdocs.en.yml", "en/")}


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_references_page_offers_every_reference_as_bibtex_and_csl_json(built_site, lang):
    prefix = EDITIONS[lang][1]
    page = soup(built_site / prefix / "10-references" / "index.html")
    numbered = [div["id"].removeprefix("ref-") for div in page.select("div.reference")]
    links = {a.get_text(): a["href"] for a in page.select("article a[href$='references.bib'], "
                                                           "article a[href$='references.json']")}
    assert links == {"BibTeX": "../references.bib", "CSL-JSON": "../references.json"}
    items = json.loads((built_site / prefix / "references.json").read_text(encoding="utf-8"))
    jsonschema.validate(items, json.loads((SCHEMAS / "csl-data.json").read_text(encoding="utf-8")))
    bib = bibtexparser.parse_string((built_site / prefix / "references.bib").read_text(encoding="utf-8"))
    assert [item["id"] for item in items] == [entry.key for entry in bib.entries] == numbered
    for item, entry in zip(items, bib.entries):
        assert entry.fields_dict["title"].value == "{" + item["title"] + "}"


def test_each_identifier_links_out(built_site):
    page = soup(built_site / "10-references" / "index.html")
    hrefs = [a["href"] for a in page.select("div.reference a")]
    assert "https://doi.org/10.1038/nature14539" not in hrefs  # not cited on this edition's pages
    assert "https://doi.org/10.18653/v1/N19-1423" in hrefs  # a DOI
    assert "https://arxiv.org/abs/1810.04805" in hrefs  # the arXiv page of a paper with a DOI
    assert "https://doi.org/10.48550/arXiv.1708.07747" in hrefs  # a preprint, by arXiv's DOI
    assert "https://blog.google/technology/ai/april-ai-update/" in hrefs  # a URL
    books = soup(built_site / "07-resources" / "index.html")
    assert "https://www.worldcat.org/isbn/9780262035613" in [a["href"] for a in books.select("article a")]


def _article():
    common = read_config(ROOT / "mkdocs.common.yml")
    return common["extra"]["article"]


def test_citation_cff_validates_and_says_what_the_site_says():
    # dates as text, as the schema asks of YAML's dates
    cff = json.loads(json.dumps(yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8")), default=str))
    jsonschema.validate(cff, json.loads((SCHEMAS / "citation-file-format-1.2.0.json").read_text(encoding="utf-8")))
    article, site = _article(), read_config(ROOT / "mkdocs.yml")
    assert cff["title"] == cff["preferred-citation"]["title"] == site["site_name"]
    assert [a["name"] for a in cff["authors"]] == [a["name"] for a in cff["preferred-citation"]["authors"]] \
        == article["authors"]
    assert dt.date.fromisoformat(str(cff["date-released"])) == dt.date.fromisoformat(str(article["date"]))


@pytest.mark.parametrize("source, built", ALL_PAGES, ids=[p[0] for p in ALL_PAGES])
def test_every_page_has_the_citation_meta_tags_google_scholar_reads(built_site, site_url, source, built):
    lang = language(built)
    config = read_config(ROOT / EDITIONS[lang][0])
    meta = {}
    for tag in soup(built_site / built).select("meta[name^=citation_]"):
        meta.setdefault(tag["name"], []).append(tag["content"])
    article = _article()
    edition_url = f"{site_url}/{EDITIONS[lang][1]}"
    assert meta == {
        "citation_title": [config["site_name"]],
        "citation_author": article["authors"],
        "citation_publication_date": [str(article["date"]).replace("-", "/")],
        "citation_language": [lang],
        "citation_fulltext_html_url": [f"{site_url}/{built.removesuffix('index.html')}"],
        "citation_pdf_url": [edition_url + config["extra"]["book"]["file"]],
    }


@pytest.mark.parametrize("lang, text", [
    ("zh", "llm-article contributors. 国内大模型如火如荼，国外先锋上演生死大戏[EB/OL]. （2026-12-04）. {url}."),
    ("en", "llm-article contributors, “China’s Large Models Boom as Foreign Pioneers Fight for Survival.” "
           "[Online]. Available: {url}"),
])
def test_each_home_page_says_how_to_cite_the_article(built_site, site_url, lang, text):
    url = f"{site_url}/{EDITIONS[lang][1]}"
    page = soup(built_site / EDITIONS[lang][1] / "index.html")
    assert page.select_one("p.cite-article").get_text() == text.format(url=url)
    listing = page.select_one("p.cite-article").find_next_sibling("div", class_="highlight")
    bib = bibtexparser.parse_string(listing.get_text())
    assert bib.entries[0].fields_dict["url"].value == url


# Each citation's reference without leaving the page: Material's tooltip (content.tooltips)
# shows a link's title on hover and on keyboard focus.
@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize("how", ["hover", "focus"])
def test_a_citation_shows_its_reference_on_hover_and_on_focus(browser, site_url, viewport, how):
    watch = sized_watch(browser, site_url, viewport)
    try:
        page = watch.page
        page.goto(f"{site_url}/01-background/")
        link = page.locator("sup.citation a").first
        title = link.get_attribute("title")
        assert unescape(title).startswith("[1] Feng C. US-China tech war")
        tooltip = popup_of(page, link, how, ".md-tooltip2[role=tooltip]")
        assert tooltip.inner_text().strip() == unescape(title)
        assert watch.errors == [] and watch.external == []
    finally:
        watch.close()
