"""article_md.runs: markers become the stored numbers, figures and tables."""


import json
import re

import pytest
from bs4 import BeautifulSoup

from article_md.errors import ContentError
from snippets import loss, results
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def metrics():
    return results.check()["fashion_mnist"]


def test_result_marker_becomes_the_formatted_value(render, metrics):
    html = render("准确率 **[[result:fashion_mnist:test_accuracy|.2%]]**，参数 "
                  "[[result:fashion_mnist:parameter_count|,]] 个。", "article_md.runs")
    assert html == (f"<p>准确率 <strong>{metrics['test_accuracy']:.2%}</strong>，参数 "
                    f"{metrics['parameter_count']:,} 个。</p>")


def test_derived_values_and_list_items(render, metrics):
    html = render("[[result:fashion_mnist:history.loss.-1|.4f]] "
                  "[[result:fashion_mnist:derived.most_confused_true]]", "article_md.runs")
    summary = results.summary(metrics)
    assert html == f"<p>{metrics['history']['loss'][-1]:.4f} {summary['most_confused_true']}</p>"


def test_loss_marker_is_computed(render):
    html = render("$l \\approx [[loss:single_loss|.4f]]$", "article_md.runs")
    assert f"{loss.worked_example()['single_loss']:.4f}" in html


def test_figure_is_a_lazy_image_per_layout_and_colour_scheme_relative_to_the_page(render):
    html = render("[[figure:fashion_mnist:confusion_matrix|混淆矩阵]]", "article_md.runs",
                  page="05-practice.md")
    images = BeautifulSoup(html, "html.parser").find_all("img")
    folder = "results/fashion_mnist"
    assert [(i["src"], i["class"], i["alt"], i["loading"]) for i in images] == [
        (f"{folder}/confusion_matrix.svg#only-light", ["figure-wide"], "混淆矩阵", "lazy"),
        (f"{folder}/confusion_matrix-dark.svg#only-dark", ["figure-wide"], "混淆矩阵", "lazy"),
        (f"{folder}/confusion_matrix-narrow.svg#only-light", ["figure-narrow"], "混淆矩阵", "lazy"),
        (f"{folder}/confusion_matrix-narrow-dark.svg#only-dark", ["figure-narrow"], "混淆矩阵",
         "lazy")]
    # Each has its stored SVG's size in CSS pixels (points * 4/3): the browser keeps its place.
    for image in images:
        svg = (results.RESULTS_DIR / "fashion_mnist" / image["src"].split("/")[-1].split("#")[0])
        points = re.search(r'<svg[^>]* width="([\d.]+)pt" height="([\d.]+)pt"',
                           svg.read_text()).groups()
        assert [image["width"], image["height"]] == [str(round(float(v) * 4 / 3)) for v in points]
    assert images[0]["width"] != images[2]["width"]  # the narrow drawing is another size
    nested = render("[[figure:fashion_mnist:confusion_matrix|图]]", "article_md.runs",
                    page="guide/page.md")
    assert 'src="../results/fashion_mnist/confusion_matrix.svg#only-light"' in nested


def test_a_figure_without_a_size_says_which_file_and_how_to_redraw_it(tmp_path):
    from article_md.runs import MarkerError, figure_size

    svg = tmp_path / "curves.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>')
    with pytest.raises(MarkerError, match=r"curves\.svg gives no width and height.*make results"):
        figure_size(svg)
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="72pt" height="36.3pt"></svg>')
    assert figure_size(svg) == (96, 48)


def test_history_is_a_table_and_provenance_an_admonition(render, metrics):
    html = render("[[history:fashion_mnist]]\n\n[[provenance:fashion_mnist]]", "article_md.runs")
    assert html.count("<tr>") == 1 + metrics["params"]["epochs"]
    assert '<div class="admonition info">' in html and "这些数字从哪里来" in html
    assert f"Keras {metrics['environment']['keras']}" in html


def test_markers_in_code_fences_stay_as_written(render):
    text = "```\n[[result:fashion_mnist:test_loss]]\n```"
    assert "[[result:fashion_mnist:test_loss]]" in render(text, "fenced_code", "article_md.runs")


@pytest.mark.parametrize("marker, message", [
    ("[[result:fashion_mnist:no_such_field]]", "no field 'no_such_field'"),
    ("[[result:nope:test_loss]]", "unknown run 'nope'"),
    ("[[result:fashion_mnist:test_loss|d]]", "format 'd' does not apply"),
    ("[[figure:fashion_mnist:pie_chart|图]]", "unknown figure 'pie_chart'"),
    ("[[figure:fashion_mnist:confusion_matrix]]", "a figure needs alt text"),
    ("[[loss:nothing]]", "no field 'nothing'"),
])
def test_bad_marker_is_one_line_naming_page_and_marker(render, marker, message):
    with pytest.raises(ContentError) as info:
        render(f"文字 {marker}", "article_md.runs", page="05-practice.md")
    text = str(info.value)
    assert text.startswith(f"05-practice.md: {marker}: ") and message in text
    assert "\n" not in text


@pytest.mark.parametrize("page, up", [("classifier.md", ""), ("demo/page.md", "../")])
def test_classifier_is_drawn_from_the_exported_manifest(render, page, up):
    manifest = json.loads((results.RESULTS_DIR / "fashion_mnist" / "classifier.json").read_text())
    html = render("[[classifier:fashion_mnist]]", "pymdownx.arithmatex", "article_md.runs",
                  page=page)
    soup = BeautifulSoup(html, "html.parser")
    demo = soup.select_one("div.classifier")
    assert json.loads(demo["data-manifest"]) == manifest
    buttons = demo.select("button.classifier-sample")
    assert len(buttons) == len(manifest["samples"]["items"])
    # each picture is its own slice of the samples PNG (CSS), whose name the loader looks for
    n = len(buttons)
    assert demo["data-samples"] == "samples.png" and f"--samples-count:{n}" in demo["style"]
    for button in buttons:
        offset = float(button.select_one(".classifier-thumb")["style"].split()[-1].rstrip("%"))
        assert offset == pytest.approx(100 * int(button["data-sample"]) / (n - 1), abs=1e-3)
    first = manifest["samples"]["items"][int(buttons[0]["data-sample"])]
    assert buttons[0]["aria-label"] == f"测试图像 {first['index']}，真实类别：{manifest['classes'][first['label']]}"
    assert [o.text for o in demo.select("select.classifier-true option")][1:] == manifest["classes"]
    assert [n.text for n in demo.select(".classifier-bars .classifier-name")] == manifest["classes"]
    assert demo.select_one("[role=status]")["aria-live"] == "polite"
    assert demo.select_one(".classifier-loss .arithmatex")  # the formula beside the live value
    links = [a["href"] for a in demo.select(".classifier-files a")]
    assert links == [f"{up}results/fashion_mnist/{name}"
                     for name in ("classifier.json", "classifier.bin", "samples.png")]
    # the script is found from the first link, whatever URL the page gets
    assert demo["data-script"] == "../../assets/javascripts/classifier.js"


@pytest.mark.parametrize("text, message", [
    ("[[classifier:nope]]", "unknown run 'nope'"),
    ("[[classifier:fashion_mnist|big]]", "takes no option"),
    ("试试 [[classifier:fashion_mnist]]", "must stand on a line of its own"),
])
def test_bad_classifier_marker_is_one_line(render, text, message):
    with pytest.raises(ContentError) as info:
        render(text, "article_md.runs", page="classifier.md")
    assert str(info.value).startswith("classifier.md: [[classifier:") and message in str(info.value)


def test_no_marker_no_work(render):
    assert render("纯文本", "article_md.runs") == "<p>纯文本</p>"


def test_english_tables_notes_class_names_and_demo(render, metrics):
    en = {"article_md.runs": {"language": "en", "config_file": str(ROOT / "mkdocs.en.yml")}}
    html = render("[[history:fashion_mnist]]\n\n[[provenance:fashion_mnist]]", "article_md.runs",
                  page="05-practice.md", **en)
    assert ">Epoch</th>" in html and "Where these numbers come from" in html
    assert not re.search(r"[\u4e00-\u9fff]", html)
    names = render("[[result:fashion_mnist:derived.most_confused_true]]", "article_md.runs", **en)
    zh_name = results.summary(metrics)["most_confused_true"]
    assert names == f"<p>{['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'][metrics['class_names'].index(zh_name)]}</p>"
    demo = BeautifulSoup(render("[[classifier:fashion_mnist]]", "pymdownx.arithmatex",
                                "article_md.runs", page="classifier.md", **en), "html.parser")
    assert [o.text for o in demo.select("select.classifier-true option")][1] == "T-shirt/top"
    assert json.loads(demo.select_one("div.classifier")["data-manifest"])["classes"][9] == "Ankle boot"
    assert not re.search(r"[\u4e00-\u9fff]", demo.get_text())
