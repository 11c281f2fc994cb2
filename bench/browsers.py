"""What the browser tests' unit costs cost in each of Debian's two Chromium builds.

Builds the site into a temporary folder, serves it compressed as GitHub Pages does
(tests/site/server.py) and, in `chromium` (the full browser) and in
`chromium-headless-shell` (what tests/site/ drive), opens a new context and page and
loads a page into it with an empty cache, then loads it again, several times for three pages.
Prints the medians of the CPU time of the whole machine (/proc/stat, so the browser's
every process counts; run it on an otherwise idle machine) and of the wall time.

Usage: python bench/browsers.py [rounds, default 5]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS, HEADLESS_SHELL, mkdocs_build  # noqa: E402
from tests.site.server import serve  # noqa: E402

PAGES = ["", "04-math/", "en/classifier/"]


def busy_seconds() -> float:
    """CPU time spent by the whole machine since boot, all cores, idle excluded."""
    with open("/proc/stat", encoding="ascii") as stat:
        ticks = [int(v) for v in stat.readline().split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def measure(rows: dict, name: str, action) -> None:
    cpu, wall = busy_seconds(), time.perf_counter()
    action()
    rows.setdefault(name, []).append((busy_seconds() - cpu, time.perf_counter() - wall))


def main() -> None:
    from playwright.sync_api import sync_playwright

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as folder:
        server, url = serve(Path(folder))
        mkdocs_build(ROOT, Path(folder), url + "/").check_returncode()
        with sync_playwright() as p:
            print(f"{'':<26}{'CPU s (median)':>16}{'wall s':>9}")
            for label, executable in (("chromium", CHROMIUM), ("chromium-headless-shell", HEADLESS_SHELL)):
                browser = p.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
                rows: dict = {}
                for _ in range(rounds):
                    for built in PAGES:
                        opened = []
                        measure(rows, "new context and page",
                                lambda: opened.append(browser.new_context().new_page()))
                        page = opened[0]
                        target = f"{url}/{built}"
                        measure(rows, "first load", lambda: page.goto(target, wait_until="networkidle"))
                        measure(rows, "second load", lambda: page.goto(target, wait_until="networkidle"))
                        page.context.close()
                browser.close()
                print(f"{label} {browser.version}")
                for name, values in rows.items():
                    print(f"  {name:<24}{statistics.median(v[0] for v in values):>16.2f}"
                          f"{statistics.median(v[1] for v in values):>9.2f}")
        server.shutdown()


if __name__ == "__main__":
    main()
