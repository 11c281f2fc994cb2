"""Section 4's cross-entropy explorable on Lighthouse's mobile profile. Prints figures.

Builds the site into a temporary folder, serves it compressed as GitHub Pages does,
and opens section 4 in Debian's chromium with Lighthouse's mobile throttling
(150 ms round trip, 1.6 Mbit/s, CPU 4x slower). Prints:

* the bytes of the first load and those the widget fetches when it comes near the
  screen (its script);
* the time of one update, from a slider's input event to the page laid out again
  with the new numbers, median and 95th percentile of 200 (the budget is one
  frame, 16 ms);
* on the classifier page, the time to find the units of a new input (the forward
  pass and the ranking), median and 95th percentile of 50.

Usage: python bench/explorables.py
"""

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS, mkdocs_build, slow_phone  # noqa: E402
from tests.site.server import serve  # noqa: E402

PAGE = "04-math/"
UPDATES = """() => {
  const sliders = document.querySelectorAll(".explorable-slider");
  const times = [];
  for (let i = 0; i < 200; i++) {
    const slider = sliders[i % sliders.length];
    slider.value = String((i % 97) / 100);
    const t = performance.now();
    slider.dispatchEvent(new Event("input", {bubbles: true}));
    document.querySelector(".explorable-mean").getBoundingClientRect();  // style and layout
    times.push(performance.now() - t);
  }
  return times;
}"""


UNITS = """async () => {
  const x = Array.from({length: 784}, (_, i) => (i % 28) / 28);
  await window.articleExplorables.units(x);  // brings the script and the weights
  const times = [];
  for (let i = 0; i < 50; i++) {
    x[i * 7 % 784] = 1 - x[i * 7 % 784];
    const t = performance.now();
    await window.articleExplorables.units(x);
    times.push(performance.now() - t);
  }
  return times;
}"""


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        server, url = serve(Path(folder))
        mkdocs_build(ROOT, Path(folder), url + "/").check_returncode()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 412, "height": 823},
                                          device_scale_factor=1.75, is_mobile=True, has_touch=True)
            page = context.new_page()
            sizes = {}

            def finished(request):
                sizes[request.url] = (request.sizes()["responseBodySize"]
                                      + request.sizes()["responseHeadersSize"])
            page.on("requestfinished", finished)
            slow_phone(page)
            page.goto(f"{url}/{PAGE}", wait_until="networkidle")
            first = sum(sizes.values())
            page.locator(".explorable-loss").scroll_into_view_if_needed()
            page.wait_for_function("document.querySelector('.explorable-loss[data-mounted]')")
            page.wait_for_load_state("networkidle")
            script = sum(size for address, size in sizes.items() if address.endswith("explorables.js"))
            times = sorted(page.evaluate(UPDATES))
            print(f"section 4, first load:          {first / 1024:7.1f} KB, then its script {script / 1024:.1f} KB")
            print(f"one update, CPU 4x slower:      median {statistics.median(times):.2f} ms, "
                  f"95th percentile {times[int(0.95 * len(times))]:.2f} ms (budget 16 ms)")
            page.remove_listener("requestfinished", finished)  # none is asked of a closed page
            context.close()

            # the classifier page: the units for a new input (forward pass, ranking)
            context = browser.new_context(viewport={"width": 412, "height": 823},
                                          device_scale_factor=1.75, is_mobile=True, has_touch=True)
            page = context.new_page()
            slow_phone(page)
            page.goto(f"{url}/classifier/", wait_until="networkidle")
            times = sorted(page.evaluate(UNITS))
            print(f"units of one input, CPU 4x slower: median {statistics.median(times):.2f} ms, "
                  f"95th percentile {times[int(0.95 * len(times))]:.2f} ms (budget 16 ms)")
            context.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
