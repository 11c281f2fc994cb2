import importlib.util

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("cjk_newlines", ROOT / "hooks" / "cjk_newlines.py")
cjk = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cjk)


def test_breaks_between_chinese_characters_are_joined():
    source = "这一署名不对应\n任何作者，\n    也删去了套话。\nKeras 的\nModel\n"
    assert cjk.on_page_markdown(source) == "这一署名不对应任何作者，也删去了套话。\nKeras 的\nModel\n"


def test_code_fences_are_untouched():
    source = "正文\n第二行\n\n    ```python\n    # 中文\n    # 注释\n    ```\n甲\n乙\n"
    assert cjk.on_page_markdown(source) == "正文第二行\n\n    ```python\n    # 中文\n    # 注释\n    ```\n甲乙\n"
