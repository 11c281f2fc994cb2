"""The site's figures: training curves, sample predictions, confusion matrix (SVG).

Each is drawn for Material's light and dark colour schemes (``NAME.svg`` and
``NAME-dark.svg``), on a transparent background; the page shows the one that
matches the reader's scheme. And each is drawn in two layouts: wide, for the
text column of a tablet or desktop, and narrow (``NAME-narrow.svg``,
``NAME-narrow-dark.svg``), for a phone. A wide figure shrunk to a phone's width
has text of 5-6 px; the narrow one stacks its panels and is about as wide as a
phone's text column (``NARROW_WIDTH`` inches, 317 CSS px, before matplotlib's
tight bounding box adds its margins), so that its text keeps nearly its size.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

CJK_FONT = "WenQuanYi Micro Hei"
FIGURES = ("training_curves.svg", "sample_predictions.svg", "confusion_matrix.svg")
# scheme -> (file name suffix, colour of text, axes and grid)
SCHEMES = {"light": ("", "#1f2328"), "dark": ("-dark", "#e3e5e8")}
# layout -> file name suffix (before the scheme's)
LAYOUTS = {"wide": "", "narrow": "-narrow"}
NARROW_WIDTH = 3.3  # inches: 317 CSS px, a little less than the text column of a 360 px phone


def file_name(figure: str, layout: str, scheme: str) -> str:
    """training_curves.svg, narrow, dark -> training_curves-narrow-dark.svg"""
    return figure.replace(".svg", f"{LAYOUTS[layout]}{SCHEMES[scheme][0]}.svg")


def figure_files() -> list[str]:
    """Every file write_all writes: each figure in each layout and scheme."""
    return [file_name(name, layout, scheme) for name in FIGURES for layout in LAYOUTS
            for scheme in SCHEMES]


def _pyplot():
    """matplotlib's pyplot, imported on first use (the site build only needs FIGURES)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _style(scheme: str = "light") -> None:
    from matplotlib import font_manager

    plt = _pyplot()
    names = {f.name for f in font_manager.fontManager.ttflist}
    if CJK_FONT not in names:
        font_manager.fontManager.__init__()  # font installed after matplotlib's cache was built
        names = {f.name for f in font_manager.fontManager.ttflist}
    if CJK_FONT not in names:
        raise RuntimeError(f"font {CJK_FONT!r} not found: apt-get install fonts-wqy-microhei")
    ink = SCHEMES[scheme][1]
    plt.rcParams.update({
        "font.family": [CJK_FONT],
        "axes.unicode_minus": False,
        "svg.hashsalt": "article",  # stable ids: same run, same bytes
        "figure.dpi": 100,
        "savefig.transparent": True,  # the page's background shows through
        "text.color": ink, "axes.labelcolor": ink, "axes.edgecolor": ink,
        "xtick.color": ink, "ytick.color": ink, "grid.color": ink,
        "legend.facecolor": "none", "legend.edgecolor": ink, "legend.labelcolor": ink,
    })


def _save(fig, path: Path) -> None:
    plt = _pyplot()
    fig.savefig(path, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)


def training_curves(metrics: dict, path: Path, narrow: bool = False) -> None:
    plt = _pyplot()
    history = metrics["history"]
    epochs = np.arange(1, len(history["loss"]) + 1)
    if narrow:  # the two panels one above the other
        fig, (ax_loss, ax_acc) = plt.subplots(2, 1, figsize=(NARROW_WIDTH, 5.6),
                                              layout="constrained")
    else:
        fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(9, 3.4))
    ax_loss.plot(epochs, history["loss"], marker="o")
    ax_loss.set(title="训练损失", xlabel="轮次（epoch）", ylabel="交叉熵")
    ax_acc.plot(epochs, history["accuracy"], marker="o", label="训练集")
    ax_acc.axhline(metrics["test_accuracy"], color="tab:red", linestyle="--", label="测试集（训练后）")
    ax_acc.set(title="准确率", xlabel="轮次（epoch）", ylabel="准确率")
    ax_acc.legend()
    for ax in (ax_loss, ax_acc):
        ax.grid(alpha=0.3)
        ax.set_xticks(epochs)
    _save(fig, path)


def sample_predictions(dataset, predicted: np.ndarray, path: Path, count: int = 15,
                       narrow: bool = False) -> None:
    plt = _pyplot()
    names = dataset.class_names
    if narrow:  # three images a row instead of five
        fig, axes = plt.subplots(5, 3, figsize=(NARROW_WIDTH, 8.6))
    else:
        fig, axes = plt.subplots(3, 5, figsize=(9, 6.2))
    for index, ax in enumerate(axes.flat[:count]):
        ax.imshow(dataset.x_test[index], cmap="gray_r")
        right = predicted[index] == dataset.y_test[index]
        ax.set_title(f"预测：{names[predicted[index]]}\n真实：{names[dataset.y_test[index]]}",
                     color="tab:green" if right else "tab:red", fontsize=10)
        ax.axis("off")
    _save(fig, path)


def confusion_matrix(metrics: dict, path: Path, narrow: bool = False) -> None:
    plt = _pyplot()
    matrix = np.array(metrics["confusion_matrix"])
    names = metrics["class_names"]
    # Narrow: no colour bar (every cell gives its number), smaller type in the cells.
    fig, ax = plt.subplots(figsize=(NARROW_WIDTH, 3.9) if narrow else (7.5, 6.5))
    image = ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(10), names, rotation=60 if narrow else 45, ha="right",
                  fontsize=8 if narrow else None)
    ax.set_yticks(range(10), names, fontsize=8 if narrow else None)
    ax.set(xlabel="预测类别", ylabel="真实类别")
    threshold = matrix.max() / 2
    for (i, j), value in np.ndenumerate(matrix):
        ax.text(j, i, str(value), ha="center", va="center", fontsize=6.5 if narrow else 8,
                color="white" if value > threshold else "black")
    if not narrow:
        fig.colorbar(image, ax=ax, fraction=0.046)
    _save(fig, path)


def write_all(folder: Path, metrics: dict, dataset, predicted: np.ndarray) -> list[Path]:
    folder = Path(folder)
    paths = []
    for scheme in SCHEMES:
        _style(scheme)
        for layout in LAYOUTS:
            narrow = layout == "narrow"
            named = [folder / file_name(name, layout, scheme) for name in FIGURES]
            training_curves(metrics, named[0], narrow=narrow)
            sample_predictions(dataset, predicted, named[1], narrow=narrow)
            confusion_matrix(metrics, named[2], narrow=narrow)
            paths += named
    return paths
