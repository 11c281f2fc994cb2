"""What an editor's note is, and whether it is right: the format of the notes
that ``article_md.corrections`` anchors and lists, and their checks (run while a
page is rendered and by ``article_md.check`` before a build).

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

* ``parse`` reads a page's notes and their parts; ``rewrite`` gives each note its
  anchor class (``MARK`` and its number, which the extension's tree processor
  makes ``correction-1``, ``correction-2`` … in page order) and its labels in
  ``<strong>``; its words are otherwise as written.
* ``check_page`` and ``check_data``: each mistake one line naming the file, the
  line and the fix: a note lacks a part; a quoted piece (the text between …… or
  …) is not in the source article (compared with all whitespace removed, since
  Markdown wraps lines); a page and its twin in the other edition have different
  numbers of notes, or their nth notes quote different text; ``[[corrections]]``
  does not stand on a line of its own; a data entry's ``correction.original`` is
  not in the source article. Their ``options`` are the extension's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from article_md.errors import ContentError
from article_md.site import SafeLoader, cached, display, read_config
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


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return "“" + (text if len(text) <= limit else text[:limit] + "...") + "”"


def _excerpt(flat: str, start: int, length: int = 30) -> str:
    """A squashed quote from ``start`` on, for showing where two quotes part."""
    return ("“" + ("..." if start else "") + flat[start:start + length]
            + ("..." if len(flat) > start + length else "") + "”")


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


# ------------------------------------------------------------ the source article

def squash(text: str) -> str:
    """Text with all whitespace removed: how quotes and the source are compared."""
    return WHITESPACE.sub("", text)


@cached(lambda source: [source])
def source_text(source: str) -> str:
    """The source article with all whitespace removed."""
    try:
        return squash(Path(source).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(f"{display(Path(source))}: missing (the source article that editor's "
                           "notes quote; option 'source' of article_md.corrections)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(f"{display(Path(source))}: cannot be read as UTF-8 text ({error}); "
                           "restore it with git") from None


def pieces(quote: str) -> list[str]:
    """The verbatim pieces of a quote: the text between …… (or …)."""
    return [piece for piece in ELLIPSIS.split(quote) if squash(piece)]


def missing_piece(quote: str, source: str, name: str = "the source article") -> str | None:
    """Why a quote is not verbatim in ``source`` (squashed; ``name`` is its file), or None."""
    parts = pieces(quote)
    if not parts:
        return "quotes nothing"
    for piece in parts:
        flat = squash(piece)
        if flat in source:
            continue
        same = max((n for n in range(1, len(flat)) if flat[:n] in source), default=0)
        hint = (f" (it matches the source up to {_quote(flat[max(0, same - 12):same])}, "
                "then differs)" if same >= 2 else "")
        return f"quotes {_quote(piece)}, which is not in {name}{hint}"
    return None


def check_quotes(notes: list[Note], where: str, source: str) -> None:
    """Every piece of every note's quote is in the source article."""
    flat = source_text(source)
    for note in notes:
        problem = missing_piece(note.text("source"), flat, display(Path(source)))
        if problem:
            raise ContentError(f"{where}, line {note.line_of('source')}: editor's note "
                               f"{note.number} {problem}; copy the source's words verbatim "
                               "(skip parts with ……)")


# ------------------------------------------------------------------ the twins

@dataclass(frozen=True)
class Twin:
    docs_dir: Path
    words: Words


def twin_of(twin_config_file: str) -> Twin | None:
    if not twin_config_file:
        return None
    path = Path(twin_config_file)
    if not path.is_file():
        raise ContentError(f"{display(path)}: missing (option twin_config_file of "
                           "article_md.corrections: the other edition's config file)")
    docs = Path(read_config(path).get("docs_dir") or "docs")
    return Twin(docs if docs.is_absolute() else path.parent / docs, edition_words(str(path)))


def check_twin(page: str, notes: list[Note], where: str, twin: Twin | None) -> None:
    """A page and its twin have as many notes, and the nth notes quote the same text."""
    if twin is None or not (twin.docs_dir / page).is_file():
        return  # a page without a twin is tests/site/test_editions.py's business
    path = twin.docs_dir / page
    other = display(path)
    theirs = parse(path.read_text(encoding="utf-8"), other, twin.words)
    for mine, their in zip(notes, theirs):
        a, b = squash(mine.text("source")), squash(their.text("source"))
        if a != b:
            same = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            start = max(0, same - 10)
            raise ContentError(
                f"{where}, line {mine.line_of('source')}: editor's note {mine.number} quotes "
                f"{_excerpt(a, start)}, but note {their.number} of its twin {other} "
                f"(line {their.line_of('source')}) quotes {_excerpt(b, start)}; the twins' notes "
                "quote the same source text, in the same order")
    if len(notes) > len(theirs):
        extra = notes[len(theirs)]
        raise ContentError(f"{where}, line {extra.line}: editor's note {extra.number} has no twin: "
                           f"{other} has {len(theirs)} editor's notes, this page {len(notes)}; "
                           "add it there too or remove it here")
    if len(theirs) > len(notes):
        extra = theirs[len(notes)]
        raise ContentError(f"{other}, line {extra.line}: editor's note {extra.number} has no twin: "
                           f"{where} has {len(notes)} editor's notes, this page {len(theirs)}; "
                           "add it there too or remove it here")


def check_markers(markdown: str, where: str, first_line: int = 1) -> None:
    inside = False
    for index, line in enumerate(markdown.split("\n")):
        if FENCE.match(line):
            inside = not inside
        elif not inside and MARKER in line and not MARKER_LINE.match(line):
            raise ContentError(f"{where}, line {index + first_line}: {MARKER} must stand on a "
                               "line of its own; put it on a line by itself")


def check_page(options: dict, page: str, markdown: str, first_line: int = 1) -> list[Note]:
    """Every check of one page's notes and markers; its notes. ``markdown`` is the page's
    file from its line ``first_line`` on (builders strip the front matter)."""
    where = display(Path(options["docs_dir"]) / page)
    words = edition_words(options["config_file"], options.get("language"))
    check_markers(markdown, where, first_line)
    notes = parse(markdown, where, words, first_line)
    check_quotes(notes, where, options["source"])
    check_twin(page, notes, where, twin_of(options["twin_config_file"]))
    return notes


# -------------------------------------------------------------- the data entries

@cached(lambda data_dir: [data_dir])
def data_entries(data_dir: str) -> dict:
    from article_md.schema import load_all

    return load_all(Path(data_dir), Path.cwd())


def _original_lines(path: Path) -> dict[str, int]:
    """entry id -> line of its correction's ``original`` (for the error message)."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except (OSError, yaml.YAMLError):
        return {}
    out = {}
    for item in getattr(root, "value", None) or []:
        if not isinstance(item, yaml.MappingNode):
            continue
        fields = {key.value: value for key, value in item.value if isinstance(key, yaml.ScalarNode)}
        ident, correction = fields.get("id"), fields.get("correction")
        if isinstance(ident, yaml.ScalarNode) and isinstance(correction, yaml.MappingNode):
            line = correction.start_mark.line + 1
            for key, value in correction.value:
                if getattr(key, "value", None) == "original":
                    line = value.start_mark.line + 1
            out[ident.value] = line
    return out


def check_data(options: dict) -> None:
    """Every data entry's correction quotes the source article verbatim."""
    flat = source_text(options["source"])
    for name, entries in data_entries(options["data_dir"]).items():
        for entry in entries:
            correction = getattr(entry, "correction", None)
            if correction is None:
                continue
            problem = missing_piece(correction.original, flat, display(Path(options["source"])))
            if problem:
                path = Path(options["data_dir"]) / name
                line = _original_lines(path).get(entry.id)
                at = f" (line {line})" if line else ""
                raise ContentError(
                    f"{display(path)}, entry {entry.id!r}{at}, field 'correction.original': "
                    f"{problem}; copy the source's words verbatim (skip parts with ……)")
