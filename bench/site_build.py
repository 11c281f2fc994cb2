"""Site build cost and first-load weight. Prints figures; no pass/fail.

1. Cold build time of the site with MkDocs and with Zensical (as `make
   zensical` runs it) against the same Markdown built with a bare Material
   configuration (no plugins, hooks or extensions), and with the English edition
   built in turn in the same process instead of in a fork (hooks/editions.py):
   several repetitions each, interleaved, medians and their ratios.
2. Edit to reload under `mkdocs serve` (what `make serve` runs), on a copy of the
   project: seconds from saving a page, a data file or a snippet module until
   the served page shows the change, median of several edits each.
3. Bytes transferred on the first load of the home page, a formula page and a
   diagram page, measured in Debian's chromium with an empty cache, the site
   served compressed as GitHub Pages does (tests/site/server.py).

Builds and serves with the environment `make` gives them (the Makefile's exported
variables), so the figures are those of `make build` and `make serve`.

Usage: python bench/site_build.py [--repeat 5]
"""

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checked import run  # bench/checked.py

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.site.server import serve  # noqa: E402
BARE_CONFIG = """site_name: bare
docs_dir: {docs}
theme:
  name: material
"""
PAGES = {"home": "", "formula page (4)": "04-math/", "diagram page (2)": "02-concepts/"}
# What the Makefile exports to every command it runs.
MAKE_ENV = dict(re.findall(r"^export (\w+) := (.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"),
                           re.M))


# `mkdocs build` where os.fork does not exist: hooks/editions.py then builds the English
# edition in the same process after the Chinese one's pages (as on Windows).
IN_TURN = ("import os, sys; del os.fork; from mkdocs.__main__ import cli; "
           "sys.argv = ['mkdocs', *sys.argv[1:]]; cli()")


def build(config: Path, site: Path, fork: bool = True) -> float:
    env = {**os.environ, **MAKE_ENV, "NO_MKDOCS_2_WARNING": "1"}
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    program = ["-m", "mkdocs"] if fork else ["-c", IN_TURN]
    run(f"mkdocs build -f {config.name}" + ("" if fork else " (no fork)"),
        [sys.executable, *program, "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=ROOT, env=env)
    return time.perf_counter() - start


def build_zensical() -> float:
    """`make zensical` (content checks, vendored assets, both editions), cold cache."""
    shutil.rmtree(ROOT / "site-zensical", ignore_errors=True)
    start = time.perf_counter()
    run("make zensical", ["make", "--no-print-directory", "zensical"], cwd=ROOT)
    return time.perf_counter() - start


def build_times(repeat: int, tmp: Path) -> None:
    bare = tmp / "bare.yml"
    bare.write_text(BARE_CONFIG.format(docs=ROOT / "docs"), encoding="utf-8")
    times = {"mkdocs": [], "mkdocs, English edition in turn": [], "zensical": [], "bare": []}
    for _ in range(repeat):  # interleaved, so drift affects all alike
        times["mkdocs"].append(build(ROOT / "mkdocs.yml", tmp / "site"))
        times["mkdocs, English edition in turn"].append(
            build(ROOT / "mkdocs.yml", tmp / "site", fork=False))
        times["zensical"].append(build_zensical())
        times["bare"].append(build(bare, tmp / "bare"))
    for name, values in times.items():
        print(f"build {name}: median {statistics.median(values):.2f}s "
              f"(runs: {', '.join(f'{v:.2f}' for v in values)})")
    bare_median = statistics.median(times["bare"])
    print(f"build_time_ratio={statistics.median(times['mkdocs']) / bare_median:.2f}")
    print("english_in_turn_over_fork="
          f"{statistics.median(times['mkdocs, English edition in turn']) / statistics.median(times['mkdocs']):.2f}")
    print(f"zensical_build_time_ratio={statistics.median(times['zensical']) / bare_median:.2f}")


# (file edited, page that shows it, text -> (edited text, marker seen on the page))
EDITS = {
    "page": ("docs/08-summary.md", "08-summary/",
             lambda text, n: (text + f"\n\n编辑标记{n}\n", f"编辑标记{n}")),
    "data file": ("data/faq.yml", "09-faq/",
                  lambda text, n: (re.sub(r"什么是大模型\d*？", f"什么是大模型{n}？", text, count=1),
                                   f"什么是大模型{n}？")),
    "snippet module": ("snippets/loss.py", "04-math/",
                       lambda text, n: (text.replace("got probability 0", f"got probability 0 bench{n}", 1),
                                        f"bench{n}")),
}


def _fetch(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def serve_reload_times(repeat: int, tmp: Path) -> None:
    """Seconds from saving a file to the served page showing the change."""
    import socket

    project = tmp / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", "site-zensical", "offline", "node_modules", ".git", ".pytest_cache"))
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, **MAKE_ENV, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr",
                               f"127.0.0.1:{port}", "--livereload"], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 300
        while "国内大模型" not in _fetch(base) and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(3)  # let the first build's watcher settle
        for name, (relative, page, change) in EDITS.items():
            times, path = [], project / relative
            for n in range(repeat):
                text, marker = change(path.read_text(encoding="utf-8"), n)
                start = time.perf_counter()
                path.write_text(text, encoding="utf-8")
                while time.perf_counter() - start < 60:
                    now = _fetch(base + page)
                    if marker in now:
                        break
                    time.sleep(0.05)
                times.append(time.perf_counter() - start)
                time.sleep(2)
            print(f"serve: edit to reload, {name}: median {statistics.median(times):.2f}s "
                  f"(runs: {', '.join(f'{t:.2f}' for t in times)})", flush=True)
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C: MkDocs and the hooks remove their temp folders
        server.wait(timeout=30)


def first_load_bytes(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    base = url + "/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        for name, path in PAGES.items():
            context = browser.new_context()  # empty cache
            page = context.new_page()
            sizes = []
            page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]
                                                              + r.sizes()["responseHeadersSize"]))
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            print(f"first load {name}: {sum(sizes) / 1024:.0f} KiB in {len(sizes)} requests")
            context.close()
        browser.close()
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_times(args.repeat, tmp)
        serve_reload_times(args.repeat, tmp)
        build(ROOT / "mkdocs.yml", tmp / "site")
        first_load_bytes(tmp / "site")


if __name__ == "__main__":
    main()
