"""How the site's markers, data lists, citations and formulas become HTML:
Python-Markdown extensions, free of MkDocs, so any Python-Markdown builder
(MkDocs, Zensical) produces the same pages.

The pipeline, folder by folder: ``docs/`` (the text) -> ``article_md`` (this
package) -> ``snippets/`` (the computation) -> ``docs/results/`` and ``data/``
(what it produced, what was verified).

Extensions (each a module with ``makeExtension``): ``cjk`` (Chinese line joins),
``datalists`` (data lists and citations), ``runs`` (numbers, figures, tables and
the classifier demo from stored training runs; the demo's markup in
``classifier``), ``math`` (formulas typeset at build time), ``tables`` and
``code`` (boxes and line counts that keep pages still while they load),
``corrections`` (editor's notes: anchors, labels, checks, and the corrections
page built from them; the notes' format in ``editor_notes``, their checks against
the source article and the twin page in ``editor_notes_checks``, the page's list in
``corrections_list``).
What they share: ``citations`` (which entries are cited where, numbered in nav
order), ``run_store`` (the stored runs, checked for freshness), ``words`` (each
edition's catalogue of reader-facing words), ``site`` (config files, pages in
nav order, the page being rendered), ``schema`` (the data files' models),
``markup`` (untrusted text made inert) and ``errors``. ``check`` checks every
author input before a build writes; ``zensical`` runs Zensical with one-line errors.
"""
