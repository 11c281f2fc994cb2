"""The corrections page's list: every correction of an edition, collected and rendered
(what ``[[corrections]]`` becomes; the marker is ``article_md.corrections``'s).

* ``collect``: the notes of the nav's pages in nav order, then page order, each
  under its page's title and the nearest heading above it, then the data
  entries' corrections, under the page and heading of the list that shows them;
  every one checked (``article_md.editor_notes_checks``). Nothing is typed twice.
* ``render_list``: each with a link to its place, the source's words (and their
  translation on English pages), what this site says and why, as Markdown.
* ``data_anchors``: the anchors of the notes a page's data lists write
  (``correction-<entry id>``), in page order.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from article_md.editor_notes import FENCE, HEADING, HEADING_ATTRS, Words, edition_words
from article_md.editor_notes_checks import check_data, check_page, data_entries
from article_md.markup import escape
from article_md.site import cached, nav_pages, read_config

# Data files whose list shows each entry's correction as a note, by marker kind.
LISTS = {"books": "books.yml", "tools": "tools.yml", "papers": "papers.yml",
         "reading": "reading.yml", "faq": "faq.yml"}
DATA_MARKER = re.compile(r"\[\[data:([a-z]+)\]\]")


# ------------------------------------------------------------- the whole edition

@dataclass
class Item:
    """One correction as the corrections page lists it."""
    page: str                   # the page it is on (source path)
    anchor: str                 # its id there
    group: tuple                # (page, heading line): items of a group share a heading
    page_title: str
    heading: str | None
    source: str                 # Markdown
    translation: str | None
    site: str
    why: str


@dataclass
class Corrections:
    notes: list = field(default_factory=list)   # Items of the pages' notes, in nav order
    data: list = field(default_factory=list)    # Items of the data entries' corrections


def _title(page, markdown: str) -> str:
    if page.title:
        return page.title
    for line in markdown.split("\n"):
        found = HEADING.match(line)
        if found and len(found.group(1)) == 1:
            return HEADING_ATTRS.sub("", found.group(2)).strip()
    return page.src


def _data_markers(markdown: str) -> list[tuple[str, str | None, int]]:
    """(kind, nearest heading, its line) of each [[data:KIND]] outside code fences."""
    out, heading, heading_line, inside = [], None, 0, False
    for index, line in enumerate(markdown.split("\n"), start=1):
        if FENCE.match(line):
            inside = not inside
            continue
        if inside:
            continue
        found = HEADING.match(line)
        if found:
            text = HEADING_ATTRS.sub("", found.group(2)).strip()
            heading = text if len(found.group(1)) > 1 else None
            heading_line = index
        out += [(kind, heading, heading_line) for kind in DATA_MARKER.findall(line)]
    return out


def _watch(docs_dir, data_dir, source, config_file, twin_config_file="", language=None):
    config = Path(config_file)
    watch = [docs_dir, data_dir, source, config, config.parent / "mkdocs.common.yml"]
    if twin_config_file and Path(twin_config_file).is_file():
        twin = Path(twin_config_file)
        watch += [twin, twin.parent / (read_config(twin).get("docs_dir") or "docs")]
    return watch


@cached(_watch)
def collect(docs_dir: str, data_dir: str, source: str, config_file: str,
            twin_config_file: str = "", language: str | None = None) -> Corrections:
    """Every correction of the edition, checked: the nav's pages' notes, then the data's."""
    options = {"docs_dir": docs_dir, "data_dir": data_dir, "source": source,
               "config_file": config_file, "twin_config_file": twin_config_file,
               "language": language}
    words = edition_words(config_file, language)
    docs = Path(docs_dir)
    out = Corrections()
    shown: dict[str, tuple] = {}  # data file -> (rank, page, title, heading, heading line)
    references = None
    for page in nav_pages(Path(config_file), docs):
        if not page.src.endswith(".md"):
            continue
        markdown = (docs / page.src).read_text(encoding="utf-8")
        title = _title(page, markdown)
        for note in check_page(options, page.src, markdown):
            out.notes.append(Item(
                page.src, f"correction-{note.number}", (page.src, note.heading_line), title,
                note.heading, note.text("source"), note.text("translation") or None,
                note.text("site"), note.text("why")))
        for kind, heading, line in _data_markers(markdown):
            place = (len(shown) + (references is not None), page.src, title, heading, line)
            if kind in LISTS and LISTS[kind] not in shown:
                shown[LISTS[kind]] = place
            elif kind == "references" and references is None:
                references = place
    check_data(options)
    out.data = _data_items(options, words, shown, references)
    return out


def _data_items(options: dict, words: Words, shown: dict, references) -> list[Item]:
    """The data entries' corrections, each where the list that shows it is, in nav order."""
    from article_md import datalists
    from article_md.citations import CITABLE, library

    data = data_entries(options["data_dir"])
    cited: set = set()
    if references is not None:
        cited = set(library(options["data_dir"], options["docs_dir"], options["config_file"],
                            references[1]).numbers)
    lang, labels = words.language, words.data
    found = []
    for name, entries in data.items():
        for entry in entries:
            correction = getattr(entry, "correction", None)
            if correction is None:
                continue
            if name in shown:
                place, anchor = shown[name], f"correction-{entry.id}"
            elif name in CITABLE and entry.id in cited:
                place, anchor = references, f"ref-{entry.id}"
            else:
                continue  # shown on no page of this edition
            rank, page, title, heading, line = place
            if hasattr(entry, "question"):
                answer = datalists.localized(entry, "answer", lang)
                site = (f"*{datalists.text(datalists.localized(entry, 'question', lang))}*"
                        f"{labels['gap']}{datalists.text_with_citations(answer)}")
            elif hasattr(entry, "authors"):
                site = (f"*{datalists.text(entry.title)}*{labels['stop']}"
                        f"{datalists.names(entry, labels)}")
            else:
                site = datalists.text(entry.name) + (labels["retired_title"]
                                                     if entry.status == "retired" else "")
            translation = getattr(correction, "translation_en", None)
            reason = correction.reason_en if lang == "en" else correction.reason
            found.append((rank, Item(page, anchor, (page, line), title, heading,
                                     escape(correction.original),
                                     escape(translation) if translation else None,
                                     site, escape(reason))))
    found.sort(key=lambda pair: pair[0])  # stable: entries keep their order in the file
    return [item for _, item in found]


def data_anchors(markdown: str, data_dir: str) -> list[str]:
    """The anchors of the notes the data lists of a page write, in page order."""
    kinds = [kind for kind, _, _ in _data_markers(markdown) if kind in LISTS]
    if not kinds:
        return []
    data = data_entries(data_dir)
    return [f"correction-{entry.id}" for kind in kinds for entry in data.get(LISTS[kind], [])
            if getattr(entry, "correction", None) is not None]


# ---------------------------------------------------------------- the rendering

LINK = re.compile(r"(\]\()([^)\s]+)")


def _relink(markdown: str, page: str, here: str) -> str:
    """Relative links of a note, made relative to the corrections page."""
    def one(match):
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^/", target, re.I):
            return match.group(0)
        path, _, anchor = target.partition("#")
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
        path = posixpath.relpath(path, posixpath.dirname(here) or ".")
        return match.group(1) + path + ("#" + anchor if anchor else "")
    return LINK.sub(one, markdown)


def _entry(item: Item, here: str, words: Words) -> list[str]:
    colon = words.section["colon"]
    href = posixpath.relpath(item.page, posixpath.dirname(here) or ".") + "#" + item.anchor
    lines = ['<div class="correction-entry" markdown>', ""]
    parts = [("source", item.source)]
    if words.language == "en" and item.translation:
        parts.append(("translation", item.translation))
    parts += [("site", item.site), ("why", item.why)]
    for part, text in parts:
        lines += [f"<strong>{escape(words.labels[part])}</strong>{colon}"
                  + _relink(text, item.page, here), ""]
    lines += [f"[{escape(words.section['link'])}]({href})", "", "</div>", ""]
    return lines


def _groups(items: list[Item], here: str, words: Words, level: int) -> list[str]:
    lines, page, group = [], None, None
    for item in items:
        if item.page != page:
            page, group = item.page, None
            lines += [f"{'#' * level} {escape(item.page_title)}", ""]
        if item.group != group:
            group = item.group
            if item.heading:
                lines += [f"{'#' * (level + 1)} {_relink(item.heading, item.page, here)}", ""]
        lines += _entry(item, here, words)
    return lines


def render_list(corrections: Corrections, here: str, words: Words) -> list[str]:
    """The corrections page's list, as Markdown."""
    if not corrections.notes and not corrections.data:
        return [escape(words.section["none"]), ""]
    lines = _groups(corrections.notes, here, words, 2)
    if corrections.data:
        lines += [f"## {escape(words.section['data'])}", ""]
        lines += _groups(corrections.data, here, words, 3)
    return lines
