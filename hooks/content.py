"""MkDocs glue for the article_md extensions (they hold the content layer itself).

``on_config``: check every input an author edits (``article_md.check``) before
anything is written, so a mistake stops the build with its one-line message.
A strict build (``make build``, CI, deploy) refuses stored results it cannot
check because the dataset is missing; ``make serve`` warns and goes on.

The extensions need nothing else from MkDocs: their edition comes from their
options in mkdocs.yml and mkdocs.en.yml, the page they render from MkDocs'
own Markdown instance (``article_md.site.current_page``).
"""

from mkdocs.exceptions import PluginError

from article_md.check import check_site
from article_md.errors import ContentError


def on_config(config, **kwargs):
    missing_dataset = "error" if config.strict else "warn"
    config.mdx_configs.setdefault("article_md.runs", {})["missing_dataset"] = missing_dataset
    try:
        check_site(config.config_file_path, missing_dataset)
    except ContentError as error:
        raise PluginError(str(error)) from None
    return config
