"""The classifier exported for the browser: the same numbers as Keras, or a clear refusal."""

import json

import keras
import numpy as np
import pytest
from keras import layers

from snippets import export, results
from snippets.model import build_model

RUN = results.RESULTS_DIR / "fashion_mnist"


def _export(model, fashion, folder):
    predicted = model.predict(fashion.x_test[:500], verbose=0).argmax(axis=1)
    return export.export(model, fashion.x_test[:500], fashion.y_test[:500], predicted,
                         fashion.class_names, folder)


def _stack(*hidden):
    """The article's model with other hidden layers: (units, activation) pairs."""
    return keras.Sequential([keras.Input(shape=(28, 28)), layers.Flatten(),
                             *[layers.Dense(u, activation=a) for u, a in hidden],
                             layers.Dense(10, activation="softmax")])


@pytest.mark.parametrize("model", [
    build_model,
    lambda: _stack((64, "relu"), (32, "linear")),  # a hidden layer added and resized
    lambda: _stack(),  # no hidden layer: multinomial logistic regression
], ids=["article", "two-hidden", "no-hidden"])
def test_round_trip_equals_keras(fashion, tmp_path, model):
    keras.utils.set_random_seed(1)
    model = model()
    manifest = _export(model, fashion, tmp_path)
    manifest_again, weights, samples = export.load(tmp_path)
    assert manifest_again == manifest
    assert manifest["parameter_count"] == model.count_params() == weights.size
    x = samples.astype("float32") / 255
    expected = model.predict(x, verbose=0)
    np.testing.assert_allclose(export.forward(manifest, weights, x), expected, rtol=0, atol=1e-6)
    # the samples are the dataset's own images, with their true and predicted classes
    indices = [item["index"] for item in manifest["samples"]["items"]]
    np.testing.assert_array_equal(x, fashion.x_test[indices])
    assert [item["label"] for item in manifest["samples"]["items"]] == fashion.y_test[indices].tolist()


@pytest.mark.parametrize("model, message", [
    (lambda: keras.Sequential([keras.Input(shape=(28, 28, 1)),
                               layers.Conv2D(4, 3, name="conv"), layers.Flatten(),
                               layers.Dense(10, activation="softmax")]),
     "layer 'conv' (Conv2D) cannot run on the page: the export handles Flatten and Dense layers only"),
    (lambda: keras.Sequential([keras.Input(shape=(28, 28)), layers.Flatten(),
                               layers.Dropout(0.2, name="drop"),
                               layers.Dense(10, activation="softmax")]),
     "layer 'drop' (Dropout) cannot run on the page"),
    (lambda: keras.Sequential([keras.Input(shape=(28, 28)), layers.Flatten(),
                               layers.Dense(16, activation="tanh", name="hidden"),
                               layers.Dense(10, activation="softmax")]),
     "layer 'hidden' (Dense) has activation 'tanh': the page runs relu, softmax, linear only"),
    (lambda: keras.Sequential([keras.Input(shape=(28, 28)), layers.Flatten(),
                               layers.Dense(10, name="logits")]),
     "layer 'logits' (Dense) ends the model with 'linear'"),
    (lambda: keras.Sequential([keras.Input(shape=(28, 28)),
                               layers.Dense(10, activation="softmax", name="rows")]),
     "layer 'rows' (Dense) takes 28 inputs where 784 arrive: flatten the image first"),
], ids=["conv", "dropout", "tanh", "no-softmax", "unflattened"])
def test_other_architectures_are_refused_naming_the_layer(tmp_path, model, message):
    with pytest.raises(export.ExportError) as info:
        export.export(model(), np.zeros((3, 28, 28)), np.zeros(3, int), np.zeros(3, int),
                      [str(i) for i in range(10)], tmp_path)
    assert message in str(info.value)
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_samples_come_from_the_runs_predictions():
    labels = np.array([0, 0, 0, 1, 1, 1, 2, 2, 1, 0])
    predicted = np.array([0, 1, 0, 1, 2, 1, 1, 2, 2, 0])
    # right: two per class (class 2 has one); wrong: (1->2) twice, then (0->1), (2->1)
    assert export.choose_samples(labels, predicted, per_class=2, wrong=2) == [0, 2, 3, 5, 7, 4, 1]


def test_stored_export_matches_the_stored_model(fashion):
    manifest, weights, samples = export.load(RUN)
    model = keras.saving.load_model(RUN / "model.keras")
    x = samples.astype("float32") / 255
    probabilities = export.forward(manifest, weights, x)
    np.testing.assert_allclose(probabilities, model.predict(x, verbose=0), rtol=0, atol=1e-6)
    items = manifest["samples"]["items"]
    assert probabilities.argmax(axis=1).tolist() == [item["predicted"] for item in items]
    wrong = [item for item in items if item["label"] != item["predicted"]]
    assert len(wrong) == export.WRONG and len(items) == 10 * export.CORRECT_PER_CLASS + export.WRONG
    assert manifest["classes"] == json.loads((RUN / "metrics.json").read_text())["class_names"]
    assert (RUN / export.WEIGHTS).stat().st_size == 4 * manifest["parameter_count"]
