"""Citations become numbered links; the references page lists the pages citing each work."""

import re


def test_citations_are_numbered_and_listed_with_their_pages(built_site):
    background = (built_site / "01-background" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<sup class="citation">\[<a href="\.\./10-references/#ref-wudao2021" title="\[1\] '
                     r'Feng C\. US-China tech war[^"]*">1</a>\]</sup>', background)
    references = (built_site / "10-references" / "index.html").read_text(encoding="utf-8")
    assert 'id="ref-wudao2021"' in references
    entry = references.split('id="ref-googledeepmind2023"')[1].split("</div>")[0]
    assert 'href="../01-background/"' in entry and 'href="../02-concepts/"' in entry
