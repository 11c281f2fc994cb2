"""article_md.datalists: data lists and citations, numbered in nav order, from Markdown alone."""

import re
from html import unescape

import pytest

from article_md.errors import ContentError


def test_citation_becomes_numbered_link_to_the_references_page(render):
    html = render("悟道 2.0 [@wudao2021]。", "article_md.datalists", page="01-background.md")
    title = re.search(r' title="([^"]*)"', html).group(1)
    assert re.sub(r' title="[^"]*"', "", html) == (
        '<p>悟道 2.0 <sup class="citation">[<a href="10-references.md#ref-wudao2021">1</a>]</sup>。</p>')
    # the link's title, the theme's tooltip, is the reference as the references page gives it
    assert unescape(title).startswith("[1] Feng C. US-China tech war: Beijing-funded AI researchers")
    assert unescape(title).endswith("[N/OL]. South China Morning Post，2021-06-02. https://www.scmp.com/tech/"
                                    "tech-war/article/3135764/us-china-tech-war-beijing-funded-ai-researchers"
                                    "-surpass-google-and.")


def test_numbers_follow_first_citation_in_nav_order_whatever_page_is_rendered(render):
    # vaswani2017 is first cited on page 3, after three works on page 1 and one on page 2.
    html = render("[@vaswani2017; @wudao2021]", "article_md.datalists", page="08-summary.md")
    numbers = re.findall(r">(\d+)</a>", html)
    assert numbers[1] == "1" and int(numbers[0]) > 1


def test_references_list_names_the_citing_pages_with_links(render):
    html = render("[[data:references]]", "article_md.datalists", page="10-references.md")
    entry = html.split('id="ref-googledeepmind2023"')[1].split("</div>")[0]
    assert '<a href="01-background.md">1&#46; 背景介绍</a>' in entry
    assert '<a href="02-concepts.md">2&#46; 核心概念与联系</a>' in entry
    assert html.index('id="ref-wudao2021"') < html.index('id="ref-vaswani2017"')


def test_books_list_escapes_and_shows_identifiers(render):
    html = render("[[data:books]]", "article_md.datalists", page="07-resources.md")
    assert "<h3>" in html
    assert 'ISBN <a href="https://www.worldcat.org/isbn/9780262035613">978-0-262-03561-3</a>' in html
    assert "Goodfellow I，Bengio Y，Courville A&#46; Deep Learning&#91;M/OL&#93;" in html  # GB/T 7714
    assert '<div class="admonition note">' in html and "编者注" in html


def test_faq_answers_cite_too(render):
    html = render("[[data:faq]]", "pymdownx.details", "article_md.datalists", page="09-faq.md")
    assert "<details" in html and 'class="citation"' in html


@pytest.mark.parametrize("text, message", [
    ("[@nobody]", "citation [@nobody] is not numbered"),
])
def test_unknown_key_is_one_line(render, text, message):
    with pytest.raises(ContentError, match=re.escape(message)):
        render(text, "article_md.datalists", page="01-background.md")


def test_citations_inside_code_stay_as_written(render):
    html = render("```\n[@wudao2021]\n```", "fenced_code", "article_md.datalists")
    assert "[@wudao2021]" in html


ENGLISH = {"article_md.datalists": {"language": "en", "docs_dir": "docs/en",
                                    "config_file": "mkdocs.en.yml",
                                    "style": "article_md/styles/ieee.csl", "locale": "en-US"}}


def test_english_edition_uses_the_english_fields_and_nav(render):
    html = render("[[data:books]]", "article_md.datalists", page="07-resources.md", **ENGLISH)
    assert "A systematic textbook of deep learning" in html and "深度学习领域" not in html
    assert "<p class=\"admonition-title\">Editor&#x27;s note</p>" in html or "Editor's note" in html
    # The source's words as it wrote them, then a translation labelled as one
    assert "<strong>Source</strong>: 《Python深度学习》（François Chollet著）" in html
    assert "<strong>Translation</strong>: Deep Learning with Python" in html
    assert "The source said" not in html and "(Chinese:" not in html
    refs = render("[[data:references]]", "article_md.datalists", page="10-references.md", **ENGLISH)
    entry = refs.split('id="ref-googledeepmind2023"')[1].split("</div>")[0]
    assert '<a href="01-background.md">1&#46; Background</a>' in entry  # the English nav's titles
    assert "Cited in: " in entry


def test_both_editions_number_citations_alike(render):
    zh = render("[[data:references]]", "article_md.datalists", page="10-references.md")
    en = render("[[data:references]]", "article_md.datalists", page="10-references.md", **ENGLISH)
    assert re.findall(r'id="ref-([\w-]+)"', zh) == re.findall(r'id="ref-([\w-]+)"', en)


def test_references_in_each_editions_style_with_their_downloads(render):
    zh = render("[[data:references]]", "article_md.datalists", page="10-references.md")
    en = render("[[data:references]]", "article_md.datalists", page="10-references.md", **ENGLISH)
    for html in (zh, en):
        assert '<a href="references.bib">BibTeX</a>' in html
        assert '<a href="references.json">CSL-JSON</a>' in html
    zh_entry = zh.split('id="ref-sun2021ernie"')[1].split("</div>")[0]
    en_entry = en.split('id="ref-sun2021ernie"')[1].split("</div>")[0]
    assert "[2] Sun Y，Wang S，Feng S，et al&#46; ERNIE 3&#46;0" in zh_entry  # GB/T 7714-2025
    assert "[2] Y&#46; Sun <i>et al&#46;</i>, “ERNIE 3&#46;0" in en_entry  # IEEE
    doi = '<a href="https://doi.org/10.48550/arXiv.2107.02137">10&#46;48550/arXiv&#46;2107&#46;02137</a>'
    assert doi in zh_entry and doi in en_entry


def test_the_article_cites_itself_in_its_editions_style_and_in_bibtex(render):
    zh = render("[[data:cite]]", "fenced_code", "article_md.datalists")
    en = render("[[data:cite]]", "fenced_code", "article_md.datalists", **ENGLISH)
    assert "llm&#45;article contributors&#46; 国内大模型如火如荼，国外先锋上演生死大戏&#91;EB/OL&#93;" in zh
    assert "llm&#45;article contributors, “China’s Large Models Boom as Foreign Pioneers" in en  # IEEE
    assert zh.split("<code", 1)[1].split(">", 1)[1].startswith("@misc{llmarticle,")
