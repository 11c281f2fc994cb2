"""Turn untrusted text (data files, alt text) into inert Markdown.

Every character that Markdown, attr_list, tables or arithmatex could read as
markup becomes a numeric HTML entity. Backslash escapes are not enough:
arithmatex reads ``\\(`` and ``\\[`` as the start of a formula.
"""

import re
from collections.abc import Callable, Iterator

_SPECIAL = re.compile(r"[&<>\"\\`*_{}\[\]()#+\-.!|$~^:]")


def escape(value) -> str:
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", str(value))


FENCE = re.compile(r"^\s*(```|~~~)")


def lines_outside_fences(markdown: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line that is not inside a fenced code block."""
    inside = False
    for number, line in enumerate(markdown.split("\n"), start=1):
        if FENCE.match(line):
            inside = not inside
        elif not inside:
            yield number, line


def map_outside_fences(markdown: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to every line outside fenced code blocks."""
    lines = markdown.split("\n")
    for number, line in lines_outside_fences(markdown):
        lines[number - 1] = change(line)
    return "\n".join(lines)
