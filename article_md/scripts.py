"""The site's own MathJax on pages with formulas, under Zensical (Python-Markdown extension).

Under MkDocs, ``hooks/vendor_assets.py`` adds the MathJax loader to pages with
formulas. Zensical runs no hooks, so under Zensical this extension appends it
to such pages; other pages get nothing, and outside Zensical it does nothing.
(Diagrams need nothing here: ``assets/javascripts/diagram-loader.js`` serves
Mermaid under both builders.)
"""

from __future__ import annotations

import posixpath

from markdown import Extension
from markdown.postprocessors import Postprocessor

from article_md.site import current_page, under_zensical

MATHJAX_LOADER = "assets/javascripts/mathjax-loader.js"
MATHJAX = "assets/vendor/mathjax/tex-svg.js"


def script_tags(html: str, page: str) -> str:
    """The script tag a page's HTML needs (none without formulas).

    Zensical rewrites ``src`` like a Markdown link (relative to the page's source
    file), not ``data-*``: that one is relative to the page's URL, which for
    "a/b.md" is "a/b/", one folder deeper than its source.
    """
    folder = posixpath.dirname(page) or "."
    depth = page.count("/") + (0 if posixpath.basename(page) in ("index.md", "README.md") else 1)
    tags = []
    if 'class="arithmatex"' in html:
        tags.append(f'<script src="{posixpath.relpath(MATHJAX_LOADER, folder)}" '
                    f'data-mathjax="{"../" * depth}{MATHJAX}"></script>')
    return "\n".join(tags)


class ScriptsPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        if not under_zensical(self.md):
            return text
        tags = script_tags(text, current_page(self.md, ""))
        return f"{text}\n{tags}" if tags else text


class ScriptsExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(ScriptsPostprocessor(md), "article_md_scripts", 0)


def makeExtension(**kwargs):
    return ScriptsExtension(**kwargs)
