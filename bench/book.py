"""The book edition (make pdf): time and size of each edition's PDF, and the renderer
chosen (WeasyPrint) against Debian's Chromium printing the same book. Prints figures.

Builds the site into a temporary folder once, then for each edition: the time of
`article_md.book_pdf` as `make pdf` runs it (a new process; the diagram already
drawn, as after any earlier run), its size and page count; and Chromium printing the
same assembled HTML (`page.pdf` with an outline and tags), with what each output has
of what the book needs: printed page numbers in the contents, running heads,
hyphenated English. The budgets (issue 28): both PDFs in at most 60 s here, each
at most 8 MB.

Usage: python bench/book.py [--runs N]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from article_md import book_pdf  # noqa: E402
from article_md.book import Edition, assemble  # noqa: E402
from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS, mkdocs_build  # noqa: E402

EDITIONS = (("mkdocs.yml", ""), ("mkdocs.en.yml", "en"))
HYPHEN = "\u2010"


def running_heads(reader, text) -> bool:
    starts = [(reader.get_destination_page_number(item), item.title) for item in reader.outline
              if not isinstance(item, list)]
    long = [(start, title) for (start, title), (end, _) in zip(starts[1:], starts[2:]) if end - start >= 2]
    return bool(long) and all("".join(title.split()) in {"".join(line.split()) for line in
                                                         text[start + 1].splitlines()}
                              for start, title in long)


def features(pdf: Path) -> dict:
    from pypdf import PdfReader
    reader = PdfReader(pdf)
    text = [page.extract_text() or "" for page in reader.pages]
    root = reader.trailer["/Root"]
    return {"pages": len(reader.pages), "outline": len(reader.outline),
            "tagged": "/StructTreeRoot" in root,
            # a contents entry ends with its page number: "1. Background .... 7"
            "contents numbered": any(line.rstrip()[-1:].isdigit() and "...." in line
                                     for line in text[1].splitlines()),
            # the running head: a chapter's title at the top of its second page
            "running heads": running_heads(reader, text),
            "hyphenated": sum(t.count(HYPHEN + "\n") for t in text)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        mkdocs_build(ROOT, site).check_returncode()
        print(f"{'edition':<8}{'renderer':<11}{'seconds':>9}{'MB':>7}  what the PDF has")
        total = 0.0
        for config, sub in EDITIONS:
            edition = Edition.read(ROOT / config, site / sub)
            command = [sys.executable, "-m", "article_md.book_pdf", "-f", config, "--site-dir",
                       str(site / sub)]
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True)  # draws the diagram
            seconds = []
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
                seconds.append(time.perf_counter() - start)
            pdf = site / sub / edition.pdf_name
            total += statistics.median(seconds)
            print(f"{edition.language:<8}{'WeasyPrint':<11}{statistics.median(seconds):>9.1f}"
                  f"{pdf.stat().st_size / 1e6:>7.2f}  {features(pdf)}")

            html = Path(folder) / f"book-{edition.language}.html"
            html.write_text(assemble(edition, book_pdf.diagram_printer(
                site / sub, ROOT / ".build-cache" / "book")), encoding="utf-8")
            printed = Path(folder) / f"chromium-{edition.language}.pdf"
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                seconds = []
                for _ in range(runs):
                    start = time.perf_counter()
                    page = browser.new_page()
                    page.goto(html.as_uri(), wait_until="load")
                    page.pdf(path=str(printed), format="A4", outline=True, tagged=True,
                             prefer_css_page_size=True, display_header_footer=True,
                             header_template="<span></span>",
                             footer_template='<span class="pageNumber" style="font-size:9px;'
                                             'margin:auto"></span>')
                    page.close()
                    seconds.append(time.perf_counter() - start)
                browser.close()
            print(f"{'':<8}{'Chromium':<11}{statistics.median(seconds):>9.1f}"
                  f"{printed.stat().st_size / 1e6:>7.2f}  {features(printed)}")
        print(f"both_pdfs_seconds={total:.1f} (budget 60)")


if __name__ == "__main__":
    main()
