"""Export the trained classifier for the reader's browser.

The model is a stack of Dense layers, so running it needs no runtime library:
the page multiplies the exported weights itself (``docs/assets/javascripts/
classifier.js``), exactly as ``forward`` below does with NumPy. ``make results``
writes three files into the run's folder, fingerprinted with the rest of it:

* ``classifier.json``: the layers (units, activation, where their weights are),
  the class names and the sample test images (index, true and predicted class);
* ``classifier.bin``: every layer's W (units x inputs, row-major) then b, as
  little-endian float32, the numbers Keras trained (no rounding, no quantising);
* ``samples.png``: the sample images one under the other, a lossless 8-bit
  grayscale PNG holding the dataset's own bytes (half the size of raw bytes,
  and images are served compressed where .bin files are not).

Any layer other than Flatten and Dense, or an activation other than relu,
softmax and linear, stops the export with a message naming the layer.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

FORMAT = "article-classifier/1"
MANIFEST, WEIGHTS, SAMPLES = "classifier.json", "classifier.bin", "samples.png"
FILES = (MANIFEST, WEIGHTS, SAMPLES)
ACTIVATIONS = ("relu", "softmax", "linear")
CORRECT_PER_CLASS = 2  # samples the model gets right, per class
WRONG = 12  # samples it gets wrong: one for each of its most frequent confusions


class ExportError(ValueError):
    """The model cannot run on the page; the message names the layer."""


def dense_layers(model) -> list[dict]:
    """The model as a list of {name, inputs, units, activation, W, b}; ExportError if it is not a Dense stack."""
    layers, width = [], int(np.prod(model.input_shape[1:]))
    for layer in model.layers:
        kind = type(layer).__name__
        if kind == "Flatten":
            continue
        if kind != "Dense":
            raise ExportError(f"layer {layer.name!r} ({kind}) cannot run on the page: the export "
                              "handles Flatten and Dense layers only")
        activation = getattr(layer.activation, "__name__", str(layer.activation))
        if activation not in ACTIVATIONS:
            raise ExportError(f"layer {layer.name!r} (Dense) has activation {activation!r}: the "
                              f"page runs {', '.join(ACTIVATIONS)} only")
        kernel = np.asarray(layer.kernel, dtype="float32")
        bias = (np.asarray(layer.bias, dtype="float32") if layer.use_bias
                else np.zeros(kernel.shape[1], "float32"))
        if kernel.shape[0] != width:  # e.g. a Dense layer on an unflattened image
            raise ExportError(f"layer {layer.name!r} (Dense) takes {kernel.shape[0]} inputs where "
                              f"{width} arrive: flatten the image first")
        layers.append({"name": layer.name, "inputs": width, "units": int(kernel.shape[1]),
                       "activation": activation, "W": kernel.T.copy(), "b": bias})
        width = int(kernel.shape[1])
    if not layers:
        raise ExportError(f"model {model.name!r} has no Dense layer to export")
    last = layers[-1]
    if last["activation"] != "softmax":
        raise ExportError(f"layer {last['name']!r} (Dense) ends the model with "
                          f"{last['activation']!r}: the page shows probabilities, so the last "
                          "layer must be softmax")
    return layers


def choose_samples(labels: np.ndarray, predicted: np.ndarray, *,
                   per_class: int = CORRECT_PER_CLASS, wrong: int = WRONG) -> list[int]:
    """Test-set indices to offer the reader, chosen from the run's own predictions.

    The first ``per_class`` images of each class the model gets right, then, for
    its ``wrong`` most frequent (true, predicted) confusions, the first image of each.
    """
    chosen = []
    for cls in range(int(labels.max()) + 1):
        right = np.flatnonzero((labels == cls) & (predicted == cls))
        chosen += right[:per_class].tolist()
    pairs = {}
    for index in np.flatnonzero(labels != predicted):
        pairs.setdefault((int(labels[index]), int(predicted[index])), []).append(int(index))
    ranked = sorted(pairs.items(), key=lambda item: (-len(item[1]), item[0]))
    chosen += [indices[0] for _, indices in ranked[:wrong]]
    return chosen


def export(model, x_test: np.ndarray, y_test: np.ndarray, predicted: np.ndarray,
           class_names, folder: Path) -> dict:
    """Write the three files into ``folder``; return the manifest."""
    layers = dense_layers(model)
    if layers[-1]["units"] != len(class_names):
        raise ExportError(f"layer {layers[-1]['name']!r} (Dense) has {layers[-1]['units']} "
                          f"units for {len(class_names)} classes")
    folder = Path(folder)
    blob, offset, described = bytearray(), 0, []
    for layer in layers:
        entry = {k: layer[k] for k in ("name", "inputs", "units", "activation")}
        for key in ("W", "b"):
            values = layer[key].astype("<f4")
            entry[key] = offset  # in float32 numbers from the start of classifier.bin
            blob += values.tobytes()
            offset += values.size
        described.append(entry)
    pixels = np.rint(np.asarray(x_test) * 255).astype("uint8")  # the dataset's own bytes
    indices = choose_samples(np.asarray(y_test), np.asarray(predicted))
    manifest = {
        "format": FORMAT,
        "input": {"height": pixels.shape[1], "width": pixels.shape[2],
                  "scale": 255, "polarity": "light object on a black background"},
        "classes": list(class_names),
        "layers": described,
        "parameter_count": int(offset),
        "weights": {"file": WEIGHTS, "bytes": len(blob),
                    "sha256": hashlib.sha256(blob).hexdigest()},
        "samples": {"file": SAMPLES, "correct_per_class": CORRECT_PER_CLASS,
                    "confusions": WRONG, "items": [
            {"index": int(i), "label": int(y_test[i]), "predicted": int(predicted[i])}
            for i in indices]},
    }
    (folder / WEIGHTS).write_bytes(bytes(blob))
    _write_png(folder / SAMPLES, pixels[indices].reshape(-1, pixels.shape[2]))
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                   encoding="utf-8")
    return manifest


def _write_png(path: Path, gray: np.ndarray) -> None:
    """8-bit grayscale, no colour profile or gamma: browsers read back the same bytes."""
    from PIL import Image

    Image.fromarray(gray, mode="L").save(path, format="PNG", optimize=True)


def load(folder: Path):
    """(manifest, weights as float32, sample images as uint8 N x 28 x 28) from an export."""
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    weights = np.frombuffer((folder / WEIGHTS).read_bytes(), dtype="<f4")
    shape = (manifest["input"]["height"], manifest["input"]["width"])
    from PIL import Image

    with Image.open(folder / SAMPLES) as image:
        samples = np.asarray(image.convert("L")).reshape(-1, *shape)
    return manifest, weights, samples


# --8<-- [start:forward]
def forward(manifest: dict, weights: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Class probabilities for images ``x`` (N x 28 x 28, values in [0, 1]), layer by layer."""
    h = np.asarray(x, dtype="float32").reshape(len(x), -1)
    for layer in manifest["layers"]:
        n, m = layer["units"], layer["inputs"]
        W = weights[layer["W"]:layer["W"] + n * m].reshape(n, m)
        b = weights[layer["b"]:layer["b"] + n]
        z = h @ W.T + b  # z = W h + b for every image at once
        if layer["activation"] == "relu":
            h = np.maximum(z, 0)
        elif layer["activation"] == "softmax":
            e = np.exp(z - z.max(axis=1, keepdims=True))  # minus the max: no overflow
            h = e / e.sum(axis=1, keepdims=True)
        else:  # linear
            h = z
    return h
# --8<-- [end:forward]
