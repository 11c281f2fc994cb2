"""article_md.explorables through article_md.runs: the worked example's first frame, Markdown in, HTML out."""

import json
import math
from html import unescape

import pytest

from article_md.errors import ContentError
from snippets import loss
from tests.conftest import ROOT

ENGLISH = {"article_md.runs": {"language": "en", "docs_dir": str(ROOT / "docs" / "en"),
                                  "config_file": str(ROOT / "mkdocs.en.yml")}}


def widget(render, **options) -> str:
    return render("[[explorable:loss]]", "article_md.runs", page="04-math.md", **options)


def test_the_first_frame_is_the_worked_example_computed_by_snippets(render):
    html = widget(render)
    example = loss.worked_example()
    state = json.loads(unescape(html.split('data-state="')[1].split('"')[0]))
    assert state["probabilities"] == list(loss.EXAMPLE_PROBABILITIES)
    assert state["trueClass"] == example["single_true_index"]
    # what a reader without JavaScript (and the PDF) sees: the numbers of section 4.2
    assert f'<output class="explorable-loss-value">{example["single_loss"]:.4f}</output>' in html
    assert f'<output class="explorable-entropy">{example["article_formula_value"]:.4f}</output>' in html
    assert f'<output class="explorable-mean">{example["batch_mean"]:.4f}</output>' in html
    for value in example["batch_losses"]:
        assert f'<td class="explorable-li">{value:.4f}</td>' in html
    sliders = [float(v) for v in
               [part.split('"')[0] for part in html.split('class="explorable-slider" min="0" max="1" '
                                                          'step="0.01" value="')[1:]]]
    assert sliders == list(loss.EXAMPLE_PROBABILITIES)
    assert f'<option value="{example["single_true_index"]}" selected>' in html


def test_the_dot_sits_on_the_curve_at_the_true_class(render):
    from article_md.explorables import CURVE_TOP, HEIGHT, PAD, WIDTH, curve_point

    x, y = curve_point(0.4)
    assert x == pytest.approx(PAD + 0.4 * (WIDTH - 2 * PAD))
    assert y == pytest.approx(HEIGHT - PAD + math.log(0.4) / CURVE_TOP * (HEIGHT - 2 * PAD))
    assert f'cx="{x:.1f}" cy="{y:.1f}"' in widget(render)


def test_the_script_is_linked_relative_to_the_page_and_words_follow_the_edition(render):
    zh, en = widget(render), widget(render, **ENGLISH)
    assert '<a href="assets/javascripts/explorables.js">explorables.js</a>' in zh
    assert "真实类别" in zh and "True class" in en
    words = json.loads(unescape(en.split('data-words="')[1].split('"')[0]))
    assert "{l}" in words["status"] and "{unit}" in words["units_label"]


@pytest.mark.parametrize("text, message", [
    ("[[explorable:gradient]]", "the explorables are [[explorable:loss]]"),
    ("See [[explorable:loss]] here.", "must stand on a line of its own"),
])
def test_a_bad_marker_stops_the_page_in_one_line(render, text, message):
    with pytest.raises(ContentError) as caught:
        render(text, "article_md.runs", page="04-math.md")
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_the_units_widget_has_its_frames_before_the_script(render):
    html = render("[[explorable:units]]", "article_md.runs", page="classifier.md")
    assert html.count("<canvas") == 6 and html.count('class="explorable-units-label"') == 6
    assert 'aria-live="polite" class="explorable-units-status" role="status"' in html
    assert '<a href="assets/javascripts/explorables.js">explorables.js</a>' in html
