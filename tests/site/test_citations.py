"""Citations become numbered links; the references page lists the pages citing each work."""


def test_citations_are_numbered_and_listed_with_their_pages(built_site):
    background = (built_site / "01-background" / "index.html").read_text(encoding="utf-8")
    assert '<sup class="citation">[<a href="../10-references/#ref-wudao2021">1</a>]</sup>' in background
    references = (built_site / "10-references" / "index.html").read_text(encoding="utf-8")
    assert 'id="ref-wudao2021"' in references
    entry = references.split('id="ref-googledeepmind2023"')[1].split("</div>")[0]
    assert 'href="../01-background/"' in entry and 'href="../02-concepts/"' in entry
