// The article's trained classifier, running in the reader's browser.
//
// The model is a stack of Dense layers (snippets/model.py), exported by
// `make results` (snippets/export.py) as float32 weights plus a manifest that
// the page carries. A forward pass is a few lines of arithmetic, so there is no
// runtime library: the page fetches the weights (400 KB) once the reader comes
// near the demo, and each prediction then takes well under a millisecond.
//
//   window.articleClassifier.predict(pixels)  // 784 numbers in [0, 1], row-major 28x28
//     -> Promise of the 10 class probabilities
(function () {
  "use strict";

  // --8<-- [start:forward]
  // h = relu(W1 x + b1), p = softmax(W2 h + b2): each layer is z = W h + b, then its activation.
  const activations = {
    relu: (z) => z.map((v) => Math.max(v, 0)),
    linear: (z) => z,
    softmax: (z) => {
      const top = Math.max(...z); // subtracting the largest logit keeps exp() from overflowing
      const e = z.map((v) => Math.exp(v - top));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / sum);
    },
  };

  function forward(layers, weights, x) {
    let h = Float64Array.from(x);
    for (const layer of layers) {
      const z = new Float64Array(layer.units);
      for (let j = 0; j < layer.units; j++) {
        const row = layer.W + j * layer.inputs; // W is stored row by row: units x inputs
        let sum = weights[layer.b + j];
        for (let i = 0; i < layer.inputs; i++) sum += weights[row + i] * h[i];
        z[j] = sum;
      }
      h = activations[layer.activation](z);
    }
    return Array.from(h);
  }
  // --8<-- [end:forward]

  // --8<-- [start:preprocess]
  // A drawing becomes a Fashion-MNIST-like input: the item is cut out by its
  // bounding box, scaled so that its longer side fills the 28 pixels (the
  // dataset's items fill the frame), centred, and written as a light object on
  // black, ink = 1, background = 0, as the training images were.
  function drawingToInput(pad) {
    const { width, height } = pad;
    const alpha = pad.getContext("2d").getImageData(0, 0, width, height).data;
    let top = height, left = width, bottom = -1, right = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (alpha[(y * width + x) * 4 + 3] > 0) {
          top = Math.min(top, y); bottom = Math.max(bottom, y);
          left = Math.min(left, x); right = Math.max(right, x);
        }
      }
    }
    if (bottom < 0) return null; // nothing drawn
    const w = right - left + 1, h = bottom - top + 1;
    const scale = 28 / Math.max(w, h);
    const small = document.createElement("canvas");
    small.width = small.height = 28;
    const ctx = small.getContext("2d");
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(pad, left, top, w, h,
      (28 - w * scale) / 2, (28 - h * scale) / 2, w * scale, h * scale);
    const data = ctx.getImageData(0, 0, 28, 28).data;
    const pixels = new Array(784);
    for (let i = 0; i < 784; i++) pixels[i] = data[i * 4 + 3] / 255; // ink coverage
    return pixels;
  }
  // --8<-- [end:preprocess]

  // What the script says: the edition's words (extra.words.classifier_script in its
  // config file), which the build puts in the demo's data-words attribute.
  let text = null;
  function wordsOf(root) {
    const words = JSON.parse(root.dataset.words);
    const fill = (template, values) =>
      template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));
    return {
      locale: words.locale,
      fileUrl: words.file_url,
      failed: (message) => fill(words.failed, { message }),
      chooseTruth: words.choose_truth,
      prediction: (name, p) => fill(words.prediction, { name, p }),
      end: words.end,
      askTruth: words.ask_truth,
      loss: (name, value) => fill(words.loss, { name, value }),
      cleared: words.cleared,
    };
  }
  // Made on first use, not while the page loads: building a number format loads
  // the locale's data, a long task of its own on a phone (about 180 ms in Chromium
  // with the CPU slowed four times, as Lighthouse's phone profile does).
  const percentFormats = new Map();
  const percent = {
    format: (value) => {
      if (!percentFormats.has(text.locale)) {
        percentFormats.set(text.locale, new Intl.NumberFormat(
          text.locale, { style: "percent", maximumFractionDigits: 1 }));
      }
      return percentFormats.get(text.locale).format(value);
    },
  };

  function paint(canvas, pixels) {
    const ctx = canvas.getContext("2d");
    const image = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = Math.round(pixels[i] * 255);
      image.data.set([v, v, v, 255], i * 4);
    }
    ctx.putImageData(image, 0, 0);
  }

  function fetchBytes(url) {
    return fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      return response.arrayBuffer();
    });
  }

  function model(root) {
    const manifest = JSON.parse(root.dataset.manifest);
    const links = [...root.querySelectorAll(".classifier-files a")];
    const url = (file) => links.find((a) => a.getAttribute("href").endsWith(file)).href;
    let weights = null;
    let samples = null;
    const api = {
      classes: manifest.classes,
      manifest,
      load() {
        weights = weights || fetchBytes(url(manifest.weights.file)).then((buffer) => {
          if (buffer.byteLength !== manifest.weights.bytes) {
            throw new Error(`${manifest.weights.file}: ${buffer.byteLength} bytes, expected ${manifest.weights.bytes}`);
          }
          return new Float32Array(buffer);
        }).catch((error) => {
          weights = null; // the next use tries again
          throw error;
        });
        return weights;
      },
      // The sample images' pixels: a grayscale PNG, one 28x28 image under the other
      // (the buttons show it through CSS; this decodes it once, when first needed).
      samples: () => samples || (samples = new Promise((resolve, reject) => {
        const image = new Image();
        image.onload = () => {
          const canvas = document.createElement("canvas");
          canvas.width = image.naturalWidth;
          canvas.height = image.naturalHeight;
          const ctx = canvas.getContext("2d");
          ctx.drawImage(image, 0, 0);
          try {
            const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            resolve(Uint8Array.from({ length: rgba.length / 4 }, (_, i) => rgba[i * 4]));
          } catch (error) {
            reject(error); // file:// pages may not read image pixels
          }
        };
        image.onerror = () => reject(new Error(`could not load ${manifest.samples.file}`));
        image.src = url(manifest.samples.file);
      }).catch((error) => {
        samples = null; // the next use tries again
        throw error;
      })),
      async predict(pixels) {
        const x = Array.from(pixels ?? []);
        if (x.length !== 784 || !x.every((v) => typeof v === "number" && v >= 0 && v <= 1)) {
          throw new TypeError("predict expects 784 numbers in [0, 1] (a 28x28 image, row by row)");
        }
        return forward(manifest.layers, await api.load(), x);
      },
    };
    return api;
  }

  function whyNot(error) {
    return location.protocol === "file:" ? text.fileUrl : text.failed(error.message);
  }

  function mount(root) {
    text = wordsOf(root);
    if (root.dataset.mounted) return;
    root.dataset.mounted = "true";
    const classifier = model(root);
    window.articleClassifier = classifier;
    const status = root.querySelector(".classifier-status");
    const select = root.querySelector(".classifier-true");
    const rows = [...root.querySelectorAll(".classifier-bars li")];
    const buttons = [...root.querySelectorAll(".classifier-sample")];
    const pad = root.querySelector(".classifier-pad");
    const seen = root.querySelector(".classifier-seen canvas");
    const items = classifier.manifest.samples.items;
    let current = null; // { pixels, probabilities }

    const failed = (error) => {
      status.textContent = whyNot(error);
      root.classList.add("classifier--failed");
    };

    function showLoss(announce) {
      const truth = select.value === "" ? null : Number(select.value);
      const out = root.querySelector(".classifier-loss-value");
      if (!current || truth === null) {
        out.textContent = current ? text.chooseTruth : "–";
      } else {
        const p = current.probabilities[truth];
        const loss = -Math.log(p);
        out.textContent = `−ln ${p.toPrecision(4)} = ${Number.isFinite(loss) ? loss.toFixed(4) : "∞"}`;
      }
      if (announce && current) {
        const best = current.probabilities.indexOf(Math.max(...current.probabilities));
        status.textContent =
          text.prediction(classifier.classes[best], percent.format(current.probabilities[best])) + text.end +
          (truth === null ? text.askTruth :
            text.loss(classifier.classes[truth], out.textContent.split("= ").pop()));
      }
    }

    async function show(pixels, announce) {
      let probabilities;
      try {
        probabilities = await classifier.predict(pixels);
      } catch (error) {
        return failed(error);
      }
      current = { pixels, probabilities };
      root.classList.remove("classifier--failed");
      const best = probabilities.indexOf(Math.max(...probabilities));
      root.querySelector(".classifier-predicted").textContent = classifier.classes[best];
      root.querySelector(".classifier-echo").textContent =
        text.prediction(classifier.classes[best], percent.format(probabilities[best]));
      rows.forEach((row, k) => {
        row.classList.toggle("classifier-best", k === best);
        row.querySelector(".classifier-bar span").style.width = `${(probabilities[k] * 100).toFixed(2)}%`;
        row.querySelector(".classifier-value").textContent = percent.format(probabilities[k]);
      });
      paint(seen, pixels);
      showLoss(announce);
      root.lastPrediction = { probabilities, pixels }; // for a listener that comes later
      root.dispatchEvent(new CustomEvent("classifier:prediction", { detail: root.lastPrediction }));
    }

    // The weights (and the samples' pixels) come once the reader is near the demo
    // and doing something (scroll, touch, pointer, key), or at the latest on the
    // first use: nothing of the model is fetched or decoded while the page loads.
    const prefetch = () => {
      classifier.load().catch(() => {});
      classifier.samples().catch(() => {});
    };
    if ("IntersectionObserver" in window) {
      const near = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        near.disconnect();
        for (const type of ["scroll", "touchstart", "pointermove", "pointerdown", "keydown", "focusin"]) {
          window.addEventListener(type, prefetch, { once: true, passive: true });
        }
      }, { rootMargin: "0px 0px 100% 0px" });
      near.observe(root);
    }

    // Opened from disk, the browser will not hand over the model's files: say so now.
    if (location.protocol === "file:") classifier.samples().catch(failed);

    buttons.forEach((button) => button.addEventListener("click", async () => {
      const i = Number(button.dataset.sample);
      buttons.forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
      select.value = String(items[i].label);
      let bytes;
      try {
        bytes = await classifier.samples();
      } catch (error) {
        return failed(error);
      }
      show(Array.from(bytes.subarray(i * 784, (i + 1) * 784), (v) => v / 255), true);
    }));
    select.addEventListener("change", () => showLoss(true));

    // Drawing: pointer events cover mouse, touch and pen alike.
    const ink = pad.getContext("2d", { willReadFrequently: true });
    let drawing = false, last = null, pending = false;
    const point = (event) => {
      const box = pad.getBoundingClientRect();
      return [(event.clientX - box.left) * pad.width / box.width,
        (event.clientY - box.top) * pad.height / box.height];
    };
    const update = (announce) => {
      const pixels = drawingToInput(pad);
      if (pixels) show(pixels, announce);
    };
    pad.addEventListener("pointerdown", (event) => {
      prefetch();
      drawing = true;
      last = point(event);
      pad.setPointerCapture(event.pointerId);
      if (buttons.some((b) => b.getAttribute("aria-pressed") === "true")) {
        select.value = ""; // a drawing's true class is the reader's to choose
        buttons.forEach((b) => b.setAttribute("aria-pressed", "false"));
      }
      ink.strokeStyle = ink.fillStyle = getComputedStyle(pad).color;
      ink.lineWidth = 22;
      ink.lineCap = ink.lineJoin = "round";
      ink.beginPath();
      ink.arc(last[0], last[1], ink.lineWidth / 2, 0, 2 * Math.PI);
      ink.fill();
      event.preventDefault();
    });
    pad.addEventListener("pointermove", (event) => {
      if (!drawing) return;
      const next = point(event);
      ink.beginPath();
      ink.moveTo(...last);
      ink.lineTo(...next);
      ink.stroke();
      last = next;
      if (!pending) { // at most one prediction per frame while drawing
        pending = true;
        requestAnimationFrame(() => { pending = false; update(false); });
      }
    });
    const end = () => {
      if (!drawing) return;
      drawing = false;
      update(true);
    };
    pad.addEventListener("pointerup", end);
    pad.addEventListener("pointercancel", end);
    root.querySelector(".classifier-clear").addEventListener("click", () => {
      ink.clearRect(0, 0, pad.width, pad.height);
      status.textContent = text.cleared;
    });
  }

  window.articleClassifierDemo = { mount, forward, drawingToInput };
})();
