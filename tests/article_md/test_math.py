"""article_md.math: formulas typeset when the site is built, with MathML for screen readers."""

import pytest

from article_md.errors import ContentError
from article_md.math import Typesetter, typeset_html

EXTENSIONS = ("pymdownx.arithmatex", "article_md.math")


@pytest.fixture
def render_math(render, tmp_path):
    def render_math(text, page="04-math.md"):
        import markdown

        return markdown.markdown(text, extensions=list(EXTENSIONS), extension_configs={
            "pymdownx.arithmatex": {"generic": True},
            "article_md.math": {"cache_dir": str(tmp_path / "cache"), "page": page}})
    return render_math


def test_inline_and_display_formulas_become_svg_with_assistive_mathml(render_math):
    html = render_math("损失 $l = -\\ln p$，以及\n\n$$\nL = \\frac{1}{N}\\sum_i l_i\n$$\n")
    assert html.count("<mjx-container") == 2
    assert '<span class="arithmatex"><mjx-container class="MathJax" jax="SVG"' in html
    assert '<div class="arithmatex"><mjx-container class="MathJax" jax="SVG" display="true"' in html
    assert html.count("<mjx-assistive-mml") == 2 and "<mfrac>" in html
    assert "\\(" not in html and "\\[" not in html
    assert html.startswith("<style>") and html.count("<style>") == 1  # before any formula
    assert "mjx-assistive-mml" in html.split("</style>")[0]


def test_each_formula_draws_its_own_glyphs(render_math):
    # No <use> of outlines defined elsewhere: the browser builds an instance of each.
    html = render_math("$x + x$ 与 $x$")
    assert "<use" not in html and "xlink:href" not in html and "<defs" not in html
    first, second = html.split("</mjx-container>")[:2]
    assert first.count('<path data-c="1D465"') == 2 and second.count('<path data-c="1D465"') == 1


def test_html_in_tex_is_unescaped_before_typesetting(render_math):
    html = render_math("$a < b$")
    assert "<mo>&lt;</mo>" in html


def test_page_without_formulas_is_untouched(render_math):
    assert render_math("没有公式，只有 $5 和 $6。") == "<p>没有公式，只有 $5 和 $6。</p>"


def test_bad_tex_is_one_line_naming_page_and_formula(render_math):
    with pytest.raises(ContentError) as info:
        render_math("$\\frac{1$", page="04-math.md")
    assert str(info.value) == "04-math.md: formula '\\\\frac{1': Missing close brace"


def test_cache_on_disk_spares_node_on_the_next_build(tmp_path):
    first = Typesetter(tmp_path)
    html, count = typeset_html('<span class="arithmatex">\\(x^2\\)</span>', first)
    first.save()
    assert count == 1 and first.worker.process is not None
    second = Typesetter(tmp_path)
    again, _ = typeset_html('<span class="arithmatex">\\(x^2\\)</span>', second)
    assert again == html and second.worker.process is None  # no Node process started
