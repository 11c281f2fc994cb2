"""`make pdf`: the book of an edition (article_md.book) printed to PDF by WeasyPrint.

    python -m article_md.book_pdf -f mkdocs.en.yml --site-dir site/en

writes ``<site-dir>/<extra.book.file>`` and puts its size on the home page. Its
diagram is printed once by Chromium, as an SVG with text labels, and kept in
``.build-cache/book/``. A missing font, page or program, or a renderer error,
stops it with one line naming it; no PDF is left half written.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from article_md.book import Edition, assemble
from article_md.errors import ContentError
from article_md.site import BUILD_CACHE, display, read_config

# Each family the stylesheet (and the diagram) names, and the Debian package that has it.
FONTS = {"WenQuanYi Micro Hei": "fonts-wqy-microhei", "WenQuanYi Micro Hei Mono": "fonts-wqy-microhei",
         "DejaVu Serif": "fonts-dejavu-core", "DejaVu Sans": "fonts-dejavu-core",
         "DejaVu Sans Mono": "fonts-dejavu-core"}
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Mermaid's own settings for print: labels as SVG text (WeasyPrint draws no HTML inside
# an SVG), the light theme, the book's Chinese font.
DIAGRAM_CONFIG = ('{"startOnLoad": false, "theme": "default", "htmlLabels": false, '
                  '"flowchart": {"htmlLabels": false}, '
                  '"fontFamily": "WenQuanYi Micro Hei, DejaVu Sans, sans-serif"}')


# Mermaid styles its SVG with a stylesheet of id selectors; WeasyPrint's SVG renderer
# reads presentation attributes, so each element's computed style is written on it.
INLINE_STYLES = """async (source) => {
    mermaid.initialize(CONFIG);
    const host = document.body.appendChild(document.createElement("div"));
    host.innerHTML = (await mermaid.render("book-diagram", source)).svg;
    const svg = host.querySelector("svg");
    const properties = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray",
                        "stroke-opacity", "opacity", "font-family", "font-size", "font-weight",
                        "text-anchor", "dominant-baseline"];
    for (const element of svg.querySelectorAll("*")) {
        if (element.namespaceURI !== "http://www.w3.org/2000/svg") continue;
        const style = getComputedStyle(element);
        for (const property of properties) {
            const value = style.getPropertyValue(property);
            if (value) element.setAttribute(property, value);
        }
    }
    // An arrowhead drawn where each edge's marker would be (WeasyPrint draws no markers):
    // Mermaid's marker is a triangle 8 wide, its middle at the end of the edge.
    for (const edge of svg.querySelectorAll("path[marker-end]")) {
        const length = edge.getTotalLength();
        const end = edge.getPointAtLength(length), before = edge.getPointAtLength(length - 1);
        const angle = Math.atan2(end.y - before.y, end.x - before.x) * 180 / Math.PI;
        const head = document.createElementNS("http://www.w3.org/2000/svg", "path");
        head.setAttribute("d", "M 4 0 L -4 -4 L -4 4 z");
        head.setAttribute("transform", `translate(${end.x} ${end.y}) rotate(${angle})`);
        head.setAttribute("fill", edge.getAttribute("stroke"));
        edge.removeAttribute("marker-end");
        edge.parentNode.appendChild(head);
    }
    for (const style of svg.querySelectorAll("style")) style.remove();
    svg.removeAttribute("style");
    return svg.outerHTML;
}"""


def check_fonts() -> None:
    if not shutil.which("fc-list"):
        raise ContentError("make pdf needs fontconfig's fc-list: apt-get install fontconfig "
                           "(macOS: brew install fontconfig pango)")
    for family, package in FONTS.items():
        found = subprocess.run(["fc-list", f":family={family}", "family"], capture_output=True,
                               text=True).stdout.strip()
        if not found:
            raise ContentError(f"make pdf needs the font {family!r}: apt-get install {package}")


def diagram_printer(site_dir: Path, cache: Path):
    """A function from a Mermaid diagram's source to its SVG, drawn by the site's own
    Mermaid in Chromium, kept in ``cache`` by the source and the Mermaid file."""
    # the edition's own copy, or the site's (Zensical's English edition uses the Chinese one's)
    mermaid = next((folder / "assets/vendor/mermaid/mermaid.min.js" for folder in
                    (site_dir, *site_dir.resolve().parents)
                    if (folder / "assets/vendor/mermaid/mermaid.min.js").is_file()), None)

    def print_diagram(source: str) -> str:
        if mermaid is None:
            raise ContentError(f"{display(site_dir)}: has a diagram but no "
                               "assets/vendor/mermaid/mermaid.min.js; rebuild the site")
        key = hashlib.sha256(mermaid.read_bytes() + DIAGRAM_CONFIG.encode() + source.encode()).hexdigest()
        stored = cache / f"diagram-{key[:20]}.svg"
        if stored.is_file():
            return stored.read_text(encoding="utf-8")
        if not CHROMIUM.exists():
            raise ContentError(f"make pdf needs Chromium to print the diagram ({CHROMIUM} is "
                               "missing): apt-get install chromium, or set CHROMIUM to its path")
        # in a thread of its own: Playwright's sync API refuses to start inside a caller's
        # running event loop (a test with a browser open, say)
        with ThreadPoolExecutor(1) as thread:
            svg = thread.submit(_draw, mermaid, source).result()
        cache.mkdir(parents=True, exist_ok=True)
        stored.write_text(svg, encoding="utf-8")
        return svg

    return print_diagram


def _draw(mermaid: Path, source: str) -> str:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        page = browser.new_page()
        page.set_content("<!DOCTYPE html><html><body></body></html>")
        page.add_script_tag(path=str(mermaid))
        svg = page.evaluate(INLINE_STYLES.replace("CONFIG", DIAGRAM_CONFIG), source)
        browser.close()
    return svg


class _Problems(logging.Handler):
    """WeasyPrint's errors and warnings (a missing image, glyph or font), collected."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        # CSS it skips: screen-only rules and SVG presentation properties in style
        # attributes, which it reads again where it draws the SVG
        if not message.startswith("Ignored `"):
            self.messages.append(message)


def render(edition: Edition, cache: Path) -> Path:
    """The edition's PDF, written beside its home page."""
    check_fonts()
    import weasyprint
    html = assemble(edition, diagram_printer(edition.site_dir, cache))
    problems = _Problems()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(problems)
    target = edition.site_dir / edition.pdf_name
    partial = target.with_suffix(".pdf.part")
    try:
        document = weasyprint.HTML(string=html, base_url=edition.site_dir.resolve().as_uri() + "/")
        document.write_pdf(partial, pdf_tags=True, custom_metadata=True)
    except Exception as error:  # WeasyPrint raises many kinds; each is one line here
        partial.unlink(missing_ok=True)
        raise ContentError(f"{display(target)}: WeasyPrint failed: {type(error).__name__}: "
                           f"{error}") from None
    finally:
        logger.removeHandler(problems)
    if os.environ.get("BOOK_DEBUG"):
        print("\n".join(problems.messages), file=sys.stderr)
    if problems.messages:
        partial.unlink(missing_ok=True)
        raise ContentError(f"{display(target)}: WeasyPrint: {problems.messages[0]}")
    partial.replace(target)
    return target


def human_size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} KB"


def put_size_on_home_page(edition: Edition, pdf: Path) -> None:
    """The home page's link to the PDF gets its size (the page is built before the PDF)."""
    home = edition.chapters[0].file
    text = home.read_text(encoding="utf-8")
    size = edition.words.text("size", size=human_size(pdf.stat().st_size))
    filled, count = re.subn(r'(<span class="book-size" data-book-size)[^>]*>[^<]*</span>',
                            lambda m: f'{m.group(1)}>{size}</span>', text)
    if not count:
        raise ContentError(f"{display(home)}: no book-size element (overrides/main.html puts it "
                           "on the home page); rebuild the site")
    home.write_text(filled, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("--site-dir", default=None, help="the built edition (default: its site_dir)")
    parser.add_argument("--skip", action="append", default=[], metavar="PAGE",
                        help="a nav page the builder does not make (Zensical: notebook.ipynb)")
    args = parser.parse_args(argv)
    try:
        site_dir = Path(args.site_dir or read_config(Path(args.config_file)).get("site_dir") or "site")
        edition = Edition.read(Path(args.config_file), site_dir, frozenset(args.skip))
        pdf = render(edition, Path(BUILD_CACHE) / "book")
        put_size_on_home_page(edition, pdf)
    except ContentError as error:
        print(f"make pdf: {error}", file=sys.stderr)
        return 1
    print(f"{display(pdf)}: {human_size(pdf.stat().st_size)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
