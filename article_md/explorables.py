"""The markup of the explorables (``[[explorable:loss]]``, ``[[explorable:units]]``, expanded by article_md.runs).

``[[explorable:units]]``, beside the classifier, shows the hidden units that raise the
predicted class most for the current input, as pictures of their first-layer weights;
its frames are empty until the classifier answers (the script fills them).


Everything the widget shows before the reader touches it is written here, at build
time, from ``snippets.loss.worked_example()``: the ten probabilities (a slider and
a number box each), the true class, the loss, the curve of -ln p with the current
point on it, the source's erroneous quantity, and the three-sample batch with its
mean. So a page without JavaScript, the PDF and the Zensical build show the
worked example as it stands, and nothing moves when the script
(``docs/assets/javascripts/explorables.js``) takes over. The script is found
relative to the link to it that the widget carries, which the builder resolves for
every page URL style.
"""

from __future__ import annotations

import html
import json
import math
import posixpath

SCRIPT = "assets/javascripts/explorables.js"
# The curve: -ln p for p in (0, 1], drawn up to this loss (higher points sit on the edge).
CURVE_TOP = 5.0
WIDTH, HEIGHT, PAD = 240, 150, 24


def _attr(value) -> str:
    return html.escape(str(value), quote=True)


def number(value: float) -> str:
    """A loss or probability as the page shows it: 4 decimals, ∞ for an infinite loss."""
    return "∞" if math.isinf(value) else f"{value:.4f}"


def curve_point(p: float) -> tuple[float, float]:
    """(x, y) in the curve's SVG coordinates for probability p and loss -ln p."""
    loss = CURVE_TOP if p <= 0 else min(-math.log(p), CURVE_TOP)
    return (PAD + p * (WIDTH - 2 * PAD), HEIGHT - PAD - loss / CURVE_TOP * (HEIGHT - 2 * PAD))


def curve_path() -> str:
    start = math.exp(-CURVE_TOP)
    steps = [start + (1 - start) * (k / 60) ** 2 for k in range(61)]
    return "M" + " L".join("{:.1f},{:.1f}".format(*curve_point(p)) for p in steps)


def state(example: dict) -> dict:
    """The widget's initial state, from the worked example (never typed): what its script
    needs (flat lists: a page's "[[" is an unexpanded marker to the checks)."""
    return {"probabilities": [float(v) for v in example["batch_probabilities"][0]],
            "trueClass": example["batch_labels"][0], "losses": example["batch_losses"],
            "mean": example["batch_mean"], "entropyOverClasses": example["article_formula_value"]}


def loss_widget(example: dict, page: str, words) -> str:
    """The widget as a Markdown block (raw HTML, with a Markdown link to its script)."""
    def text(key: str, **values) -> str:
        return words.text("explorable", key, **values)

    s = state(example)
    p, y = s["probabilities"], s["trueClass"]
    n = len(p)
    rows = "".join(
        f'<tr data-class="{k}"><th scope="row">{k + 1}</th>'
        f'<td><input type="range" class="explorable-slider" min="0" max="1" step="0.01" '
        f'value="{value:g}" aria-label="{_attr(text("probability_of", k=k + 1))}"></td>'
        f'<td><input type="number" class="explorable-number" min="0" max="1" step="0.01" '
        f'value="{value:g}" inputmode="decimal" aria-label="{_attr(text("probability_of", k=k + 1))}">'
        "</td></tr>" for k, value in enumerate(p))
    options = "".join(f'<option value="{k}"{" selected" if k == y else ""}>{k + 1}</option>'
                      for k in range(n))
    x, top = curve_point(p[y])
    batch_rows = "".join(
        f'<tr data-sample="{i}"><th scope="row">{i + 1}</th><td>{label + 1}</td>'
        f'<td class="explorable-p">{number(row[label])}</td>'
        f'<td class="explorable-li">{number(loss)}</td></tr>'
        for i, (row, label, loss) in enumerate(zip(example["batch_probabilities"],
                                                   example["batch_labels"], s["losses"])))
    here = posixpath.dirname(page) or "."
    script = posixpath.relpath(SCRIPT, here)
    script_words = json.dumps(dict(words.section("explorable_script")), ensure_ascii=False,
                              separators=(",", ":"))
    data = json.dumps(s, separators=(",", ":"))
    return "\n".join([
        f'<div class="explorable-loss" data-state="{_attr(data)}" data-words="{_attr(script_words)}" '
        'markdown="1">',
        f'<p class="explorable-intro">{text("intro")}</p>',
        '<div class="explorable-panels">',
        f'<table class="explorable-probabilities"><caption>{text("probabilities")}</caption>'
        f'<thead><tr><th scope="col">{text("class")}</th><th scope="col" colspan="2">'
        f'{text("probability")}</th></tr></thead><tbody>{rows}</tbody></table>',
        '<div class="explorable-result">',
        f'<p><label>{text("truth")} <select class="explorable-true">{options}</select></label></p>',
        f'<p class="explorable-loss-line">{text("loss")} = '
        f'<output class="explorable-loss-value">{number(-math.log(p[y]) if p[y] > 0 else math.inf)}'
        "</output></p>",
        f'<svg class="explorable-curve" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{_attr(text("curve"))}" fill="#555" '
        'font-size="11">'
        f'<path class="explorable-axes" fill="none" stroke="#999" '
        f'd="M{PAD},{PAD / 2} V{HEIGHT - PAD} H{WIDTH - PAD / 2}"/>'
        f'<path class="explorable-line" fill="none" stroke="#3f51b5" stroke-width="2" '
        f'd="{curve_path()}"/>'
        f'<circle class="explorable-dot" fill="#526cfe" r="5" cx="{x:.1f}" cy="{top:.1f}"/>'
        f'<text x="{WIDTH - 2}" y="{HEIGHT - PAD - 5}" text-anchor="end">p</text>'
        f'<text x="{PAD + 4}" y="{PAD / 2 + 8}">−ln p</text>'
        f'<text x="{PAD}" y="{HEIGHT - 6}" text-anchor="middle">0</text>'
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - PAD + 14}" text-anchor="middle">1</text></svg>',
        f'<p class="explorable-source">{text("source_quantity")} '
        f'<output class="explorable-entropy">{number(s["entropyOverClasses"])}</output>'
        f'{text("source_why")}</p>',
        "</div>",
        "</div>",
        f'<table class="explorable-batch"><caption>{text("batch")}</caption><thead><tr>'
        f'<th scope="col">{text("sample")}</th><th scope="col">{text("truth")}</th>'
        f'<th scope="col">{text("p_true")}</th><th scope="col">{text("sample_loss")}</th></tr>'
        f"</thead><tbody>{batch_rows}</tbody><tfoot><tr><th scope=\"row\" colspan=\"3\">"
        f'{text("mean")}</th><td><output class="explorable-mean">{number(s["mean"])}</output>'
        "</td></tr></tfoot></table>",
        '<p class="explorable-status" role="status" aria-live="polite"></p>',
        f'<p class="explorable-files" markdown="1">{text("files", href=script)}</p>',
        "</div>",
        loader("explorable-loss"),
    ])


def loader(name: str) -> str:
    """The script that brings explorables.js for the widget of class ``name``: when the
    widget nears the screen or the API is first called, not while the page loads (the
    first frame needs none of it). Material re-runs it after instant navigation."""
    return (
        f"<script>(function(){{var d=document.querySelector('.{name}'),"
        "a=d&&d.querySelector('.explorable-files a'),e=window.articleExplorables,p;if(!a)return;"
        "if(e&&e.mount)return e.mount(d);"
        "function load(){return p||(p=new Promise(function(ok,no){"
        "var s=document.createElement('script');s.src=a.href;s.onerror=no;"
        "s.onload=function(){window.articleExplorables.mount(d);ok()};"
        "document.head.appendChild(s)}))}"
        "function later(f){return function(){var a=arguments;return load().then(function(){"
        "return f().apply(null,a)})}}"
        "window.articleExplorables={"
        "loss:{set:later(function(){return window.articleExplorables.loss.set})},"
        "units:later(function(){return window.articleExplorables.units})};"
        "new IntersectionObserver(function(x,o){if(x.some(function(i){return i.isIntersecting}))"
        "{o.disconnect();load()}},{rootMargin:'400px'}).observe(d)})()</script>")


UNITS = 6  # the hidden units shown for an input


def units_widget(page: str, words) -> str:
    """What the network looks at, beside the classifier: empty frames of a fixed size that
    the script fills when the classifier answers (the weights come with the classifier's)."""
    def text(key: str, **values) -> str:
        return words.text("explorable_units", key, **values)

    script = posixpath.relpath(SCRIPT, posixpath.dirname(page) or ".")
    script_words = json.dumps(dict(words.section("explorable_script")), ensure_ascii=False,
                              separators=(",", ":"))
    slots = "".join('<li><canvas width="28" height="28" aria-hidden="true"></canvas>'
                    '<span class="explorable-units-label">–</span></li>' for _ in range(UNITS))
    return "\n".join([
        f'<div class="explorable-units" data-words="{_attr(script_words)}" markdown="1">',
        f'<p class="explorable-intro">{text("intro", n=UNITS)}</p>',
        f'<ol class="explorable-units-list" aria-label="{_attr(text("list", n=UNITS))}">{slots}</ol>',
        '<p class="explorable-units-status" role="status" aria-live="polite"></p>',
        f'<p class="explorable-units-limits">{text("limits")}</p>',
        f'<p class="explorable-files" markdown="1">{words.text("explorable", "files", href=script)}</p>',
        "</div>",
        loader("explorable-units"),
    ])
