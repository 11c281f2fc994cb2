import re

import numpy as np
import pytest

from snippets import figures


class _Data:
    class_names = tuple(f"类{i}" for i in range(10))
    x_test = np.random.default_rng(0).random((15, 28, 28)).astype("float32")
    y_test = np.arange(15) % 10


def _metrics():
    confusion = np.eye(10, dtype=int) * 90 + 1
    return {"history": {"loss": [0.6, 0.4, 0.3], "accuracy": [0.8, 0.85, 0.88]},
            "test_accuracy": 0.86, "confusion_matrix": confusion.tolist(),
            "class_names": list(_Data.class_names)}


def test_writes_three_svg_figures_per_layout_and_colour_scheme_with_chinese_text(tmp_path):
    predicted = (np.arange(15) + (np.arange(15) % 4 == 0)) % 10
    paths = figures.write_all(tmp_path, _metrics(), _Data(), predicted)
    assert sorted(p.name for p in paths) == sorted(figures.figure_files())
    assert len(paths) == 2 * 2 * len(figures.FIGURES)
    for path in paths:
        svg = path.read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
        assert 'id="WenQuanYiMicroHei-' in svg  # glyphs drawn from the CJK font, as paths
        # transparent: no white figure background, the page's own shows through
        assert not re.search(r'<g id="patch_1">\s*<path[^>]*style="fill: #ffffff', svg)
        if not path.stem.startswith("sample_predictions"):  # those have no axes
            ink = figures.SCHEMES["dark" if path.stem.endswith("-dark") else "light"][1]
            assert ink in svg  # text and axes in the scheme's colour


def test_narrow_figures_fit_a_phone_at_nearly_their_size(tmp_path):
    """A 360 px phone's text column is 328 px: there a narrow figure is shown at 90% of its
    size or more, where a wide one came out at 44-49% (text of about 6 px)."""
    paths = figures.write_all(tmp_path, _metrics(), _Data(), np.arange(15) % 10)
    for path in paths:
        points = re.search(r'<svg[^>]* width="([\d.]+)pt"', path.read_text(encoding="utf-8"))
        width = float(points[1]) * 4 / 3  # CSS px
        if "-narrow" in path.name:
            assert 328 / width >= 0.9, (path.name, width)
        else:
            assert width > 600, (path.name, width)  # the wide drawing for a desktop column


def test_same_input_same_bytes(tmp_path):
    predicted = np.arange(15) % 10
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = figures.write_all(tmp_path / "a", _metrics(), _Data(), predicted)
    b = figures.write_all(tmp_path / "b", _metrics(), _Data(), predicted)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_missing_chinese_font_names_the_package(monkeypatch):
    monkeypatch.setattr(figures, "CJK_FONT", "No Such Font")
    with pytest.raises(RuntimeError, match="apt-get install fonts-wqy-microhei"):
        figures._style()
