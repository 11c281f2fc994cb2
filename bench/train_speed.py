"""Epoch time of the fast training set-up against a plain ``model.fit``.

Both train the article's model (same maths: Adam, batch 64, same epochs) on
the same arrays in one process. Prints per-epoch times and, last, one line:

    epoch_time_ratio=<fast/plain median> acc_fast=<..> acc_plain=<..>

Usage: python bench/train_speed.py [--epochs 10] [--dataset fashion_mnist]
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from snippets.dataset import load_dataset  # noqa: E402
from snippets.results import run_defaults  # noqa: E402
from snippets.train import evaluate, train  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    defaults = run_defaults()  # the article's run: snippets.train.train's defaults
    parser.add_argument("--epochs", type=int, default=defaults["epochs"])
    parser.add_argument("--dataset", default=defaults["dataset"])
    args = parser.parse_args()
    dataset = load_dataset(args.dataset)
    figures = {}
    # Fast first: the plain run switches on op determinism, under which Keras turns XLA off.
    for label, fast in (("fast", True), ("plain", False)):
        model, _, times = train(dataset, epochs=args.epochs,
                                fast=fast, verbose=0)
        accuracy = evaluate(model, dataset)[1]
        # The first epoch includes tracing/compilation; the median ignores it.
        median = statistics.median(times)
        print(f"{label}: epoch times {[round(t, 3) for t in times]} "
              f"median {median:.3f}s test accuracy {accuracy:.4f}")
        figures[label] = (median, accuracy)
    ratio = figures["fast"][0] / figures["plain"][0]
    print(f"epoch_time_ratio={ratio:.3f} acc_fast={figures['fast'][1]:.4f} "
          f"acc_plain={figures['plain'][1]:.4f}")


if __name__ == "__main__":
    main()
