"""Material's internals that this site's changes to Material rely on (ARCHITECTURE.md,
"What this site changes in Material").

Static checks of the installed packages' own files (templates, stylesheets, the minified
bundle, plugin source): no build, no browser. Each test names one internal; a failure
says which internal changed and which project file relies on it. The bundle is
minified, so its checks look for the code's shape (strings, property names, calls), not
for its short variable names.

Zensical 0.0.73 ships the same theme, rebuilt (``zensical/templates``). Where it has the
same internal, a second case records whether it holds there now; the expected value is
the table's Zensical column, so such a case fails when Zensical changes as well.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _package(name: str) -> Path:
    spec = find_spec(name)
    assert spec is not None and spec.submodule_search_locations, f"{name} is not installed"
    return Path(next(iter(spec.submodule_search_locations)))


MATERIAL = _package("material")
THEMES = {"material": MATERIAL / "templates", "zensical": _package("zensical") / "templates"}
LABEL = {"material": f"Material {metadata.version('mkdocs-material')}",
         "zensical": f"Zensical {metadata.version('zensical')}"}
BOTH = pytest.mark.parametrize("theme", ["material", "zensical"])

ON_DEMAND = "docs/assets/javascripts/on-demand.js"
QUIET_PALETTE = "docs/assets/javascripts/quiet-palette.js"
DIAGRAM_LOADER = "docs/assets/javascripts/diagram-loader.js"
MAIN_HTML = "overrides/main.html"
W = r"[\w$]+"  # a minified name


def holds(found: bool, theme: str, internal: str, relier: str, expected: bool = True) -> None:
    """Fail, naming the internal and the project file, when ``found`` is not as expected."""
    if found == expected:
        return
    table = ("ARCHITECTURE.md, 'What this site changes in Material', column Zensical, "
             "says otherwise: check it there and update the table and this test")
    if expected:
        message = f"{LABEL[theme]}: it is no longer true that {internal}: {relier} relies on it"
        if theme == "zensical":
            message += f"; {table}"
    else:
        message = (f"{LABEL[theme]}: it is now true that {internal} (it was not when "
                   f"{relier} was found not to work there); {table}")
    pytest.fail(message, pytrace=False)


def theme_file(theme: str, pattern: str) -> Path:
    files = sorted(THEMES[theme].glob(pattern))
    assert len(files) == 1, f"{LABEL[theme]}: expected one {pattern}, found {files}"
    return files[0]


@cache
def text(theme: str, pattern: str) -> str:
    return theme_file(theme, pattern).read_text(encoding="utf-8")


def bundle(theme: str) -> str:
    return text(theme, "assets/javascripts/bundle.*.min.js")


def js_pattern(project_file: str, name: str) -> re.Pattern:
    """A regular expression literal of one of the site's scripts (`name: /…/` or `NAME = /…/`)."""
    source = (ROOT / project_file).read_text(encoding="utf-8")
    match = re.search(rf"\b{name}\s*[:=]\s*/((?:\\/|[^/\n])+)/", source)
    assert match, f"{project_file} has no regular expression {name}"
    return re.compile(match[1].replace(r"\/", "/"))


def xhr_helpers(js: str) -> set[str]:
    """The bundle's functions that request a file with XMLHttpRequest (the base one and its
    JSON and XML wrappers)."""
    base = re.search(rf"function ({W})\([\w$,]*\)\{{return new {W}\(\(?{W}\)?=>\{{"
                     rf"let ({W})=new XMLHttpRequest;return \2\.open\(\"GET\"", js)
    if not base:
        return set()
    wrappers = re.findall(rf"function ({W})\([\w$,]*\)\{{(?:let {W}=new DOMParser;)?"
                          rf"return {re.escape(base[1])}\(", js)
    return {base[1], *wrappers}


def requested_with_xhr(js: str, address: str) -> bool:
    names = "|".join(map(re.escape, xhr_helpers(js)))
    return bool(names) and re.search(rf"(?<![\w$])(?:{names})\(new URL\(\"{re.escape(address)}\"", js) is not None


# --- on-demand.js ----------------------------------------------------------------------

@BOTH
def test_search_worker_file_name(theme):
    """on-demand.js recognises Material's search worker by its address."""
    worker = re.compile(r"""["'](assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)["']""")
    named = worker.search(text(theme, "base.html"))
    pattern = js_pattern(ON_DEMAND, "SEARCH_WORKER")
    holds(named is not None and (THEMES[theme] / named[1]).is_file()
          and pattern.search("/" + named[1]) is not None and "new Worker(" in bundle(theme),
          theme, "the search worker is assets/javascripts/workers/search.<hash>.min.js "
          f"(base.html's __config \"search\"), started with new Worker and matching {pattern.pattern}",
          f"{ON_DEMAND} (SEARCH_WORKER)")


@pytest.mark.parametrize("theme, expected", [("material", True), ("zensical", False)])
def test_search_worker_messages_come_through_add_event_listener(theme, expected):
    """How the bundle hears its search worker: Material with addEventListener, Zensical
    0.0.73 with onmessage. on-demand.js's stand-in passes both on (it once passed only
    events, and Zensical's search stayed at "Loading search…"; test_zensical searches)."""
    js = bundle(theme)
    found = ".onmessage=" not in js and re.search(rf"{W}\({W},\"message\"", js) is not None
    holds(found, theme, "the bundle listens to its search worker with addEventListener "
          "(fromEvent(worker, \"message\")) and never sets worker.onmessage",
          f"{ON_DEMAND} (OnDemandWorker)", expected)


@pytest.mark.parametrize("theme, expected", [("material", True), ("zensical", False)])
def test_search_index_address(theme, expected):
    """on-demand.js holds the search index by its address (KINDS.search); Zensical 0.0.73's
    index is search.json at the edition's root, which it does not hold."""
    js = bundle(theme)
    helpers = "|".join(map(re.escape, xhr_helpers(js))) or "$^"
    addresses = re.findall(rf"(?<![\w$])(?:{helpers})\(new URL\(\"([^\"]+\.json)\",{W}\.base\)\)", js)
    pattern = js_pattern(ON_DEMAND, "search")
    holds(any(pattern.search("/" + address) for address in addresses), theme,
          f"the bundle asks for the search index with XMLHttpRequest at an address matching "
          f"{pattern.pattern} (search/search_index.json)", f"{ON_DEMAND} (KINDS.search)", expected)


@BOTH
def test_sitemaps_requested_with_xmlhttprequest(theme):
    """on-demand.js holds XMLHttpRequest.send for sitemap.xml (instant navigation and the
    language selector's editions) until the reader first moves."""
    pattern = js_pattern(ON_DEMAND, "sitemap")
    holds(requested_with_xhr(bundle(theme), "sitemap.xml") and pattern.search("/sitemap.xml") is not None,
          theme, "the bundle asks for sitemap.xml (new URL(\"sitemap.xml\", …)) with XMLHttpRequest",
          f"{ON_DEMAND} (KINDS.sitemap)")


@pytest.mark.parametrize("theme, expected", [("material", True), ("zensical", False)])
def test_search_query_input(theme, expected):
    """on-demand.js releases the search index and worker when the search box gets focus."""
    found = ('data-md-component="search-query"' in text(theme, "partials/search.html")
             and '"search-query"' in bundle(theme))
    holds(found, theme, "the search box is an element with data-md-component=\"search-query\" "
          "in partials/search.html", f"{ON_DEMAND} (focusin on [data-md-component=search-query])",
          expected)


# --- quiet-palette.js ------------------------------------------------------------------

@BOTH
def test_palette_switching_mark(theme):
    js = bundle(theme)
    css = [path.read_text(encoding="utf-8")
           for path in THEMES[theme].glob("assets/stylesheets/**/palette.*.min.css")]
    found = ('document.body.setAttribute("data-md-color-switching","")' in js
             and 'document.body.removeAttribute("data-md-color-switching")' in js
             and "document.body.setAttribute(`data-md-color-${" in js
             and bool(css) and all("[data-md-color-switching] *" in rules for rules in css))
    holds(found, theme, "the palette sets and removes data-md-color-switching and the "
          "data-md-color-* colours with document.body.setAttribute/removeAttribute, and its "
          "stylesheet has the rule `[data-md-color-switching] *`", QUIET_PALETTE)


@BOTH
def test_color_scheme_meta(theme):
    js = bundle(theme)
    appended = re.search(rf"({W})={W}\(\"meta\",\{{name:\"color-scheme\"\}}\);"
                         rf"document\.head\.appendChild\(\1\)", js)
    found = appended is not None and re.search(rf"{W}\.content={W}\.colorScheme", js) is not None
    holds(found, theme, "the palette creates <meta name=\"color-scheme\">, adds it with "
          "document.head.appendChild before setting it, and sets its `content` property",
          QUIET_PALETTE)


# --- overrides/main.html (and 404.html, partials/alternate.html) ----------------------

@BOTH
def test_template_blocks(theme):
    base = text(theme, "base.html")
    blocks = all(f"{{% block {name} %}}" in base for name in ("extrahead", "content", "htmltitle"))
    scripts = re.search(r"\{% block scripts %\}\s*<script src=\"\{\{ 'assets/javascripts/"
                        r"bundle\.[0-9a-f]+\.min\.js' \| url \}\}\"></script>", base)
    holds(blocks and scripts is not None, theme, "base.html has the blocks extrahead, content "
          "and htmltitle, and the block scripts starts with the bundle (so super() puts the "
          "site's scripts before it)", f"{MAIN_HTML}, overrides/404.html")


@BOTH
def test_no_js_class(theme):
    found = (re.search(r"<html [^>]*class=\"no-js\"", text(theme, "base.html")) is not None
             and re.search(r'document\.documentElement\.classList\.remove\("no-js"\)[;,]'
                           r'document\.documentElement\.classList\.add\("js"\)', bundle(theme)) is not None)
    holds(found, theme, "<html> starts with class no-js and the bundle swaps it for js",
          f"{MAIN_HTML} (the swap in <head>)")


@BOTH
def test_focus_visible_marks(theme):
    js = bundle(theme)
    found = ('document.documentElement.classList.add("js-focus-visible")' in js
             and 'document.documentElement.setAttribute("data-js-focus-visible","")' in js)
    holds(found, theme, "the focus-visible polyfill marks <html> with the class js-focus-visible "
          "and the attribute data-js-focus-visible", f"{MAIN_HTML} (sets both in <head>)")


@BOTH
def test_instant_navigation_rewrites_relative_addresses(theme):
    found = re.search(rf"\"\[href\], \[src\]\",{W}\)\)for\(let {W} of\[\"href\",\"src\"\]\)"
                      rf".{{0,120}}?({W})\[({W})\]=\1\[\2\]", bundle(theme))
    holds(found is not None, theme, "instant navigation sets every relative href and src "
          "to itself (element[href] = element[href]), which reloads each stylesheet link",
          f"{MAIN_HTML} (does it for stylesheets in <head>)")


@BOTH
def test_language_selector_partial(theme):
    partial = text(theme, "partials/alternate.html")
    found = ('{% include "partials/alternate.html" %}' in text(theme, "partials/header.html")
             and all(f'class="{name}"' in partial for name in
                     ("md-header__option", "md-select", "md-select__inner", "md-select__list",
                      "md-select__item", "md-select__link"))
             and "lang.t('select.language')" in partial)
    holds(found, theme, "the header includes partials/alternate.html for extra.alternate, "
          "with the md-select markup and the select.language label",
          "overrides/partials/alternate.html")


def test_notebook_download_button():
    css = text("material", "assets/stylesheets/main.*.min.css")
    found = (".md-content__button" in css
             and (THEMES["material"] / ".icons/material/download.svg").is_file())
    holds(found, "material", "the stylesheet styles .md-content__button and the icon "
          ".icons/material/download.svg exists", f"{MAIN_HTML} (notebook download button)")


# --- diagram-loader.js and hooks/vendor_assets.py --------------------------------------

@BOTH
def test_mermaid_from_window_mermaid_else_unpkg(theme):
    js = bundle(theme)
    found = (re.search(r'typeof mermaid=="undefined"\|\|mermaid instanceof Element\?'
                       rf'{W}\("https://unpkg\.com/mermaid@\d+/dist/mermaid\.min\.js"\)', js) is not None
             and "mermaid.initialize(" in js and '"pre.mermaid"' in js)
    holds(found, theme, "the bundle draws pre.mermaid blocks with window.mermaid when it is "
          "defined and otherwise loads Mermaid from unpkg.com", DIAGRAM_LOADER)


@BOTH
def test_mermaid_render_call(theme):
    found = re.search(rf'({W})\.classList\.add\("mermaid"\);.{{0,120}}?{W}=\1\.textContent,'
                      rf'\{{svg:{W}[^}}]*\}}=yield mermaid\.render\({W},{W}\)', bundle(theme))
    holds(found is not None, theme, "the bundle calls mermaid.render(id, block.textContent) "
          "with the block still classed mermaid, and reads `svg` from the result",
          f"{DIAGRAM_LOADER} (finds the block by its text; rewrites result.svg)")


@BOTH
def test_container_scripts_run_again_after_instant_navigation(theme):
    found = ('data-md-component="container"' in text(theme, "base.html")
             and re.search(rf'\("container"\);return {W}\({W}\("script",{W}\)\)', bundle(theme)) is not None)
    holds(found, theme, "instant navigation runs again the scripts inside "
          "[data-md-component=container]", "hooks/vendor_assets.py (on_post_page)")


def test_offline_plugin_adds_iframe_worker_to_polyfills():
    plugin = (MATERIAL / "plugins/offline/plugin.py").read_text(encoding="utf-8")
    found = ('config.extra["polyfills"]' in plugin and "https://unpkg.com/iframe-worker/shim" in plugin
             and "{% for script in config.extra.polyfills %}" in text("material", "base.html"))
    holds(found, "material", "the offline plugin appends https://unpkg.com/iframe-worker/shim "
          "to config.extra[\"polyfills\"], which base.html loads", "hooks/vendor_assets.py (on_pre_build)")


# --- hooks/accessibility.py ------------------------------------------------------------

def _search_dialog() -> str:
    tree = ast.parse((ROOT / "hooks/accessibility.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "SEARCH_DIALOG" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError("hooks/accessibility.py has no SEARCH_DIALOG")


def test_search_dialog_markup():
    holds(_search_dialog() in text("material", "partials/search.html"), "material",
          f"the search box is `{_search_dialog()}` (a dialog without a name)",
          "hooks/accessibility.py (SEARCH_DIALOG)")


def test_zensical_names_its_search_dialog_itself():
    """Zensical runs no hooks; its search dialog has a name of its own, so the fix is not needed there."""
    markup = text("zensical", "partials/search.html")
    holds(_search_dialog() not in markup and re.search(r'role="dialog" aria-label="', markup) is not None,
          "zensical", "the search dialog has an aria-label of its own",
          "hooks/accessibility.py (not run under Zensical)")


# --- hooks/build_cache.py --------------------------------------------------------------

def test_search_plugin_jieba_attribute():
    source = (MATERIAL / "plugins/search/plugin.py").read_text(encoding="utf-8")
    found = (re.search(r"^try:\n\s+import jieba\nexcept ImportError:\n\s+jieba = None$", source, re.M)
             and "if jieba:" in source and 'jieba.cut(value.encode("utf-8"))' in source)
    holds(bool(found), "material", "material.plugins.search.plugin has a module attribute "
          "`jieba` (None without jieba) and segments with jieba.cut(value.encode(\"utf-8\"))",
          "hooks/build_cache.py (CachedJieba)")


# --- content.lazy, article_md/code.py, article_md/tables.py ----------------------------

@BOTH
def test_content_lazy_feature(theme):
    found = re.search(r'(?<![\w$])' + W + r'\("content\.lazy"\)\?', bundle(theme))
    holds(found is not None, theme, "the bundle sets code blocks up when they come into view "
          "under the (undocumented) feature flag content.lazy",
          "mkdocs.common.yml (theme.features), article_md/code.py")


@BOTH
def test_code_listing_focus(theme):
    js = bundle(theme)
    found = ('"pre:not(.mermaid) > code"' in js
             and re.search(r'matchMedia\("\(hover\)"\).{0,120}?' + rf'{W}&&{W}\?({W})\.setAttribute'
                           r'\("tabindex","0"\):\1\.removeAttribute\("tabindex"\)', js) is not None)
    holds(found, theme, "the bundle sets up each `pre:not(.mermaid) > code` and then keeps "
          "tabindex=\"0\" only on one that scrolls (with hover), removing it from the others",
          "article_md/code.py (tabindex from the start)")


@BOTH
def test_table_scroll_frame(theme):
    js = bundle(theme)
    found = ('"table:not([class])"' in js
             and re.search(rf'\("div",\{{class:"md-typeset__scrollwrap"\}},{W}\("div",'
                           rf'\{{class:"md-typeset__table"\}},{W}\)\)', js) is not None)
    holds(found, theme, "the bundle wraps each table:not([class]) in "
          "div.md-typeset__scrollwrap > div.md-typeset__table as the page starts",
          "article_md/tables.py (table-box)")
