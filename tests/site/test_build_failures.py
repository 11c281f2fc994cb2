"""Broken input stops the build with a message, on a temporary copy of the project."""

from tests.site.conftest import build_edited


def test_missing_snippet_section_fails_the_build(tmp_path):
    result = build_edited(tmp_path, "docs/05-practice.md", lambda text: text.replace(
        '"snippets/model.py:model"', '"snippets/model.py:no_such_section"'))
    assert result.returncode != 0
    assert "no_such_section" in result.stderr


def test_broken_internal_link_fails_the_build(tmp_path):
    result = build_edited(tmp_path, "docs/08-summary.md",
                          lambda text: text + "\n见[不存在的页面](no-such-page.md)。\n")
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr
