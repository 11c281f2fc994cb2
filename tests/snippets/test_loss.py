import math

import keras
import numpy as np
import pytest

from snippets import loss


def test_per_sample_loss_by_hand():
    values = loss.per_sample_cross_entropy(loss.EXAMPLE_PROBABILITIES, [2])
    assert values[0] == pytest.approx(-math.log(0.4))
    assert loss.mean_cross_entropy([[0.5, 0.5], [0.25, 0.75]], [0, 1]) == pytest.approx(
        (math.log(2) - math.log(0.75)) / 2)


def test_uniform_prediction_costs_log_c():
    assert loss.mean_cross_entropy(np.full(10, 0.1), [7]) == pytest.approx(math.log(10))


def test_agrees_with_keras():
    keras_loss = keras.losses.SparseCategoricalCrossentropy()
    ours = loss.mean_cross_entropy(loss.EXAMPLE_BATCH, loss.EXAMPLE_LABELS)
    theirs = float(keras_loss(loss.EXAMPLE_LABELS, loss.EXAMPLE_BATCH))
    assert ours == pytest.approx(theirs, rel=1e-6)
    one_hot = np.eye(10)[loss.EXAMPLE_LABELS]
    theirs = float(keras.losses.CategoricalCrossentropy()(one_hot, loss.EXAMPLE_BATCH))
    assert ours == pytest.approx(theirs, rel=1e-6)


def test_zero_probability_for_true_class_is_infinite():
    assert loss.per_sample_cross_entropy(loss.EXAMPLE_PROBABILITIES, [5])[0] == math.inf


def test_article_table_is_rejected_because_it_sums_to_1_1():
    with pytest.raises(loss.InvalidProbabilities, match="sum to 1.1, not 1"):
        loss.per_sample_cross_entropy(loss.ARTICLE_PROBABILITIES, [2])


@pytest.mark.parametrize("probabilities, message", [
    ([0.5, 0.6, -0.1], r"in \[0, 1\]"),
    ([0.5, float("nan")], r"in \[0, 1\]"),
    ([1.0], "C >= 2"),
    ([[[0.5, 0.5]]], "expected shape"),
])
def test_bad_probabilities(probabilities, message):
    with pytest.raises(loss.InvalidProbabilities, match=message):
        loss.per_sample_cross_entropy(probabilities, [0])


@pytest.mark.parametrize("labels, message", [
    ([10], r"0\.\.9"),
    ([-1], r"0\.\.9"),
    ([1.0], "integer class ids"),
    ([1, 2], "expected 1 labels"),
])
def test_bad_labels(labels, message):
    with pytest.raises(loss.InvalidLabels, match=message):
        loss.per_sample_cross_entropy(loss.EXAMPLE_PROBABILITIES, labels)


def test_worked_example_values():
    example = loss.worked_example()
    assert example["article_probability_sum"] == pytest.approx(1.1)
    assert example["example_probability_sum"] == pytest.approx(1.0)
    assert example["single_loss"] == pytest.approx(-math.log(0.4))
    assert example["batch_mean"] == pytest.approx(
        (-math.log(0.4) - math.log(0.7) - math.log(0.1)) / 3)
