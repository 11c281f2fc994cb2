"""article_md.xrefs: numbered equations and figures and references to them, Markdown in, HTML out."""

import re
import textwrap

import markdown
import pytest
import yaml

from article_md import xrefs
from article_md.check import check_xrefs
from article_md.errors import ContentError
from article_md.site import nav_pages
from tests.conftest import ROOT

ZH = {"docs_dir": str(ROOT / "docs"), "config_file": str(ROOT / "mkdocs.yml")}
EN = {"docs_dir": str(ROOT / "docs" / "en"), "config_file": str(ROOT / "mkdocs.en.yml")}


def render(text: str, page: str, options=ZH) -> str:
    return markdown.markdown(text, extensions=["attr_list", "pymdownx.arithmatex", "article_md.xrefs"],
                             extension_configs={"pymdownx.arithmatex": {"generic": True},
                                                "article_md.xrefs": {**options, "page": page}})


def numbered(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<div class="xref-equation-body" id="([^"]+)">.*?'
                      r'<span class="xref-equation-number">([^<]+)</span>', html, re.S)


def displays_before(page: str, config="mkdocs.yml", docs=ROOT / "docs") -> int:
    """Display formulas on the pages before ``page`` in nav order, counted by hand: each
    opens with a line that is '$$' alone."""
    count = 0
    for p in nav_pages(ROOT / config, docs):
        if p.src == page:
            return count
        if p.src.endswith(".md"):
            lines = (docs / p.src).read_text(encoding="utf-8").split("\n")
            count += sum(1 for line in lines if line.strip() == "$$") // 2
    raise AssertionError(page)


def test_each_display_formula_is_numbered_and_a_label_names_it():
    html = render((ROOT / "docs" / "04-math.md").read_text(encoding="utf-8"), "04-math.md")
    first = displays_before("04-math.md") + 1
    assert numbered(html) == [("eq-cross-entropy", f"({first})"), (f"equation-{first + 1}", f"({first + 1})"),
                              (f"equation-{first + 2}", f"({first + 2})")]
    assert "\\label" not in html  # the label is the anchor, not part of the formula


def test_numbers_run_on_across_the_edition_in_nav_order():
    html = render((ROOT / "docs" / "classifier.md").read_text(encoding="utf-8"), "classifier.md")
    first = displays_before("classifier.md") + 1
    assert [number for _, number in numbered(html)] == [f"({first})", f"({first + 1})"]


@pytest.mark.parametrize("options, page, expected", [
    (ZH, "classifier.md", '<a data-preview="" href="04-math.md#eq-cross-entropy">式 (1)</a>'),
    (EN, "classifier.md", '<a data-preview="" href="04-math.md#eq-cross-entropy">Eq. (1)</a>'),
    (ZH, "05-practice.md", '<a data-preview="" href="02-concepts.md#fig-two-threads">图 1</a>'),
    (EN, "02-concepts.md", '<a data-preview="" href="#fig-two-threads">Figure 1</a>'),
], ids=["equation", "equation-en", "figure", "same-page"])
def test_a_reference_links_to_its_target_with_its_number_in_the_editions_words(options, page, expected):
    label = re.search(r"#(\S+?)\"", expected).group(1)
    assert render(f"见 [[ref:{label}]]。", page, options) == f"<p>见 {expected}。</p>"


def test_a_caption_makes_the_block_before_it_a_numbered_figure():
    html = render("![曲线](curves.svg)\n\n[[caption:fig-training-curves|每轮的训练损失]]\n\n后文。",
                  "05-practice.md")
    assert html.replace("\n", "") == ('<div class="xref-figure"><figure id="fig-training-curves">'
                    '<p><img alt="曲线" src="curves.svg" /></p>'
                    '<figcaption><strong>图 2</strong>　每轮的训练损失</figcaption></figure></div>'
                    '<p>后文。</p>')
    english = render("![curves](curves.svg)\n\n[[caption:fig-training-curves|Loss per epoch]]",
                     "05-practice.md", EN)
    assert '<figcaption><strong>Figure 2.</strong> Loss per epoch</figcaption>' in english


def test_twin_pages_carry_the_same_labels_and_numbers():
    zh, en = xrefs.index(*ZH.values()), xrefs.index(*EN.values())
    assert zh.targets == en.targets and zh.targets  # the committed editions agree
    assert {page: len(labels) for page, labels in zh.equations.items()} == \
        {page: len(labels) for page, labels in en.equations.items()}


# ---------------------------------------------------------------- an author's mistakes

def edition(tmp_path, pages: dict[str, str], twin: dict[str, str] | None = None, name="mkdocs.yml"):
    """A small edition in tmp_path: its pages, nav and words."""
    docs = tmp_path / name.removesuffix(".yml")
    docs.mkdir()
    for src, text in pages.items():
        (docs / src).write_text(textwrap.dedent(text), encoding="utf-8")
    words = {"xrefs": {"equation": "式 ({n})", "figure": "图 {n}", "equation_number": "({n})",
                       "caption": "**图 {n}**　{text}"}}
    config = tmp_path / name
    options = {"docs_dir": str(docs), "config_file": str(config)}
    config.write_text(yaml.safe_dump({"docs_dir": str(docs), "nav": list(pages),
                                      "markdown_extensions": {"article_md.xrefs": options},
                                      "extra": {"words": words}}), encoding="utf-8")
    return options


@pytest.mark.parametrize("pages, message", [
    ({"a.md": "见 [[ref:eq-missing]]。\n"},
     "a.md, line 1: [[ref:eq-missing]] names no labelled equation (\\label{eq-NAME}) or captioned "
     "figure ([[caption:fig-NAME|…]]) of this edition"),
    ({"a.md": "[[ref:equation-1]]\n"},
     "a.md, line 1: malformed reference [[ref:equation-1]] (write [[ref:eq-NAME]] or [[ref:fig-NAME]])"),
    ({"a.md": "$$\nx \\label{eq-x}\n$$\n", "b.md": "text\n\n$$\ny \\label{eq-x}\n$$\n"},
     "b.md, line 3: label eq-x is already used in a.md; give each equation and figure its own"),
    ({"a.md": "$$\nx \\label{eq-a} \\label{eq-b}\n$$\n"},
     "a.md, line 1: a display formula has 2 labels (eq-a, eq-b); give it one"),
    ({"a.md": "$$\nx \\label{Loss}\n$$\n"},
     "a.md, line 2: \\label{Loss} is not a label this site numbers: write \\label{eq-NAME}"),
    ({"a.md": "inline $x$ \\label{eq-x}\n"},
     "a.md, line 1: \\label outside a display formula ($$ … $$); only display formulas are numbered"),
    ({"a.md": "Text [[caption:fig-x|A]]\n"},
     "a.md, line 1: [[caption:fig-x|A]] must stand on a line of its own, after its figure"),
    ({"a.md": "[[caption:figure x]]\n"},
     "a.md, line 1: malformed caption [[caption:figure x]] (write [[caption:fig-NAME|the caption]])"),
], ids=["unknown", "malformed-ref", "duplicate", "two-labels", "bad-label", "outside", "not-alone",
        "malformed-caption"])
def test_a_mistake_is_one_line_naming_file_and_line(tmp_path, pages, message):
    options = edition(tmp_path, pages)
    with pytest.raises(ContentError) as caught:
        xrefs.index(options["docs_dir"], options["config_file"])
    assert "/a.md, line" in str(caught.value) or "/b.md, line" in str(caught.value)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_caption_with_no_figure_before_it_stops_the_page(tmp_path):
    options = edition(tmp_path, {"a.md": "[[caption:fig-x|A]]\n"})
    with pytest.raises(ContentError, match=r"^a\.md: caption of fig-x: no figure before it"):
        render("[[caption:fig-x|A]]\n", "a.md", options)


def test_twins_that_number_differently_fail_the_check(tmp_path):
    zh = edition(tmp_path, {"a.md": "$$\nx \\label{eq-x}\n$$\n"})
    en = edition(tmp_path, {"a.md": "$$\ny\n$$\n\n$$\nx \\label{eq-x}\n$$\n"}, name="mkdocs.en.yml")
    with pytest.raises(ContentError) as caught:
        check_xrefs(tmp_path / "mkdocs.yml", {**zh, "twin_config_file": en["config_file"]})
    assert "label eq-x is equation 1 of a.md here but equation 2 of a.md in" in str(caught.value)
