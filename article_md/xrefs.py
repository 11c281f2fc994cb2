"""Numbered equations and figures, and references to them (Python-Markdown extension ``article_md.xrefs``).

* Every display formula (``$$ … $$``) of the edition's pages is numbered, in nav
  order across the edition: (1), (2) … at its right. ``\\label{eq-NAME}`` inside it
  names it, so that text can refer to it.
* ``[[caption:fig-NAME|CAPTION]]``, on a line of its own after a figure (a result
  figure, a diagram), makes the two a numbered figure: 图 1 / Figure 1 and the caption.
* ``[[ref:eq-NAME]]``, ``[[ref:fig-NAME]]``: 式 (1) / Eq. (1), 图 2 / Figure 2, a link
  to it that Material previews on hover and keyboard focus (``data-preview``).

Both editions number alike: ``article_md.check`` fails when a page's labels or
numbers differ from its twin's (option ``twin_config_file``). The words come from
the edition's catalogue (``extra.words.xrefs``).

    markdown.markdown(text, extensions=["attr_list", "pymdownx.arithmatex", "article_md.xrefs"],
                      extension_configs={"article_md.xrefs": {"page": "04-math.md"}})
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from article_md.errors import ContentError
from article_md.markup import lines_outside_fences, map_outside_fences
from article_md.site import cached, current_page, display, fail, nav_pages
from article_md.words import catalogue

NAME = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
LABEL = re.compile(rf"\\label\{{(eq-{NAME})\}}")
LABEL_LIKE = re.compile(r"\\label\{([^}]*)\}")
CAPTION = re.compile(rf"\[\[caption:(fig-{NAME})\|([^\]]+)\]\]")
CAPTION_LIKE = re.compile(r"\[\[caption:[^\]]*\]\]")
REF = re.compile(rf"\[\[ref:((?:eq|fig)-{NAME})\]\]")
REF_LIKE = re.compile(r"\[\[ref:[^\]]*\]\]")
KINDS = ("ref", "caption")


@dataclass
class Target:
    page: str      # source path of the page, relative to docs_dir
    kind: str      # "equation" or "figure"
    number: int


@dataclass
class Index:
    targets: dict[str, Target] = field(default_factory=dict)   # label -> target
    equations: dict[str, list] = field(default_factory=dict)   # page -> [label or None]
    first: dict[str, int] = field(default_factory=dict)        # page -> its first equation's number


def _displays(markdown: str, where: str):
    """(line, labels) for each display formula of a page, in order."""
    start, labels, inside = 0, [], False
    for number, line in lines_outside_fences(markdown):
        text = line.strip()
        opens = not inside and text.startswith("$$")
        if opens:
            start, labels, inside = number, [], True
            text = text[2:]
        if inside:
            for match in LABEL_LIKE.finditer(text):
                if not LABEL.fullmatch(match.group(0)):
                    raise ContentError(f"{where}, line {number}: {match.group(0)} is not a label "
                                       "this site numbers: write \\label{eq-NAME} (lower-case "
                                       "letters, digits and hyphens)")
                labels.append(match.group(1))
            if text.endswith("$$"):
                inside = False
                if len(labels) > 1:
                    raise ContentError(f"{where}, line {start}: a display formula has "
                                       f"{len(labels)} labels ({', '.join(labels)}); give it one")
                yield start, labels[0] if labels else None
        elif LABEL_LIKE.search(text):
            raise ContentError(f"{where}, line {number}: \\label outside a display formula "
                               "($$ … $$); only display formulas are numbered")


def _watch(docs_dir: str, config_file: str):
    return [docs_dir, config_file]


@cached(_watch)
def index(docs_dir: str, config_file: str) -> Index:
    """Number every display formula and captioned figure of the edition, in nav order."""
    docs, out, equations, figures = Path(docs_dir), Index(), 0, 0

    def add(label, target, where):
        if label in out.targets:
            earlier = out.targets[label]
            raise ContentError(f"{where}: label {label} is already used in {earlier.page}; "
                               "give each equation and figure its own")
        out.targets[label] = target

    for page in nav_pages(Path(config_file), docs):
        if not page.src.endswith(".md"):
            continue
        path = docs / page.src
        markdown = path.read_text(encoding="utf-8")
        out.first[page.src] = equations + 1
        out.equations[page.src] = []
        for line, label in _displays(markdown, display(path)):
            equations += 1
            out.equations[page.src].append(label)
            if label:
                add(label, Target(page.src, "equation", equations), f"{display(path)}, line {line}")
        for line, text in lines_outside_fences(markdown):
            for match in CAPTION_LIKE.finditer(text):
                valid = CAPTION.fullmatch(match.group(0))
                if not valid:
                    raise ContentError(f"{display(path)}, line {line}: malformed caption "
                                       f"{match.group(0)} (write [[caption:fig-NAME|the caption]])")
                if text.strip() != match.group(0):
                    raise ContentError(f"{display(path)}, line {line}: {match.group(0)} must stand "
                                       "on a line of its own, after its figure")
                figures += 1
                add(valid.group(1), Target(page.src, "figure", figures),
                    f"{display(path)}, line {line}")
    for page in nav_pages(Path(config_file), docs):
        if page.src.endswith(".md"):
            check_refs(out, display(docs / page.src), (docs / page.src).read_text(encoding="utf-8"))
    return out


def check_refs(idx: Index, where: str, markdown: str) -> None:
    for line, text in lines_outside_fences(markdown):
        for match in REF_LIKE.finditer(text):
            valid = REF.fullmatch(match.group(0))
            if not valid:
                raise ContentError(f"{where}, line {line}: malformed reference {match.group(0)} "
                                   "(write [[ref:eq-NAME]] or [[ref:fig-NAME]])")
            if valid.group(1) not in idx.targets:
                raise ContentError(f"{where}, line {line}: {match.group(0)} names no labelled "
                                   "equation (\\label{eq-NAME}) or captioned figure "
                                   "([[caption:fig-NAME|…]]) of this edition")


def check_twins(idx: Index, twin: Index, where: str, twin_where: str) -> None:
    """Twin pages carry the same labels, with the same numbers."""
    for label in sorted(set(idx.targets) | set(twin.targets)):
        mine, theirs = idx.targets.get(label), twin.targets.get(label)
        if mine != theirs:
            said = lambda t: f"{t.kind} {t.number} of {t.page}" if t else "nothing"  # noqa: E731
            raise ContentError(f"{where}: label {label} is {said(mine)} here but {said(theirs)} in "
                               f"{twin_where}; give both editions the same equations and figures "
                               "with the same labels, in the same order")
    for page in sorted(set(idx.equations) & set(twin.equations)):
        if len(idx.equations[page]) != len(twin.equations[page]):
            raise ContentError(f"{where}: {page} has {len(idx.equations[page])} display formulas "
                               f"but its twin in {twin_where} has {len(twin.equations[page])}; "
                               "twins number their formulas alike")


# ------------------------------------------------------------------ extension

class XrefPreprocessor(Preprocessor):
    """References become links; a caption marker becomes the caption's paragraph."""

    def __init__(self, md, options: dict):
        super().__init__(md)
        self.options = options

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "[[ref:" not in text and "[[caption:" not in text:
            return lines
        o = self.options
        page = current_page(self.md, o["page"])
        try:
            idx = index(o["docs_dir"], o["config_file"])
            words = catalogue(o["config_file"]).section("xrefs")
        except ContentError as error:
            fail(self.md, error)

        def ref(match):
            label = match.group(1)
            target = idx.targets.get(label)
            if target is None:
                fail(self.md, ContentError(f"{page}: {match.group(0)} names no label of the "
                                           "edition (or the page is not in the nav)"))
            href = (f"#{label}" if target.page == page else
                    posixpath.relpath(target.page, posixpath.dirname(page) or ".") + f"#{label}")
            return f'[{words.text(target.kind, n=target.number)}]({href}){{ data-preview="" }}'

        def caption(match):
            target = idx.targets.get(match.group(1))
            if target is None:
                fail(self.md, ContentError(f"{page}: {match.group(0)} on a page outside the nav"))
            return (f"\n{words.text('caption', n=target.number, text=match.group(2))}\n"
                    f'{{: data-xref-caption="{match.group(1)}" }}\n')

        def line_of(line):
            return REF.sub(ref, CAPTION.sub(caption, line))
        return map_outside_fences(text, line_of).split("\n")


class XrefTreeprocessor(Treeprocessor):
    """Each display formula gets its number and anchor; a caption's paragraph and the
    figure before it become one <figure>. In the tree, so that the builders see the anchors
    (MkDocs checks every link's #anchor against them)."""

    def __init__(self, md, options: dict):
        super().__init__(md)
        self.options = options

    def run(self, root):
        o = self.options
        page = current_page(self.md, o["page"])
        parents = {child: parent for parent in root.iter() for child in parent}
        # in document order (root.iter() is depth first)
        formulas = [(parents[e], e) for e in root.iter()
                    if e.tag == "div" and e.get("class") == "arithmatex"]
        captions = [(parents[e], e) for e in root.iter() if e.get("data-xref-caption") is not None]
        if not formulas and not captions:
            return
        try:
            idx = index(o["docs_dir"], o["config_file"])
            words = catalogue(o["config_file"]).section("xrefs")
            if formulas and page in idx.equations:
                self.number_formulas(formulas, idx, words, page)
            for parent, caption in captions:
                self.make_figure(parent, caption, page)
        except ContentError as error:
            fail(self.md, error)

    @staticmethod
    def number_formulas(formulas, idx: Index, words, page: str) -> None:
        labels = idx.equations[page]
        if len(formulas) != len(labels):
            raise ContentError(f"{page}: {len(formulas)} display formulas were rendered but "
                               f"{len(labels)} were found in its source; write each as $$ on a "
                               "line of its own, the formula, $$")
        for k, (parent, formula) in enumerate(formulas):
            n = idx.first[page] + k
            position = list(parent).index(formula)
            frame = etree.Element("div", {"class": "xref-equation"})
            body = etree.SubElement(frame, "div", {"class": "xref-equation-body",
                                                   "id": labels[k] or f"equation-{n}"})
            parent.remove(formula)
            formula.text = AtomicString(LABEL.sub("", formula.text or ""))
            body.append(formula)
            number = etree.SubElement(body, "span", {"class": "xref-equation-number"})
            number.text = words.text("equation_number", n=n)
            parent.insert(position, frame)

    @staticmethod
    def make_figure(parent, caption, page: str) -> None:
        label = caption.get("data-xref-caption")
        position = list(parent).index(caption)
        if position == 0:
            raise ContentError(f"{page}: caption of {label}: no figure before it (put the "
                               "caption marker after its figure, with a blank line between)")
        figure_block = parent[position - 1]
        frame = etree.Element("div", {"class": "xref-figure"})
        figure = etree.SubElement(frame, "figure", {"id": label})
        parent.remove(figure_block)
        parent.remove(caption)
        figure.append(figure_block)
        caption.tag = "figcaption"
        del caption.attrib["data-xref-caption"]
        figure.append(caption)
        parent.insert(position - 1, frame)


class XrefExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "docs_dir": ["docs", "the edition's docs folder"],
            "config_file": ["mkdocs.yml", "the edition's config file: its nav orders the numbers, "
                                          "its extra.words.xrefs has the words"],
            "twin_config_file": ["", "the other edition's config file, whose pages must carry the "
                                     "same labels and numbers (checked by article_md.check)"],
            "page": ["", "source path of the page, relative to docs_dir (builders set it)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        options = self.getConfigs()
        # After article_md.runs (34), which writes result figures; before pymdownx.snippets (32).
        md.preprocessors.register(XrefPreprocessor(md, options), "article_md_xrefs", 33)
        # After attr_list (8), which gives the caption's paragraph its marker attribute;
        # article_md.math typesets the formulas later, in the HTML.
        md.treeprocessors.register(XrefTreeprocessor(md, options), "article_md_xrefs", 7)


def makeExtension(**kwargs):
    return XrefExtension(**kwargs)
