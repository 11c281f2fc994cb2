"""MkDocs glue for the article_md extensions (they hold the content layer itself).

* ``on_config``: check every input an author edits (``article_md.check``) before
  anything is written, so a mistake stops the build with its one-line message.
  A strict build (``make build``, CI, deploy) refuses stored results it cannot
  check because the dataset is missing; ``make serve`` warns and goes on.
* ``on_page_markdown``: tell the extensions which page they are rendering
  (Zensical passes that to extensions itself).
* ``on_post_page``: typeset the notebook page's formulas (mkdocs-jupyter renders
  its Markdown cells without Python-Markdown) like ``article_md.math`` does.
"""

import html
import re

from mkdocs.exceptions import PluginError

from article_md.check import check_site
from article_md.errors import ContentError
from article_md.math import stylesheet, typesetter
from article_md.site import set_current_page, set_error_type

NOTEBOOK_MARKDOWN = re.compile(r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)', re.S)
NOTEBOOK_MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.S)


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


def on_post_page(output, page, config, **kwargs):
    if "jupyter-wrapper" not in output:
        return output
    engine = typesetter(config.mdx_configs.get("article_md.math", {}).get("cache_dir",
                                                                          ".cache/article_md"))

    def formula(match):
        display = match.group(1) is not None
        tex = html.unescape(match.group(1) if display else match.group(2))
        tag = "div" if display else "span"
        return f'<{tag} class="arithmatex">{engine.render(tex, display)}</{tag}>'
    try:
        output, count = NOTEBOOK_MARKDOWN.subn(
            lambda m: m.group(1) + NOTEBOOK_MATH.sub(formula, m.group(2)) + m.group(3), output)
    except ContentError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    engine.save()
    return output.replace("</head>", stylesheet(engine) + "</head>", 1)
