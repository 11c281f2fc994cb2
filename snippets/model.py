"""The article's classifier: Flatten 28x28 -> Dense 128 relu -> Dense 10 softmax."""

from __future__ import annotations

import keras
from keras import layers

IMAGE_SHAPE = (28, 28)
NUM_CLASSES = 10


# --8<-- [start:model]
def build_model() -> keras.Model:
    """The article's network, in the Keras 3 form (an explicit Input layer)."""
    return keras.Sequential(
        [
            keras.Input(shape=IMAGE_SHAPE),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dense(NUM_CLASSES, activation="softmax"),
        ],
        name="article_classifier",
    )
# --8<-- [end:model]


# --8<-- [start:compile]
def compile_model(model: keras.Model, *, fast: bool = True) -> keras.Model:
    """Adam and cross-entropy on integer labels, as the article meant.

    The labels are class ids (0-9), so the loss is the *sparse* categorical
    cross-entropy; the article's ``categorical_crossentropy`` expects one-hot
    labels and fails on class ids. ``fast`` only changes how the work is
    scheduled (XLA compilation, many steps per call), not the maths.
    """
    model.compile(
        optimizer=keras.optimizers.Adam(),
        loss=keras.losses.SparseCategoricalCrossentropy(),
        metrics=["accuracy"],
        jit_compile=fast,
        steps_per_execution=64 if fast else 1,
    )
    return model
# --8<-- [end:compile]
