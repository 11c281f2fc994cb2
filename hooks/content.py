"""MkDocs glue for the article_md extensions (they hold the content layer itself).

* ``on_config``: check every input an author edits (``article_md.check``) before
  anything is written, so a mistake stops the build with its one-line message.
  A strict build (``make build``, CI, deploy) refuses stored results it cannot
  check because the dataset is missing; ``make serve`` warns and goes on.
* ``on_page_markdown``: tell the extensions which page they are rendering
  (Zensical passes that to extensions itself).
"""

from mkdocs.exceptions import PluginError

from article_md.check import check_site
from article_md.errors import ContentError
from article_md.site import set_current_page, set_error_type


def _raise_plugin_error(message: str):
    raise PluginError(message)


def on_config(config, **kwargs):
    set_error_type(_raise_plugin_error)
    missing_dataset = "error" if config.strict else "warn"
    config.mdx_configs.setdefault("article_md.results", {})["missing_dataset"] = missing_dataset
    try:
        check_site(config.config_file_path, missing_dataset)
    except ContentError as error:
        raise PluginError(str(error)) from None
    return config


def on_page_markdown(markdown, page, **kwargs):
    set_current_page(page.file.src_uri)
    return markdown

