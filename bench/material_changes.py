"""What four of the site's changes to Material save on a phone, each against the site
without it. Prints figures; no pass/fail.

The changes (ARCHITECTURE.md, "What this site changes in Material"), each with how it
is switched off and the pages it affects:

1. focus-visible: the script in <head> of overrides/main.html also puts the
   focus-visible polyfill's class and attribute on <html> (off: those two lines
   removed, so Material's bundle sets them once the page is there); long pages
   04-math/ and classifier/.
2. content.lazy: Material sets each code block up when it comes into view (off: the
   flag dropped from theme.features in mkdocs.common.yml); 05-practice/, classifier/.
3. article_md.code: each listing's line count (--code-lines, which the stylesheet
   turns into content-visibility: auto with the listing's height kept) and
   tabindex="0" from the start (off: the extension removed from
   markdown_extensions); 05-practice/, classifier/.
4. article_md.tables: each table in <div class="table-box"> (off: the extension
   removed); the pages with tables, 04-math/ and 05-practice/.

Each version of the site is built (mkdocs build --strict, both editions) in a
throw-away copy of the project (as tests/site/conftest.py copies it: node_modules
linked, never installed there), the one with the change off edited first, and
served locally, compressed as GitHub Pages does (tests/site/server.py). Each page is
then loaded in Debian's chromium (Playwright, executable_path) in a new context (an
empty cache) on a 390x844 phone (touch, device scale 2, as tests/site/test_phone.py),
with the CPU slowed 4x as Lighthouse's mobile profile does (CDP
Emulation.setCPUThrottlingRate; the network is not slowed). Each load records, from
the navigation until the load event + 2 s: CDP Performance.getMetrics (style
recalculation, layout, script and all main-thread task time, the number of style
recalculations and layouts, and the layout objects and DOM nodes alive at the end),
the cumulative layout shift (a layout-shift PerformanceObserver, tests/site/
test_phone.py's WATCH_SHIFTS) and the first contentful paint. "style+layout" is the
sum of RecalcStyleDuration and LayoutDuration, the work the four changes are meant
to save. The durations are the throttled ones (about 4x this machine's).

With and without are loaded alternately (ABBA, after one discarded load of each),
--loads of each per page. Then --traced more loads of each, alternately too, with a
Chromium trace (devtools.timeline), which slows a load and so is kept out of the
timed ones: the elements restyled (UpdateLayoutTree's elementCount) and the layout
objects laid out (Layout's dirtyObjects), summed over the load. These counts vary
far less from load to load than the durations, which on a 2-core machine spread by
+-10-20% (interquartile range) around their median.

Printed per change and page, for each figure: the medians with and without, the
ratio with/without, a 95% bootstrap interval of that ratio (resampling each side's
loads), the interquartile range of each side, and "halves", how far apart the
medians of the first and second halves of the "with" loads are (as a share of the
median): the drift of one and the same site over the run. A change that is no
longer in the site (its edit finds nothing to switch off) is reported as such and
skipped. The defaults take about 35 minutes; the figures are only as steady as the
machine is idle.

Usage: python bench/material_changes.py [--loads 20] [--traced 6]
           [--changes focus-visible content.lazy code tables]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Callable

from checked import run  # bench/checked.py

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS, copy_project  # noqa: E402
from tests.site.server import serve  # noqa: E402
from tests.site.test_phone import WATCH_SHIFTS  # noqa: E402

# What the Makefile exports to every command it runs.
MAKE_ENV = dict(re.findall(r"^export (\w+) := (.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"),
                           re.M))
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True}
CPU_SLOWDOWN = 4  # Lighthouse's mobile profile
IDLE_MS = 2000  # recorded until the load event + this
# (printed name, how it is computed from one load's record, format)
FIGURES = [
    ("style+layout ms", lambda r: 1000 * (r["RecalcStyleDuration"] + r["LayoutDuration"]), ".1f"),
    ("style ms", lambda r: 1000 * r["RecalcStyleDuration"], ".1f"),
    ("layout ms", lambda r: 1000 * r["LayoutDuration"], ".1f"),
    ("script ms", lambda r: 1000 * r["ScriptDuration"], ".1f"),
    ("task ms", lambda r: 1000 * r["TaskDuration"], ".1f"),
    ("style recalcs", lambda r: r["RecalcStyleCount"], ".0f"),
    ("layouts", lambda r: r["LayoutCount"], ".0f"),
    ("layout objects", lambda r: r["LayoutObjects"], ".0f"),
    ("DOM nodes", lambda r: r["Nodes"], ".0f"),
    ("CLS", lambda r: r["cls"], ".4f"),
    ("FCP ms", lambda r: r["fcp"], ".0f"),
]
# From the traced loads: the style recalculations' elements (UpdateLayoutTree's
# elementCount) and the layouts' objects (Layout's dirtyObjects), summed over the load.
TRACED_FIGURES = [
    ("elements restyled", lambda r: r["restyled"], ".0f"),
    ("objects laid out", lambda r: r["laid out"], ".0f"),
]
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline"]


def drop_lines(relative: str, *lines: str) -> Callable[[Path], bool]:
    """An edit that removes the lines that are exactly ``lines`` (leading and trailing
    spaces aside) from a file of the project copy; it returns whether it found them all."""
    def edit(project: Path) -> bool:
        path = project / relative
        old = path.read_text(encoding="utf-8").splitlines(keepends=True)
        new = [line for line in old if line.strip() not in lines]
        path.write_text("".join(new), encoding="utf-8")
        return len(old) - len(new) == len(lines)
    return edit


# name -> (what it is, the edit that switches it off, the pages it affects)
CHANGES = {
    "focus-visible": (
        "the focus-visible polyfill's marks on <html> set in <head> (overrides/main.html)",
        drop_lines("overrides/main.html",
                   'document.documentElement.classList.add("js-focus-visible");',
                   'document.documentElement.setAttribute("data-js-focus-visible", "");'),
        ["04-math/", "classifier/"]),
    "content.lazy": (
        "content.lazy: Material sets each code block up when it comes into view",
        drop_lines("mkdocs.common.yml", "- content.lazy"),
        ["05-practice/", "classifier/"]),
    "code": (
        "article_md.code: each listing's line count (--code-lines) and tabindex=\"0\"",
        drop_lines("mkdocs.common.yml", "article_md.code:"),
        ["05-practice/", "classifier/"]),
    "tables": (
        "article_md.tables: each table in <div class=\"table-box\">",
        drop_lines("mkdocs.common.yml", "article_md.tables:"),
        ["04-math/", "05-practice/"]),
}


def project_copy(target: Path) -> Path:
    """A throw-away copy of the project, with the build caches (formulas, Jinja, jieba)
    copied too so that its build is not a cold one."""
    project = copy_project(target)
    if (ROOT / ".build-cache").is_dir():
        shutil.copytree(ROOT / ".build-cache", project / ".build-cache")
    return project


def build(project: Path, site: Path, url: str) -> None:
    env = {**os.environ, **MAKE_ENV, "SITE_URL": url + "/", "NO_MKDOCS_2_WARNING": "1",
           "TF_CPP_MIN_LOG_LEVEL": "3"}
    run(f"mkdocs build --strict of {project.name}",
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
        cwd=project, env=env, timeout=900)


def served_build(tmp: Path, name: str, edit: Callable[[Path], bool] | None = None):
    """Copy the project, apply ``edit``, build and serve it: (server, base URL), or None
    when the edit found nothing to switch off."""
    project = project_copy(tmp / name / "project")
    if edit is not None and not edit(project):
        return None
    site = tmp / name / "site"
    site.mkdir()
    server, url = serve(site)
    build(project, site, url)
    return server, url


def load(browser, url: str, traced: bool = False) -> dict:
    """One load of ``url`` on the phone with an empty cache: CDP metrics, CLS and FCP;
    ``traced``: also a Chromium trace, for the elements restyled and objects laid out."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.add_init_script(WATCH_SHIFTS)
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        if traced:
            browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
        page.goto(url, wait_until="load")
        page.wait_for_timeout(IDLE_MS)
        record = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        record["cls"] = page.evaluate("window.__shift")
        record["fcp"] = page.evaluate(
            "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN")
        if traced:
            trace = json.loads(browser.stop_tracing())
            events = trace["traceEvents"] if isinstance(trace, dict) else trace
            record["restyled"] = sum(e.get("args", {}).get("elementCount", 0)
                                     for e in events if e["name"] == "UpdateLayoutTree")
            record["laid out"] = sum(e.get("args", {}).get("beginData", {}).get("dirtyObjects", 0)
                                     for e in events if e["name"] == "Layout")
        return record
    finally:
        context.close()


def quartiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return values[0], values[0]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def ratio_interval(with_: list[float], without: list[float], rounds: int = 2000) -> tuple[float, float]:
    """95% bootstrap interval of median(with) / median(without)."""
    rng = random.Random(0)
    ratios = []
    for _ in range(rounds):
        a = statistics.median(rng.choices(with_, k=len(with_)))
        b = statistics.median(rng.choices(without, k=len(without)))
        if b:
            ratios.append(a / b)
    if not ratios:
        return float("nan"), float("nan")
    ratios.sort()
    return ratios[int(0.025 * len(ratios))], ratios[int(0.975 * len(ratios)) - 1]


def report(name: str, page: str, runs: dict[str, list[dict]], figures=FIGURES,
           what: str = "loads") -> None:
    print(f"\n{name}, {page} ({len(runs['with'])} {what} each)")
    print(f"{'':>17} {'with':>10} {'without':>10} {'ratio':>7} {'95% interval':>15} "
          f"{'IQR with':>19} {'IQR without':>19} {'halves':>7}")
    for figure, value, fmt in figures:
        with_ = [value(r) for r in runs["with"]]
        without = [value(r) for r in runs["without"]]
        a, b = statistics.median(with_), statistics.median(without)
        ratio = a / b if b else float("nan")
        low, high = ratio_interval(with_, without)
        half = len(with_) // 2
        halves = (abs(statistics.median(with_[:half]) - statistics.median(with_[half:])) / a
                  if half and a else float("nan"))
        iqr = [f"{q1:{fmt}}-{q3:{fmt}}" for q1, q3 in (quartiles(with_), quartiles(without))]
        print(f"{figure:>17} {a:>10{fmt}} {b:>10{fmt}} {ratio:>7.3f} {low:>7.3f}-{high:<7.3f} "
              f"{iqr[0]:>19} {iqr[1]:>19} {halves:>7.1%}", flush=True)


def measure(browser, name: str, urls: dict[str, str], pages: list[str], loads: int,
            traced: int) -> None:
    for page in pages:
        for side in ("with", "without"):  # first loads: server, processes, disk
            load(browser, f"{urls[side]}/{page}")
        runs = {"with": [], "without": []}
        for i in range(loads):
            order = ("with", "without") if i % 2 == 0 else ("without", "with")
            for side in order:
                runs[side].append(load(browser, f"{urls[side]}/{page}"))
        report(name, page, runs)
        if traced:
            runs = {"with": [], "without": []}
            for i in range(traced):
                order = ("with", "without") if i % 2 == 0 else ("without", "with")
                for side in order:
                    runs[side].append(load(browser, f"{urls[side]}/{page}", traced=True))
            report(name, page, runs, TRACED_FIGURES, "traced loads")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--loads", type=int, default=20, help="loads of each side per page")
    parser.add_argument("--traced", type=int, default=6,
                        help="traced loads of each side per page (0: none)")
    parser.add_argument("--changes", nargs="*", choices=list(CHANGES), default=list(CHANGES))
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit("Debian's chromium is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    servers = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        try:
            server, with_url = served_build(tmp, "with")
            servers.append(server)
            print(f"CPU slowed {CPU_SLOWDOWN}x, phone 390x844, recorded until load + {IDLE_MS} ms; "
                  "durations in throttled ms", flush=True)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                     args=CHROMIUM_ARGS, headless=True)
                for name in args.changes:
                    what, edit, pages = CHANGES[name]
                    built = served_build(tmp, name, edit)
                    if built is None:
                        print(f"\n{name}: not in the site (nothing to switch off): {what}")
                        continue
                    servers.append(built[0])
                    print(f"\n== {name}: {what}", flush=True)
                    measure(browser, name, {"with": with_url, "without": built[1]}, pages,
                            args.loads, args.traced)
                    built[0].shutdown()
                browser.close()
        finally:
            for server in servers:
                server.shutdown()


if __name__ == "__main__":
    main()
