"""Join source line breaks inside Chinese text.

Markdown turns a line break inside a paragraph into a space, which is right
for English and wrong between two Chinese characters ("这一署名不对应 任何").
Authors can wrap lines freely: a break (with the next line's indentation)
between two CJK characters or full-width punctuation marks is removed.
Code fences are left alone.
"""

import re

CJK = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’—…]"
BREAK = re.compile(rf"({CJK})\n[ \t]*(?={CJK})")
FENCE = re.compile(r"^([ \t]*(?:```|~~~))", re.M)


def on_page_markdown(markdown, **kwargs):
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
