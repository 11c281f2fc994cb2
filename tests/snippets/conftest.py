import pytest

from snippets import dataset
from tests.conftest import require


@pytest.fixture(scope="session")
def fashion():
    require(dataset.fashion_files_present(), f"Fashion-MNIST files in {dataset.fashion_dir()}",
            "apt-get install dataset-fashion-mnist (or set FASHION_MNIST_DIR)")
    return dataset.load_dataset("fashion_mnist")
