"""Each extension is tested as Markdown in, HTML out: no site build."""

import markdown
import pytest

from tests.conftest import ROOT

OPTIONS = {
    "article_md.datalists": {"data_dir": str(ROOT / "data"), "docs_dir": str(ROOT / "docs"),
                        "config_file": str(ROOT / "mkdocs.yml")},
    "article_md.runs": {"results_dir": str(ROOT / "docs" / "results"),
                           "docs_dir": str(ROOT / "docs"), "config_file": str(ROOT / "mkdocs.yml")},
}


@pytest.fixture
def render():
    """render(text, "article_md.datalists", page="05-practice.md") -> HTML."""
    def render(text: str, *extensions: str, page: str = "index.md", **options) -> str:
        configs = {name: {**OPTIONS.get(name, {}), **options.get(name, {})} for name in extensions}
        for name in extensions:
            if name in OPTIONS:
                configs[name]["page"] = page
        return markdown.markdown(text, extensions=["admonition", "attr_list", "md_in_html",
                                                   "tables", *extensions],
                                 extension_configs=configs)
    return render
