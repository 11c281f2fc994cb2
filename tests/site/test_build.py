"""The strict build: every page present, nothing loaded from a third-party host."""

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

from tests.site.conftest import ALL_PAGES, EN_PAGES, PAGES


def test_strict_build_has_home_ten_pages_and_notebook(built_site):
    for pages in (PAGES, EN_PAGES):  # both editions, from one build
        for _, built in pages:
            assert (built_site / built).is_file(), built
        titles = [re.search(r"<h1[^>]*>(.*?)</h1>", (built_site / b).read_text(encoding="utf-8"), re.S)
                  for _, b in pages[1:11]]
        assert all(titles)
        assert [t.group(1).split(".")[0].strip() for t in titles] == [str(i) for i in range(1, 11)]


class _Resources(HTMLParser):
    """Collects every URL a page loads: scripts, stylesheets, fonts, images, iframes, media."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self.inline = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._in_script = "src" not in attrs
            if "src" in attrs:
                self.urls.append(attrs["src"])
        elif tag == "link" and set((attrs.get("rel") or "").split()) & {
                "stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}:
            self.urls.append(attrs.get("href", ""))
        elif tag in ("img", "iframe", "source", "audio", "video", "embed"):
            self.urls += [attrs.get("src") or "", *(attrs.get("srcset") or "").split()]
        elif tag == "object":
            self.urls.append(attrs.get("data", ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline.append(data)


def _third_party(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme in ("http", "https")


def test_no_page_loads_anything_from_a_third_party_host(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) >= len(ALL_PAGES)
    for page in pages:
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders = [u for u in parser.urls if _third_party(u)]
        offenders += re.findall(r"""(?:import\(|src\s*=\s*)["'](https?:)?//[^"']+""", "".join(parser.inline))
        assert not offenders, f"{page.relative_to(built_site)}: {offenders}"
    for sheet in built_site.rglob("*.css"):
        urls = re.findall(r"""url\(\s*["']?((?:https?:)?//[^)"']+)""", sheet.read_text(encoding="utf-8"))
        imports = re.findall(r"@import\s+(?:url\()?[\"']?((?:https?:)?//[^\"')]+)", sheet.read_text(encoding="utf-8"))
        assert not urls + imports, f"{sheet.relative_to(built_site)}: {urls + imports}"


def test_formulas_come_typeset_and_mermaid_loads_only_where_needed(built_site):
    for source, built in ALL_PAGES:
        html = (built_site / built).read_text(encoding="utf-8")
        assert not re.search(r"mathjax[^\"']*\.js|tex-svg", html, re.I), built  # no runtime
        assert "\\(" not in html.replace("\\(\\)", ""), built  # no raw TeX delimiters left
        has_diagram = 'class="mermaid"' in html
        assert ("mermaidConfig" in html) == has_diagram, built
        assert "mermaid.min.js" not in html  # only diagram-loader.js fetches it, when needed
        if not has_diagram:  # the notebook page: not even nbconvert's Mermaid styles and loader
            assert "mermaid" not in html.lower(), built
    math = (built_site / "04-math/index.html").read_text(encoding="utf-8")
    assert math.count("<mjx-container") >= 20 and "<mjx-assistive-mml" in math
    assert 'class="mermaid"' in (built_site / "02-concepts/index.html").read_text(encoding="utf-8")


def test_vendored_libraries_are_in_the_site(built_site):
    assert (built_site / "assets/vendor/mermaid/mermaid.min.js").stat().st_size > 100_000
    assert not (built_site / "assets/vendor/mathjax").exists()
