"""The article's Keras classifier, as a tested package.

Modules read top to bottom: ``data`` (load Fashion-MNIST or MNIST), ``model``
(the article's network), ``loss`` (the worked cross-entropy example),
``train`` (training, evaluation and the command line), ``figures`` (the
site's plots) and ``results`` (stored results and their fingerprints).
Page code blocks are included from the ``--8<--`` sections in these files.
"""
