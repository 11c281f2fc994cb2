"""The editions' catalogues (extra.words in each config file): one per language, the
same keys in both, and a missing entry is one line naming the file, key and language."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from article_md.errors import ContentError
from article_md.words import Catalogue, catalogue, keys
from tests.conftest import ROOT


def test_both_editions_have_the_same_entries_in_their_own_language():
    zh, en = catalogue(str(ROOT / "mkdocs.yml")), catalogue(str(ROOT / "mkdocs.en.yml"))
    assert (zh.language, en.language) == ("zh", "en")
    assert keys(zh.words) == keys(en.words)
    assert zh.section("page")["search_label"] == "搜索"
    assert en.section("page")["search_label"] == "Search"
    assert en.text("classifier", "right", n=3) == "Classified correctly (3)"


def test_a_missing_entry_names_the_file_key_and_language():
    en = catalogue(str(ROOT / "mkdocs.en.yml"))
    with pytest.raises(ContentError) as info:
        en.section("page")["no_such_word"]
    assert str(info.value) == ("mkdocs.en.yml (en edition): extra.words.page has no entry "
                               "'no_such_word'; add it (each edition's config file has the same "
                               "keys, in its own language)")


def test_a_wrong_placeholder_names_the_entry():
    words = Catalogue({"classifier": {"right": "Classified correctly ({count})"}},
                      "mkdocs.en.yml", "en")
    with pytest.raises(ContentError) as info:
        words.text("classifier", "right", n=3)
    assert str(info.value) == ("mkdocs.en.yml (en edition): extra.words.classifier.right: "
                               "placeholder 'count' is not one of ['n']; correct the entry")


def _project(tmp_path):
    for name in ("mkdocs.yml", "mkdocs.en.yml", "mkdocs.common.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    return tmp_path


def _check_words(project, config="mkdocs.en.yml"):
    code = ("import sys; from pathlib import Path; from article_md.check import check_words\n"
            "from article_md.errors import ContentError\n"
            f"try: check_words(Path({config!r}), Path('docs'))\n"
            "except ContentError as e: print(e); sys.exit(1)")
    return subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True,
                          text=True, timeout=60)


def test_the_check_finds_an_entry_one_edition_lacks(tmp_path):
    project = _project(tmp_path)
    english = project / "mkdocs.en.yml"
    english.write_text(english.read_text(encoding="utf-8").replace(
        '      search_label: "Search"\n', ""), encoding="utf-8")
    result = _check_words(project)
    assert result.returncode == 1, result.stderr
    assert result.stdout.strip() == ("mkdocs.en.yml: extra.words has no entry 'page.search_label' "
                                     "(mkdocs.yml has it); add it in the edition's language")
    assert _check_words(project, "mkdocs.yml").returncode == 0


def test_the_check_finds_a_word_a_template_asks_for_that_no_catalogue_has(tmp_path):
    project = _project(tmp_path)
    page = project / "overrides" / "main.html"
    page.write_text(page.read_text(encoding="utf-8") + "{{ config.extra.words.page.nowhere }}\n",
                    encoding="utf-8")
    result = _check_words(project, "mkdocs.yml")
    assert result.returncode == 1
    assert result.stdout.strip() == ("overrides/main.html uses extra.words.page.nowhere, which "
                                     "mkdocs.yml does not have; add it")
