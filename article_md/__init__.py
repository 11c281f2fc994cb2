"""How the site's markers, data lists, citations and formulas become HTML:
Python-Markdown extensions, free of MkDocs, so any Python-Markdown builder
(MkDocs, Zensical) produces the same pages.

The pipeline, folder by folder: ``docs/`` (the text) -> ``article_md`` (this
package) -> ``snippets/`` (the computation) -> ``docs/results/`` and ``data/``
(what it produced, what was verified).

Modules: ``cjk`` (Chinese line joins), ``data`` (data lists and citations),
``results`` (numbers, figures and tables from stored runs), ``math`` (formulas
typeset at build time), ``check`` (every author input, before a build writes);
``site``, ``schema``, ``markup`` and ``errors`` are what they share.
"""
