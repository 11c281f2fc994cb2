"""Whether the editor's notes are right (their format: ``article_md.editor_notes``),
run while a page is rendered (``article_md.corrections``) and by ``article_md.check``
before a build.

``check_page`` and ``check_data``: each mistake one line naming the file, the line
and the fix: a note lacks a part; a quoted piece (the text between …… or …) is not
in the source article (compared with all whitespace removed, since Markdown wraps
lines); a page and its twin in the other edition have different numbers of notes,
or their nth notes quote different text; ``[[corrections]]`` does not stand on a
line of its own; a data entry's ``correction.original`` is not in the source
article. Their ``options`` are the extension's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from article_md.editor_notes import (ELLIPSIS, FENCE, MARKER, MARKER_LINE, WHITESPACE, Note,
                                     Words, edition_words, parse)
from article_md.errors import ContentError
from article_md.site import SafeLoader, cached, display, read_config


def _excerpt(flat: str, start: int, length: int = 30) -> str:
    """A squashed quote from ``start`` on, for showing where two quotes part."""
    return ("“" + ("..." if start else "") + flat[start:start + length]
            + ("..." if len(flat) > start + length else "") + "”")


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return "“" + (text if len(text) <= limit else text[:limit] + "...") + "”"


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
