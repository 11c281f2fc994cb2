"""Turn untrusted text (data files, alt text) into inert Markdown.

Every character that Markdown, attr_list, tables or arithmatex could read as
markup becomes a numeric HTML entity. Backslash escapes are not enough:
arithmatex reads ``\\(`` and ``\\[`` as the start of a formula.
"""

import html
import re
from collections.abc import Callable, Iterator

_SPECIAL = re.compile(r"[&<>\"\\`*_{}\[\]()#+\-.!|$~^:]")


def escape(value) -> str:
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", str(value))


# Inside a Markdown link's "title": what could end it, or start a formula, code, emphasis
# or another link before the link is parsed.
_IN_TITLE = re.compile(r"[&<>\"\\`*_\[\]()$]")


def escape_title(value) -> str:
    """Text for a Markdown link's title (in double quotes), inert as escape() makes it."""
    return _IN_TITLE.sub(lambda m: f"&#{ord(m.group(0))};", str(value))


_TAG = re.compile(r"(<[^<>]*>)")


def escape_html(value: str) -> str:
    """Trusted HTML (tags and attributes as they are) whose text Markdown leaves alone."""
    return "".join(part if _TAG.fullmatch(part) else escape(html.unescape(part))
                   for part in _TAG.split(value))


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
