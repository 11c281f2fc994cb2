"""The site's citations: which data entries pages cite, numbered in nav order.

``[@key]`` or ``[@key1; @key2]`` on a page names entries of the citable data
files; ``library`` reads the data files and every page of the nav (the nav of
the config file it is given, so any Python-Markdown-based builder numbers the
same way) and numbers each cited entry by its first citation. It also checks
the ``[[data:NAME]]`` markers it meets. ``cite`` turns a page's citations into
numbered links to the references page. Bad input raises ``ContentError`` with
one line naming the file, the line or entry, and the fix.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from article_md.errors import ContentError
from article_md.markup import escape_title, lines_outside_fences
from article_md.schema import CITABLE, load_all
from article_md.site import cached, display, nav_pages

CITATION = re.compile(r"\[(@[a-z][a-z0-9_-]*(?:\s*;\s*@[a-z][a-z0-9_-]*)*)\]")
CITATION_LIKE = re.compile(r"\[@[^\]\n]*\]")
MARKER = re.compile(r"\[\[data:([a-z]+)\]\]")
KINDS = ("books", "tools", "papers", "reading", "faq", "references", "cite")


@dataclass
class Library:
    """The data files and the site's citations, in nav order."""
    by_file: dict = field(default_factory=dict)       # file name -> [entries]
    entries: dict = field(default_factory=dict)       # id -> (file name, entry)
    numbers: dict = field(default_factory=dict)       # cited id -> number
    cited_in: dict = field(default_factory=dict)      # cited id -> [page src]
    titles: dict = field(default_factory=dict)        # page src -> nav title
    references_page: str = "10-references.md"


def cite(lib: Library, markdown: str, page_src: str, formatted=None) -> str:
    """Each [@key] as its number, linked to the references page; with ``formatted`` (key ->
    the entry in the edition's style), the link's title is the reference, which the theme
    shows as a tooltip on hover and keyboard focus."""
    target = posixpath.relpath(lib.references_page, posixpath.dirname(page_src) or ".")

    def one(match):
        keys = [k.strip().lstrip("@") for k in match.group(1).split(";")]
        for key in keys:
            if key not in lib.numbers:
                raise ContentError(f"{page_src}: citation [@{key}] is not numbered: the page is "
                                   "not in the nav, or the key is unknown")

        def title(key):
            if not formatted or key not in formatted:
                return ""
            return f' "[{lib.numbers[key]}] {escape_title(formatted[key].text)}"'
        links = ",".join(f"[{lib.numbers[k]}]({target}#ref-{k}{title(k)})" for k in keys)
        return f'<sup class="citation">[{links}]</sup>'
    return CITATION.sub(one, markdown)


# ------------------------------------------------------------------- scanning

def _scan(markdown: str):
    """Yield (line number, kind, match) for citations and markers outside code fences."""
    for number, line in lines_outside_fences(markdown):
        for match in CITATION_LIKE.finditer(line):
            yield number, "citation", match
        for match in MARKER.finditer(line):
            yield number, "marker", match


def _watch(data_dir: str, docs_dir: str, config_file: str, references_page: str):
    return [data_dir, docs_dir, config_file]


@cached(_watch)
def library(data_dir: str, docs_dir: str, config_file: str, references_page: str) -> Library:
    """Load and check every data file and every citation of the pages in nav order."""
    data_path, docs = Path(data_dir), Path(docs_dir)
    data = load_all(data_path, Path.cwd())
    lib = Library(by_file=data, references_page=references_page)
    for name, entries in data.items():
        for entry in entries:
            lib.entries[entry.id] = (name, entry)
    for page in nav_pages(Path(config_file), docs):
        lib.titles[page.src] = page.title
        if not page.src.endswith(".md"):
            continue
        markdown = (docs / page.src).read_text(encoding="utf-8")
        for line, kind, match in _scan(markdown):
            where = f"{display(docs / page.src)}, line {line}"
            if kind == "marker":
                if match.group(1) not in KINDS:
                    raise ContentError(f"{where}: unknown data list [[data:{match.group(1)}]] "
                                       f"(known: {', '.join(KINDS)})")
                if match.group(1) == "faq":  # the answers' citations belong to this page
                    _register_faq(lib, data["faq.yml"], page.src, data_path)
                continue
            valid = CITATION.fullmatch(match.group(0))
            if not valid:
                raise ContentError(f"{where}: malformed citation {match.group(0)} "
                                   "(write [@key] or [@key1; @key2])")
            for key in (k.strip().lstrip("@") for k in valid.group(1).split(";")):
                _register(lib, key, page.src, where, data_path)
    if references_page not in lib.titles and lib.numbers:
        raise ContentError(f"{display(Path(config_file))}: the references page "
                           f"{references_page!r} (option references_page of article_md.datalists) "
                           "is not in the nav")
    return lib


def _register_faq(lib: Library, faqs, src: str, data_path: Path) -> None:
    for faq in faqs:
        for match in CITATION.finditer(faq.answer):
            for key in (k.strip().lstrip("@") for k in match.group(1).split(";")):
                _register(lib, key, src, f"{display(data_path / 'faq.yml')}, entry {faq.id!r}, "
                                         "field 'answer'", data_path)


def _register(lib: Library, key: str, src: str, where: str, data_path: Path) -> None:
    if key not in lib.entries:
        files = ",".join(n.removesuffix(".yml") for n in CITABLE)
        raise ContentError(f"{where}: citation [@{key}] names an unknown reference key "
                           f"(keys live in {display(data_path)}/{{{files}}}.yml)")
    name, _ = lib.entries[key]
    if name not in CITABLE:
        raise ContentError(f"{where}: citation [@{key}] names an entry of "
                           f"{display(data_path / name)}, which cannot be cited")
    if key not in lib.numbers:
        lib.numbers[key] = len(lib.numbers) + 1
        lib.cited_in[key] = []
    if src not in lib.cited_in[key]:
        lib.cited_in[key].append(src)


def check_page(lib: Library, page: str, where: str, markdown: str) -> None:
    """Citations and data lists of a page outside the nav (pages in nav are checked on load)."""
    for line, kind, match in _scan(markdown):
        at = f"{where}, line {line}"
        if kind == "marker" and match.group(1) not in KINDS:
            raise ContentError(f"{at}: unknown data list [[data:{match.group(1)}]] "
                               f"(known: {', '.join(KINDS)})")
        if kind == "citation":
            valid = CITATION.fullmatch(match.group(0))
            keys = [k.strip().lstrip("@") for k in valid.group(1).split(";")] if valid else []
            if not valid or any(k not in lib.numbers for k in keys):
                raise ContentError(f"{at}: citation {match.group(0)} on a page outside the nav "
                                   "(add the page to nav in mkdocs.yml)")


