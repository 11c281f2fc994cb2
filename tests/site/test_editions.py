"""The Chinese and the English edition: twins page by page, the same numbers, each its own search."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import nbformat
import pytest

from article_md.site import nav_pages
from tests.conftest import ROOT
from tests.site.conftest import EN_PAGES, PAGES

DOCS, EN = ROOT / "docs", ROOT / "docs" / "en"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NOTE = {"zh": "编者注", "en": "Editor's note"}


def _sources(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.iterdir()
                  if p.suffix in (".md", ".ipynb"))


def test_every_page_has_its_twin_and_back():
    assert _sources(DOCS) == _sources(EN)
    zh = [p.src for p in nav_pages(ROOT / "mkdocs.yml", DOCS)]
    en = [p.src for p in nav_pages(ROOT / "mkdocs.en.yml", EN)]
    assert zh == en  # the same pages in the same order (citation numbers follow it)


def _article(html: str) -> str:
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("zh, en", list(zip(PAGES, EN_PAGES)), ids=[p[0] for p in PAGES])
def test_twins_have_the_same_headings_notes_and_numbers(built_site, zh, en):
    pages = {}
    for lang, (_, built) in (("zh", zh), ("en", en)):
        article = _article((built_site / built).read_text(encoding="utf-8"))
        pages[lang] = {
            "headings": re.findall(r"<h([1-6])[\s>]", article),
            "notes": len(re.findall(rf'<p class="admonition-title">{re.escape(NOTE[lang])}</p>', article.replace("&#39;", "'"))),
            "citations": re.findall(r'href="[^"]*#ref-([\w-]+)"', article),
            "formulas": article.count("<mjx-container"),
            "figures": re.findall(r'<img[^>]*src="([^"]+)"', article),
            "code": len(re.findall(r'<div class="language-', article)),
        }
    assert pages["zh"] == pages["en"]


MARKER = re.compile(r"\[\[(?:result|loss|history|provenance|classifier|data):[^\]|]*(?:\|[^\]]*)?\]\]")
FIGURE = re.compile(r"\[\[figure:([^\]|]+)")


@pytest.mark.parametrize("source", [s for s, _ in PAGES if s.endswith(".md")])
def test_twins_show_numbers_through_the_same_markers(source):
    """Numbers are never re-typed in a translation: both pages use the same markers, in order."""
    zh, en = ((folder / source).read_text(encoding="utf-8") for folder in (DOCS, EN))
    assert MARKER.findall(zh) == MARKER.findall(en)
    assert FIGURE.findall(zh) == FIGURE.findall(en)  # alt texts differ, figures do not
    fences = re.compile(r'^--8<-- "[^"]+"$', re.M)
    assert fences.findall(zh) == fences.findall(en)  # the same code blocks


def test_the_notebooks_run_the_same_code_with_the_same_outputs():
    zh, en = (nbformat.read(folder / "notebook.ipynb", as_version=4) for folder in (DOCS, EN))
    assert [c.cell_type for c in zh.cells] == [c.cell_type for c in en.cells]
    for a, b in zip(zh.cells, en.cells):
        if a.cell_type == "code":
            assert (a.source, a.outputs) == (b.source, b.outputs)
        else:
            assert not re.search(r"[\u4e00-\u9fff]", b.source), b.source


def test_english_pages_have_the_english_interface(built_site):
    for _, built in EN_PAGES:
        html = (built_site / built).read_text(encoding="utf-8")
        assert re.search(r'<html[^>]* lang="en"', html), built
        assert re.search(r'<meta (content="en_US" property="og:locale"|property="og:locale" content="en_US")', html)
        assert re.search(r'placeholder="Search"', html)  # Material's English labels
    html404 = (built_site / "en" / "404.html").read_text(encoding="utf-8")
    assert "<h1>404 - Page not found</h1>" in html404 and "页面不存在" not in html404


def test_hreflang_in_the_head_and_both_sitemaps(built_site, site_url):
    for _, built in PAGES[:3] + EN_PAGES[:3]:
        html = (built_site / built).read_text(encoding="utf-8")
        links = [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<link\b[^>]*>", html)]
        langs = [link["hreflang"] for link in links if link.get("rel") == "alternate" and "hreflang" in link]
        assert sorted(langs) == ["en", "zh"], built
    for folder, pages, twin_lang in (("", PAGES, "en"), ("en/", EN_PAGES, "zh")):
        tree = ET.parse(built_site / folder / "sitemap.xml")
        urls = {u.find(f"{SITEMAP}loc").text: {link.get("hreflang"): link.get("href")
                                               for link in u.iter(f"{XHTML}link")}
                for u in tree.iter(f"{SITEMAP}url")}
        assert set(urls) == {f"{site_url}/{b.removesuffix('index.html')}" for _, b in pages}
        for loc, links in urls.items():
            path = loc.removeprefix(f"{site_url}/").removeprefix("en/")
            twin = f"{site_url}/{'en/' if twin_lang == 'en' else ''}{path}"
            assert links[twin_lang] == twin, loc


def test_each_edition_has_its_own_search_index(built_site):
    zh = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((built_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert zh["config"]["lang"] == ["zh"] and en["config"]["lang"] == ["en"]
    assert all(not d["location"].startswith("en/") for d in zh["docs"])
    assert any("\u200b" in d["text"] for d in zh["docs"])  # jieba's segmentation
    assert not any(re.search(r"[\u4e00-\u9fff]{4}", d["title"]) for d in en["docs"])


def test_language_switcher_leads_to_the_same_page_and_back(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/04-math/", wait_until="networkidle")
    page.locator(".md-select").first.hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url(f"{site_url}/en/04-math/")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").first.text_content().startswith("4. Mathematical Model")
    page.locator(".md-select").first.hover()
    page.locator("a.md-select__link[hreflang=zh]").click()
    page.wait_for_url(f"{site_url}/04-math/")
    assert page.evaluate("document.documentElement.lang") == "zh"
    assert watched.errors == [] and watched.external == []


def test_without_fork_the_english_edition_is_built_in_turn_and_comes_out_the_same(
        built_site, site_url, tmp_path):
    """Where there is no os.fork (Windows), hooks/editions.py builds the English edition in
    the same process: the site must be the same, file for file."""
    import os
    import subprocess
    import sys

    site = tmp_path / "site"
    program = ("import os, sys; del os.fork; from mkdocs.__main__ import cli; "
               f"sys.argv = ['mkdocs', 'build', '--strict', '--site-dir', {str(site)!r}]; cli()")
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "SITE_URL": site_url + "/", "NO_MKDOCS_2_WARNING": "1"},
                            timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]

    def files(root):
        return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files(site) == files(built_site)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # the English edition was moved in
    for page in (site / "en").rglob("*.html"):
        assert page.read_bytes() == (built_site / page.relative_to(site)).read_bytes(), page


def test_every_page_names_its_search_dialog_in_its_editions_language(built_site):
    """The words around the pages come from each edition's catalogue (extra.words)."""
    for pages, label in ((PAGES, "搜索"), (EN_PAGES, "Search")):
        for _, built in pages:
            html = (built_site / built).read_text(encoding="utf-8")
            dialog = re.search(r'<div[^>]*data-md-component="search"[^>]*>', html).group(0)
            assert f'aria-label="{label}"' in dialog, built
    assert "Page not found" in (built_site / "en" / "404.html").read_text(encoding="utf-8")
    assert "页面不存在" in (built_site / "404.html").read_text(encoding="utf-8")
