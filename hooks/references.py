"""Pages generated from data/*.yml, and citations.

* ``[[data:NAME]]`` in a page becomes the entries of data/NAME.yml
  (books, tools, papers, reading, faq), or, for ``[[data:references]]``, the
  numbered list of every cited work with the pages that cite it.
* ``[@key]`` or ``[@key1; @key2]`` becomes a numbered link to the entry on
  the references page. Numbers follow the order of first citation in the nav.

All data is loaded and every citation checked in ``on_config``, before
anything is written: bad input stops the build with one message naming the
file, the entry and the field. Every data value is escaped before it reaches
the page.
"""

from __future__ import annotations

import html
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).parent))
from data_schema import CITABLE, DataError, load_all  # noqa: E402
from markup import escape, lines_outside_fences, map_outside_fences  # noqa: E402

CITATION = re.compile(r"\[(@[a-z][a-z0-9_-]*(?:\s*;\s*@[a-z][a-z0-9_-]*)*)\]")
CITATION_LIKE = re.compile(r"\[@[^\]\n]*\]")
MARKER = re.compile(r"\[\[data:([a-z]+)\]\]")
REFERENCES_PAGE = "10-references.md"
KINDS = ("books", "tools", "papers", "reading", "faq", "references")


@dataclass
class State:
    entries: dict = field(default_factory=dict)       # id -> (file name, entry)
    by_file: dict = field(default_factory=dict)       # file name -> [entries]
    numbers: dict = field(default_factory=dict)       # cited id -> number
    cited_in: dict = field(default_factory=dict)      # cited id -> [page src]
    titles: dict = field(default_factory=dict)        # page src -> nav title


STATE = State()


# ------------------------------------------------------------------ escaping

def text(value) -> str:
    """A data value as inert Markdown (see hooks/markup.py)."""
    return escape(value)


def title_text(value) -> str:
    """A value for an admonition title (inside double quotes)."""
    return text(value).replace('"', "＂")


def link(url, label=None) -> str:
    url = html.escape(str(url), quote=True)
    return f'<a href="{url}">{html.escape(str(label or url), quote=False)}</a>'


def identifiers(entry) -> str:
    parts = []
    if getattr(entry, "doi", None):
        parts.append("DOI: " + link(f"https://doi.org/{entry.doi}", entry.doi))
    if getattr(entry, "arxiv", None):
        parts.append("arXiv: " + link(f"https://arxiv.org/abs/{entry.arxiv}", entry.arxiv))
    if getattr(entry, "isbn", None):
        parts.append("ISBN " + text(entry.isbn))
    if getattr(entry, "url", None):
        parts.append(link(entry.url, "网址"))
    return " · ".join(parts)


def authors(names) -> str:
    """Chinese list style; a trailing "et al." (author list cut short) becomes 等."""
    names = list(names)
    if names and names[-1].strip().lower() in ("et al.", "et al"):
        return text("、".join(names[:-1])) + " 等"
    return text("、".join(names))


def editor_note(correction, indent="") -> list[str]:
    if correction is None:
        return []
    return [
        f'{indent}!!! note "编者注"',
        "",
        f"{indent}    原文：{text(correction.original)}",
        "",
        f"{indent}    {text(correction.reason)}",
        "",
    ]


# ----------------------------------------------------------------- rendering

def render_book(book) -> list[str]:
    lines = [f"### {text(book.title)}", "",
             f"{authors(book.authors)}，{text(book.publisher)}，{book.year}。{identifiers(book)}", ""]
    if book.summary:
        lines += [text(book.summary), ""]
    if book.chinese_edition:
        lines += [f"**中文版**：{text(book.chinese_edition)}", ""]
    return lines + editor_note(book.correction)


def render_tool(tool) -> list[str]:
    status = "维护中" if tool.status == "active" else "已退役"
    lines = [f"### {text(tool.name)}", "",
             f"**状态**：{status}　**维护方**：{text(tool.maintainer)}　{link(tool.url, '官网')}", "",
             text(tool.summary), ""]
    if tool.status == "retired":
        lines = [f"### {text(tool.name)}（已退役）"] + lines[1:]
    return lines + editor_note(tool.correction)


def render_work(work) -> list[str]:
    lines = [f"### {text(work.title)}", "",
             f"{authors(work.authors)}。{text(work.venue)}，{work.year}。{identifiers(work)}", ""]
    if work.summary:
        lines += [text(work.summary), ""]
    return lines + editor_note(work.correction)


def render_faq(faq, page_src) -> list[str]:
    lines = [f'??? question "{title_text(faq.question)}"', ""]
    answer = cite(text_with_citations(faq.answer), page_src)
    lines += ["    " + answer.replace("\n", "\n    "), ""]
    return lines + editor_note(faq.correction, indent="    ")


def text_with_citations(value: str) -> str:
    """Escape a value but keep its [@key] citations as citations."""
    pieces, last = [], 0
    for match in CITATION.finditer(value):
        pieces.append(text(value[last:match.start()]))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(text(value[last:]))
    return "".join(pieces)


def render_references(page_src) -> list[str]:
    lines = []
    for key, number in sorted(STATE.numbers.items(), key=lambda item: item[1]):
        _, entry = STATE.entries[key]
        title = getattr(entry, "title")
        venue = getattr(entry, "venue", None) or getattr(entry, "publisher", "")
        pages = []
        for src in STATE.cited_in[key]:
            href = posixpath.relpath(src, posixpath.dirname(page_src) or ".")
            pages.append(f"[{text(STATE.titles.get(src, src))}]({href})")
        lines += [
            f'<div class="reference" id="ref-{key}" markdown>',
            "",
            f"**[{number}]** {authors(entry.authors)}。*{text(title)}*。"
            f"{text(venue)}，{entry.year}。{identifiers(entry)}",
            "",
            f"<small>引用于：{'；'.join(pages)}</small>",
            "",
            "</div>",
            "",
        ]
    return lines


def render(kind: str, page_src: str) -> str:
    if kind == "references":
        return "\n".join(render_references(page_src))
    if kind == "faq":
        return "\n".join(line for faq in STATE.by_file["faq.yml"] for line in render_faq(faq, page_src))
    renderer = {"books": render_book, "tools": render_tool,
                "papers": render_work, "reading": render_work}[kind]
    return "\n".join(line for entry in STATE.by_file[f"{kind}.yml"] for line in renderer(entry))


def cite(markdown: str, page_src: str) -> str:
    target = posixpath.relpath(REFERENCES_PAGE, posixpath.dirname(page_src) or ".")

    def one(match):
        keys = [k.strip().lstrip("@") for k in match.group(1).split(";")]
        links = ",".join(f"[{STATE.numbers[k]}]({target}#ref-{k})" for k in keys)
        return f'<sup class="citation">[{links}]</sup>'
    return CITATION.sub(one, markdown)


# ------------------------------------------------------------------- scanning

def _nav_pages(nav, titles) -> list[str]:
    pages = []
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    titles[value] = title
                    pages.append(value)
                else:
                    pages += _nav_pages(value, titles)
        elif isinstance(item, str):
            pages.append(item)
    return pages


def _scan(markdown: str):
    """Yield (line number, kind, match) for citations and markers outside code fences."""
    for number, line in lines_outside_fences(markdown):
        for match in CITATION_LIKE.finditer(line):
            yield number, "citation", match
        for match in MARKER.finditer(line):
            yield number, "marker", match


def collect(config) -> None:
    root = Path(config["config_file_path"]).parent
    docs = Path(config["docs_dir"])
    data = load_all(root / "data", root)
    state = State(by_file=data)
    for name, entries in data.items():
        for entry in entries:
            state.entries[entry.id] = (name, entry)
    pages = [p for p in _nav_pages(config["nav"], state.titles) if p.endswith(".md")]
    for src in pages:
        path = docs / src
        if not path.is_file():
            continue
        markdown = path.read_text(encoding="utf-8")
        for line, kind, match in _scan(markdown):
            where = f"docs/{src}, line {line}"
            if kind == "marker":
                if match.group(1) not in KINDS:
                    raise DataError(f"{where}: unknown data list [[data:{match.group(1)}]] "
                                    f"(known: {', '.join(KINDS)})")
                if match.group(1) == "faq":  # the answers' citations belong to this page
                    _register_faq(state, data["faq.yml"], src)
                continue
            valid = CITATION.fullmatch(match.group(0))
            if not valid:
                raise DataError(f"{where}: malformed citation {match.group(0)} "
                                "(write [@key] or [@key1; @key2])")
            for key in (k.strip().lstrip("@") for k in valid.group(1).split(";")):
                _register(state, key, src, where)
    global STATE
    STATE = state


def _register_faq(state: State, faqs, src: str) -> None:
    for faq in faqs:
        for match in CITATION.finditer(faq.answer):
            for key in (k.strip().lstrip("@") for k in match.group(1).split(";")):
                _register(state, key, src, f"data/faq.yml, entry {faq.id!r}, field 'answer'")


def _register(state: State, key: str, src: str, where: str) -> None:
    if key not in state.entries:
        raise DataError(f"{where}: citation [@{key}] names an unknown reference key "
                        f"(keys live in data/{{{','.join(n.removesuffix('.yml') for n in CITABLE)}}}.yml)")
    name, _ = state.entries[key]
    if name not in CITABLE:
        raise DataError(f"{where}: citation [@{key}] names an entry of data/{name}, which cannot be cited")
    if key not in state.numbers:
        state.numbers[key] = len(state.numbers) + 1
        state.cited_in[key] = []
    if src not in state.cited_in[key]:
        state.cited_in[key].append(src)


# --------------------------------------------------------------------- events

def on_config(config, **kwargs):
    try:
        collect(config)
    except DataError as error:
        raise PluginError(str(error)) from None
    return config


def on_page_markdown(markdown, page, config, files, **kwargs):
    src = page.file.src_uri
    return map_outside_fences(
        markdown, lambda line: cite(MARKER.sub(lambda m: render(m.group(1), src), line), src))
