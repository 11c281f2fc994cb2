"""Give each table a box of its own (Python-Markdown extension).

Material's script wraps every table without a class in its scrolling frame
(``div.md-typeset__scrollwrap``) as the page starts. When the table sits directly in
the article, taking it out and putting the frame in its place makes the browser
restyle the whole article (the theme has rules on the article's children, such as
``:last-child`` and ``table + *``): as much work as styling the article in the first
place, in the long task that Lighthouse counts as blocking time. Inside a
``<div class="table-box">`` the swap touches only that box. The box has no style of
its own, so the page looks the same, with or without JavaScript.

    markdown.markdown("|a|\\n|-|\\n|1|", extensions=["tables", "article_md.tables"])
    # <div class="table-box"><table>...</table></div>
"""

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

BOX = "table-box"


class TableBoxTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            if parent.get("class") == BOX:
                continue
            for index, child in enumerate(list(parent)):
                if child.tag == "table" and "class" not in child.attrib:
                    box = etree.Element("div", {"class": BOX})
                    box.tail, child.tail = child.tail, None
                    parent.remove(child)
                    box.append(child)
                    parent.insert(index, box)


class TableBoxExtension(Extension):
    def extendMarkdown(self, md):
        # After the block parser, before the inline patterns (priority 20).
        md.treeprocessors.register(TableBoxTreeprocessor(md), "article_md_tables", 25)


def makeExtension(**kwargs):
    return TableBoxExtension(**kwargs)
