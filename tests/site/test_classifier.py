"""The classifier page: the stored model runs in the browser and gives Keras' numbers."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from snippets import export, results
from tests.site.conftest import PageWatch

RUN = results.RESULTS_DIR / "fashion_mnist"
PAGE = "classifier/"
FIRST_LOAD_LIMIT = 120 * 1000  # bytes on the wire, compressed as GitHub Pages serves
FIRST_USE_LIMIT = 500 * 1000
PREDICTED = "document.querySelector('.classifier-predicted').textContent !== '–'"


@pytest.fixture(scope="module")
def keras_probabilities():
    """Keras' own predictions for the sample images, from the stored model."""
    import keras

    manifest, _, samples = export.load(RUN)
    model = keras.saving.load_model(RUN / "model.keras")
    x = samples.astype("float32") / 255
    return manifest, x, model.predict(x, verbose=0)


def _open(watched, site_url, path=PAGE):
    watched.page.goto(f"{site_url}/{path}", wait_until="networkidle")
    watched.page.wait_for_function("window.articleClassifier !== undefined")
    return watched.page


def test_predictions_equal_keras(watched, site_url, keras_probabilities):
    manifest, x, expected = keras_probabilities
    page = _open(watched, site_url)
    got = page.evaluate("async xs => Promise.all(xs.map(x => window.articleClassifier.predict(x)))",
                        x.reshape(len(x), -1).tolist())
    np.testing.assert_allclose(np.array(got), expected, rtol=0, atol=1e-5)
    assert np.argmax(got, axis=1).tolist() == [i["predicted"] for i in manifest["samples"]["items"]]
    # bad input is refused with a message, not a wrong answer
    message = page.evaluate("window.articleClassifier.predict([1, 2]).catch(e => e.message)")
    assert "784 numbers in [0, 1]" in message
    assert watched.errors == [] and watched.external == []


def _shown_loss(text: str) -> float:
    """'−ln 0.000007074 = 11.8590' -> 11.859"""
    return float(text.rsplit("= ", 1)[1])


def _4dp(value: float) -> pytest.approx:
    """Keras' loss as the page shows it (4 decimals). The page computes in float64 from the
    float32 weights, Keras in float32: for a tiny probability the two can fall on either
    side of a rounding boundary, one unit in the 4th decimal apart."""
    return pytest.approx(round(value, 4), abs=1.5e-4)


def test_picking_an_image_and_a_true_class_shows_the_loss(watched, site_url, keras_probabilities):
    manifest, _, expected = keras_probabilities
    items = manifest["samples"]["items"]
    page = _open(watched, site_url)
    k = next(i for i, item in enumerate(items) if item["label"] != item["predicted"])
    page.locator(f".classifier-sample[data-sample='{k}']").click()
    page.wait_for_function(PREDICTED)
    label, predicted = items[k]["label"], items[k]["predicted"]
    assert page.locator(".classifier-true").input_value() == str(label)  # preset to the truth
    assert page.locator(".classifier-predicted").text_content() == manifest["classes"][predicted]
    loss = -math.log(expected[k][label])
    assert _shown_loss(page.locator(".classifier-loss-value").text_content()) == _4dp(loss)
    status = page.locator(".classifier-status").text_content()
    assert manifest["classes"][predicted] in status  # announced, with the loss
    assert any(float(v) == _4dp(loss) for v in re.findall(r"\d+\.\d{4}", status)), status

    other = (label + 1) % 10
    page.locator(".classifier-true").select_option(str(other))
    other_loss = -math.log(expected[k][other])
    assert _shown_loss(page.locator(".classifier-loss-value").text_content()) == _4dp(other_loss)
    bars = page.locator(".classifier-bars li .classifier-value").all_text_contents()
    assert len(bars) == 10 and all(b.endswith("%") for b in bars)
    assert watched.errors == [] and watched.external == []


def _stroke(page, points, touch=False):
    """Draw through ``points`` (fractions of the pad) with the mouse, or with a finger via CDP."""
    pad = page.locator(".classifier-pad")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    xy = [(box["x"] + fx * box["width"], box["y"] + fy * box["height"]) for fx, fy in points]
    if not touch:
        page.mouse.move(*xy[0])
        page.mouse.down()
        for point in xy[1:]:
            page.mouse.move(*point, steps=4)
        page.mouse.up()
        return
    cdp = page.context.new_cdp_session(page)
    for i, (x, y) in enumerate(xy):
        kind = "touchStart" if i == 0 else "touchMove"
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


TROUSERS = [(0.35, 0.1), (0.65, 0.1), (0.7, 0.9), (0.55, 0.9), (0.5, 0.35), (0.45, 0.9),
            (0.3, 0.9), (0.35, 0.1)]


def test_a_drawn_stroke_gives_a_prediction(watched, site_url):
    page = _open(watched, site_url)
    page.locator(".classifier-sample").first.click()  # a test image first: its class is preset
    page.wait_for_function(PREDICTED)
    page.evaluate("document.querySelector('.classifier-predicted').textContent = '–'")
    _stroke(page, TROUSERS)
    page.wait_for_function(PREDICTED)
    assert page.locator(".classifier-true").input_value() == ""  # a drawing's class is not known
    assert page.locator(".classifier-loss-value").text_content() == "请先选择真实类别"
    seen = page.evaluate("""() => {
      const d = document.querySelector('.classifier-seen canvas').getContext('2d')
        .getImageData(0, 0, 28, 28).data;
      let lit = 0, rows = new Set();
      for (let i = 0; i < 784; i++) if (d[i * 4] > 0) { lit++; rows.add(Math.floor(i / 28)); }
      return {lit, rows: rows.size};
    }""")
    assert seen["lit"] > 50 and seen["rows"] == 28  # the tall drawing fills the frame's height
    assert "预测：" in page.locator(".classifier-status").text_content()
    page.locator(".classifier-clear").click()
    assert page.evaluate("""() => !document.querySelector('.classifier-pad').getContext('2d')
      .getImageData(0, 0, 280, 280).data.some(v => v > 0)""")


@pytest.mark.parametrize("size", [(390, 844), (360, 740)], ids=["390x844", "360x740"])
def test_a_finger_draws_on_a_phone(browser, site_url, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}/{PAGE}", wait_until="networkidle")
    page.wait_for_function("window.articleClassifier !== undefined")
    page.locator(".classifier-pad").scroll_into_view_if_needed()
    before = page.evaluate("scrollY")
    _stroke(page, TROUSERS, touch=True)
    page.wait_for_function(PREDICTED)
    assert page.evaluate("scrollY") == before  # the finger drew; the page did not scroll
    # clientWidth, the screen: a phone's innerWidth grows with a page wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()


def test_keyboard_only(watched, site_url):
    page = _open(watched, site_url)
    page.evaluate("document.querySelector('.classifier').previousElementSibling.tabIndex = -1;"
                  "document.querySelector('.classifier').previousElementSibling.focus()")
    for _ in range(5):  # from the paragraph before the demo, Tab reaches the first sample
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('classifier-sample')"):
            break
    assert page.evaluate("document.activeElement.dataset.sample") == "0"
    page.keyboard.press("Enter")
    page.wait_for_function(PREDICTED)
    page.locator(".classifier-true").focus()
    before = page.locator(".classifier-loss-value").text_content()
    page.keyboard.press("ArrowDown")
    page.wait_for_function(f"document.querySelector('.classifier-loss-value').textContent !== {before!r}")
    assert "交叉熵损失" in page.locator(".classifier-status").text_content()


def test_each_button_shows_its_own_test_image_with_no_script_work(watched, site_url):
    """The pictures are slices of samples.png drawn by CSS: nothing decodes them on load."""
    import io

    from PIL import Image

    manifest, _, samples = export.load(RUN)
    page = _open(watched, site_url)
    page.wait_for_function("[...document.querySelectorAll('.classifier-thumb')].every("
                           "t => getComputedStyle(t).backgroundImage.includes('samples.png'))")
    page.wait_for_timeout(300)  # the PNG drawn
    for k in range(len(manifest["samples"]["items"])):
        shot = page.locator(f".classifier-sample[data-sample='{k}'] .classifier-thumb").screenshot()
        seen = np.asarray(Image.open(io.BytesIO(shot)).convert("L").resize((28, 28)), dtype=float)
        similarity = [np.corrcoef(seen.ravel(), image.ravel().astype(float))[0, 1] for image in samples]
        assert int(np.argmax(similarity)) == k and similarity[k] > 0.9, (k, similarity[k])
    assert watched.errors == []


def test_weights_come_on_use_within_budget(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(
        r.url, r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]))
    page.goto(f"{site_url}/{PAGE}", wait_until="networkidle")
    page.wait_for_timeout(500)
    first_load = dict(sizes)
    assert not any(u.endswith("classifier.bin") for u in first_load)  # not before the reader acts
    assert sum(first_load.values()) <= FIRST_LOAD_LIMIT, first_load
    # The weights' request finished (its event can come after the prediction is shown).
    with page.expect_request_finished(lambda r: r.url.endswith("classifier.bin"), timeout=60_000):
        page.locator(".classifier-sample").first.click()
    page.wait_for_function(PREDICTED)
    on_use = {u: s for u, s in sizes.items() if u not in first_load}
    assert any(u.endswith("classifier.bin") for u in on_use)
    assert sum(on_use.values()) <= FIRST_USE_LIMIT, on_use
    context.close()


def test_after_instant_navigation(site_url, browser):
    watch = PageWatch(browser, site_url)
    page = watch.page
    page.goto(f"{site_url}/", wait_until="networkidle")
    page.locator("article a[href$='classifier/']").first.click()
    page.wait_for_function("window.articleClassifier !== undefined")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # no reload
    page.locator(".classifier-sample").nth(3).click()
    page.wait_for_function(PREDICTED)
    assert watch.errors == [] and watch.external == []
    watch.close()


def test_a_failed_download_says_so_and_the_next_use_tries_again(watched, site_url):
    page = _open(watched, site_url)
    failures = []

    def once(route):
        if failures:
            route.continue_()
        else:
            failures.append(route.request.url)
            route.abort()
    page.route("**/classifier.bin", once)
    page.locator(".classifier-sample").first.click()
    page.wait_for_function("document.querySelector('.classifier--failed') !== null")
    assert "模型文件没有加载成功" in page.locator(".classifier-status").text_content()
    page.locator(".classifier-sample").nth(1).click()
    page.wait_for_function(PREDICTED)
    assert len(failures) == 1 and not page.locator(".classifier--failed").count()


def test_the_english_page_runs_the_same_model_in_english(watched, site_url, keras_probabilities):
    manifest, x, expected = keras_probabilities
    page = _open(watched, site_url, "en/classifier/")
    got = page.evaluate("x => window.articleClassifier.predict(x)", x[0].reshape(-1).tolist())
    np.testing.assert_allclose(got, expected[0], rtol=0, atol=1e-5)
    page.locator(".classifier-sample").first.click()
    page.wait_for_function(PREDICTED)
    status = page.locator(".classifier-status").text_content()
    assert status.startswith("Prediction: ") and "cross-entropy loss" in status
    english = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
               "Sneaker", "Bag", "Ankle boot"]
    assert page.locator(".classifier-predicted").text_content() == english[manifest["samples"]["items"][0]["predicted"]]
    assert watched.errors == [] and watched.external == []
