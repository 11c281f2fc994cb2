"""Section 4's cross-entropy explorable in Chromium: the numbers it shows against NumPy,
keyboard and touch use, and a first frame that the script does not move."""

import json

import numpy as np
import pytest
from bs4 import BeautifulSoup

from snippets import loss
from tests.conftest import ROOT
from tests.site.conftest import PageWatch, WATCH_SHIFTS

PAGES = ["04-math/", "en/04-math/"]
SET = "([p, y]) => window.articleExplorables.loss.set(p, y)"


def open_widget(browser, site_url, path="04-math/", **context):
    watch = PageWatch(browser, site_url, **context)
    watch.page.add_init_script(WATCH_SHIFTS)
    watch.page.goto(f"{site_url}/{path}")
    watch.page.wait_for_load_state("load")
    # the script comes when the widget nears the screen, not with the page
    assert watch.page.evaluate("document.querySelector('.explorable-loss[data-mounted]')") is None
    watch.page.locator(".explorable-loss").scroll_into_view_if_needed()
    watch.page.wait_for_function("document.querySelector('.explorable-loss[data-mounted]')")
    return watch


def shown(page, selector) -> float:
    text = page.inner_text(selector)
    return float("inf") if text == "∞" else float(text)


def test_both_editions_carry_the_same_widget_with_the_worked_example(built_site):
    states = []
    for path in PAGES:
        page = BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        widgets = page.select(".explorable-loss")
        assert len(widgets) == 1, path
        states.append(widgets[0]["data-state"])
        # the static frame: what a reader without JavaScript, the PDF and Zensical show
        assert widgets[0].select_one(".explorable-loss-value").get_text() == \
            f"{loss.worked_example()['single_loss']:.4f}"
    assert states[0] == states[1]
    for path in ("classifier/", "en/classifier/"):  # what the network looks at, in both
        page = BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert len(page.select(".explorable-units .explorable-units-list li canvas")) == 6, path


def test_the_loss_and_the_mean_equal_numpys_for_random_distributions_and_every_class(browser, site_url):
    watch = open_widget(browser, site_url)
    page, rng = watch.page, np.random.default_rng(29)
    batch = loss.EXAMPLE_BATCH.copy()
    try:
        for trial in range(4):
            p = rng.dirichlet(np.full(10, 0.5))
            if trial == 3:
                p[7] = 0.0  # a class the model rules out: an infinite loss if it is the true one
                p /= p.sum()
            for y in range(10):
                shown_loss = page.evaluate(SET, [p.tolist(), y])
                expected = -np.log(p[y]) if p[y] > 0 else np.inf
                if np.isinf(expected):
                    assert shown_loss is None or shown_loss == float("inf")  # JSON has no Infinity
                    assert page.inner_text(".explorable-loss-value") == "∞"
                    continue
                assert abs(shown_loss - expected) <= 1e-9
                batch[0] = p
                mean = loss.mean_cross_entropy(batch, [y, *loss.EXAMPLE_LABELS[1:]])
                assert shown(page, ".explorable-mean") == pytest.approx(mean, abs=5e-5)
                assert shown(page, ".explorable-loss-value") == pytest.approx(expected, abs=5e-5)
                # the source's quantity does not follow the true class
                entropy = -np.sum(p[p > 0] * np.log(p[p > 0])) / 10
                assert shown(page, ".explorable-entropy") == pytest.approx(entropy, abs=5e-5)
        assert watch.errors == [] and watch.external == []
    finally:
        watch.close()


def test_keyboard_only_moves_a_probability_keeps_the_sum_and_announces_politely(browser, site_url):
    watch = open_widget(browser, site_url, "en/04-math/")
    page = watch.page
    try:
        slider = page.locator(".explorable-slider").nth(2)  # class 3, the true class
        slider.focus()
        for _ in range(10):
            page.keyboard.press("ArrowRight")
        values = page.evaluate("[...document.querySelectorAll('.explorable-number')].map(b => +b.value)")
        assert values[2] == pytest.approx(0.5, abs=1e-9)
        assert sum(values) == pytest.approx(1, abs=1e-3)  # the others rescaled
        assert values[0] / values[1] == pytest.approx(0.2 / 0.3, rel=1e-3)  # in proportion
        assert shown(page, ".explorable-loss-value") == pytest.approx(-np.log(0.5), abs=5e-5)
        page.keyboard.press("Tab")  # the number box of the same class: type a value
        page.keyboard.press("Control+A")
        page.keyboard.type("0.8")
        assert shown(page, ".explorable-loss-value") == pytest.approx(-np.log(0.8), abs=5e-5)
        status = page.locator(".explorable-status")
        assert status.get_attribute("aria-live") == "polite"
        page.wait_for_function("document.querySelector('.explorable-status').textContent !== ''")
        assert "0.8000" in status.inner_text() and "l = 0.2231" in status.inner_text()
        select = page.locator(".explorable-true")
        select.focus()
        page.keyboard.press("ArrowUp")  # class 2 becomes the true class
        assert page.evaluate("document.querySelector('.explorable-true').value") == "1"
        assert page.inner_text(".explorable-batch tbody tr td") == "2"
        assert watch.errors == [] and watch.external == []
    finally:
        watch.close()


@pytest.mark.parametrize("viewport", [(390, 844), (360, 740)], ids=["390x844", "360x740"])
def test_touch_moves_a_slider_and_nothing_shifts_or_overflows(browser, site_url, viewport):
    width, height = viewport
    watch = open_widget(browser, site_url, viewport={"width": width, "height": height},
                        has_touch=True, is_mobile=True, device_scale_factor=2)
    page = watch.page
    try:
        page.wait_for_timeout(300)
        assert page.evaluate("window.__shift") == 0  # the script took over without moving anything
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        slider = page.locator(".explorable-slider").first
        slider.evaluate("e => e.scrollIntoView({block: 'center'})")  # not under the header
        page.wait_for_timeout(100)
        box = slider.bounding_box()
        assert box["height"] >= 24  # a finger's target
        page.touchscreen.tap(box["x"] + box["width"] * 0.9, box["y"] + box["height"] / 2)
        value = float(page.evaluate("document.querySelector('.explorable-number').value"))
        assert value > 0.7
        p_true = shown(page, ".explorable-batch tbody tr .explorable-p")
        assert shown(page, ".explorable-loss-value") == pytest.approx(-np.log(p_true), abs=2e-4)
        assert watch.errors == [] and watch.external == []
    finally:
        watch.close()


# What the network looks at, beside the classifier: the hidden units that contribute most
# to the predicted class, from the run's exported weights.
RUN = ROOT / "docs" / "results" / "fashion_mnist"


def numpy_units(x, count=6):
    manifest = json.loads((RUN / "classifier.json").read_text(encoding="utf-8"))
    w = np.fromfile(RUN / "classifier.bin", dtype="<f4").astype(np.float64)
    first, second = manifest["layers"]

    def layer(spec):
        n, m = spec["units"], spec["inputs"]
        return w[spec["W"]:spec["W"] + n * m].reshape(n, m), w[spec["b"]:spec["b"] + n]
    (W1, b1), (W2, b2) = layer(first), layer(second)
    h = np.maximum(W1 @ x + b1, 0)
    c = int(np.argmax(W2 @ h + b2))
    contribution = h * W2[c]
    order = np.argsort(-contribution, kind="stable")[:count]
    return [(int(j), float(contribution[j])) for j in order]


@pytest.mark.parametrize("path", ["classifier/", "en/classifier/"])
def test_the_units_equal_a_numpy_computation_over_the_exported_weights(browser, site_url, path):
    watch = PageWatch(browser, site_url)
    page, rng = watch.page, np.random.default_rng(30)
    try:
        page.goto(f"{site_url}/{path}")
        inputs = [rng.random(784), np.zeros(784), (rng.random(784) > 0.7).astype(float)]
        for x in inputs:
            shown = page.evaluate("x => window.articleExplorables.units(x)", x.tolist())
            expected = numpy_units(x)
            assert [part["unit"] for part in shown] == [j for j, _ in expected]
            for part, (_, value) in zip(shown, expected):
                assert abs(part["contribution"] - value) <= 1e-5
        assert watch.errors == [] and watch.external == []
    finally:
        watch.close()


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_a_sample_shows_its_units_as_pictures_and_says_so_politely(browser, site_url, viewport):
    width, height = viewport
    watch = PageWatch(browser, site_url, viewport={"width": width, "height": height},
                      has_touch=width < 720)
    page = watch.page
    try:
        page.add_init_script(WATCH_SHIFTS)
        page.goto(f"{site_url}/classifier/")
        page.locator(".classifier-sample").first.focus()
        page.keyboard.press("Enter")  # keyboard only: a sample, then the units follow
        page.locator(".explorable-units").evaluate("e => e.scrollIntoView({block: 'center'})")
        page.wait_for_function("document.querySelector('.explorable-units-label').textContent !== '–'",
                               timeout=30000)
        labels = page.locator(".explorable-units-label").all_inner_texts()
        assert len(labels) == 6 and all("%" in label for label in labels)
        status = page.locator(".explorable-units-status")
        assert status.get_attribute("aria-live") == "polite" and status.inner_text() != ""
        painted = page.evaluate("""[...document.querySelectorAll('.explorable-units-list canvas')]
          .map(c => c.getContext('2d').getImageData(0, 0, 28, 28).data.some(v => v !== 0))""")
        assert painted == [True] * 6
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert watch.errors == [] and watch.external == []
    finally:
        watch.close()
