"""A strict build stops before it writes anything when reading the pages warned.

MkDocs counts warnings in strict mode (a link to a missing page, say) but only
aborts after writing the whole site. ``on_env`` runs after every page was read
and rendered and before the first file is written: stop there.
"""

import logging

from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler


def on_env(env, config, **kwargs):
    if config.strict:
        for handler in logging.getLogger("mkdocs").handlers:
            if isinstance(handler, CountHandler) and handler.get_counts():
                counts = ", ".join(f"{n} {level.lower()}s" for level, n in handler.get_counts())
                raise PluginError(f"strict build: {counts} above; fix them (nothing was written)")
    return env
