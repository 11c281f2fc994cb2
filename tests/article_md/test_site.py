"""article_md.site: the page being rendered and the error to raise come from the builder."""

from __future__ import annotations

import pytest
from markdown import Extension
from markdown.preprocessors import Preprocessor

from article_md.errors import ContentError
from article_md.site import current_page, fail

seen: list[str] = []


class _Record(Preprocessor):
    def run(self, lines):
        seen.append(current_page(self.md, ""))
        if "FAIL" in lines:
            fail(self.md, ContentError("docs/x.md, line 1: wrong; fix it"))
        return lines


class RecordExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(_Record(md), "record", 40)


def _mkdocs_page(tmp_path, src: str, text: str):
    """A page rendered by MkDocs itself (its Page.render), with the recording extension."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    docs = tmp_path / "docs"
    (docs / src).parent.mkdir(parents=True, exist_ok=True)
    (docs / src).write_text(text, encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(docs), "site_dir": str(tmp_path / "site"),
                      "markdown_extensions": ["tests.article_md.test_site:RecordExtension"]})
    errors, warnings = config.validate()
    assert not errors, errors
    file = File(src, str(docs), str(tmp_path / "site"), use_directory_urls=True)
    page = Page(None, file, config)
    page.read_source(config)
    return page, config, Files([file])


def test_under_mkdocs_the_page_is_the_one_mkdocs_renders(tmp_path):
    """MkDocs' own tree processor ``relpath`` holds the page's File (mkdocs.structure.pages)."""
    seen.clear()
    page, config, files = _mkdocs_page(tmp_path, "en/04-math.md", "# Maths\n")
    page.render(config, files)
    assert seen == ["en/04-math.md"], "MkDocs no longer registers its 'relpath' tree processor " \
        "with the page's file: article_md.site.current_page relies on it"


def test_under_mkdocs_a_content_error_is_mkdocs_own_one_line_error(tmp_path):
    from mkdocs.exceptions import PluginError

    page, config, files = _mkdocs_page(tmp_path, "x.md", "FAIL")
    with pytest.raises(PluginError, match=r"^docs/x\.md, line 1: wrong; fix it$"):
        page.render(config, files)


def test_without_a_builder_the_page_option_and_the_content_error():
    import markdown

    seen.clear()
    markdown.markdown("text", extensions=[RecordExtension()])
    assert seen == ["index.md"]
    with pytest.raises(ContentError):
        markdown.markdown("FAIL", extensions=[RecordExtension()])


def test_every_build_cache_is_in_the_one_cache_folder():
    """mkdocs-jupyter's cache_dir (set in the configs) is under the same folder."""
    from article_md.math import CACHE_DIR
    from article_md.site import BUILD_CACHE, read_config
    from tests.conftest import ROOT

    assert CACHE_DIR.startswith(BUILD_CACHE + "/")
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        jupyter = read_config(ROOT / config)["plugins"]["mkdocs-jupyter"]
        assert jupyter["cache_dir"].startswith(BUILD_CACHE + "/"), config
    assert f"{BUILD_CACHE}/" in (ROOT / ".gitignore").read_text(encoding="utf-8")
