"""Bytes transferred on the first load of every page, in a real browser. Prints figures.

Builds the site into a temporary folder, serves it compressed as GitHub Pages
does (tests/site/server.py), and loads each page with an empty cache in
Debian's chromium. Also prints the uncompressed size and whether MathJax or
Mermaid were loaded.

Usage: python bench/page_weight.py
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.site.conftest import ALL_PAGES, CHROMIUM, CHROMIUM_ARGS, mkdocs_build  # noqa: E402
from tests.site.server import serve  # noqa: E402


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        server, url = serve(Path(folder))
        mkdocs_build(ROOT, Path(folder), url + "/").check_returncode()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            print(f"{'page':<22}{'transferred':>12}{'uncompressed':>14}{'requests':>10}  libraries")
            for source, built in ALL_PAGES:
                context = browser.new_context()
                page = context.new_page()
                done = []
                page.on("requestfinished", lambda r: done.append(r))
                page.goto(f"{url}/{built.removesuffix('index.html')}", wait_until="networkidle")
                page.wait_for_timeout(500)
                sent = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in done)
                raw = page.evaluate("performance.getEntriesByType('resource')"
                                    ".reduce((s, e) => s + e.decodedBodySize, 0)"
                                    " + performance.getEntriesByType('navigation')[0].decodedBodySize")
                libs = sorted({name for r in done for name in ("mathjax", "mermaid") if name in r.url.lower()})
                print(f"{source:<22}{sent / 1000:>10.0f}kB{raw / 1000:>12.0f}kB{len(done):>10}  "
                      f"{', '.join(libs) or '-'}")
                context.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
