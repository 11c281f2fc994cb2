"""Numbers on the pages are the stored results; stale results stop the build."""

import json
import re

import pytest

from snippets import loss, results
from tests.site.conftest import build_edited


@pytest.fixture(scope="module")
def metrics():
    return results.check()["fashion_mnist"]


def _text(built_site, page):
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", "", html)


def test_practice_page_shows_the_stored_numbers(built_site, metrics):
    text = _text(built_site, "05-practice")
    summary = results.summary(metrics)
    expected = [
        f"{metrics['test_accuracy']:.2%}",
        f"{metrics['test_loss']:.4f}",
        f"{metrics['history']['accuracy'][-1]:.2%}",
        f"{metrics['parameter_count']:,}",
        f"{summary['epoch_time_first']:.2f}",
        f"{summary['epoch_time_median_rest']:.2f}",
        f"“{summary['most_confused_true']}”",
        f"TensorFlow {metrics['environment']['tensorflow']}",
        f"Keras {metrics['environment']['keras']}",
    ]
    for value in expected:
        assert value in text, value
    for epoch, (l, a, t) in enumerate(zip(metrics["history"]["loss"], metrics["history"]["accuracy"],
                                          metrics["epoch_times"]), start=1):
        assert re.search(rf"{epoch}\s*{l:.4f}\s*{a:.4f}\s*{t:.2f}", text), epoch
    assert "[[" not in text  # every marker expanded


def test_figures_are_served_with_chinese_alt_text(built_site):
    html = (built_site / "05-practice" / "index.html").read_text(encoding="utf-8")
    images = re.findall(r'<img alt="([^"]+)"[^>]*src="\.\./(results/fashion_mnist/[a-z_-]+\.svg)'
                        r'#only-(light|dark)"', html)
    assert len(images) == 12  # three figures, each drawn wide and narrow, for both schemes
    for alt, src, scheme in images:
        assert re.search(r"[\u4e00-\u9fff]", alt)
        assert (built_site / src).is_file()
        assert src.endswith("-dark.svg") == (scheme == "dark")
    stored = json.loads((built_site / "results/fashion_mnist/metrics.json").read_text(encoding="utf-8"))
    assert stored["test_accuracy"] == results.check()["fashion_mnist"]["test_accuracy"]


def test_math_page_shows_the_computed_loss_example(built_site):
    text = _text(built_site, "04-math")
    example = loss.worked_example()
    for value in (f"{example['single_loss']:.4f}", f"{example['batch_mean']:.4f}",
                  f"{example['article_formula_value']:.4f}",
                  *(f"{v:.4f}" for v in example["batch_losses"])):
        assert value in text, value


def test_stale_result_stops_the_build_with_the_refresh_command(tmp_path):
    # A build, not article_md.check in this process: the fingerprint hashes the snippets
    # package the process imported, which is the copy's only in a process started there.
    result = build_edited(tmp_path, "snippets/train.py", lambda text: text + "\n# changed\n")
    site = tmp_path / "site"
    assert result.returncode != 0
    assert "docs/results/fashion_mnist is stale: snippets/train.py changed" in result.stderr
    assert "Refresh with: make results" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists() or not any(site.iterdir())


def test_notebook_page_has_outputs_math_and_download_link(built_site, watched, site_url):
    html = (built_site / "notebook" / "index.html").read_text(encoding="utf-8")
    assert "jp-OutputArea" in html and "epoch 10:" in html
    assert 'href="notebook.ipynb"' in html and "download" in html
    assert (built_site / "notebook" / "notebook.ipynb").is_file()
    watched.page.goto(f"{site_url}/notebook/", wait_until="networkidle")
    # Its Markdown cells' formulas are typeset when the site is built, like the pages'.
    typeset = watched.page.evaluate(
        "document.querySelectorAll('.jupyter-wrapper mjx-container svg').length")
    assert typeset >= 3
    assert "$" not in watched.page.evaluate(
        "[...document.querySelectorAll('.jp-RenderedMarkdown')].map(e => e.innerText).join('')")
    assert watched.errors == [] and watched.external == []
