"""Turn untrusted text (data files, alt text) into inert Markdown.

Every character that Markdown, attr_list, tables or arithmatex could read as
markup becomes a numeric HTML entity. Backslash escapes are not enough:
arithmatex reads ``\\(`` and ``\\[`` as the start of a formula.
"""

import re

_SPECIAL = re.compile(r"[&<>\"\\`*_{}\[\]()#+\-.!|$~^:]")


def escape(value) -> str:
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", str(value))
