"""The book edition: one edition's built pages, in nav order, as one HTML document to print.

It reads what a builder wrote (MkDocs' ``site/`` or Zensical's ``site-zensical/``,
the same markup), never the Markdown, so the book says exactly what the pages
say. Each page becomes a chapter: its article, its ids prefixed with the
chapter's, links between pages turned into links inside the book, links to
other files of the site into their published addresses. What only works on
screen is replaced: the dark and narrow variants of a figure are dropped, a
diagram becomes its printed SVG, the classifier demo a sentence with its address.

    book = assemble(Edition.read("mkdocs.yml", Path("site")), diagrams)
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from article_md.errors import ContentError
from article_md.site import display, nav_pages, read_config
from article_md.words import Section, catalogue

STYLESHEET = Path(__file__).with_name("book.css")
# What no line may start with: Chinese closing punctuation (and its Latin twins).
NO_LINE_START = "，。、；：？！）》」』】〉”’…,.;:?!)]"


@dataclass(frozen=True)
class Chapter:
    src: str  # the nav's page path, e.g. "04-math.md"
    file: Path  # its built HTML
    url: str  # its published address (the page's canonical link)
    anchor: str  # its id in the book


@dataclass(frozen=True)
class Edition:
    """What the book of one edition is made of."""
    config_file: Path
    site_dir: Path
    language: str
    title: str
    description: str
    provenance: str
    home_url: str
    pdf_name: str
    words: Section
    chapters: tuple[Chapter, ...]

    @classmethod
    def read(cls, config_file: Path, site_dir: Path, skip: frozenset = frozenset()) -> Edition:
        """``skip``: nav pages the builder does not make (Zensical: the notebook)."""
        config_file, site_dir = Path(config_file), Path(site_dir)
        config = read_config(config_file)
        docs_dir = config_file.parent / (config.get("docs_dir") or "docs")
        pdf_name = ((config.get("extra") or {}).get("book") or {}).get("file")
        if not pdf_name:
            raise ContentError(f"{display(config_file)}: extra.book.file is missing; name the "
                               "edition's PDF there (e.g. llm-article.pdf)")
        chapters = []
        for page in nav_pages(config_file, docs_dir):
            if page.src in skip:
                continue
            file = built_file(site_dir, page.src)
            if file is None:
                raise ContentError(f"{display(site_dir)}: the built page of {page.src} is missing; "
                                   "build the site first (make build)")
            chapters.append(Chapter(page.src, file, _canonical(file), _anchor(page.src)))
        home = BeautifulSoup(chapters[0].file.read_text(encoding="utf-8"), "html.parser")
        meta = {m.get("name") or m.get("property"): m.get("content") for m in home.find_all("meta")}
        provenance = home.select_one(".md-copyright__highlight")
        return cls(config_file, site_dir, home.html.get("lang", "en"), meta.get("og:site_name", ""),
                   meta.get("description", ""), provenance.get_text(" ", strip=True) if provenance else "",
                   chapters[0].url, pdf_name, catalogue(str(config_file)).section("book"),
                   tuple(chapters))


def built_file(site_dir: Path, src: str) -> Path | None:
    """Where a builder wrote a page: ``x/index.html`` (directory URLs) or ``x.html``."""
    stem = src.rsplit(".", 1)[0]
    names = ["index.html"] if stem == "index" else [f"{stem}/index.html", f"{stem}.html"]
    return next((site_dir / name for name in names if (site_dir / name).is_file()), None)


def _anchor(src: str) -> str:
    return "chapter-" + re.sub(r"[^\w-]+", "-", src.rsplit(".", 1)[0]).strip("-")


def _canonical(file: Path) -> str:
    text = file.read_text(encoding="utf-8")
    link = re.search(r'<link\b[^>]*\brel="canonical"[^>]*>', text)
    found = link and re.search(r'\bhref="([^"]+)"', link.group(0))
    if not found:
        raise ContentError(f"{display(file)}: no canonical link; set site_url in the config")
    return found.group(1)


def _normal(url: str) -> str:
    """An address without its query, fragment and index.html."""
    parts = urlsplit(url)
    path = parts.path[:-len("index.html")] if parts.path.endswith("index.html") else parts.path
    return f"{parts.scheme}://{parts.netloc}{path}"


def assemble(edition: Edition, diagram_svg) -> str:
    """The whole book as one HTML document. ``diagram_svg(source)`` prints a Mermaid diagram."""
    by_url = {_normal(c.url): c for c in edition.chapters}
    by_html = {c.file.resolve(): c for c in edition.chapters}
    words = edition.words
    chapters, contents = [], []
    for chapter in edition.chapters:
        soup = BeautifulSoup(chapter.file.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.md-content__inner")
        if article is None:
            raise ContentError(f"{display(chapter.file)}: no article element (is this a built page?)")
        _for_print(article, chapter, edition, diagram_svg)
        # where the page sits on the site, which its relative links start from: its
        # published address unless the build names pages x.html (the offline copy)
        location = urljoin(edition.home_url, chapter.file.relative_to(edition.site_dir).as_posix())
        _relink(article, chapter, location, by_url, by_html)
        heading = article.find("h1")
        if heading is None:
            raise ContentError(f"{display(chapter.file)}: the page has no title (h1)")
        section = soup.new_tag("section", attrs={"class": "chapter", "id": chapter.anchor})
        section.extend(list(article.contents))
        chapters.append(str(section))
        contents.append(_contents_entry(heading, article_h2=section.find_all("h2")))
    built = datetime.date.today().isoformat()
    return f"""<!DOCTYPE html>
<html lang="{edition.language}">
<head>
<meta charset="utf-8">
<title>{_text(edition.title)}</title>
<meta name="description" content="{_text(edition.description)} {_text(edition.provenance)}">
<meta name="dcterms.created" content="{built}">
<link rel="stylesheet" href="{STYLESHEET.as_uri()}">
</head>
<body>
<section class="cover">
<h1 class="cover-title">{_text(edition.title)}</h1>
<p class="cover-edition">{_text(words.text('edition'))}</p>
<p class="cover-built">{_text(words.text('built', date=built))}</p>
<p class="cover-provenance">{_text(edition.provenance)}</p>
<p class="cover-address"><a href="{edition.home_url}">{_text(edition.home_url)}</a></p>
</section>
<nav class="contents">
<h1 class="contents-title">{_text(words.text('contents'))}</h1>
<ol>{''.join(contents)}</ol>
</nav>
{''.join(chapters)}
</body>
</html>
"""


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _contents_entry(heading: Tag, article_h2) -> str:
    def entry(h: Tag, cls: str) -> str:
        return f'<li class="{cls}"><a href="#{h["id"]}">{_text(h.get_text("", strip=True))}</a>'
    inner = "".join(entry(h, "contents-section") + "</li>" for h in article_h2 if h.get("id"))
    return entry(heading, "contents-chapter") + (f"<ol>{inner}</ol>" if inner else "") + "</li>"


def _for_print(article: Tag, chapter: Chapter, edition: Edition, diagram_svg) -> None:
    """What is drawn only on screen, made printable; what only works on screen, dropped."""
    for selector in ("a.headerlink", "a.md-content__button", "p.book-download", "style", "script", "noscript",
                     "mjx-assistive-mml", "img[src*='#only-dark']", "img.figure-narrow",
                     ".md-source-file", "button.md-clipboard", "nav.md-tags"):
        for element in article.select(selector):
            element.decompose()
    for image in article.select("img[loading]"):
        del image["loading"]
    for diagram in article.select(".mermaid"):
        figure = BeautifulSoup(f'<div class="diagram">{diagram_svg(diagram.get_text())}</div>',
                               "html.parser")
        diagram.replace_with(figure)
    # A formula is one unbreakable box, so the line may break after it: keep the
    # punctuation that follows it on its line (no line starts with "，" or ")")
    for formula in article.select("span.arithmatex"):
        after = formula.next_sibling
        if isinstance(after, NavigableString) and after[:1] and after[0] in NO_LINE_START:
            keep = formula.wrap(BeautifulSoup("", "html.parser").new_tag("span", attrs={"class": "nobreak"}))
            after.replace_with(after[1:])
            keep.append(after[0])
    for demo in article.select("div.classifier"):
        note = BeautifulSoup(f'<p class="demo-elsewhere">{_text(edition.words.text("demo"))} '
                             f'<a href="{chapter.url}">{_text(chapter.url)}</a></p>', "html.parser")
        demo.replace_with(note)
    # mkdocs-jupyter: prompts and the copy buttons of each cell are screen furniture
    for selector in (".jp-InputPrompt", ".jp-OutputPrompt", ".zeroclipboard-container", ".clipboard-copy-txt",
                     "a.anchor-link"):
        for element in article.select(selector):
            element.decompose()


def _relink(article: Tag, chapter: Chapter, location: str, by_url: dict, by_html: dict) -> None:
    """Ids unique in the book; links to pages of the book inside it, to other files of
    the site at their published addresses; images from the built site's files."""
    prefix = chapter.anchor + "--"
    for element in article.find_all(id=True):
        element["id"] = prefix + element["id"]
    for link in article.find_all("a", href=True):
        href = link["href"]
        if href.startswith("#"):
            link["href"] = "#" + prefix + unquote(href[1:])
            continue
        if urlsplit(href).scheme:
            continue
        target = urljoin(location, href)
        page = by_url.get(_normal(target))
        if page is None:
            local = (chapter.file.parent / urlsplit(href).path).resolve()
            page = by_html.get(local) or by_html.get(local / "index.html")
        if page is None:
            link["href"] = target
            continue
        fragment = unquote(urlsplit(target).fragment)
        link["href"] = f"#{page.anchor}--{fragment}" if fragment else f"#{page.anchor}"
    for image in article.find_all("img", src=True):
        if not urlsplit(image["src"]).scheme:
            path = (chapter.file.parent / unquote(urlsplit(image["src"]).path)).resolve()
            if not path.is_file():
                raise ContentError(f"{display(chapter.file)}: image {image['src']} is missing "
                                   "from the built site; rebuild it")
            image["src"] = path.as_uri()
