import numpy as np
import pytest

from snippets import dataset


def test_shapes_dtypes_and_range(fashion):
    assert fashion.x_train.shape == (60000, 28, 28)
    assert fashion.x_test.shape == (10000, 28, 28)
    assert fashion.y_train.shape == (60000,) and fashion.y_test.shape == (10000,)
    assert fashion.x_train.dtype == np.float32
    assert fashion.x_train.min() == 0.0 and fashion.x_train.max() == 1.0
    assert set(np.unique(fashion.y_train)) == set(range(10))
    assert len(fashion.class_names) == 10


# Loading must not depend on Keras' cache, on KERAS_HOME or on when Keras was
# imported (Keras reads KERAS_HOME once, at its first import).
LOAD_IN_FRESH_PROCESS = """
import os, sys
if sys.argv[1] == "keras-first":
    import keras  # Keras fixes its cache folder now
    os.environ["KERAS_HOME"] = sys.argv[2]  # too late for Keras
from snippets import dataset
d = dataset.load_dataset("fashion_mnist")
print(d.x_train.shape[0], d.y_test[:5].tolist(), d.checksum)
"""


@pytest.mark.parametrize("order", ["keras-first", "snippets-first"])
@pytest.mark.parametrize("keras_home", ["set", "unset"])
def test_loading_ignores_keras_home_and_import_order(fashion, tmp_path, order, keras_home):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    home = tmp_path / "empty_home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "KERAS_HOME"}
    env.update(HOME=str(home), TF_CPP_MIN_LOG_LEVEL="3")
    if keras_home == "set":
        env["KERAS_HOME"] = str(tmp_path / "keras_home")
    result = subprocess.run([sys.executable, "-c", LOAD_IN_FRESH_PROCESS, order,
                             str(tmp_path / "late")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[0] == "60000"
    assert result.stdout.strip().endswith(fashion.checksum)
    assert not (home / ".keras" / "datasets").exists()  # nothing cached or linked


def test_files_are_read_as_keras_reads_them(fashion, monkeypatch):
    """Keras' own loader, handed the same files, returns the same arrays."""
    import keras.src.datasets.fashion_mnist as keras_loader

    monkeypatch.setattr(keras_loader, "get_file",
                        lambda fname, **kwargs: str(dataset.fashion_dir() / fname), raising=False)
    (x_train, y_train), (x_test, y_test) = keras_loader.load_data()
    assert np.array_equal(x_train.astype("float32") / 255.0, fashion.x_train)
    assert np.array_equal(y_test, fashion.y_test)


def test_checksum_is_stable_and_ignores_gzip_headers(fashion, tmp_path, monkeypatch):
    assert fashion.checksum == dataset.dataset_checksum("fashion_mnist")
    assert fashion.checksum.startswith("sha256:")
    # A copy recompressed on another day has other gzip bytes but the same checksum.
    import gzip
    import shutil
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in dataset.FASHION_FILES:
        with gzip.open(dataset.fashion_dir() / name) as src, gzip.GzipFile(
                copy / name, "wb", compresslevel=1, mtime=12345) as dst:
            shutil.copyfileobj(src, dst)
    monkeypatch.setenv("FASHION_MNIST_DIR", str(copy))
    assert dataset.dataset_checksum("fashion_mnist") == fashion.checksum


def test_unknown_dataset_is_rejected():
    with pytest.raises(ValueError, match="unknown dataset 'cifar'"):
        dataset.load_dataset("cifar")


def test_missing_dataset_names_the_debian_package(tmp_path, monkeypatch):
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path / "absent"))
    monkeypatch.setattr(dataset, "keras_cache", lambda: tmp_path / "empty_cache")
    # No network here or on CI: Keras' download fails, and the message says what to do.
    import keras.src.utils.file_utils as file_utils

    def offline(*args, **kwargs):
        raise Exception("URL fetch failure: no network")
    monkeypatch.setattr(file_utils.urllib.request, "urlretrieve", offline, raising=False)
    monkeypatch.setattr("keras.src.datasets.fashion_mnist.get_file",
                        lambda *a, **k: offline())
    with pytest.raises(dataset.DatasetUnavailable, match="apt-get install dataset-fashion-mnist"):
        dataset.load_dataset("fashion_mnist")
    assert dataset.dataset_checksum("fashion_mnist") is None
