"""Adding a page takes its two Markdown files and two nav entries, nothing else:
the page lists of the tests, the content check, both editions' builds, search
indexes and sitemaps, and the Zensical build all take it from the navs."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.site.conftest import copy_project, edition_pages, mkdocs_build
from tests.site.test_zensical import zensical_build

PAGES = {
    "mkdocs.yml": ("docs/11-extra.md", "  - 10. 扩展阅读与参考资料: 10-references.md\n",
                   "  - 11. 新增一页: 11-extra.md\n", "# 11. 新增一页\n\n新增的一页，只改了两个文件和导航。\n"),
    "mkdocs.en.yml": ("docs/en/11-extra.md", "  - 10. Further Reading and References: 10-references.md\n",
                      "  - 11. An Added Page: 11-extra.md\n",
                      "# 11. An Added Page\n\nAn added page: two files and the nav, nothing else.\n"),
}


def test_a_page_added_to_both_navs_is_built_searched_and_tested_everywhere(tmp_path):
    project = copy_project(tmp_path / "project")
    for config, (page, after, entry, text) in PAGES.items():
        (project / page).write_text(text, encoding="utf-8")
        nav = (project / config).read_text(encoding="utf-8")
        assert after in nav, config
        (project / config).write_text(nav.replace(after, after + entry), encoding="utf-8")

    # The tests' page lists come from the navs.
    assert ("11-extra.md", "11-extra/index.html") in edition_pages("mkdocs.yml", root=project)
    assert ("en/11-extra.md", "en/11-extra/index.html") in edition_pages(
        "mkdocs.en.yml", "en/", root=project)

    check = subprocess.run([sys.executable, "-m", "article_md.check"], cwd=project,
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr

    site = tmp_path / "site"
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.stderr[-3000:]
    for prefix, heading in (("", "新增一页"), ("en/", "An Added Page")):
        html = (site / prefix / "11-extra" / "index.html").read_text(encoding="utf-8")
        assert heading in html
        # The language selector links the page to its twin.
        twin = ('href="../en/11-extra/" hreflang="en"' if not prefix
                else 'href="../../11-extra/" hreflang="zh"')
        assert twin in html, prefix
        index = json.loads((site / prefix / "search" / "search_index.json").read_text("utf-8"))
        assert any(doc["location"].startswith("11-extra/") for doc in index["docs"]), prefix
        assert "11-extra/</loc>" in (site / prefix / "sitemap.xml").read_text(encoding="utf-8")

    zensical = zensical_build(project)
    assert zensical.returncode == 0, zensical.stderr[-3000:]
    assert "新增一页" in (project / "site-zensical" / "11-extra" / "index.html").read_text("utf-8")
    english = (project / "site-zensical" / "en" / "11-extra" / "index.html").read_text("utf-8")
    assert "An Added Page" in english
