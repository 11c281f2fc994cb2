"""The worked cross-entropy example of section 4, in plain NumPy.

For N samples and C classes, with predicted probabilities p[i, c] and true
class k_i (a one-hot y[i, c]):

    l_i = -sum_c y[i, c] * log p[i, c] = -log p[i, k_i]
    L   = (1 / N) * sum_i l_i

``log`` is the natural logarithm, as in Keras.
"""

from __future__ import annotations

import numpy as np

SUM_TOLERANCE = 1e-6


class InvalidProbabilities(ValueError):
    """Predicted probabilities that are not a distribution over the classes."""


class InvalidLabels(ValueError):
    """True labels that are not class ids of the given probabilities."""


def _check(probabilities, labels) -> tuple[np.ndarray, np.ndarray]:
    p = np.asarray(probabilities, dtype=np.float64)
    if p.ndim == 1:
        p = p[np.newaxis, :]
    if p.ndim != 2 or p.shape[1] < 2:
        raise InvalidProbabilities(f"expected shape (N, C) with C >= 2, got {p.shape}")
    if not np.all(np.isfinite(p)) or np.any(p < 0) or np.any(p > 1):
        raise InvalidProbabilities("every probability must be a number in [0, 1]")
    sums = p.sum(axis=1)
    bad = np.flatnonzero(np.abs(sums - 1.0) > SUM_TOLERANCE)
    if bad.size:
        i = int(bad[0])
        raise InvalidProbabilities(
            f"probabilities of sample {i} sum to {sums[i]:.6g}, not 1"
        )
    y = np.atleast_1d(np.asarray(labels))
    if y.shape != (p.shape[0],):
        raise InvalidLabels(f"expected {p.shape[0]} labels, got shape {y.shape}")
    if not np.issubdtype(y.dtype, np.integer):
        raise InvalidLabels(f"labels must be integer class ids, got {y.dtype}")
    if np.any(y < 0) or np.any(y >= p.shape[1]):
        raise InvalidLabels(f"labels must lie in 0..{p.shape[1] - 1}, got {y.tolist()}")
    return p, y.astype(np.int64)


# --8<-- [start:loss]
def per_sample_cross_entropy(probabilities, labels) -> np.ndarray:
    """l_i = -sum_c y_ic log p_ic = -log p_i,k for true class k of sample i."""
    p, y = _check(probabilities, labels)
    picked = p[np.arange(len(y)), y]
    with np.errstate(divide="ignore"):
        return -np.log(picked)  # inf where the true class got probability 0


def mean_cross_entropy(probabilities, labels) -> float:
    """L = (1/N) sum_i l_i, the loss Keras reports."""
    return float(np.mean(per_sample_cross_entropy(probabilities, labels)))
# --8<-- [end:loss]


# The article's example: one sample, 10 classes. The article's table summed to
# 1.1 (class 6 had 0.1); the corrected table moves that 0.1 away so it sums to 1.
# --8<-- [start:example]
EXAMPLE_PROBABILITIES = np.array([0.2, 0.3, 0.4, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
ARTICLE_PROBABILITIES = np.array([0.2, 0.3, 0.4, 0.1, 0.0, 0.1, 0.0, 0.0, 0.0, 0.0])
EXAMPLE_BATCH = np.array([
    [0.2, 0.3, 0.4, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],   # true class 3 (index 2)
    [0.7, 0.1, 0.1, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],   # true class 1 (index 0)
    [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1],   # true class 10 (index 9)
])
EXAMPLE_LABELS = np.array([2, 0, 9])
# --8<-- [end:example]


def worked_example() -> dict:
    """Every number section 4 shows, computed here rather than typed by hand."""
    single = per_sample_cross_entropy(EXAMPLE_PROBABILITIES, [2])
    batch = per_sample_cross_entropy(EXAMPLE_BATCH, EXAMPLE_LABELS)
    p = ARTICLE_PROBABILITIES[:4]  # the four terms the article's sum wrote out
    return {
        "article_probability_sum": float(ARTICLE_PROBABILITIES.sum()),
        "article_formula_value": float(-(p * np.log(p)).sum() / 10),
        "example_probability_sum": float(EXAMPLE_PROBABILITIES.sum()),
        "single_true_index": 2,
        "single_loss": float(single[0]),
        "single_loss_if_true_class_1": float(
            per_sample_cross_entropy(EXAMPLE_PROBABILITIES, [0])[0]),
        "batch_probabilities": EXAMPLE_BATCH.tolist(),  # the first row is the single sample
        "batch_labels": [int(k) for k in EXAMPLE_LABELS],
        "batch_losses": [float(v) for v in batch],
        "batch_mean": float(batch.mean()),
        "uniform_loss": float(np.log(10)),
    }
