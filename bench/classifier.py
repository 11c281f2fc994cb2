"""The classifier page on Lighthouse's mobile profile: bytes and prediction times. Prints figures.

Builds the site into a temporary folder, serves it compressed as GitHub Pages
does, and opens the classifier page in Debian's chromium with Lighthouse's
mobile throttling (150 ms round trip, 1.6 Mbit/s, CPU 4x slower). Prints:

* the bytes of the first load (nothing touched) and those fetched on first use;
* the time from the first tap on a sample image to its prediction on screen, for a
  reader who taps at once (the weights are fetched by that tap) and for one who
  scrolls first (the weights are fetched as the demo comes near);
* the time of each further prediction (median and 95th percentile of 200).

Usage: python bench/classifier.py
"""

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS, mkdocs_build, slow_phone  # noqa: E402
from tests.site.server import serve  # noqa: E402

PAGE = "classifier/"
# Time from the first pointerdown to the prediction event, in the page's own clock.
TIMING = """
window.__tap = null;
addEventListener("pointerdown", () => { window.__tap ??= performance.now(); }, true);
addEventListener("classifier:prediction", () => { window.__shown ??= performance.now(); }, true);
"""
FURTHER = """async () => {
  const x = Array.from({length: 784}, (_, i) => (i % 28) / 28);
  await window.articleClassifier.predict(x);
  const times = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await window.articleClassifier.predict(x);
    times.push(performance.now() - t);
  }
  return times;
}"""


def open_page(browser, url):
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    sizes = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(
        r.url, r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]))
    page.add_init_script(TIMING)
    slow_phone(page)
    page.goto(f"{url}/{PAGE}", wait_until="networkidle")
    page.wait_for_function("window.articleClassifier !== undefined")
    return context, page, sizes


def tap_first_sample(page) -> float:
    sample = page.locator(".classifier-sample").first
    sample.scroll_into_view_if_needed()
    sample.tap()
    page.wait_for_function("window.__shown != null", timeout=60_000)
    return page.evaluate("window.__shown - window.__tap")


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        server, url = serve(Path(folder))
        mkdocs_build(ROOT, Path(folder), url + "/").check_returncode()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

            context, page, sizes = open_page(browser, url)
            first_load = sum(sizes.values())
            before = set(sizes)
            at_once = tap_first_sample(page)
            on_use = sum(s for u, s in sizes.items() if u not in before)
            further = page.evaluate(FURTHER)
            context.close()

            context, page, sizes = open_page(browser, url)
            page.mouse.wheel(0, 200)  # the reader scrolls; the demo is near: weights come
            page.wait_for_function("performance.getEntriesByType('resource')"
                                   ".some(e => e.name.endsWith('classifier.bin') && e.responseEnd > 0)",
                                   timeout=60_000)
            after_scroll = tap_first_sample(page)
            context.close()
            browser.close()
        server.shutdown()

    further.sort()
    print("classifier page, Lighthouse mobile throttling (150 ms RTT, 1.6 Mbit/s, CPU x4)")
    print(f"  first load (nothing touched)        {first_load / 1000:8.1f} kB   budget 120 kB")
    print(f"  fetched on first use (weights)      {on_use / 1000:8.1f} kB   budget 500 kB")
    print(f"  first prediction, tap at once       {at_once:8.0f} ms   (weights fetched by the tap)")
    print(f"  first prediction, after scrolling   {after_scroll:8.0f} ms   budget 300 ms")
    print(f"  each further prediction             {statistics.median(further):8.2f} ms median, "
          f"{further[int(0.95 * len(further))]:.2f} ms p95   budget 10 ms")


if __name__ == "__main__":
    main()
