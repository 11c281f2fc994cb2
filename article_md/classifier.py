"""The markup of the in-browser classifier (``[[classifier:RUN]]``, expanded by article_md.results).

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

SCRIPT = "assets/javascripts/classifier.js"


TEXT = {
    "zh": {
        "sample": "测试图像 {index}，真实类别：{label}",
        "noscript": "这个演示需要 JavaScript：模型在你的浏览器里运行。",
        "legend": "选一张测试图像",
        "right": "模型判对的（{n} 张）",
        "wrong": "模型判错的（{n} 张）",
        "draw": "或者画一件（鼠标、手指或笔）",
        "clear": "清除画板",
        "seen": "模型看到的输入（28×28）",
        "truth": "真实类别",
        "choose": "（请选择）",
        "predicted": "预测：",
        "bars": "{n} 个类别的概率",
        "loss": "交叉熵损失 $\\ell = -\\ln p_{\\text{真实类别}}$",
        "status": "选一张图像或在画板上画一件，模型会给出 {n} 个类别的概率。",
        "files": "模型文件：[层与类别（JSON）]({json}) · [权重（float32）]({bin}) · [样本图像（PNG）]({png})",
    },
    "en": {
        "sample": "Test image {index}, true class: {label}",
        "noscript": "This demo needs JavaScript: the model runs in your browser.",
        "legend": "Pick a test image",
        "right": "Classified correctly ({n})",
        "wrong": "Classified wrongly ({n})",
        "draw": "Or draw one (mouse, finger or pen)",
        "clear": "Clear the pad",
        "seen": "What the model sees (28×28)",
        "truth": "True class",
        "choose": "(choose)",
        "predicted": "Prediction: ",
        "bars": "Probabilities of the {n} classes",
        "loss": "Cross-entropy loss $\\ell = -\\ln p_{\\text{true class}}$",
        "status": "Pick an image or draw on the pad: the model gives the probabilities of the {n} classes.",
        "files": "Model files: [layers and classes (JSON)]({json}) · [weights (float32)]({bin}) · [sample images (PNG)]({png})",
    },
}


def _attr(value) -> str:
    return html.escape(str(value), quote=True)


def _sample_button(position: int, count: int, item: dict, classes: list[str], text: dict) -> str:
    """A sample's button; its picture is its slice of the samples PNG (CSS, no script)."""
    label = text["sample"].format(index=item["index"], label=classes[item["label"]])
    offset = 100 * position / (count - 1) if count > 1 else 0
    return (f'<button type="button" class="classifier-sample" data-sample="{position}" '
            f'aria-pressed="false" aria-label="{_attr(label)}">'
            f'<span class="classifier-thumb" style="background-position:0 {offset:.6g}%" '
            'aria-hidden="true"></span></button>')


def demo(manifest: dict, run_folder: str, page: str, language: str = "zh") -> str:
    """The widget as a Markdown block (raw HTML, with Markdown links to the model files).

    ``run_folder`` is the run's folder relative to docs_dir; ``page`` the page's source
    path; ``manifest["classes"]`` are the class names in the page's language.
    """
    text = TEXT[language]
    classes = manifest["classes"]
    items = manifest["samples"]["items"]
    here = posixpath.dirname(page) or "."
    links = {name: posixpath.relpath(f"{run_folder}/{name}", here)
             for name in ("classifier.json", manifest["weights"]["file"], manifest["samples"]["file"])}
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
        f'style="--samples-count:{len(items)}" markdown="1">',
        f'<noscript><p class="classifier-message">{text["noscript"]}</p></noscript>',
        # Samples, then what the model says, then the drawing pad: on a phone the
        # answer to a tapped image is right below it; the pad repeats the answer.
        f'<fieldset class="classifier-samples"><legend>{text["legend"]}</legend>',
        f'<p class="classifier-group">{text["right"].format(n=len(right))}</p>',
        '<div class="classifier-grid">'
        + "".join(_sample_button(i, len(items), item, classes, text) for i, item in right) + "</div>",
        f'<p class="classifier-group">{text["wrong"].format(n=len(wrong))}</p>',
        '<div class="classifier-grid">'
        + "".join(_sample_button(i, len(items), item, classes, text) for i, item in wrong) + "</div>",
        "</fieldset>",
        '<div class="classifier-outputs" markdown="1">',
        f'<p class="classifier-truth"><label>{text["truth"]} <select class="classifier-true">'
        f'<option value="">{text["choose"]}</option>{options}</select></label></p>',
        f'<p class="classifier-prediction">{text["predicted"]}<strong class="classifier-predicted">–</strong></p>',
        f'<ol class="classifier-bars" aria-label="{_attr(text["bars"].format(n=n))}">{bars}</ol>',
        f'<p class="classifier-loss" markdown="1">{text["loss"]}'
        ' = <output class="classifier-loss-value">–</output></p>',
        '<p class="classifier-status" role="status" aria-live="polite">'
        f'{text["status"].format(n=n)}</p>',
        "</div>",
        '<div class="classifier-draw">',
        f'<p class="classifier-group" id="classifier-pad-label">{text["draw"]}</p>',
        '<canvas class="classifier-pad" width="280" height="280" role="img" '
        'aria-labelledby="classifier-pad-label"></canvas>',
        '<p class="classifier-echo" aria-hidden="true">–</p>',
        '<div class="classifier-tools"><button type="button" class="classifier-clear">'
        f'{text["clear"]}</button>',
        '<figure class="classifier-seen"><canvas width="28" height="28" aria-hidden="true"></canvas>'
        f'<figcaption>{text["seen"]}</figcaption></figure></div>',
        "</div>",
        '<p class="classifier-files" markdown="1">' + text["files"].format(
            json=links["classifier.json"], bin=links[manifest["weights"]["file"]],
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
