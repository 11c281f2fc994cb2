"""Each page's canonical address is its address on the published site, also in the offline copy.

The offline copy (Material's offline plugin) turns directory URLs off, so that its
pages open from disk: ``classifier.html`` instead of ``classifier/``. MkDocs then
makes each page's canonical link, and the sitemap, from that name, an address the
published site does not have, and the book (``article_md.book``), which takes each
chapter's address from its canonical link, sent the offline PDF's readers there.
"""

from urllib.parse import urljoin


def published_url(url: str) -> str:
    """A page's URL with directory URLs on, as MkDocs names it: ``x.html`` -> ``x/``,
    ``x/index.html`` -> ``x/``, ``index.html`` -> ``./``."""
    if url.endswith("index.html"):
        return url[:-len("index.html")] or "./"
    if url.endswith(".html"):
        return url[:-len(".html")] + "/"
    return url


def on_nav(nav, config, files, **kwargs):
    """Before the sitemap and the pages are rendered: each page's canonical_url was set
    from its URL when MkDocs made it."""
    if config.site_url and not config.use_directory_urls:
        for page in nav.pages:
            page.canonical_url = urljoin(config.site_url, published_url(page.url))  # as MkDocs does
    return nav
