"""Editor's notes and the corrections page (Python-Markdown extension ``article_md.corrections``).

* Each editor's note of a page (the format: ``article_md.editor_notes``; its checks:
  ``article_md.editor_notes_checks``)
  gets the anchor ``correction-1``, ``correction-2`` … in page order (and the class
  ``correction``), its labels in ``<strong>``; its words are otherwise as written.
  The note a data list writes for an entry gets ``correction-<entry id>``.
* ``[[corrections]]``, on a line of its own, becomes every correction of the
  edition (``article_md.corrections_list``).
* A page's notes are checked while it is rendered, each mistake one line naming
  the file, the line and the fix: their parts, their quotes against the source
  article (option ``source``), the page's twin in the other edition
  (``twin_config_file``); the page with ``[[corrections]]`` checks every page's
  notes and the data entries' corrections too.

    markdown.markdown(text, extensions=["admonition", "md_in_html", "article_md.corrections"],
                      extension_configs={"article_md.corrections": {"page": "01-background.md"}})
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from article_md.corrections_list import collect, data_anchors, render_list
from article_md.editor_notes import FENCE, LANGUAGES, MARK, MARKER, MARKER_LINE, edition_words, rewrite
from article_md.editor_notes_checks import check_page
from article_md.errors import ContentError
from article_md.site import current_page, fail


def line_offset(page_file: Path, markdown: str) -> int:
    """The file's line of the text's first line (builders strip a page's front matter)."""
    try:
        whole = page_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 1
    start = markdown.lstrip("\n")
    position = whole.find(start[:200]) if start else -1
    if position < 0:
        return 1
    return whole[:position].count("\n") + 1 - (len(markdown) - len(start))


# ------------------------------------------------------------------ extension

class CorrectionsPreprocessor(Preprocessor):
    def __init__(self, md, options: dict, state: dict):
        super().__init__(md)
        self.options, self.state = options, state

    def run(self, lines: list[str]) -> list[str]:
        self.state.clear()
        text = "\n".join(lines)
        if "!!!" not in text and "[[" not in text:
            return lines
        o = self.options
        page = current_page(self.md, o["page"])
        try:
            words = edition_words(o["config_file"], o["language"])
            self.state["title"] = words.title
            first = line_offset(Path(o["docs_dir"]) / page, text)
            notes = check_page(o, page, text, first)
            lines = rewrite(lines, notes, words)
            self.state["data"] = data_anchors(text, o["data_dir"]) if "[[data:" in text else []
            if MARKER not in text:
                return lines
            corrections = collect(o["docs_dir"], o["data_dir"], o["source"], o["config_file"],
                                  o["twin_config_file"], o["language"])
            out, inside = [], False
            for line in lines:
                if FENCE.match(line):
                    inside = not inside
                if not inside and MARKER_LINE.match(line):
                    out += ["", *render_list(corrections, page, words)]
                else:
                    out.append(line)
            return out
        except ContentError as error:
            fail(self.md, error)


class CorrectionsTreeprocessor(Treeprocessor):
    """Anchors on the notes: the page's own (marked by the preprocessor), then the data lists'."""

    def __init__(self, md, state: dict):
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        data = list(self.state.get("data") or [])
        title = self.state.get("title")
        for div in root.iter("div"):
            classes = (div.get("class") or "").split()
            if "admonition" not in classes:
                continue
            mark = next((c for c in classes if c.startswith(MARK)), None)
            if mark is not None:
                div.set("class", " ".join("correction" if c == mark else c for c in classes))
                div.set("id", f"correction-{mark[len(MARK):]}")
            elif data and div.get("id") is None and len(div) and \
                    "".join(div[0].itertext()).strip() == title:
                div.set("class", " ".join([*classes, "correction"]))
                div.set("id", data.pop(0))


class CorrectionsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "source": ["source/article.md", "the source article that editor's notes quote"],
            "docs_dir": ["docs", "the edition's docs folder"],
            "data_dir": ["data", "folder of the YAML data files (their entries' corrections)"],
            "config_file": ["mkdocs.yml", "the edition's config file: its nav (the order of the "
                                          "corrections) and its words"],
            "twin_config_file": ["", "the other edition's config file: its pages must have the "
                                     "same notes quoting the same text ('' checks no twin)"],
            "page": ["", "source path of the page, relative to docs_dir (builders set it)"],
            "language": ["zh", "the edition's language: zh, or en"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        if self.getConfig("language") not in LANGUAGES:
            raise ValueError("article_md.corrections: language must be one of "
                             + ", ".join(LANGUAGES))
        state: dict = {}
        # Before article_md.cjk (36), so that error lines are the author's, and before the
        # data lists (35) and results (34), so that the list's citations and markers expand.
        md.preprocessors.register(CorrectionsPreprocessor(md, self.getConfigs(), state),
                                  "article_md_corrections", 37)
        md.treeprocessors.register(CorrectionsTreeprocessor(md, state),
                                   "article_md_corrections", 15)


def makeExtension(**kwargs):
    return CorrectionsExtension(**kwargs)
