"""article_md.corrections: editor's notes get anchors and labels, [[corrections]] lists them
all (article_md.corrections_list), and every mistake in a note is one line
(article_md.editor_notes_checks, while a page is rendered and in article_md.check). A small project
of its own: two twin pages, a data list, a fake source article."""

from __future__ import annotations

import re
import textwrap

import markdown
import pytest
import yaml

from article_md import check, corrections_list, editor_notes_checks
from article_md.errors import ContentError
from article_md.site import read_config
from tests.conftest import ROOT

SOURCE = """\
# 国内大模型如火如荼

## 1. 背景介绍

国内大模型如“悟道”、“预训练通用大模型”等相继发布，
引起了广泛关注。国外先锋如OpenAI、Google Brain等也不断推出新技术，争夺技术高地。

## 7. 工具和资源推荐

1. 《计算机视觉：算法与应用》（Richard S.zelinsky著）
2. “Attention Is All You Need” - V. Vaswani et al.
"""

ZH = {
    "01-a.md": """\
        ---
        description: 背景
        ---

        # 1. 背景介绍

        正文，见[下文](#top)与[第七节](07-res.md#71)。

        !!! note "编者注"

            原文：国内大模型如“悟道”、“预训练通用大模型”等相继发布，引起了
            广泛关注。

            本站：悟道 2.0 与
            ERNIE 3.0。

            原因：统称不是名字，见[上文](#top)。

        ## 1.1 国外先锋

        !!! note "编者注"

            原文：国外先锋如OpenAI……争夺技术高地

            本站：Google DeepMind。

            原因：两个团队已合并。

            第二段原因。
        """,
    "07-res.md": """\
        # 7. 工具和资源推荐

        ## 7.1 学习资源推荐

        [[data:books]]
        """,
    "corrections.md": """\
        # 勘误一览

        [[corrections]]
        """,
}
EN = {
    "01-a.md": """\
        # 1. Background

        !!! note "Editor's note"

            Source: 国内大模型如“悟道”、“预训练通用大模型”等相继发布，引起了广泛关注。

            Translation: Large models in China such as “Wu Dao” have been released.

            This site: Wu Dao 2.0 and ERNIE 3.0.

            Why: A kind of model, not a name.

        ## 1.1 Pioneers abroad

        !!! note "Editor's note"

            Source: 国外先锋如OpenAI……争夺技术高地

            Translation: Pioneers abroad such as OpenAI … compete for the high ground.

            This site: Google DeepMind.

            Why: The teams merged.
        """,
    "07-res.md": """\
        # 7. Tools and Resources

        ## 7.1 Learning resources

        [[data:books]]
        """,
    "corrections.md": """\
        # Corrections

        [[corrections]]
        """,
}
NAV = {"zh": [{"1. 背景介绍": "01-a.md"}, {"7. 工具和资源推荐": "07-res.md"},
              {"勘误一览": "corrections.md"}],
       "en": [{"1. Background": "01-a.md"}, {"7. Tools and Resources": "07-res.md"},
              {"Corrections": "corrections.md"}]}
BOOK = {
    "id": "szeliski2022", "title": "Computer Vision: Algorithms and Applications",
    "authors": ["Richard Szeliski"], "issued": 2022, "publisher": "Springer",
    "url": "https://szeliski.org/Book/",
    "verified": {"source": "https://szeliski.org/Book/", "date": "2025-01-01"},
    "correction": {"original": "《计算机视觉：算法与应用》（Richard S.zelinsky著）",
                   "translation_en": "Computer Vision: Algorithms and Applications (by Richard S.zelinsky)",
                   "reason": "作者姓名写错。", "reason_en": "The author's name was misspelt."},
}


def _config(language: str, docs: str, words: dict) -> dict:
    return {"site_name": "x", "docs_dir": docs, "theme": {"language": language},
            "nav": NAV[language], "extra": {"words": words},
            "markdown_extensions": {"article_md.corrections": {
                "language": language, "docs_dir": docs,
                "config_file": "mkdocs.yml" if language == "zh" else "mkdocs.en.yml",
                "twin_config_file": "mkdocs.en.yml" if language == "zh" else "mkdocs.yml"}}}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with both editions' configs (the real catalogues), pages, data and
    a source article; the working folder while the test runs."""
    for folder, pages in (("docs", ZH), ("docs/en", EN)):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        for name, text in pages.items():
            (tmp_path / folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    for name, language, docs in (("mkdocs.yml", "zh", "docs"), ("mkdocs.en.yml", "en", "docs/en")):
        words = read_config(ROOT / name)["extra"]["words"]
        (tmp_path / name).write_text(yaml.safe_dump(_config(language, docs, words), allow_unicode=True),
                                     encoding="utf-8")
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "article.md").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "data").mkdir()
    for name in ("books.yml", "tools.yml", "papers.yml", "reading.yml", "sources.yml", "faq.yml"):
        (tmp_path / "data" / name).write_text("[]\n", encoding="utf-8")
    (tmp_path / "data" / "books.yml").write_text(yaml.safe_dump([BOOK], allow_unicode=True),
                                                  encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for function in (corrections_list.collect, editor_notes_checks.source_text,
                     editor_notes_checks.data_entries):
        function.cache_clear()
    return tmp_path


def options(language="zh", **more) -> dict:
    zh = language == "zh"
    return {"language": language, "docs_dir": "docs" if zh else "docs/en",
            "config_file": "mkdocs.yml" if zh else "mkdocs.en.yml",
            "twin_config_file": "mkdocs.en.yml" if zh else "mkdocs.yml", **more}


def render(page: str, language: str = "zh", text: str | None = None, **more) -> str:
    folder = "docs" if language == "zh" else "docs/en"
    if text is None:
        text = open(f"{folder}/{page}", encoding="utf-8").read().split("---\n", 2)[-1]
    config = {"article_md.corrections": {**options(language, **more), "page": page},
              "article_md.datalists": {"language": language, "docs_dir": folder,
                                       "config_file": options(language)["config_file"]}}
    return markdown.markdown(text, extensions=["admonition", "md_in_html", "article_md.cjk",
                                               "article_md.corrections", "article_md.datalists"],
                             extension_configs=config)


def edit(path: str, old: str, new: str) -> None:
    with open(path, encoding="utf-8") as file:
        text = file.read()
    assert old in text, old
    with open(path, "w", encoding="utf-8") as file:
        file.write(text.replace(old, new))


# ---------------------------------------------------------------- the notes


def test_each_note_gets_an_anchor_in_page_order_and_its_labels_in_strong(project):
    html = render("01-a.md")
    assert re.findall(r'<div class="admonition note correction" id="(correction-\d)">', html) == [
        "correction-1", "correction-2"]
    assert "<p><strong>原文</strong>：国内大模型如“悟道”、“预训练通用大模型”等相继发布，引起了广泛关注。</p>" in html
    assert "<p><strong>本站</strong>：悟道 2.0 与\nERNIE 3.0。</p>" in html  # words as written
    assert "<p><strong>原因</strong>：两个团队已合并。</p>\n<p>第二段原因。</p>" in html
    assert html.count('<p class="admonition-title">编者注</p>') == 2  # the title is unchanged


def test_english_notes_have_four_labels(project):
    html = render("01-a.md", "en")
    for label in ("Source", "Translation", "This site", "Why"):
        assert f"<p><strong>{label}</strong>: " in html
    assert 'id="correction-2"' in html


def test_a_note_in_a_code_fence_is_left_alone(project):
    text = '```\n!!! note "编者注"\n\n    原文：不在原文里\n```\n'
    html = render("x.md", text=text, twin_config_file="")
    assert "correction" not in html and "不在原文里" in html


def test_a_data_lists_notes_get_the_entrys_anchor(project):
    html = render("07-res.md")
    assert re.search(r'<div class="admonition note correction" id="correction-szeliski2022">', html)


# ---------------------------------------------------------------- the list


def test_the_marker_lists_every_correction_grouped_with_links(project):
    html = render("corrections.md")
    headings = re.findall(r"<h(\d)>(.*?)</h\d>", html)
    assert headings == [("1", "勘误一览"), ("2", "1&#46; 背景介绍"), ("3", "1.1 国外先锋"), ("2", "资料条目中的更正"),
                        ("3", "7&#46; 工具和资源推荐"), ("4", "7.1 学习资源推荐")]
    links = re.findall(r'<a href="([^"]+)">在正文中查看</a>', html)
    assert links == ["01-a.md#correction-1", "01-a.md#correction-2",
                     "07-res.md#correction-szeliski2022"]
    first = html.split('<div class="correction-entry">')[1]
    assert "<p><strong>原文</strong>：国内大模型如“悟道”、“预训练通用大模型”等相继发布，引起了广泛关注。</p>" in first
    assert "<p><strong>本站</strong>：悟道 2.0 与\nERNIE 3.0。</p>" in first
    assert '<p><strong>原因</strong>：统称不是名字，见<a href="01-a.md#top">上文</a>。</p>' in first
    assert "第二段原因" in html  # a part of several paragraphs, whole
    data = html.split('<div class="correction-entry">')[3]
    assert "（Richard S&#46;zelinsky著）" in data or "（Richard S.zelinsky著）" in data
    assert "<em>Computer Vision" in data and "Richard Szeliski" in data  # the entry as the list shows it
    assert "作者姓名写错。" in data and "Translation" not in html


def test_the_english_list_adds_the_translation(project):
    html = render("corrections.md", "en")
    assert re.findall(r'<a href="([^"]+)">See it in the text</a>', html) == [
        "01-a.md#correction-1", "01-a.md#correction-2", "07-res.md#correction-szeliski2022"]
    first = html.split('<div class="correction-entry">')[1]
    labels = re.findall(r"<strong>([^<]+)</strong>: ", first)
    assert labels == ["Source", "Translation", "This site", "Why"]
    assert "国内大模型如“悟道”" in first and "Wu Dao 2.0 and ERNIE 3.0." in first
    assert "The author's name was misspelt" in html  # the English reason
    assert "Corrections in the data entries" in html


def test_the_marker_stands_alone(project):
    edit("docs/corrections.md", "[[corrections]]", "见 [[corrections]]")
    assert one_line(page="corrections.md") == ("docs/corrections.md, line 3: [[corrections]] must "
                                               "stand on a line of its own; put it on a line by itself")


def test_no_corrections_says_so(project):
    html = corrections_list.render_list(corrections_list.Corrections(), "corrections.md",
                                        editor_notes_checks.edition_words("mkdocs.yml"))
    assert html == ["本站暂无更正。", ""]


# ---------------------------------------------------------------- the mistakes


def one_line(language="zh", page="01-a.md") -> str:
    with pytest.raises(ContentError) as info:
        render(page, language)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_a_note_without_its_site_part(project):
    edit("docs/01-a.md", "    本站：悟道 2.0 与\n    ERNIE 3.0。\n\n", "")
    assert one_line() == ("docs/01-a.md, line 9: editor's note 1 has no '本站' part; add a paragraph "
                          "starting '本站：' (what this site says now)")


def test_a_note_without_its_reason(project):
    edit("docs/en/01-a.md", "    Why: The teams merged.\n", "")
    assert one_line("en") == ("docs/en/01-a.md, line 15: editor's note 2 has no 'Why' part; add a "
                              "paragraph starting 'Why: ' (why it changed)")


def test_a_note_without_its_source(project):
    edit("docs/01-a.md", "    原文：国外先锋如OpenAI……争夺技术高地\n\n", "")
    assert one_line() == ("docs/01-a.md, line 21: editor's note 2 has no '原文' part; add a "
                          "paragraph starting '原文：' (the source article's words, verbatim)")


def test_an_english_note_of_a_chinese_quote_needs_its_translation(project):
    edit("docs/en/01-a.md", "    Translation: Pioneers abroad such as OpenAI … compete for the "
                            "high ground.\n\n", "")
    assert one_line("en") == (
        "docs/en/01-a.md, line 15: editor's note 2 quotes Chinese but has no 'Translation' part; "
        "add a paragraph starting 'Translation: ' (the English of the quoted source text)")


def test_a_note_without_a_label(project):
    edit("docs/01-a.md", "    原文：国外先锋", "    国外先锋")
    assert one_line() == ("docs/01-a.md, line 23: editor's note 2 starts without a label; begin it "
                          "with '原文：'")


def test_a_part_twice(project):
    edit("docs/01-a.md", "    第二段原因。", "    原因：第二段原因。")
    assert one_line() == ("docs/01-a.md, line 29: editor's note 2 has a second '原因' part; "
                          "merge the two")


def test_an_empty_part(project):
    edit("docs/01-a.md", "    本站：Google DeepMind。", "    本站：")
    assert one_line() == ("docs/01-a.md, line 25: editor's note 2: its '本站' part is empty; "
                          "write what this site says now after the label")


def test_a_quote_not_in_the_source_names_where_it_differs(project):
    edit("docs/01-a.md", "“悟道”、“预训练", "“悟道2.0”、“预训练")
    assert one_line() == (
        "docs/01-a.md, line 11: editor's note 1 quotes “国内大模型如“悟道2.0”、“预训练通用大模型”等相继发布，引起了 广泛关注。”, "
        "which is not in source/article.md (it matches the source up to “国内大模型如“悟道”, then "
        "differs); copy the source's words verbatim (skip parts with ……)")


def test_each_piece_between_ellipses_must_be_in_the_source(project):
    edit("docs/01-a.md", "……争夺技术高地", "……争夺高地")
    message = one_line()
    assert message.startswith("docs/01-a.md, line 23: editor's note 2 quotes “争夺高地”, which is "
                              "not in source/article.md")


def test_whitespace_does_not_matter_but_words_do(project):
    flat = editor_notes_checks.source_text("source/article.md")
    assert editor_notes_checks.missing_piece("国内大模型 如“悟道”……Google\n  Brain等", flat) is None
    assert editor_notes_checks.missing_piece("……", flat) == "quotes nothing"


def test_twins_with_different_numbers_of_notes(project):
    edit("docs/en/01-a.md", "    Why: The teams merged.\n", "    Why: The teams merged.\n\n"
         "!!! note \"Editor's note\"\n\n    Source: 争夺技术高地\n\n    Translation: x\n\n"
         "    This site: y\n\n    Why: z\n")
    assert one_line() == ("docs/en/01-a.md, line 25: editor's note 3 has no twin: docs/01-a.md has "
                          "2 editor's notes, this page 3; add it there too or remove it here")
    assert one_line("en") == ("docs/en/01-a.md, line 25: editor's note 3 has no twin: docs/01-a.md "
                              "has 2 editor's notes, this page 3; add it there too or remove it here")


def test_twins_quoting_different_text_shows_where_they_part(project):
    edit("docs/en/01-a.md", "国外先锋如OpenAI……争夺技术高地", "国外先锋如OpenAI……争夺高地")
    assert one_line() == (
        "docs/01-a.md, line 23: editor's note 2 quotes “...OpenAI……争夺技术高地”, but note 2 of its "
        "twin docs/en/01-a.md (line 17) quotes “...OpenAI……争夺高地”; the twins' notes quote the "
        "same source text, in the same order")


def original_line() -> int:
    lines = open("data/books.yml", encoding="utf-8").read().split("\n")
    return next(n for n, line in enumerate(lines, start=1) if "original:" in line)


def test_a_data_entrys_original_must_be_in_the_source(project):
    edit("data/books.yml", "S.zelinsky著", "Szeliski著")
    with pytest.raises(ContentError) as info:
        render("corrections.md")
    assert str(info.value).startswith(
        f"data/books.yml, entry 'szeliski2022' (line {original_line()}), field 'correction.original': quotes "
        "“《计算机视觉：算法与应用》（Richard Szeliski著）”, which is not in source/article.md")


def test_a_missing_source_article(project):
    (project / "source" / "article.md").unlink()
    assert one_line() == ("source/article.md: missing (the source article that editor's notes "
                          "quote; option 'source' of article_md.corrections)")


def test_the_source_articles_path_is_an_option(project):
    (project / "source" / "article.md").rename(project / "source" / "other.md")
    assert 'id="correction-1"' in render("01-a.md", source="source/other.md")


def test_error_lines_count_the_front_matter(project):
    edit("docs/01-a.md", "    原文：国外先锋", "    国外先锋")
    message = one_line()  # the builder strips the front matter; the line is the file's
    assert message.startswith("docs/01-a.md, line 23:")


# ---------------------------------------------------------------- the check


def test_the_check_finds_the_same_mistakes_before_a_build(project):
    edit("docs/en/01-a.md", "    This site: Google DeepMind.\n\n", "")
    with pytest.raises(ContentError) as info:
        check.check_site("mkdocs.en.yml")
    assert str(info.value) == ("docs/en/01-a.md, line 15: editor's note 2 has no 'This site' part; "
                               "add a paragraph starting 'This site: ' (what this site says now)")
    with pytest.raises(ContentError) as info:  # the Chinese edition's check reads its twin
        check.check_site("mkdocs.yml")
    assert str(info.value).startswith("docs/en/01-a.md, line 15: editor's note 2 has no 'This site'")


def test_the_check_passes_a_good_project_and_checks_the_data(project):
    check.check_site("mkdocs.yml")
    check.check_site("mkdocs.en.yml")
    edit("data/books.yml", "S.zelinsky著", "Szeliski著")
    editor_notes_checks.data_entries.cache_clear()
    with pytest.raises(ContentError, match=rf"^data/books\.yml, entry 'szeliski2022' \(line {original_line()}\)"):
        check.check_site("mkdocs.yml")


def test_the_check_wants_the_editions_language(project):
    edit("mkdocs.en.yml", "language: en\n    twin", "language: zh\n    twin")
    with pytest.raises(ContentError, match=re.escape(
            "mkdocs.en.yml, markdown_extensions, article_md.corrections: language is 'zh' but "
            "the theme's is 'en'; set language: en")):
        check.check_site("mkdocs.en.yml")


def test_a_quote_with_braces_is_told_as_written(project):
    edit("docs/01-a.md", "    原文：国外先锋如OpenAI……争夺技术高地", "    原文：$\\frac{1}{N}$")
    assert one_line().startswith("docs/01-a.md, line 23: editor's note 2 quotes “$\\frac{1}{N}$”, "
                                 "which is not in source/article.md")


def test_a_label_already_in_bold_is_not_bolded_twice(project):
    edit("docs/01-a.md", "    原文：国外先锋", "    **原文**：国外先锋")
    html = render("01-a.md")
    assert "<p><strong>原文</strong>：国外先锋如OpenAI……争夺技术高地</p>" in html
