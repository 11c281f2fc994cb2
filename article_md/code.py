"""Code listings the browser draws only when they come near the screen (Python-Markdown extension).

A highlighted listing is hundreds of elements (one per token): on the classifier page
its three listings were more than half of the page's elements, all styled and laid out
as the page starts although none is on the first screen. The site's stylesheet gives
``pre > code`` ``content-visibility: auto``, so the browser skips them until they come
near; to keep their place, it needs their height, which is their number of lines. This
extension writes that number on each listing as ``--code-lines``; the stylesheet
turns it into ``contain-intrinsic-block-size`` (lines x the listing's line height), so
the page is as long before a listing is drawn as after, and links to later headings
land where they point.

Material makes a listing that scrolls sideways focusable (``tabindex="0"``), so that
the keyboard can scroll it, as it sets the listing up; with ``content.lazy`` it does
that only when the listing comes into view, too late for a reader who tabs through
the page. So every listing is focusable from the start; Material takes that away from
the ones that fit, once it sees them.

    markdown.markdown("```\\na\\nb\\n```", extensions=["fenced_code", "article_md.code"])
    # <pre><code tabindex="0" style="--code-lines: 2">a\\nb\\n</code></pre>

Runs after the highlighted blocks (stashed as raw HTML) are put back into the page.
"""

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

# A code element directly inside <pre> (Pygments puts an empty span before it); not a
# Mermaid diagram's source (<pre class="mermaid">), which the diagram replaces.
LISTING = re.compile(r"(<pre\b(?![^>]*\bclass=\"[^\"]*\bmermaid\b)[^>]*>(?:<span></span>)?)"
                     r"<code((?:\s[^>]*)?)>(.*?)</code>", re.S)


def _with_lines(match: re.Match) -> str:
    pre, attributes, body = match.groups()
    if not body or " style=" in attributes:
        return match[0]
    lines = body.count("\n") + (not body.endswith("\n"))
    focus = "" if " tabindex=" in attributes else ' tabindex="0"'
    return f'{pre}<code{attributes}{focus} style="--code-lines: {lines}">{body}</code>'


class CodeLinesPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return LISTING.sub(_with_lines, text)


class CodeLinesExtension(Extension):
    def extendMarkdown(self, md):
        # After the raw HTML (the highlighted blocks) is put back (priority 30).
        md.postprocessors.register(CodeLinesPostprocessor(md), "article_md_code", 25)


def makeExtension(**kwargs):
    return CodeLinesExtension(**kwargs)
