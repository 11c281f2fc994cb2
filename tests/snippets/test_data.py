import numpy as np
import pytest

from snippets import data


def test_shapes_dtypes_and_range(fashion):
    assert fashion.x_train.shape == (60000, 28, 28)
    assert fashion.x_test.shape == (10000, 28, 28)
    assert fashion.y_train.shape == (60000,) and fashion.y_test.shape == (10000,)
    assert fashion.x_train.dtype == np.float32
    assert fashion.x_train.min() == 0.0 and fashion.x_train.max() == 1.0
    assert set(np.unique(fashion.y_train)) == set(range(10))
    assert len(fashion.class_names) == 10


def test_loaded_offline_through_keras_cache(fashion, isolated_keras_home):
    cache = isolated_keras_home / "datasets" / "fashion-mnist"
    assert sorted(p.name for p in cache.iterdir()) == sorted(data.FASHION_FILES)


def test_checksum_is_stable_and_ignores_gzip_headers(fashion, tmp_path, monkeypatch):
    assert fashion.checksum == data.dataset_checksum("fashion_mnist")
    assert fashion.checksum.startswith("sha256:")
    # A copy recompressed on another day has other gzip bytes but the same checksum.
    import gzip
    import shutil
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in data.FASHION_FILES:
        with gzip.open(data.DEBIAN_DIR / name) as src, gzip.GzipFile(
                copy / name, "wb", mtime=12345) as dst:
            shutil.copyfileobj(src, dst)
    monkeypatch.setattr(data, "DEBIAN_DIR", copy)
    assert data.dataset_checksum("fashion_mnist") == fashion.checksum


def test_unknown_dataset_is_rejected():
    with pytest.raises(ValueError, match="unknown dataset 'cifar'"):
        data.load_dataset("cifar")


def test_missing_dataset_names_the_debian_package(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DEBIAN_DIR", tmp_path / "absent")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "empty_home"))
    # No network here or on CI: Keras' download fails, and the message says what to do.
    import keras.src.utils.file_utils as file_utils

    def offline(*args, **kwargs):
        raise Exception("URL fetch failure: no network")
    monkeypatch.setattr(file_utils.urllib.request, "urlretrieve", offline, raising=False)
    monkeypatch.setattr("keras.src.datasets.fashion_mnist.get_file",
                        lambda *a, **k: offline())
    with pytest.raises(data.DatasetUnavailable, match="apt-get install dataset-fashion-mnist"):
        data.load_dataset("fashion_mnist")
    assert data.dataset_checksum("fashion_mnist") is None
