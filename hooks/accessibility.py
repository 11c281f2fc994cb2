"""Small accessibility fixes to the HTML that Material and nbconvert write (checked by axe-core).

* Material's search is a ``role="dialog"`` without a name: it gets ``aria-label``, the
  edition's word for search (``extra.words.page.search_label``).
* nbconvert's code cells and preformatted outputs scroll sideways but cannot
  take keyboard focus: each gets ``tabindex="0"`` so keyboard users can scroll it.
"""

import html
import re

from mkdocs.exceptions import PluginError

from article_md.errors import ContentError
from article_md.words import catalogue

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NOTEBOOK_SCROLLERS = re.compile(
    r'(<div class="highlight-ipynb[^"]*"'  # code cells
    r'|<div class="jp-RenderedHTML[^"]*"[^>]*>\s*<pre)'  # HTML outputs that are preformatted
)


def on_post_page(output, page, config, **kwargs):
    if SEARCH_DIALOG not in output:
        raise PluginError(f"{page.file.src_uri}: Material's search dialog markup changed; "
                          "update hooks/accessibility.py")
    try:
        label = html.escape(catalogue(config.config_file_path).text("page", "search_label"),
                            quote=True)
    except ContentError as error:
        raise PluginError(str(error)) from None
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label}">')
    if "jupyter-wrapper" in output:
        output = NOTEBOOK_SCROLLERS.sub(r'\1 tabindex="0"', output)
    return output
