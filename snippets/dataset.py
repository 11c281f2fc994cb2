"""Load the image dataset the article's classifier is trained on.

Fashion-MNIST is the default: Debian's ``dataset-fashion-mnist`` package ships
it, so the project runs without internet; its files are read directly, so
loading never depends on Keras' download cache. MNIST stays selectable and is
downloaded by Keras (into Keras' own cache) where there is internet. Both are
28x28 grayscale images in 10 classes.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATASETS = ("fashion_mnist", "mnist")
DEFAULT_DATASET = "fashion_mnist"

# Where Debian's dataset-fashion-mnist package puts the files, under the names
# Keras' loader uses. FASHION_MNIST_DIR points elsewhere (e.g. on macOS, a folder
# holding the four files from https://github.com/zalandoresearch/fashion-mnist).
DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")
FASHION_FILES = (
    "train-labels-idx1-ubyte.gz",
    "train-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
)

CLASS_NAMES = {
    "fashion_mnist": (
        "T恤/上衣", "裤子", "套头衫", "连衣裙", "外套",
        "凉鞋", "衬衫", "运动鞋", "包", "短靴",
    ),
    "mnist": tuple(str(d) for d in range(10)),
}
# The dataset's own English labels (https://github.com/zalandoresearch/fashion-mnist#labels),
# for the English edition; the stored runs and figures keep the Chinese ones.
CLASS_NAMES_EN = {
    "fashion_mnist": (
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ),
    "mnist": tuple(str(d) for d in range(10)),
}


class DatasetUnavailable(RuntimeError):
    """The dataset is neither installed locally nor downloadable."""


@dataclass(frozen=True)
class Dataset:
    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    checksum: str | None

    @property
    def class_names(self) -> tuple[str, ...]:
        return CLASS_NAMES[self.name]


def fashion_dir() -> Path:
    """The folder with the Fashion-MNIST files: ``$FASHION_MNIST_DIR`` or Debian's."""
    return Path(os.environ.get("FASHION_MNIST_DIR") or DEBIAN_DIR)


def fashion_files_present() -> bool:
    return all((fashion_dir() / f).is_file() for f in FASHION_FILES)


def keras_cache() -> Path:
    """The folder Keras downloads datasets into, as Keras itself sees it.

    Keras reads ``KERAS_HOME`` once, when it is first imported: once imported,
    ask Keras; before that, Keras will use what the environment says now.
    """
    if "keras" in sys.modules:
        from keras.src.backend.config import keras_home

        return Path(keras_home()) / "datasets"
    return Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras") / "datasets"


def _read_idx(path: Path, offset: int) -> np.ndarray:
    """The bytes of one gzipped IDX file after its header (as Keras' loader reads it)."""
    with gzip.open(path, "rb") as stream:
        return np.frombuffer(stream.read(), np.uint8, offset=offset)


def _load_fashion_files(folder: Path):
    """(x_train, y_train), (x_test, y_test) as uint8 arrays, read straight from the files."""
    labels = {split: _read_idx(folder / f"{split}-labels-idx1-ubyte.gz", 8)
              for split in ("train", "t10k")}
    images = {split: _read_idx(folder / f"{split}-images-idx3-ubyte.gz", 16)
              .reshape(len(labels[split]), 28, 28) for split in ("train", "t10k")}
    return (images["train"], labels["train"]), (images["t10k"], labels["t10k"])


def dataset_files(name: str) -> list[Path]:
    if name == "fashion_mnist":
        folder = fashion_dir() if fashion_files_present() else keras_cache() / "fashion-mnist"
        return [folder / f for f in FASHION_FILES]
    return [keras_cache() / "mnist.npz"]


def dataset_checksum(name: str = DEFAULT_DATASET) -> str | None:
    """SHA-256 of the dataset's files as Keras reads them, without importing Keras.

    Gzipped files are hashed after decompression, so a copy compressed on another
    day (another gzip timestamp) still has the same checksum. ``None`` when the
    files are not on this machine.
    """
    files = dataset_files(name)
    if not all(f.is_file() for f in files):
        return None
    digest = hashlib.sha256()
    for path in files:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    return "sha256:" + digest.hexdigest()


def _unavailable_message(name: str, error: Exception) -> str:
    if name == "fashion_mnist":
        return (
            f"Fashion-MNIST is not available ({error}). Install it offline with "
            "'apt-get install dataset-fashion-mnist' (Debian), or put its four files in "
            "a folder named by FASHION_MNIST_DIR, or connect to the internet so Keras "
            "can download it."
        )
    return (
        f"MNIST is not available ({error}). Keras downloads it on first use, "
        "which needs internet; offline, use --dataset fashion_mnist "
        "(Debian package dataset-fashion-mnist)."
    )


# --8<-- [start:load]
def load_dataset(name: str = DEFAULT_DATASET) -> Dataset:
    """Return the train and test splits with pixels scaled to [0, 1]."""
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}")
    if name == "fashion_mnist" and fashion_files_present():
        # Local files (Debian's package): read directly, no Keras cache involved.
        (x_train, y_train), (x_test, y_test) = _load_fashion_files(fashion_dir())
    else:
        import keras  # imported late: loading TensorFlow takes seconds

        try:  # Keras downloads into its own cache
            (x_train, y_train), (x_test, y_test) = getattr(keras.datasets, name).load_data()
        except Exception as error:  # Keras raises plain Exceptions on failed downloads
            raise DatasetUnavailable(_unavailable_message(name, error)) from error

    checksum = dataset_checksum(name)
    # uint8 in [0, 255] -> float32 in [0, 1]; labels stay integer class ids.
    x_train = x_train.astype("float32") / 255.0
    x_test = x_test.astype("float32") / 255.0
    return Dataset(name, x_train, y_train.astype("int64"), x_test,
                   y_test.astype("int64"), checksum)
# --8<-- [end:load]
