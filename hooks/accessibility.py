"""Small accessibility fixes to the HTML that Material and nbconvert write (checked by axe-core).

* Material's search is a ``role="dialog"`` without a name: it gets ``aria-label``.
* nbconvert's code cells and preformatted outputs scroll sideways but cannot
  take keyboard focus: each gets ``tabindex="0"`` so keyboard users can scroll it.
"""

import re

from mkdocs.exceptions import PluginError

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NOTEBOOK_SCROLLERS = re.compile(
    r'(<div class="highlight-ipynb[^"]*"'  # code cells
    r'|<div class="jp-RenderedHTML[^"]*"[^>]*>\s*<pre)'  # HTML outputs that are preformatted
)


def on_post_page(output, page, **kwargs):
    if SEARCH_DIALOG not in output:
        raise PluginError(f"{page.file.src_uri}: Material's search dialog markup changed; "
                          "update hooks/accessibility.py")
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="搜索">')
    if "jupyter-wrapper" in output:
        output = NOTEBOOK_SCROLLERS.sub(r'\1 tabindex="0"', output)
    return output
