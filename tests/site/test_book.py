"""The book edition (make pdf): each edition's PDF, read back as a reader's PDF viewer reads it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from article_md import book_pdf
from article_md.book import Edition, assemble
from article_md.errors import ContentError
from tests.conftest import ROOT
from tests.site.conftest import ALL_PAGES, language

# Both PDFs are rendered once, on one pytest-xdist worker (`make test`: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("book")

EDITIONS = {"zh": ("mkdocs.yml", ""), "en": ("mkdocs.en.yml", "en")}
# Budgets (issue: each PDF at most 8 MB); a page count far beyond the content means a
# layout gone wrong (a figure or code listing spilling page after page).
MAX_BYTES = 8_000_000
MAX_PAGES = 120
# No line of Chinese text may start with these (GB/T 15834 and the Chinese line-breaking rules).
NO_LINE_START = "，。、；：？！）》」』】〉”’…"
AUTO_HYPHEN = "\u2010"  # what WeasyPrint draws where it hyphenates; an author's hyphen is "-"


class Book:
    def __init__(self, edition: Edition, pdf: Path):
        self.edition, self.pdf = edition, pdf
        self.reader = PdfReader(pdf)
        self.pages = [page.extract_text() or "" for page in self.reader.pages]
        self.outline = list(self._walk(self.reader.outline))

    def _walk(self, items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from self._walk(item, depth + 1)
            else:
                yield item.title, self.reader.get_destination_page_number(item), depth

    def text(self) -> str:
        """The whole text's characters as a reader copies them, hyphenation undone."""
        return normal(self.edition.language, "\n".join(self.pages))


def normal(lang: str, text: str) -> str:
    """The characters of a text, in order: where lines break and how wide a space is are
    the layout's (a code line may wrap anywhere, Chinese lines break without a space)."""
    return re.sub(r"\s+", "", text.replace(AUTO_HYPHEN + "\n", ""))


@pytest.fixture(scope="module")
def book_site(built_site, tmp_path_factory) -> Path:
    """A copy of the built site for `make pdf` to write into (other tests compare the built
    site's files)."""
    site = tmp_path_factory.mktemp("book") / "site"
    shutil.copytree(built_site, site)
    return site


@pytest.fixture(scope="module")
def books(book_site, tmp_path_factory) -> dict[str, Book]:
    cache = tmp_path_factory.mktemp("book-cache")
    out = {}
    for lang, (config, folder) in EDITIONS.items():
        edition = Edition.read(ROOT / config, book_site / folder)
        pdf = book_pdf.render(edition, cache)
        book_pdf.put_size_on_home_page(edition, pdf)
        out[lang] = Book(edition, pdf)
    return out


def chapters(edition: Edition):
    """(chapter, its article) for each page of the edition, as the site shows it."""
    for chapter in edition.chapters:
        soup = BeautifulSoup(chapter.file.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.md-content__inner")
        for formula in article.select("mjx-container"):  # drawn, not text, in the PDF
            formula.decompose()
        yield chapter, article


def heading_text(tag) -> str:
    for link in tag.select("a.headerlink, a.anchor-link"):
        link.decompose()
    return tag.get_text("", strip=True)


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_title_and_section_heading_in_order_in_the_text_and_the_outline(books, lang):
    book = books[lang]
    expected = [heading_text(h) for _, article in chapters(book.edition)
                for h in article.find_all(["h1", "h2"])]
    assert len(expected) > 40
    titles = [title for title, _, _ in book.outline]
    position = 0
    for heading in expected:
        assert heading in titles[position:], f"outline: {heading!r} missing or out of order"
        position = titles.index(heading, position) + 1
    text, position = book.text(), 0
    for heading in expected:
        found = text.find(normal(lang, heading), position)
        assert found >= 0, f"text: {heading!r} missing or out of order"
        position = found


@pytest.mark.parametrize("lang", EDITIONS)
def test_outline_entries_and_contents_page_numbers_land_on_their_headings(books, lang):
    book = books[lang]
    for title, page, _ in book.outline:
        assert normal(lang, title) in normal(lang, book.pages[page]), f"{title!r}: page {page + 1}"
    # The printed contents: each chapter's page number, as the outline has it
    # an entry ends its line with its page number; a long title wraps onto the next line
    contents = re.sub(r"(?<!\d)\n", "", re.sub(r"[^\S\n]+", "", "\n".join(book.pages[1:4]).replace(AUTO_HYPHEN + "\n", "")))
    at = 0
    for title, page, depth in book.outline:
        if depth == 0 and title != book.edition.words.text("contents"):
            entry = re.compile(re.escape(normal("en", title)) + r"\.+(\d+)\n").search(contents, at)
            assert entry, f"contents: no entry for {title!r}"
            assert entry.group(1) == str(page + 1), f"contents: {title!r} -> page {entry.group(1)}"
            at = entry.end()


@pytest.mark.parametrize("lang", EDITIONS)
def test_a_sentence_of_each_section_every_editors_note_and_code_line_extract_exactly(books, lang):
    book = books[lang]
    text = book.text()
    for chapter, article in chapters(book.edition):
        paragraphs = [p.get_text("", strip=False) for p in article.find_all("p", recursive=False)
                      if len(p.get_text(strip=True)) > 30 and not p.find("mjx-container")]
        if paragraphs:
            assert normal(lang, paragraphs[0]) in text, f"{chapter.src}: {paragraphs[0][:60]!r}"
        for note in article.select(".admonition.correction p:not(.admonition-title)"):
            assert normal(lang, note.get_text("", strip=False)) in text, f"{chapter.src}: note"
        for listing in article.select(".highlight"):
            name = listing.select_one(".filename")
            code = listing.find("code") or listing.find("pre")
            lines = [line.strip() for line in code.get_text().splitlines() if 8 < len(line.strip()) < 60]
            if name and lines:
                assert normal(lang, lines[0]) in text, f"{chapter.src}: {name.get_text()}: {lines[0]!r}"


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_reference_is_in_the_bibliography_and_citations_link_to_it(books, book_site, lang):
    book = books[lang]
    references = next(a for c, a in chapters(book.edition) if c.src == "10-references.md")
    entries = references.select("[id^='ref-']")
    assert len(entries) > 10
    text = book.text()
    folder = "en/" if lang == "en" else ""
    titles = {item["id"]: item["title"] for item in json.loads(
        (book_site / folder / "references.json").read_text(encoding="utf-8"))}
    for entry in entries:
        assert normal(lang, titles[entry["id"].removeprefix("ref-")]) in text, entry["id"]
    names = book.reader.named_destinations
    for entry in entries:
        assert f"chapter-10-references--{entry['id']}" in names, entry["id"]


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_internal_link_lands_on_a_page_of_the_book(books, lang):
    book = books[lang]
    names = book.reader.named_destinations
    internal = 0
    for page in book.reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            destination = annotation.get("/Dest") or (action.get("/D") if action else None)
            if destination is None:
                continue
            internal += 1
            if isinstance(destination, str):
                assert destination in names, destination
    assert internal > 50


@pytest.mark.parametrize("lang", EDITIONS)
def test_fonts_embedded_no_blank_page_metadata_tags_and_budgets(books, lang):
    book = books[lang]
    for number, page in enumerate(book.reader.pages, 1):
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for font in fonts.values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            if descriptor is not None:
                descriptor = descriptor.get_object()
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), (
                    f"page {number}: font {font.get('/BaseFont')} is not embedded")
        has_drawing = bool(((page.get("/Resources") or {}).get("/XObject")))
        assert book.pages[number - 1].strip() or has_drawing, f"page {number} is blank"
    info = book.reader.metadata
    assert info.title == book.edition.title
    assert book.edition.provenance in info.subject
    root = book.reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root  # a tagged PDF
    assert book.pdf.stat().st_size <= MAX_BYTES
    assert len(book.reader.pages) <= MAX_PAGES


def test_no_chinese_line_starts_with_closing_punctuation(books):
    """Read with the layout kept: a line that starts after a formula (drawn, not text) is
    indented by the formula's width; one that starts at its paragraph's left edge is
    indented as its neighbours are."""
    book = books["zh"]
    for number, page in enumerate(book.reader.pages, 1):
        lines = [line for line in page.extract_text(extraction_mode="layout").splitlines() if line.strip()]
        indents = [len(line) - len(line.lstrip()) for line in lines]
        for n, line in enumerate(lines):
            if line.lstrip()[:1] in NO_LINE_START:
                neighbours = indents[max(0, n - 1):n] + indents[n + 1:n + 2]
                assert indents[n] not in neighbours, f"page {number}: a line starts with {line.strip()[:20]!r}"


def test_english_is_hyphenated_and_hyphenation_is_not_in_the_copied_text(books):
    raw = "\n".join(books["en"].pages)
    assert raw.count(AUTO_HYPHEN + "\n") > 10
    assert AUTO_HYPHEN not in books["en"].text()


def test_classifier_page_says_where_the_demo_runs_and_notebook_keeps_code_and_outputs(books):
    for lang, book in books.items():
        text = book.text()
        classifier = next(c for c in book.edition.chapters if c.src == "classifier.md")
        assert normal(lang, book.edition.words.text("demo") + " " + classifier.url) in text
        assert "build_model().summary()" in text  # the notebook's code
        assert "101,770" in text  # and its outputs (the model summary)


def test_every_page_links_to_its_editions_pdf_and_the_home_page_gives_its_size(books, book_site):
    for built, _ in [(b, s) for s, b in ALL_PAGES]:
        html = (book_site / built).read_text(encoding="utf-8")
        edition = books[language(built)]
        assert f'{edition.edition.pdf_name}"' in html, built
    for lang, book in books.items():
        home = book.edition.chapters[0].file.read_text(encoding="utf-8")
        size = book_pdf.human_size(book.pdf.stat().st_size)
        assert book.edition.words.text("size", size=size) in home
        assert home.count("data-book-size") == 1 and home.count('class="book-download"') == 1


def test_a_missing_font_page_or_renderer_error_stops_with_one_line(built_site, tmp_path, monkeypatch):
    monkeypatch.setitem(book_pdf.FONTS, "No Such Font Family", "fonts-no-such")
    with pytest.raises(ContentError, match="needs the font 'No Such Font Family': apt-get install fonts-no-such"):
        book_pdf.check_fonts()
    monkeypatch.delitem(book_pdf.FONTS, "No Such Font Family")

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text((built_site / "index.html").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    with pytest.raises(ContentError) as missing:
        Edition.read(ROOT / "mkdocs.yml", site)
    assert str(missing.value).endswith("the built page of 01-background.md is missing; build the "
                                       "site first (make build)")

    edition = Edition.read(ROOT / "mkdocs.yml", built_site)
    import weasyprint

    def broken(*args, **kwargs):
        raise ValueError("no room on the page")
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    monkeypatch.setattr(book_pdf, "assemble", lambda edition, diagrams: "<p>x</p>")
    with pytest.raises(ContentError) as failed:
        book_pdf.render(edition, tmp_path / "cache")
    assert "WeasyPrint failed: ValueError: no room on the page" in str(failed.value)
    assert "\n" not in str(failed.value)
    assert not list(built_site.glob("*.part")) and not (built_site / "llm-article.pdf").exists()


def test_the_book_is_made_from_built_pages_only(built_site):
    """No Markdown and no MkDocs: the route reads what any builder wrote (Zensical too)."""
    edition = Edition.read(ROOT / "mkdocs.en.yml", built_site / "en")
    html = assemble(edition, lambda source: "<svg></svg>")
    assert html.count('<section class="chapter"') == len(edition.chapters)
    assert "../" not in re.sub(r"https?://\S+", "", html)  # every link is inside the book or absolute


def test_every_font_is_one_the_book_names_and_every_character_has_a_glyph(books):
    """No fallback to a font the stylesheet does not name, and no character that none of
    its fonts has (it would print as an empty box, yet still extract as itself)."""
    from fontTools.ttLib import TTCollection, TTFont

    families = {name.replace(" ", "") for name in book_pdf.FONTS}
    covered: set[int] = set()
    for family in book_pdf.FONTS:
        file = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True,
                              text=True, check=True).stdout
        fonts = TTCollection(file).fonts if file.endswith(".ttc") else [TTFont(file)]
        for font in fonts:
            covered |= set(font.getBestCmap())
    for lang, book in books.items():
        used = set()
        for page in book.reader.pages:
            for font in ((page.get("/Resources") or {}).get("/Font") or {}).values():
                name = str(font.get_object().get("/BaseFont")).split("+")[-1]
                used.add(re.sub(r"-(Bold|Oblique|Italic|BoldOblique|BoldItalic)$", "", name).replace("-", ""))
        assert used <= families, f"{lang}: fonts the book does not name: {used - families}"
        missing = {c for c in "".join(book.pages) if not c.isspace() and ord(c) not in covered}
        assert not missing, f"{lang}: no glyph for {sorted(missing)}"