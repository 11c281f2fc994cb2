import pytest

from snippets import data
from tests.conftest import require


@pytest.fixture(scope="session")
def fashion():
    require(data.fashion_files_present(), f"Fashion-MNIST files in {data.fashion_dir()}",
            "apt-get install dataset-fashion-mnist (or set FASHION_MNIST_DIR)")
    return data.load_dataset("fashion_mnist")
