"""The markup of the in-browser classifier (``[[classifier:RUN]]``, expanded by article_md.runs).

Everything a reader sees before touching anything is written here, at build
time, from the run's exported manifest: the sample buttons with their true
classes, the class picker and the ten rows of the bar chart with the Chinese
class names. Boxes have their size from the start, so nothing moves when the
script (``docs/assets/javascripts/classifier.js``) fills them in. The script is
found relative to the model files' links, which the builder resolves for every
page URL style, so the same markup works under MkDocs, Zensical and file://.
"""

from __future__ import annotations

import html
import json
import posixpath

from snippets.export import MANIFEST

SCRIPT = "assets/javascripts/classifier.js"


def _attr(value) -> str:
    return html.escape(str(value), quote=True)


def _sample_button(position: int, count: int, item: dict, classes: list[str], words) -> str:
    """A sample's button; its picture is its slice of the samples PNG (CSS, no script)."""
    label = words.text("classifier", "sample", index=item["index"], label=classes[item["label"]])
    offset = 100 * position / (count - 1) if count > 1 else 0
    return (f'<button type="button" class="classifier-sample" data-sample="{position}" '
            f'aria-pressed="false" aria-label="{_attr(label)}">'
            f'<span class="classifier-thumb" style="background-position:0 {offset:.6g}%" '
            'aria-hidden="true"></span></button>')


def demo(manifest: dict, run_folder: str, page: str, words) -> str:
    """The widget as a Markdown block (raw HTML, with Markdown links to the model files).

    ``run_folder`` is the run's folder relative to docs_dir; ``page`` the page's source
    path; ``manifest["classes"]`` are the class names in the page's language; ``words``
    the edition's catalogue (article_md.words): its section ``classifier`` for the
    markup, ``classifier_script`` for what the script says (in ``data-words``).
    """
    def text(key: str, **values) -> str:
        return words.text("classifier", key, **values)

    script_words = json.dumps(dict(words.section("classifier_script")), ensure_ascii=False,
                              separators=(",", ":"))
    classes = manifest["classes"]
    items = manifest["samples"]["items"]
    here = posixpath.dirname(page) or "."
    links = {name: posixpath.relpath(f"{run_folder}/{name}", here)
             for name in (MANIFEST, manifest["weights"]["file"], manifest["samples"]["file"])}
    script = posixpath.relpath(SCRIPT, run_folder)
    right = [(i, item) for i, item in enumerate(items) if item["label"] == item["predicted"]]
    wrong = [(i, item) for i, item in enumerate(items) if item["label"] != item["predicted"]]
    options = "".join(f'<option value="{k}">{_attr(name)}</option>' for k, name in enumerate(classes))
    bars = "".join(
        f'<li data-class="{k}"><span class="classifier-name">{_attr(name)}</span>'
        '<span class="classifier-bar" aria-hidden="true"><span></span></span>'
        '<span class="classifier-value">–</span></li>' for k, name in enumerate(classes))
    # An attribute, not a <script type="application/json">: Material re-runs the page's
    # scripts after instant navigation and would run that one as JavaScript.
    data = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    n = len(classes)
    return "\n".join([
        f'<div class="classifier" data-script="{_attr(script)}" '
        f'data-samples="{_attr(manifest["samples"]["file"])}" data-manifest="{_attr(data)}" '
        f'data-words="{_attr(script_words)}" '
        f'style="--samples-count:{len(items)}" markdown="1">',
        f'<noscript><p class="classifier-message">{text("noscript")}</p></noscript>',
        # Samples, then what the model says, then the drawing pad: on a phone the
        # answer to a tapped image is right below it; the pad repeats the answer.
        f'<fieldset class="classifier-samples"><legend>{text("legend")}</legend>',
        f'<p class="classifier-group">{text("right", n=len(right))}</p>',
        '<div class="classifier-grid">'
        + "".join(_sample_button(i, len(items), item, classes, words) for i, item in right) + "</div>",
        f'<p class="classifier-group">{text("wrong", n=len(wrong))}</p>',
        '<div class="classifier-grid">'
        + "".join(_sample_button(i, len(items), item, classes, words) for i, item in wrong) + "</div>",
        "</fieldset>",
        '<div class="classifier-outputs" markdown="1">',
        f'<p class="classifier-truth"><label>{text("truth")} <select class="classifier-true">'
        f'<option value="">{text("choose")}</option>{options}</select></label></p>',
        f'<p class="classifier-prediction">{text("predicted")}<strong class="classifier-predicted">–</strong></p>',
        f'<ol class="classifier-bars" aria-label="{_attr(text("bars", n=n))}">{bars}</ol>',
        f'<p class="classifier-loss" markdown="1">{text("loss")}'
        ' = <output class="classifier-loss-value">–</output></p>',
        '<p class="classifier-status" role="status" aria-live="polite">'
        f'{text("status", n=n)}</p>',
        "</div>",
        '<div class="classifier-draw">',
        f'<p class="classifier-group" id="classifier-pad-label">{text("draw")}</p>',
        '<canvas class="classifier-pad" width="280" height="280" role="img" '
        'aria-labelledby="classifier-pad-label"></canvas>',
        '<p class="classifier-echo" aria-hidden="true">–</p>',
        '<div class="classifier-tools"><button type="button" class="classifier-clear">'
        f'{text("clear")}</button>',
        '<figure class="classifier-seen"><canvas width="28" height="28" aria-hidden="true"></canvas>'
        f'<figcaption>{text("seen")}</figcaption></figure></div>',
        "</div>",
        '<p class="classifier-files" markdown="1">' + text("files", 
            json=links[MANIFEST], bin=links[manifest["weights"]["file"]],
            png=links[manifest["samples"]["file"]]) + "</p>",
        "</div>",
        # Material re-runs scripts in the page body after instant navigation. The
        # samples PNG's address (as the build wrote its link) goes to the buttons' CSS.
        "<script>(function(){var d=document.querySelector('.classifier'),"
        "a=d&&d.querySelector('.classifier-files a');if(!a)return;"
        "d.querySelectorAll('.classifier-files a').forEach(function(l){"
        "if(l.getAttribute('href').endsWith(d.dataset.samples))"
        "d.style.setProperty('--samples','url(\"'+l.href+'\")')});"
        "if(window.articleClassifierDemo)return window.articleClassifierDemo.mount(d);"
        "var s=document.createElement('script');"
        "s.src=new URL(d.dataset.script,a.href).href;"
        "s.onload=function(){window.articleClassifierDemo.mount(d)};"
        "document.head.appendChild(s)})()</script>",
    ])
