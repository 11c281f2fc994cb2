"""Load the image dataset the article's classifier is trained on.

Fashion-MNIST is the default: Debian's ``dataset-fashion-mnist`` package ships
it, so the project runs without internet. MNIST stays selectable and is
downloaded by Keras where there is internet. Both are 28x28 grayscale images
in 10 classes, loaded through Keras' own loaders.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATASETS = ("fashion_mnist", "mnist")
DEFAULT_DATASET = "fashion_mnist"

# Where Debian's dataset-fashion-mnist package puts the files, under the very
# names Keras' loader asks for.
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


def keras_home() -> Path:
    """The folder Keras caches datasets in (``$KERAS_HOME`` or ``~/.keras``)."""
    return Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras")


def _offer_debian_files() -> None:
    """Link Debian's Fashion-MNIST files where Keras' loader looks first."""
    if not all((DEBIAN_DIR / f).is_file() for f in FASHION_FILES):
        return
    cache = keras_home() / "datasets" / "fashion-mnist"
    cache.mkdir(parents=True, exist_ok=True)
    for name in FASHION_FILES:
        target = cache / name
        if not target.exists():
            if target.is_symlink():  # dangling link from an old install
                target.unlink()
            target.symlink_to(DEBIAN_DIR / name)


def _dataset_files(name: str) -> list[Path]:
    cache = keras_home() / "datasets"
    if name == "fashion_mnist":
        folder = DEBIAN_DIR if (DEBIAN_DIR / FASHION_FILES[0]).is_file() else cache / "fashion-mnist"
        return [folder / f for f in FASHION_FILES]
    return [cache / "mnist.npz"]


def dataset_checksum(name: str = DEFAULT_DATASET) -> str | None:
    """SHA-256 of the dataset's files as Keras reads them, without importing Keras.

    Gzipped files are hashed after decompression, so a copy compressed on another
    day (another gzip timestamp) still has the same checksum. ``None`` when the
    files are not on this machine.
    """
    files = _dataset_files(name)
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
            "'apt-get install dataset-fashion-mnist' (Debian), or connect to the "
            "internet so Keras can download it."
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
    if name == "fashion_mnist":
        _offer_debian_files()
    import keras  # imported late: loading TensorFlow takes seconds

    loader = getattr(keras.datasets, name)
    try:
        (x_train, y_train), (x_test, y_test) = loader.load_data()
    except Exception as error:  # Keras raises plain Exceptions on failed downloads
        raise DatasetUnavailable(_unavailable_message(name, error)) from error

    checksum = dataset_checksum(name)
    # uint8 in [0, 255] -> float32 in [0, 1]; labels stay integer class ids.
    x_train = x_train.astype("float32") / 255.0
    x_test = x_test.astype("float32") / 255.0
    return Dataset(name, x_train, y_train.astype("int64"), x_test,
                   y_test.astype("int64"), checksum)
# --8<-- [end:load]
