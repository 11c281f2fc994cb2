"""Train and evaluate the article's classifier, and write its results.

    python -m snippets.train --dataset fashion_mnist --epochs 10 --batch-size 64 --seed 0 --out DIR

DIR receives ``metrics.json``, ``model.keras``, ``fingerprint.json``, the
site's figures and the model exported for the browser (``snippets.export``), all at once: the run writes into a temporary sibling folder
and renames it into place only when everything is written.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from snippets import dataset as dataset_mod
from snippets import export, results


class EpochTimer:
    """Wall-clock seconds of each epoch (a Keras callback, created lazily)."""

    def __new__(cls):
        import keras

        class _Timer(keras.callbacks.Callback):
            def on_train_begin(self, logs=None):
                self.times = []

            def on_epoch_begin(self, epoch, logs=None):
                self._start = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                self.times.append(time.perf_counter() - self._start)

        return _Timer()


def set_determinism(seed: int, *, xla: bool) -> None:
    """Same seed, same machine, same numbers.

    Seeds Python, NumPy and TensorFlow. Without XLA, TensorFlow's op determinism
    is switched on too; Keras turns XLA off under op determinism, and XLA's
    compiled CPU kernels are deterministic on their own (the tests check that
    two seeded runs agree to the bit).
    """
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    if not xla:
        tf.config.experimental.enable_op_determinism()


# --8<-- [start:train]
def train(dataset, *, epochs=10, batch_size=64, seed=0, limit=None, fast=True, verbose=1):
    """Fit the article's model on ``dataset``; return (model, history, epoch times)."""
    from snippets.model import build_model, compile_model

    set_determinism(seed, xla=fast)
    x, y = dataset.x_train, dataset.y_train
    if limit is not None:
        x, y = x[:limit], y[:limit]
    model = compile_model(build_model(), fast=fast)
    timer = EpochTimer()
    history = model.fit(x, y, epochs=epochs, batch_size=batch_size,
                        shuffle=True, callbacks=[timer], verbose=verbose)
    return model, history.history, timer.times
# --8<-- [end:train]


# --8<-- [start:evaluate]
def evaluate(model, dataset, batch_size=1024):
    """Test loss and accuracy, the predicted class of every test image, and the confusion matrix."""
    import numpy as np

    loss, accuracy = model.evaluate(dataset.x_test, dataset.y_test,
                                    batch_size=batch_size, verbose=0)
    predicted = model.predict(dataset.x_test, batch_size=batch_size, verbose=0).argmax(axis=1)
    confusion = np.zeros((10, 10), dtype=np.int64)
    np.add.at(confusion, (dataset.y_test, predicted), 1)  # rows: true, columns: predicted
    return float(loss), float(accuracy), predicted, confusion
# --8<-- [end:evaluate]


def environment() -> dict:
    """What the numbers were produced with."""
    import keras
    import numpy
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    return {
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": numpy.__version__,
        "device": "GPU" if gpus else "CPU",
        "cpu_count": os.cpu_count(),
        "machine": platform.machine(),
    }


def run(params: dict, out: Path, verbose: int = 1) -> dict:
    """Train, evaluate and write every output of one run atomically into ``out``."""
    from snippets import figures

    dataset = dataset_mod.load_dataset(params["dataset"])
    model, history, epoch_times = train(
        dataset, epochs=params["epochs"], batch_size=params["batch_size"],
        seed=params["seed"], limit=params.get("limit"), verbose=verbose)
    loss, accuracy, predicted, confusion = evaluate(model, dataset)
    metrics = {
        "dataset": dataset.name,
        "dataset_checksum": dataset.checksum,
        "params": params,
        "parameter_count": int(model.count_params()),
        "test_loss": loss,
        "test_accuracy": accuracy,
        "history": {k: [float(v) for v in vs] for k, vs in history.items()},
        "epoch_times": [round(t, 4) for t in epoch_times],
        "train_size": int(len(dataset.x_train) if params.get("limit") is None
                          else min(params["limit"], len(dataset.x_train))),
        "test_size": int(len(dataset.x_test)),
        "confusion_matrix": confusion.tolist(),
        "class_names": list(dataset.class_names),
        "environment": environment(),
    }

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    staging.chmod(0o755)
    try:
        (staging / results.METRICS).write_text(
            json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        model.save(staging / results.MODEL)
        figures.write_all(staging, metrics, dataset, predicted)
        export.export(model, dataset.x_test, dataset.y_test, predicted,
                      dataset.class_names, staging)
        fingerprint = results.fingerprint(params, dataset.checksum, metrics["environment"])
        (staging / results.FINGERPRINT).write_text(
            json.dumps(fingerprint, indent=2) + "\n", encoding="utf-8")
        _replace_dir(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return metrics


def _replace_dir(new: Path, out: Path) -> None:
    """Put ``new`` at ``out``, replacing an older result only once ``new`` is complete."""
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        new.rename(out)
        shutil.rmtree(old)
    else:
        new.rename(out)


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage dump
        self.exit(2, f"{self.prog}: error: {message}\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(f"must lie in 0..2**32-1, got {value}")
    return value


def parse_args(argv=None) -> argparse.Namespace:
    parser = _Parser(prog="python -m snippets.train",
                     description="Train the article's classifier and write its results.")
    parser.add_argument("--dataset", choices=dataset_mod.DATASETS, default=dataset_mod.DEFAULT_DATASET)
    defaults = results.run_defaults()
    parser.add_argument("--epochs", type=_positive, default=defaults["epochs"])
    parser.add_argument("--batch-size", type=_positive, default=defaults["batch_size"])
    parser.add_argument("--seed", type=_seed, default=defaults["seed"])
    parser.add_argument("--limit", type=_positive, default=None,
                        help="train on the first N training images only (quick runs)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the results")
    parser.add_argument("--quiet", action="store_true", help="no progress display")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.out.exists() and not args.out.is_dir():
        print(f"{sys.argv[0]}: error: --out {args.out} exists and is not a folder", file=sys.stderr)
        return 2
    params = {"dataset": args.dataset, "epochs": args.epochs,
              "batch_size": args.batch_size, "seed": args.seed, "limit": args.limit}
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    verbose = 0 if args.quiet else (1 if sys.stdout.isatty() else 2)
    try:
        metrics = run(params, args.out, verbose=verbose)
    except (dataset_mod.DatasetUnavailable, export.ExportError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\ninterrupted: nothing was written to {args.out}", file=sys.stderr)
        return 130
    print(f"test accuracy {metrics['test_accuracy']:.4f}, test loss {metrics['test_loss']:.4f}, "
          f"results in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
