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


def _attr(value) -> str:
    return html.escape(str(value), quote=True)


def _sample_button(position: int, item: dict, classes: list[str]) -> str:
    label = classes[item["label"]]
    return (f'<button type="button" class="classifier-sample" data-sample="{position}" '
            f'aria-pressed="false" aria-label="测试图像 {item["index"]}，真实类别：{_attr(label)}">'
            '<canvas width="28" height="28" aria-hidden="true"></canvas></button>')


def demo(manifest: dict, run_folder: str, page: str) -> str:
    """The widget as a Markdown block (raw HTML, with Markdown links to the model files).

    ``run_folder`` is the run's folder relative to docs_dir; ``page`` the page's source path.
    """
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
    return "\n".join([
        f'<div class="classifier" data-script="{_attr(script)}" data-manifest="{_attr(data)}" '
        'markdown="1">',
        '<noscript><p class="classifier-message">这个演示需要 JavaScript：模型在你的浏览器里运行。'
        '</p></noscript>',
        # Samples, then what the model says, then the drawing pad: on a phone the
        # answer to a tapped image is right below it; the pad repeats the answer.
        '<fieldset class="classifier-samples"><legend>选一张测试图像</legend>',
        f'<p class="classifier-group">模型判对的（{len(right)} 张）</p>',
        '<div class="classifier-grid">'
        + "".join(_sample_button(i, item, classes) for i, item in right) + "</div>",
        f'<p class="classifier-group">模型判错的（{len(wrong)} 张）</p>',
        '<div class="classifier-grid">'
        + "".join(_sample_button(i, item, classes) for i, item in wrong) + "</div>",
        "</fieldset>",
        '<div class="classifier-outputs" markdown="1">',
        '<p class="classifier-truth"><label>真实类别 <select class="classifier-true">'
        f'<option value="">（请选择）</option>{options}</select></label></p>',
        '<p class="classifier-prediction">预测：<strong class="classifier-predicted">–</strong></p>',
        f'<ol class="classifier-bars" aria-label="{len(classes)} 个类别的概率">{bars}</ol>',
        '<p class="classifier-loss" markdown="1">交叉熵损失 $\\ell = -\\ln p_{\\text{真实类别}}$'
        ' = <output class="classifier-loss-value">–</output></p>',
        '<p class="classifier-status" role="status" aria-live="polite">'
        '选一张图像或在画板上画一件，模型会给出 10 个类别的概率。</p>',
        "</div>",
        '<div class="classifier-draw">',
        '<p class="classifier-group" id="classifier-pad-label">或者画一件（鼠标、手指或笔）</p>',
        '<canvas class="classifier-pad" width="280" height="280" role="img" '
        'aria-labelledby="classifier-pad-label"></canvas>',
        '<p class="classifier-echo" aria-hidden="true">–</p>',
        '<div class="classifier-tools"><button type="button" class="classifier-clear">'
        '清除画板</button>',
        '<figure class="classifier-seen"><canvas width="28" height="28" aria-hidden="true"></canvas>'
        '<figcaption>模型看到的输入（28×28）</figcaption></figure></div>',
        "</div>",
        f'<p class="classifier-files" markdown="1">模型文件：[层与类别（JSON）]({links["classifier.json"]})'
        f' · [权重（float32）]({links[manifest["weights"]["file"]]})'
        f' · [样本图像（PNG）]({links[manifest["samples"]["file"]]})</p>',
        "</div>",
        # Material re-runs scripts in the page body after instant navigation.
        "<script>(function(){var d=document.querySelector('.classifier'),"
        "a=d&&d.querySelector('.classifier-files a');if(!a)return;"
        "if(window.articleClassifierDemo)return window.articleClassifierDemo.mount(d);"
        "var s=document.createElement('script');"
        "s.src=new URL(d.dataset.script,a.href).href;"
        "s.onload=function(){window.articleClassifierDemo.mount(d)};"
        "document.head.appendChild(s)})()</script>",
    ])
