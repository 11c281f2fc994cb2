// The explorables: section 4's worked cross-entropy example in the reader's hands, and
// what the classifier's network looks at.
//
// Section 4 already shows the worked example (article_md/explorables.py writes it from
// snippets.loss.worked_example()); this script only recomputes a few numbers when the
// reader moves a control, so there is no library: the loss of the true class y, the
// batch's losses and their mean, and the source's quantity beside them.
//
//   window.articleExplorables.loss.set(probabilities, trueClass)
//     -> Promise of the loss the widget then shows (trueClass counts from 0)
//
// On the classifier page it shows what the network looks at: for the current input,
// the hidden units that raise the predicted class's score most, each as the picture
// of its first-layer weights, from the classifier's own exported weights.
//
//   window.articleExplorables.units(pixels)  // 784 numbers in [0, 1], row by row
//     -> Promise of the 6 [{unit, contribution}, ...] with the largest contributions,
//        largest first (unit counts from 0; the page numbers units from 1)
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

  // --8<-- [start:units]
  // The network is h = relu(W1 x + b1), p = softmax(W2 h + b2). The predicted class c
  // has the largest score W2[c] h + b2[c]; hidden unit j adds h_j * W2[c, j] to it.
  function contributions(layers, weights, x) {
    const [first, second] = layers;
    const h = new Float64Array(first.units);
    for (let j = 0; j < first.units; j++) {
      const row = first.W + j * first.inputs;
      let z = weights[first.b + j];
      for (let i = 0; i < first.inputs; i++) z += weights[row + i] * x[i];
      h[j] = Math.max(z, 0);
    }
    const scores = Array.from({ length: second.units }, (_, c) => {
      let z = weights[second.b + c];
      for (let j = 0; j < second.inputs; j++) z += weights[second.W + c * second.inputs + j] * h[j];
      return z;
    });
    const c = scores.indexOf(Math.max(...scores));
    const parts = Array.from(h, (v, j) => ({
      unit: j, contribution: v * weights[second.W + c * second.inputs + j] }));
    parts.sort((a, b) => b.contribution - a.contribution);
    return { predicted: c, parts };
  }
  // --8<-- [end:units]

  // A unit's first-layer weights as a 28x28 picture: blue where a bright pixel raises
  // the unit, red where it lowers it, the stronger the deeper.
  function paintWeights(canvas, weights, layer, unit) {
    const row = weights.subarray(layer.W + unit * layer.inputs, layer.W + (unit + 1) * layer.inputs);
    const top = Math.max(...Array.from(row, Math.abs)) || 1;
    const ctx = canvas.getContext("2d");
    const image = ctx.createImageData(28, 28);
    row.forEach((w, i) => {
      const t = Math.abs(w) / top;
      const [r, g, b] = w >= 0 ? [255 - 200 * t, 255 - 150 * t, 255] : [255, 255 - 190 * t, 255 - 190 * t];
      image.data.set([r, g, b, 255], i * 4);
    });
    ctx.putImageData(image, 0, 0);
  }

  function checkedNetwork(classifier) {
    const layers = classifier.manifest.layers;
    if (layers.length !== 2 || layers[0].activation !== "relu" || layers[1].activation !== "softmax") {
      throw new Error("expected one relu layer and one softmax layer");
    }
    return layers;
  }

  async function topUnits(pixels, count) {
    const classifier = window.articleClassifier;
    if (!classifier) throw new Error("the classifier is not on this page");
    const x = Array.from(pixels ?? [], Number);
    if (x.length !== 784 || !x.every((v) => v >= 0 && v <= 1)) {
      throw new TypeError("units expects 784 numbers in [0, 1] (a 28x28 image, row by row)");
    }
    const layers = checkedNetwork(classifier);
    const weights = await classifier.load();
    const { predicted, parts } = contributions(layers, weights, x);
    const total = parts.reduce((sum, part) => sum + Math.max(part.contribution, 0), 0) || 1;
    return { predicted, parts: parts.slice(0, count), total, weights, layers };
  }

  function mountUnits(root) {
    const words = JSON.parse(root.dataset.words);
    const slots = Array.from(root.querySelectorAll(".explorable-units-list li"));
    const status = root.querySelector(".explorable-units-status");
    const demo = document.querySelector(".classifier");
    if (!demo) return;
    async function show(pixels) {
      const { predicted, parts, total, weights, layers } = await topUnits(pixels, slots.length);
      const positive = parts.filter((part) => part.contribution > 0);
      slots.forEach((slot, k) => {
        const part = parts[k];
        paintWeights(slot.querySelector("canvas"), weights, layers[0], part.unit);
        slot.querySelector(".explorable-units-label").textContent = fill(words.units_label, {
          unit: part.unit + 1, share: `${((100 * Math.max(part.contribution, 0)) / total).toFixed(1)}%` });
      });
      const name = window.articleClassifier.classes[predicted];
      status.textContent = fill(words.units_status, {
        name, units: positive.map((part) => part.unit + 1).join(words.units_separator) });
    }
    demo.addEventListener("classifier:prediction", (event) => show(event.detail.pixels));
    if (demo.lastPrediction) show(demo.lastPrediction.pixels); // answered before this came
  }

  let current = null; // the mounted widget's set(), for the API below

  function mount(root) {
    if (!root || root.dataset.mounted) return;
    root.dataset.mounted = "true";
    if (root.classList.contains("explorable-units")) return mountUnits(root);
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
    units: (pixels) => topUnits(pixels, 6).then(({ parts }) => parts),
    loss: {
      set: (probabilities, trueClass) =>
        new Promise((resolve) => {
          if (!current) throw new Error("no cross-entropy widget on this page");
          resolve(current(probabilities, trueClass));
        }),
    },
  };
})();
