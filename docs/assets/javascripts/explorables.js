// Section 4's worked cross-entropy example in the reader's hands.
//
// The page already shows the worked example (article_md/explorables.py writes it from
// snippets.loss.worked_example()); this script only recomputes a few numbers when the
// reader moves a control, so there is no library: the loss of the true class y, the
// batch's losses and their mean, and the source's quantity beside them.
//
//   window.articleExplorables.loss.set(probabilities, trueClass)
//     -> Promise of the loss the widget then shows (trueClass counts from 0)
(function () {
  "use strict";

  // --8<-- [start:loss]
  // l = -ln p_y: only the true class's probability counts (Infinity when it is 0).
  const loss = (p, y) => -Math.log(p[y]);
  // L = (1/N) sum_i l_i, over the samples of a batch.
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  // What the source computed instead: the sum of -p ln p (the distribution's entropy)
  // divided by the number of classes; it does not depend on the true class at all.
  const entropyOverClasses = (p) =>
    p.reduce((sum, v) => sum - (v > 0 ? v * Math.log(v) : 0), 0) / p.length;
  // --8<-- [end:loss]

  // The reader sets class k to v: the other classes keep their proportions and share
  // what is left, so the probabilities still sum to 1.
  function rescale(p, k, v) {
    const value = Math.min(Math.max(v, 0), 1);
    const rest = p.reduce((sum, x, j) => (j === k ? sum : sum + x), 0);
    return p.map((x, j) =>
      j === k ? value : rest > 0 ? (x * (1 - value)) / rest : (1 - value) / (p.length - 1));
  }

  // The curve's coordinates, as article_md/explorables.py draws the first frame.
  const CURVE_TOP = 5, WIDTH = 240, HEIGHT = 150, PAD = 24;
  function curvePoint(p) {
    const l = p <= 0 ? CURVE_TOP : Math.min(-Math.log(p), CURVE_TOP);
    return [PAD + p * (WIDTH - 2 * PAD), HEIGHT - PAD - (l / CURVE_TOP) * (HEIGHT - 2 * PAD)];
  }

  const put = (element, property, value) => {
    if (element[property] !== value) element[property] = value;
  };
  const show = (value) => (Number.isFinite(value) ? value.toFixed(4) : "∞");
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key]);

  let current = null; // the mounted widget's set(), for the API below

  function mount(root) {
    if (!root || root.dataset.mounted) return;
    root.dataset.mounted = "true";
    const state = JSON.parse(root.dataset.state);
    const words = JSON.parse(root.dataset.words);
    const rows = Array.from(root.querySelectorAll(".explorable-probabilities tbody tr"));
    const sliders = rows.map((row) => row.querySelector(".explorable-slider"));
    const boxes = rows.map((row) => row.querySelector(".explorable-number"));
    const truth = root.querySelector(".explorable-true");
    const first = root.querySelector(".explorable-batch tbody tr");
    const status = root.querySelector(".explorable-status");
    const out = {
      loss: root.querySelector(".explorable-loss-value"),
      dot: root.querySelector(".explorable-dot"),
      entropy: root.querySelector(".explorable-entropy"),
      truthCell: first.children[1],
      p: first.querySelector(".explorable-p"),
      l: first.querySelector(".explorable-li"),
      mean: root.querySelector(".explorable-mean"),
    };
    let p = state.probabilities.slice();
    let y = state.trueClass;
    let announce = 0;

    function render(spoken = true) {
      const l = loss(p, y);
      const losses = [l, ...state.losses.slice(1)];
      const L = mean(losses);
      // Only what changed is written: each write costs the browser style and layout work.
      p.forEach((v, k) => {
        put(sliders[k], "value", String(v));
        if (document.activeElement !== boxes[k]) put(boxes[k], "value", String(+v.toFixed(4)));
      });
      put(truth, "value", String(y));
      put(out.loss, "textContent", show(l));
      const [x, top] = curvePoint(p[y]);
      if (out.dot.getAttribute("cx") !== x.toFixed(1)) out.dot.setAttribute("cx", x.toFixed(1));
      if (out.dot.getAttribute("cy") !== top.toFixed(1)) out.dot.setAttribute("cy", top.toFixed(1));
      put(out.entropy, "textContent", show(entropyOverClasses(p)));
      put(out.truthCell, "textContent", String(y + 1));
      put(out.p, "textContent", show(p[y]));
      put(out.l, "textContent", show(l));
      put(out.mean, "textContent", show(L));
      // Announced once the reader pauses, not at every step of a drag (nor as the page opens).
      clearTimeout(announce);
      if (spoken) announce = setTimeout(() => {
        status.textContent = fill(words.status, {
          y: y + 1, p: show(p[y]), l: show(l), mean: show(L),
        });
      }, 500);
      return l;
    }

    sliders.forEach((slider, k) =>
      slider.addEventListener("input", () => {
        p = rescale(p, k, parseFloat(slider.value));
        render();
      }));
    boxes.forEach((box, k) =>
      box.addEventListener("input", () => {
        const v = parseFloat(box.value);
        if (Number.isFinite(v) && v >= 0 && v <= 1) {
          p = rescale(p, k, v);
          render();
        }
      }));
    boxes.forEach((box) => box.addEventListener("change", render)); // shows the value kept
    truth.addEventListener("change", () => {
      y = parseInt(truth.value, 10);
      render();
    });

    current = function set(probabilities, trueClass) {
      const values = Array.from(probabilities, Number);
      const sum = values.reduce((a, b) => a + b, 0);
      if (values.length !== p.length || values.some((v) => !(v >= 0)) || !(sum > 0) ||
          !(Number.isInteger(trueClass) && trueClass >= 0 && trueClass < p.length)) {
        throw new RangeError(`expected ${p.length} probabilities >= 0 and a class 0..${p.length - 1}`);
      }
      p = values.map((v) => v / sum);
      y = trueClass;
      return render();
    };
    render(false);
  }

  window.articleExplorables = {
    mount,
    loss: {
      set: (probabilities, trueClass) =>
        new Promise((resolve) => {
          if (!current) throw new Error("no cross-entropy widget on this page");
          resolve(current(probabilities, trueClass));
        }),
    },
  };
})();
