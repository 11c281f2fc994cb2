"""The same configuration built with Zensical: both editions' home pages and ten sections whole.

Zensical runs the article_md extensions but no MkDocs plugins or hooks. What it
cannot do yet is listed in ARCHITECTURE.md (section "Zensical"); a test keeps
that list true.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from snippets import loss, results
from tests.conftest import ROOT
from tests.site.conftest import EN_PAGES, PAGES, PageWatch, copy_project
from tests.site.server import serve

FORMULAS_TYPESET = ("document.querySelectorAll('.arithmatex').length > 0 && "
                    "document.querySelectorAll('.arithmatex mjx-container').length"
                    " === document.querySelectorAll('.arithmatex').length")
DIAGRAM_DRAWN = ("(document.querySelector('.mermaid').scrollIntoView(), "
                 "[...document.querySelectorAll('.mermaid')].some(e => "
                 "(e.shadowRoot || e).querySelector('svg')))")
ZENSICAL_PAGES = [(src, built) for src, built in PAGES if src.endswith(".md")]


def zensical_build(project: Path) -> subprocess.CompletedProcess:
    """`make zensical` in a copy of the project, with the set-up a first `make` made (the
    copy's .venv and node_modules are links to the project's: make is told not to set them
    up again, since `npm ci` in the copy would empty the project's node_modules)."""
    if not (project / ".venv").exists():
        (project / ".venv").symlink_to(ROOT / ".venv")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed",
                           "-o", "node_modules/.package-lock.json", "zensical"], cwd=project,
                          env=env, capture_output=True, text=True, timeout=900)


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    """What the build said on stderr, without make's own closing line."""
    return [line for line in result.stderr.strip().splitlines() if not line.startswith("make: ***")]


# Its tests share one build of this variant: on one pytest-xdist worker (`make test`
# runs --dist loadgroup), so the variant is built once per session.
pytestmark = pytest.mark.xdist_group("zensical")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    kept = project / ".build-cache" / "jinja" / "kept"  # as an earlier MkDocs build left it
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_text("compiled template", encoding="utf-8")
    result = zensical_build(project)
    site = project / "site-zensical"
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    # `zensical build --clean` empties .cache/, its own; MkDocs' build caches are elsewhere
    assert kept.is_file()
    assert (project / ".build-cache" / "article_md").is_dir()  # the typeset formulas, too
    return site


def _text(site: Path, built: str) -> str:
    return (site / built).read_text(encoding="utf-8")


def test_home_and_ten_sections_have_no_raw_marker_or_citation(zensical_site):
    for src, built in ZENSICAL_PAGES:
        html = _text(zensical_site, built)
        assert "[[" not in html and "[@" not in html, src
        assert re.search(r"<h1[^>]*>", html), src


def test_numbers_lists_citations_figures_and_code(zensical_site):
    metrics = results.check()["fashion_mnist"]
    practice = _text(zensical_site, "05-practice/index.html")
    assert f"{metrics['test_accuracy']:.2%}" in practice
    assert f"{metrics['parameter_count']:,}" in practice
    assert "def build_model" in re.sub(r"<[^>]+>", "", practice)  # code from snippets/model.py
    for src in re.findall(r'<img alt="[^"]+"[^>]*src="\.\./(results/[^"]+\.svg)"', practice):
        assert (zensical_site / src).is_file()
    assert practice.count('<img alt="') >= 3
    math = _text(zensical_site, "04-math/index.html")
    assert f"{loss.worked_example()['single_loss']:.4f}" in math
    books = _text(zensical_site, "07-resources/index.html")
    assert 'ISBN <a href="https://www.worldcat.org/isbn/9780262035613">978-0-262-03561-3</a>' in books
    assert "Goodfellow I，Bengio Y，Courville A&#46; Deep Learning&#91;M/OL&#93;" in books  # GB/T 7714
    background = _text(zensical_site, "01-background/index.html")
    assert re.search(r'<sup class="citation">\[<a href="\.\./10-references/#ref-wudao2021" '
                     r'title="\[1\] Feng C\. US-China tech war[^"]*">1</a>\]</sup>', background)
    assert '<meta name="citation_title" content="国内大模型如火如荼，国外先锋上演生死大戏">' in background
    references = _text(zensical_site, "10-references/index.html")
    entry = references.split('id="ref-googledeepmind2023"')[1].split("</div>")[0]
    assert 'href="../01-background/"' in entry and 'href="../02-concepts/"' in entry
    for folder in ("", "en/"):  # the references' downloads, which make zensical writes
        assert (zensical_site / folder / "references.bib").read_text(encoding="utf-8").startswith("@article{wudao2021,")
        assert (zensical_site / folder / "references.json").is_file()


def test_model_and_fingerprints_stay_out_of_the_site(zensical_site):
    assert not list(zensical_site.rglob("*.keras"))
    assert not list(zensical_site.rglob("fingerprint.json"))


def test_formulas_and_diagram_render_from_the_site_itself(zensical_site, browser):
    server, url = serve(zensical_site)
    try:
        watch = PageWatch(browser, url)
        page = watch.page
        page.goto(f"{url}/04-math/", wait_until="networkidle")
        page.wait_for_function(FORMULAS_TYPESET, timeout=30000)
        page.goto(f"{url}/02-concepts/", wait_until="networkidle")
        page.wait_for_function(DIAGRAM_DRAWN, timeout=30000)
        # After instant navigation too: home -> section 2 -> section 4
        page.goto(f"{url}/", wait_until="networkidle")
        page.locator("a[href$='02-concepts/']:visible").first.click()
        page.wait_for_url("**/02-concepts/")
        page.wait_for_function(DIAGRAM_DRAWN, timeout=30000)
        page.locator("a[href$='04-math/']:visible").first.click()
        page.wait_for_url("**/04-math/")
        page.wait_for_function(FORMULAS_TYPESET, timeout=30000)
        # The classifier runs too, also when reached by instant navigation
        page.goto(f"{url}/", wait_until="networkidle")
        page.locator("article a[href$='classifier/']").first.click()
        page.wait_for_url("**/classifier/")
        page.wait_for_function("window.articleClassifier !== undefined", timeout=30000)
        page.locator(".classifier-sample").first.click()
        page.wait_for_function("document.querySelector('.classifier-predicted').textContent !== '–'")
        # what the network looks at, from the same weights
        assert len(page.evaluate("window.articleExplorables.units(Array(784).fill(0.5))")) == 6
        assert watch.external == [], watch.external  # nothing from unpkg or any CDN
        assert watch.errors == [], watch.errors
        watch.close()
    finally:
        server.shutdown()


def test_numbered_equations_and_figures_and_their_previews(zensical_site, browser):
    """article_md.xrefs under Zensical: the same numbers, anchors and links as under MkDocs,
    and Zensical's theme previews a reference (data-preview) and shows a citation's tooltip;
    section 4's explorable runs."""
    math = _text(zensical_site, "04-math/index.html")
    assert '<div class="xref-equation-body" id="eq-cross-entropy">' in math
    assert '<span class="xref-equation-number">(1)</span>' in math
    practice = _text(zensical_site, "en/05-practice/index.html")
    assert '<figcaption><strong>Figure 3.</strong> The first 15 test images' in practice
    assert re.search(r'<a data-preview="" href="#fig-sample-predictions">Figure 3</a>', practice)
    server, url = serve(zensical_site)
    try:
        watch = PageWatch(browser, url)
        page = watch.page
        page.goto(f"{url}/04-math/", wait_until="networkidle")
        page.locator("article a[data-preview]").first.hover()
        preview = page.locator(".md-tooltip2[role=dialog]")
        preview.wait_for(state="visible", timeout=10000)
        assert preview.locator("mjx-container").count() >= 1
        # section 4's explorable: its script found from the link Zensical resolved (the
        # API loads it before the widget comes near the screen)
        shown = page.evaluate("window.articleExplorables.loss.set([0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0], 0)")
        assert abs(shown - 0.6931471805599453) < 1e-12
        page.mouse.move(0, 0)
        page.locator("sup.citation a").first.focus()
        tooltip = page.locator(".md-tooltip2[role=tooltip]")
        tooltip.wait_for(state="visible", timeout=5000)
        assert re.match(r"\[\d+\] Goodfellow I，Bengio Y，Courville A", tooltip.inner_text())
        assert watch.errors == [] and watch.external == []
        watch.close()
    finally:
        server.shutdown()


def _zensical_limits() -> list[str]:
    architecture = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = architecture.split("## Zensical", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^- \*\*(.+?)\*\*", section, re.M)


def test_english_edition_has_its_own_language_nav_content_and_selector(zensical_site):
    practice = _text(zensical_site, "en/05-practice/index.html")
    assert '<html lang="en"' in practice
    assert "Where these numbers come from" in practice and "这些数字从哪里来" not in practice
    titles = re.findall(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>', practice)
    assert "1. Background" in titles and "1. 背景介绍" not in titles  # its nav only, once
    assert titles.count("1. Background") == 1
    chinese = _text(zensical_site, "05-practice/index.html")
    # Its own colour-scheme toggles only, as many as the Chinese page has of its own.
    assert practice.count("Switch to dark mode") == chinese.count("切换到深色模式") > 0
    assert "切换到深色模式" not in practice
    assert 'href="../../05-practice/" hreflang="zh"' in practice
    assert 'href="../en/05-practice/" hreflang="en"' in chinese
    for src, built in ZENSICAL_PAGES:
        assert (zensical_site / "en" / built).is_file(), src
    references = _text(zensical_site, "en/10-references/index.html")
    entry = references.split('id="ref-googledeepmind2023"')[1].split("</div>")[0]
    assert 'href="../01-background/">1&#46; Background</a>' in entry


def test_architecture_lists_what_zensical_cannot_do_yet_and_it_is_true(zensical_site, tmp_path):
    assert _zensical_limits() == ["notebook page", "offline copy"]
    # The notebook page: mkdocs-jupyter is an MkDocs plugin; Zensical copies the file only.
    assert not (zensical_site / "notebook" / "index.html").exists()
    assert (zensical_site / "notebook.ipynb").is_file()
    # The offline copy: Zensical's offline mode takes its iframe-worker shim from unpkg.com.
    project = copy_project(tmp_path / "project")
    env = {**os.environ, "SITE_DIR": "site-zensical", "OFFLINE": "true"}
    result = subprocess.run([sys.executable, "-m", "zensical", "build"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    html = (project / "site-zensical" / "index.html").read_text(encoding="utf-8")
    assert "https://unpkg.com/iframe-worker" in html


def test_bad_marker_gives_the_same_one_line_message_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "05-practice.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[[result:fashion_mnist:nope]]\n",
                    encoding="utf-8")
    result = zensical_build(project)
    site = project / "site-zensical"
    assert result.returncode != 0
    lines = error_lines(result)
    assert lines[-1].startswith("ERROR - docs/05-practice.md, line ")
    assert "[[result:fashion_mnist:nope]]: no field 'nope'" in lines[-1]
    assert "Traceback" not in result.stderr
    assert not site.exists()


SEARCH_RESULTS = """() => { const links = []; const walk = (root) => {
  for (const a of root.querySelectorAll('a[href*="?h="]')) links.push(a.getAttribute('href'));
  for (const e of root.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot); };
  walk(document); return links; }"""


def test_search_answers_with_the_sites_own_scripts_on_the_page(zensical_site, browser):
    """Zensical's search talks to its worker through onmessage: on-demand.js's stand-in for
    the search worker must pass that through too (it once passed only addEventListener's)."""
    server, url = serve(zensical_site)
    try:
        watch = PageWatch(browser, url)
        page = watch.page
        page.goto(f"{url}/", wait_until="networkidle")
        assert page.evaluate("typeof window.Worker === 'function' && "
                             "!!document.querySelector('script[src*=\"on-demand.js\"]')")
        page.locator(".md-search__button").first.click()
        page.keyboard.type("模型", delay=50)
        page.wait_for_function(f"({SEARCH_RESULTS})().length > 0", timeout=20_000)
        assert any("04-math/" in href for href in page.evaluate(SEARCH_RESULTS))
        assert watch.errors == [], watch.errors
        watch.close()
    finally:
        server.shutdown()


def test_every_image_of_both_editions_is_in_the_site(zensical_site):
    for src, built in PAGES + EN_PAGES:
        if src.endswith(".ipynb"):
            continue
        page = zensical_site / built
        for image in re.findall(r'<img[^>]*\ssrc="([^"#]+)', page.read_text(encoding="utf-8")):
            if "://" not in image:
                assert (page.parent / image).is_file(), f"{built}: {image}"


def test_the_book_is_printed_from_zensicals_output_too(zensical_site, tmp_path):
    """The same route as `make pdf` (article_md.book reads built pages only); Zensical
    makes no notebook page, so the book has none."""
    from pypdf import PdfReader

    from article_md import book_pdf
    from article_md.book import Edition

    edition = Edition.read(ROOT / "mkdocs.en.yml", zensical_site / "en", frozenset({"notebook.ipynb"}))
    pdf = book_pdf.render(edition, tmp_path)
    reader = PdfReader(pdf)
    chapters = [item.title for item in reader.outline if not isinstance(item, list)]
    pages = [src for src, _ in EN_PAGES if not src.endswith(".ipynb")]
    assert len(chapters) == len(pages) + 1  # and the contents
    assert "Understanding deep learning requires rethinking generalization" in "".join(
        page.extract_text() for page in reader.pages)