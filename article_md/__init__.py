"""How the site's markers, data lists and citations become HTML: Python-Markdown extensions.

The pipeline, folder by folder: ``docs/`` (the text) -> ``article_md`` (this
package) -> ``snippets/`` (the computation) -> ``results/`` and ``data/`` (what
it produced, what was verified).
"""
