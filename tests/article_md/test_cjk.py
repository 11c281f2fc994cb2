from article_md.cjk import join_cjk_lines


def test_breaks_between_chinese_characters_are_joined():
    source = "这一署名不对应\n任何作者，\n    也删去了套话。\nKeras 的\nModel\n"
    assert join_cjk_lines(source) == "这一署名不对应任何作者，也删去了套话。\nKeras 的\nModel\n"


def test_code_fences_are_untouched():
    source = "正文\n第二行\n\n    ```python\n    # 中文\n    # 注释\n    ```\n甲\n乙\n"
    assert join_cjk_lines(source) == "正文第二行\n\n    ```python\n    # 中文\n    # 注释\n    ```\n甲乙\n"


def test_as_an_extension(render):
    assert render("第一行\n第二行\n\nEnglish\ntext", "article_md.cjk") == \
        "<p>第一行第二行</p>\n<p>English\ntext</p>"
