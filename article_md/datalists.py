"""Data lists and citations (Python-Markdown extension ``article_md.datalists``).

* ``[[data:NAME]]`` becomes the entries of ``data/NAME.yml`` (books, tools,
  papers, reading, faq), or, for ``[[data:references]]``, the numbered list of
  every cited work with the pages that cite it.
* ``[[data:cite]]`` becomes the article's own citation in the edition's style,
  and as BibTeX (``article_md.bibliography.article_item``).
* ``[@key]`` or ``[@key1; @key2]`` becomes a numbered link to the entry on the
  references page, numbered by ``article_md.citations``.

The words around the entries come from the edition's catalogue
(``article_md.words``). Every data value is escaped before it reaches the page.

    markdown.markdown(text, extensions=["article_md.datalists"],
                      extension_configs={"article_md.datalists": {"data_dir": "data"}})
"""

from __future__ import annotations

import html
import posixpath

from markdown import Extension
from markdown.preprocessors import Preprocessor

from article_md.bibliography import FILES, article_bibtex, article_item, csl_item, display_name
from article_md.citations import CITATION, KINDS, MARKER, Library, cite, library
from article_md.citeproc import STYLES, formatter
from article_md.errors import ContentError
from article_md.markup import escape, escape_html, map_outside_fences
from article_md.schema import CITABLE
from article_md.site import current_page, fail
from article_md.words import catalogue

# ------------------------------------------------------------------ escaping

def text(value) -> str:
    """A data value as inert Markdown (see article_md/markup.py)."""
    return escape(value)


def title_text(value) -> str:
    """A value for an admonition title (inside double quotes)."""
    return text(value).replace('"', "＂")


def link(url, label=None) -> str:
    url = html.escape(str(url), quote=True)
    return f'<a href="{url}">{html.escape(str(label or url), quote=False)}</a>'


# The editions whose data fields exist (``name`` in Chinese, ``name_en`` in English);
# the words around them come from the edition's catalogue (article_md.words).
LANGUAGES = ("zh", "en")


def localized(entry, name: str, lang: str):
    """A text field in the edition's language (``name_en`` for English, where there is one)."""
    if lang == "en" and getattr(entry, f"{name}_en", None) is not None:
        return getattr(entry, f"{name}_en")
    return getattr(entry, name)


ISBN_LOOKUP = "https://www.worldcat.org/isbn/{}"


def identifiers(entry, labels, formatted_html: str = "") -> str:
    """Links the formatted reference does not have already: the arXiv page (a preprint's
    DOI is arXiv's own), an ISBN's library record (WorldCat), the entry's web page."""
    parts = []
    arxiv = f"https://arxiv.org/abs/{entry.arxiv}" if getattr(entry, "arxiv", None) else None
    if arxiv and entry.type != "article" and arxiv not in formatted_html:
        parts.append("arXiv: " + link(arxiv, entry.arxiv))
    if getattr(entry, "isbn", None):
        digits = entry.isbn.replace("-", "").replace(" ", "")
        parts.append("ISBN " + link(ISBN_LOOKUP.format(digits), entry.isbn))
    url = str(entry.url) if getattr(entry, "url", None) else None
    if url and url not in formatted_html:
        parts.append(link(url, labels["url"]))
    return " · ".join(parts)


def names(entry, labels) -> str:
    """The entry's authors as a reader writes them, joined in the edition's way."""
    return text(labels["names"].join(display_name(name) for name in entry.authors))


def editor_note(correction, labels, indent="", lang: str = "zh") -> list[str]:
    """An entry's correction as an editor's note in the pages' form (article_md.corrections):
    the source's words verbatim, their translation on English pages, and why; the entry
    above the note is what this site says. Labels from the catalogue's ``corrections``."""
    if correction is None:
        return []
    parts = labels.parts
    colon = parts["colon"]
    lines = [f"**{parts['source']}**{colon}{text(correction.original)}"]
    if lang == "en" and correction.translation_en:
        lines.append(f"**{parts['translation']}**{colon}{text(correction.translation_en)}")
    lines.append(f"**{parts['why']}**{colon}{text(localized(correction, 'reason', lang))}")
    out = [f'{indent}!!! note "{title_text(labels["note"])}"', ""]
    for line in lines:
        out += [f"{indent}    {line}", ""]
    return out


# ----------------------------------------------------------------- rendering

def _reference(entry, formatted) -> str:
    """The entry formatted in the edition's citation style, as HTML Markdown leaves alone."""
    return escape_html(formatted[entry.id].html)


def render_book(book, labels, formatted, lang: str = "zh") -> list[str]:
    links = identifiers(book, labels, formatted[book.id].html)
    lines = [f"### {text(book.title)}", "", _reference(book, formatted)
             + (f"{labels['gap']}{links}" if links else ""), ""]
    if book.summary:
        lines += [text(localized(book, "summary", lang)), ""]
    if book.chinese_edition:
        lines += [f"**{labels['chinese_edition']}**{labels['after_chinese_edition']}"
                  f"{text(localized(book, 'chinese_edition', lang))}", ""]
    return lines + editor_note(book.correction, labels, lang=lang)


def render_tool(tool, labels, formatted, lang: str = "zh") -> list[str]:
    colon = labels["colon"]
    title = f"### {text(tool.name)}" + (labels["retired_title"] if tool.status == "retired" else "")
    lines = [title, "",
             f"**{labels['status']}**{colon}{labels[tool.status]}{labels['gap']}"
             f"**{labels['maintainer']}**{colon}{text(localized(tool, 'maintainer', lang))}{labels['gap']}"
             f"{link(tool.url, labels['site'])}", "",
             text(localized(tool, "summary", lang)), ""]
    return lines + editor_note(tool.correction, labels, lang=lang)


def render_work(work, labels, formatted, lang: str = "zh") -> list[str]:
    links = identifiers(work, labels, formatted[work.id].html)
    lines = [f"### {text(work.title)}", "", _reference(work, formatted)
             + (f"{labels['gap']}{links}" if links else ""), ""]
    if work.summary:
        lines += [text(localized(work, "summary", lang)), ""]
    return lines + editor_note(work.correction, labels, lang=lang)


def render_faq(lib: Library, faq, page_src, labels, formatted, lang: str = "zh") -> list[str]:
    lines = [f'??? question "{title_text(localized(faq, "question", lang))}"', ""]
    answer = cite(lib, text_with_citations(localized(faq, "answer", lang)), page_src, formatted)
    lines += ["    " + answer.replace("\n", "\n    "), ""]
    return lines + editor_note(faq.correction, labels, indent="    ", lang=lang)


def text_with_citations(value: str) -> str:
    """Escape a value but keep its [@key] citations as citations."""
    pieces, last = [], 0
    for match in CITATION.finditer(value):
        pieces.append(text(value[last:match.start()]))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(text(value[last:]))
    return "".join(pieces)


def render_references(lib: Library, page_src, labels, formatted, lang: str = "zh") -> list[str]:
    here = posixpath.dirname(page_src) or "."
    files = {kind: posixpath.relpath(name, here) for kind, name in FILES.items()}
    lines = [labels.text("downloads", bibtex=files["bibtex"], csl=files["csl"]), ""]
    for key, number in sorted(lib.numbers.items(), key=lambda item: item[1]):
        _, entry = lib.entries[key]
        pages = []
        for src in lib.cited_in[key]:
            href = posixpath.relpath(src, here)
            pages.append(f"[{text(lib.titles.get(src) or src)}]({href})")
        links = identifiers(entry, labels, formatted[entry.id].html)
        lines += [
            f'<div class="reference" id="ref-{key}" markdown>',
            "",
            f"[{number}] {_reference(entry, formatted)}"
            + (f"{labels['gap']}{links}" if links else ""),
            "",
            f"<small>{labels['cited_in']}{labels['sep'].join(pages)}</small>",
            "",
            "</div>",
            "",
        ]
    return lines


def render(lib: Library, kind: str, page_src: str, labels, formatted, lang: str = "zh") -> str:
    """A data list as Markdown; ``labels`` is the edition's catalogue section ``data``,
    ``formatted`` every citable entry in the edition's style."""
    if kind == "references":
        return "\n".join(render_references(lib, page_src, labels, formatted, lang))
    if kind == "faq":
        return "\n".join(line for faq in lib.by_file["faq.yml"]
                         for line in render_faq(lib, faq, page_src, labels, formatted, lang))
    renderer = {"books": render_book, "tools": render_tool,
                "papers": render_work, "reading": render_work}[kind]
    return "\n".join(line for entry in lib.by_file[f"{kind}.yml"]
                     for line in renderer(entry, labels, formatted, lang))


def render_cite(options: dict) -> str:
    """The article itself, formatted in the edition's style, then as BibTeX."""
    item = article_item(options["config_file"], options["site_url"])
    engine = formatter(options["style"], options["locale"], options["item_locales"])
    formatted = engine.entries([item])[item["id"]]
    return "\n".join([f'<p class="cite-article">{escape_html(formatted.html)}</p>', "",
                      "```text", article_bibtex(item), "```", ""])


def formatted_entries(lib: Library, options: dict) -> dict:
    """Every citable entry in the edition's citation style (cited ones first, by number)."""
    cited = sorted(lib.numbers, key=lib.numbers.get)
    rest = [key for name in CITABLE for key in (e.id for e in lib.by_file[name]) if key not in lib.numbers]
    items = [csl_item(lib.entries[key][1], options["language"]) for key in cited + rest]
    engine = formatter(options["style"], options["locale"], options["item_locales"])
    return engine.entries(items)


# ------------------------------------------------------------------ extension

class DataPreprocessor(Preprocessor):
    def __init__(self, md, options: dict):
        super().__init__(md)
        self.options = options

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "[" not in text:
            return lines
        page = current_page(self.md, self.options["page"])
        o = self.options
        try:
            lib = library(o["data_dir"], o["docs_dir"], o["config_file"], o["references_page"])
            words = catalogue(o["config_file"])
            labels = words.section("data")
            labels.parts = words.section("corrections")  # an editor's note's labels
            formatted = formatted_entries(lib, o)

            def block(kind: str) -> str:
                if kind == "cite":
                    return render_cite(o)
                return render(lib, kind, page, labels, formatted, o["language"])

            def change(line: str) -> str:
                line = MARKER.sub(lambda m: block(m.group(1)) if m.group(1) in KINDS else m.group(0),
                                  line)
                return cite(lib, line, page, formatted)
            return map_outside_fences(text, change).split("\n")
        except ContentError as error:
            fail(self.md, error)


class DataExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "data_dir": ["data", "folder of the YAML data files"],
            "docs_dir": ["docs", "the site's docs folder"],
            "config_file": ["mkdocs.yml", "the file whose nav gives the order of first citation"],
            "references_page": ["10-references.md", "the page with [[data:references]] that "
                                                    "citations link to"],
            "page": ["", "source path of the page, relative to docs_dir (builders set it)"],
            "language": ["zh", "the edition's language: zh, or en for the *_en fields"],
            "style": [str(STYLES / "china-national-standard-gb-t-7714-2025-numeric.csl"),
                      "the CSL style references are formatted in (a .csl file)"],
            "locale": ["zh-CN", "the style's locale (a locales-<locale>.xml beside the style)"],
            "site_url": ["", "where the edition is published (default: the config file's "
                             "site_url), for the article's own citation"],
            "item_locales": [["en"], "languages whose entries take their own locale's terms "
                                     "(CSL-M layouts; GB/T 7714: 'et al.' for English entries)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        if self.getConfig("language") not in LANGUAGES:
            raise ValueError(f"article_md.datalists: language must be one of {', '.join(LANGUAGES)}")
        # Before the results markers (34) and pymdownx.snippets (32).
        md.preprocessors.register(DataPreprocessor(md, self.getConfigs()), "article_md_data", 35)


def makeExtension(**kwargs):
    return DataExtension(**kwargs)
