"""MkDocs glue for the article_md extensions (they hold the content layer itself).

``on_config``: check every input an author edits (``article_md.check``) before
anything is written, so a mistake stops the build with its one-line message.
A strict build (``make build``, CI, deploy) refuses stored results it cannot
check because the dataset is missing; ``make serve`` warns and goes on. The
build's own site_url goes to article_md.datalists (the article's citation).

``on_files``: add the references page's downloads (``article_md.bibliography``:
BibTeX and CSL-JSON of every cited entry) to the edition's files.

The extensions need nothing else from MkDocs: their edition comes from their
options in mkdocs.yml and mkdocs.en.yml, the page they render from MkDocs'
own Markdown instance (``article_md.site.current_page``).
"""

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from article_md.bibliography import downloads
from article_md.check import check_site
from article_md.errors import ContentError


def on_config(config, **kwargs):
    missing_dataset = "error" if config.strict else "warn"
    config.mdx_configs.setdefault("article_md.runs", {})["missing_dataset"] = missing_dataset
    # The address this build publishes at (the English edition's comes from the Chinese
    # one's, hooks/editions.py), for the article's own citation.
    config.mdx_configs.setdefault("article_md.datalists", {})["site_url"] = config.site_url or ""
    try:
        check_site(config.config_file_path, missing_dataset)
    except ContentError as error:
        raise PluginError(str(error)) from None
    return config


def on_files(files, config, **kwargs):
    try:
        made = downloads(config.mdx_configs["article_md.datalists"])
    except ContentError as error:
        raise PluginError(str(error)) from None
    for name, content in made.items():
        files.append(File.generated(config, name, content=content))
    return files
