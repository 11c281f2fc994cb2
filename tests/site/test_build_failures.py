"""Broken input stops the build with a message, on a temporary copy of the project."""

from tests.site.conftest import copy_project, mkdocs_build


def test_missing_snippet_section_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "05-practice.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        '"snippets/model.py:model"', '"snippets/model.py:no_such_section"'), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no_such_section" in result.stderr


def test_broken_internal_link_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "08-summary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n见[不存在的页面](no-such-page.md)。\n",
                    encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr
