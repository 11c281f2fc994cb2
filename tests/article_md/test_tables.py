import xml.etree.ElementTree as etree

import markdown

from article_md.tables import TableBoxTreeprocessor

TABLE = "| 类别 | 概率 |\n| --- | --- |\n| 猫 | 0.7 |\n"
BOXED = '<div class="table-box">\n<table>'


def test_a_table_gets_a_box_of_its_own(render):
    html = render(f"前文\n\n{TABLE}\n后文", "article_md.tables")
    assert html.startswith(f"<p>前文</p>\n{BOXED}")
    assert html.endswith("</table>\n</div>\n<p>后文</p>")
    assert html.count("<table>") == html.count(BOXED) == 1


def test_tables_inside_admonitions_too_and_never_twice(render):
    indented = TABLE.replace("\n", "\n    ")
    html = render(f'!!! note "编者注"\n\n    {indented}', "article_md.tables")
    assert '<div class="admonition note">' in html
    assert html.count(BOXED) == 1
    again = render(f'<div class="table-box" markdown>\n\n{TABLE}\n</div>', "article_md.tables")
    assert again.count("table-box") == 1


def test_a_table_with_a_class_is_left_alone():
    # Material leaves those unwrapped too
    root = etree.fromstring('<div><table class="data"><tr><td>1</td></tr></table><table/></div>')
    TableBoxTreeprocessor(markdown.Markdown()).run(root)
    assert [child.tag for child in root] == ["table", "div"]
    assert root[1].get("class") == "table-box" and root[1][0].tag == "table"
