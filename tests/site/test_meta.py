"""Meta: descriptions, social tags, sitemap and a Chinese 404 page, all from one site_url."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from tests.site.conftest import PAGES


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.canonical = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta[attrs.get("name") or attrs.get("property")] = attrs["content"]
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")


def head(path):
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("source, built", PAGES, ids=[p[0] for p in PAGES])
def test_description_and_social_tags(built_site, site_url, source, built):
    page = head(built_site / built)
    assert re.search(r"[\u4e00-\u9fff]", page.meta["description"])
    assert page.meta["og:description"] == page.meta["twitter:description"] == page.meta["description"]
    assert page.meta["og:locale"] == "zh_CN" and page.meta["og:title"]
    url = f"{site_url}/{built.removesuffix('index.html')}"
    assert page.meta["og:url"] == page.canonical == url


def test_pages_have_their_own_descriptions(built_site):
    descriptions = {head(built_site / b).meta["description"] for s, b in PAGES if s.endswith(".md")}
    assert len(descriptions) == len([s for s, _ in PAGES if s.endswith(".md")])


def test_sitemap_lists_every_page_at_the_site_url(built_site, site_url):
    tree = ET.parse(built_site / "sitemap.xml")
    locations = {el.text for el in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert locations == {f"{site_url}/{b.removesuffix('index.html')}" for _, b in PAGES}


def test_404_page_is_in_chinese(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>404 - 页面不存在</h1>" in html and "返回首页" in html
    assert "Not found" not in html
