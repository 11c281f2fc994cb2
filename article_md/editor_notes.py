"""What an editor's note is: the format of the notes that ``article_md.corrections``
anchors and lists (their checks: ``article_md.editor_notes_checks``).

Every correction of the source article is shown where the text makes it, as an
editor's note in one format (the title and the labels are the edition's words:
``extra.words.data.note`` and ``extra.words.corrections``)::

    !!! note "编者注"

        原文：<the source article's words, verbatim; long quotes skip parts with ……>

        本站：<what this site says now>

        原因：<why; may cite [@key]>

English pages: ``!!! note "Editor's note"`` with ``Source:`` (the same Chinese
words), ``Translation:`` (their English; left out when the quote is English
already), ``This site:`` and ``Why:``. A part may run over several paragraphs.
A data entry's ``correction`` (``original``, ``translation_en``, ``reason``,
``reason_en``) is the same thing for an entry of a data list.

``parse`` reads a page's notes and their parts; ``rewrite`` gives each note its
anchor class (``MARK`` and its number, which the extension's tree processor makes
``correction-1``, ``correction-2`` … in page order) and its labels in ``<strong>``;
its words are otherwise as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from article_md.errors import ContentError
from article_md.words import catalogue

LANGUAGES = ("zh", "en")
PARTS = ("source", "translation", "site", "why")     # keys of extra.words.corrections
REQUIRED = ("source", "site", "why")
WHAT = {"source": "the source article's words, verbatim",
        "translation": "the English of the quoted source text",
        "site": "what this site says now",
        "why": "why it changed"}
# The corrections page's marker (article_md.corrections): on a line of its own.
MARKER = "[[corrections]]"
MARKER_LINE = re.compile(r"^[ \t]*\[\[corrections\]\][ \t]*$")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
HEADING_ATTRS = re.compile(r"(?:[ \t]*\{:?[^}]*\})?(?:[ \t]+#+)?[ \t]*$")
ELLIPSIS = re.compile(r"…+")
HAN = re.compile(r"[\u3400-\u9fff]")
WHITESPACE = re.compile(r"\s+")
# The class ``rewrite`` gives a note; the extension's tree processor makes it an anchor.
MARK = "article-md-correction-"


# ------------------------------------------------------------------ the words

@dataclass(frozen=True)
class Words:
    """What a note looks like in an edition: its title, labels, and the list's words."""
    language: str
    title: str                  # the note's title, extra.words.data.note
    labels: dict                # part -> label, extra.words.corrections.<part>
    section: dict               # extra.words.corrections
    data: dict                  # extra.words.data (the lists' punctuation)

    def label_pattern(self) -> re.Pattern:
        names = sorted(self.labels.items(), key=lambda item: -len(item[1]))
        alternatives = "|".join(f"(?P<{key}>{re.escape(label)})" for key, label in names)
        return re.compile(rf"^(?:\*\*)?(?:{alternatives})(?:\*\*)?(?P<sep>[ \t]*[:：][ \t]*)")


def edition_words(config_file: str, language: str | None = None) -> Words:
    """The words of the edition ``config_file`` builds; its language is the extension's
    ``language`` option where given (article_md.check makes it the theme's)."""
    words = catalogue(config_file)
    section, data = words.section("corrections"), words.section("data")
    language = language or (words.language if words.language in LANGUAGES else "en")
    return Words(language, str(data["note"]), {key: str(section[key]) for key in PARTS},
                 section, data)


# ------------------------------------------------------------------ the notes

@dataclass
class Note:
    """One editor's note of a page, as written."""
    number: int                 # 1, 2, … in page order
    line: int                   # line of its "!!! note" in the page's file
    start: int                  # index of that line in the text parsed
    end: int                    # index after its last line
    indent: str
    parts: dict = field(default_factory=dict)       # part -> lines (dedented; "" between paragraphs)
    part_lines: dict = field(default_factory=dict)  # part -> (index of its first line, label match)
    heading: str | None = None  # the nearest heading above it (below the page's title)
    heading_line: int = 0
    first_line: int = 1         # the file's line of the parsed text's first line

    def text(self, part: str) -> str:
        return "\n".join(self.parts.get(part) or [])

    def line_of(self, part: str) -> int:
        """The file's line where a part starts."""
        return self.part_lines[part][0] + self.first_line


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def parse(markdown: str, where: str, words: Words, first_line: int = 1) -> list[Note]:
    """The editor's notes of a page's Markdown (outside code fences), each with its parts;
    ``where`` is the file as the author sees it, ``first_line`` the file's line of the
    text's first line. A note without a part it needs is a ContentError."""
    lines = markdown.split("\n")
    header = re.compile(rf'^(?P<indent>[ \t]*)!!![ \t]*note[ \t]+"{re.escape(words.title)}"[ \t]*$')
    label = words.label_pattern()
    notes: list[Note] = []
    heading, heading_line, inside, index = None, 0, False, 0
    while index < len(lines):
        line = lines[index]
        if FENCE.match(line):
            inside = not inside
        if inside:
            index += 1
            continue
        found = HEADING.match(line)
        if found:
            text = HEADING_ATTRS.sub("", found.group(2)).strip()
            heading = text if len(found.group(1)) > 1 else None
            heading_line = index + first_line
        match = header.match(line)
        if not match:
            index += 1
            continue
        note = Note(len(notes) + 1, index + first_line, index, index + 1,
                    match.group("indent").expandtabs(4), heading=heading, heading_line=heading_line,
                    first_line=first_line)
        body = len(note.indent) + 4
        end, index = index + 1, index + 1
        while index < len(lines):
            text = lines[index].expandtabs(4)
            if text.strip() and _indent_of(text) < body:
                break
            index += 1
            if text.strip():
                end = index
        note.end = end
        _parts(note, lines, body, label, where, words, first_line)
        notes.append(note)
        index = end
    return notes


def _parts(note: Note, lines: list[str], body: int, label: re.Pattern, where: str,
           words: Words, first_line: int) -> None:
    at = f"{where}, line {note.line}: editor's note {note.number}"
    current, previous_blank = None, True
    for index in range(note.start + 1, note.end):
        text = lines[index].expandtabs(4)
        if not text.strip():
            previous_blank = True
            if current is not None:
                note.parts[current].append("")
            continue
        text = text[body:]
        found = label.match(text) if previous_blank else None
        previous_blank = False
        if found:
            part = next(key for key in PARTS if found.group(key) is not None)
            if part in note.parts:
                raise ContentError(f"{where}, line {index + first_line}: editor's note "
                                   f"{note.number} has a second '{words.labels[part]}' part; "
                                   "merge the two")
            current = part
            note.parts[part] = [text[found.end():]]
            note.part_lines[part] = (index, found)
        elif current is None:
            raise ContentError(f"{where}, line {index + first_line}: editor's note {note.number} "
                               f"starts without a label; begin it with "
                               f"'{words.labels['source']}{words.section['colon']}'")
        else:
            note.parts[current].append(text)
    for part, texts in note.parts.items():
        while texts and not texts[-1]:
            texts.pop()
        if not "".join(texts).strip():
            raise ContentError(f"{where}, line {note.line_of(part)}: editor's "
                               f"note {note.number}: its '{words.labels[part]}' part is empty; "
                               f"write {WHAT[part]} after the label")
    for part in REQUIRED:
        if part not in note.parts:
            raise ContentError(f"{at} has no '{words.labels[part]}' part; add a paragraph "
                               f"starting '{words.labels[part]}{words.section['colon']}' "
                               f"({WHAT[part]})")
    if (words.language == "en" and "translation" not in note.parts
            and HAN.search(note.text("source"))):
        raise ContentError(f"{at} quotes Chinese but has no '{words.labels['translation']}' part; "
                           f"add a paragraph starting '{words.labels['translation']}"
                           f"{words.section['colon']}' ({WHAT['translation']})")


def rewrite(lines: list[str], notes: list[Note], words: Words) -> list[str]:
    """The notes with their anchor class and their labels in <strong>, words unchanged."""
    out = list(lines)
    for note in notes:
        out[note.start] = f'{note.indent}!!! note {MARK}{note.number} "{words.title}"'
        body = len(note.indent) + 4
        for part, (index, found) in note.part_lines.items():
            text = out[index].expandtabs(4)
            out[index] = (f"{text[:body]}<strong>{found.group(part)}</strong>{found.group('sep')}"
                          f"{text[body + found.end():]}")
    return out
