import pytest

from snippets import data
from tests.conftest import require


@pytest.fixture(scope="session")
def fashion():
    require(all((data.DEBIAN_DIR / f).is_file() for f in data.FASHION_FILES),
            f"Fashion-MNIST files in {data.DEBIAN_DIR}",
            "apt-get install dataset-fashion-mnist")
    return data.load_dataset("fashion_mnist")
