"""Join source line breaks inside Chinese text (Python-Markdown extension).

Markdown turns a line break inside a paragraph into a space, which is right
for English and wrong between two Chinese characters ("这一署名不对应 任何").
Authors can wrap lines freely: a break (with the next line's indentation)
between two CJK characters or full-width punctuation marks is removed.
Code fences are left alone.

    markdown.markdown("第一行\\n第二行", extensions=["article_md.cjk"])  # <p>第一行第二行</p>
"""

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

CJK = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’—…]"
BREAK = re.compile(rf"({CJK})\n[ \t]*(?={CJK})")
FENCE = re.compile(r"^([ \t]*(?:```|~~~))", re.M)


def join_cjk_lines(markdown: str) -> str:
    parts = FENCE.split(markdown)
    # FENCE.split alternates text, fence marker, text...: a fenced block lies between
    # an odd-numbered marker and the next one.
    out, inside = [], False
    for index, part in enumerate(parts):
        if index % 2 == 1:  # a fence marker
            inside = not inside
            out.append(part)
        else:
            out.append(part if inside else BREAK.sub(r"\1", part))
    return "".join(out)


class CjkPreprocessor(Preprocessor):
    def run(self, lines):
        return join_cjk_lines("\n".join(lines)).split("\n")


class CjkExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(CjkPreprocessor(md), "article_md_cjk", 36)


def makeExtension(**kwargs):
    return CjkExtension(**kwargs)
