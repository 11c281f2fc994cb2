"""The site's figures: training curves, sample predictions, confusion matrix (SVG).

Each is drawn twice, for Material's light and dark colour schemes (``NAME.svg``
and ``NAME-dark.svg``), on a transparent background; the page shows the one
that matches the reader's scheme.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

CJK_FONT = "WenQuanYi Micro Hei"
FIGURES = ("training_curves.svg", "sample_predictions.svg", "confusion_matrix.svg")
# scheme -> (file name suffix, colour of text, axes and grid)
SCHEMES = {"light": ("", "#1f2328"), "dark": ("-dark", "#e3e5e8")}


def figure_files() -> list[str]:
    """Every file write_all writes: each figure in each scheme."""
    return [name.replace(".svg", f"{suffix}.svg") for name in FIGURES
            for suffix, _ in SCHEMES.values()]


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


def training_curves(metrics: dict, path: Path) -> None:
    plt = _pyplot()
    history = metrics["history"]
    epochs = np.arange(1, len(history["loss"]) + 1)
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


def sample_predictions(dataset, predicted: np.ndarray, path: Path, count: int = 15) -> None:
    plt = _pyplot()
    names = dataset.class_names
    fig, axes = plt.subplots(3, 5, figsize=(9, 6.2))
    for index, ax in enumerate(axes.flat[:count]):
        ax.imshow(dataset.x_test[index], cmap="gray_r")
        right = predicted[index] == dataset.y_test[index]
        ax.set_title(f"预测：{names[predicted[index]]}\n真实：{names[dataset.y_test[index]]}",
                     color="tab:green" if right else "tab:red", fontsize=10)
        ax.axis("off")
    _save(fig, path)


def confusion_matrix(metrics: dict, path: Path) -> None:
    plt = _pyplot()
    matrix = np.array(metrics["confusion_matrix"])
    names = metrics["class_names"]
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    image = ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(10), names, rotation=45, ha="right")
    ax.set_yticks(range(10), names)
    ax.set(xlabel="预测类别", ylabel="真实类别")
    threshold = matrix.max() / 2
    for (i, j), value in np.ndenumerate(matrix):
        ax.text(j, i, str(value), ha="center", va="center", fontsize=8,
                color="white" if value > threshold else "black")
    fig.colorbar(image, ax=ax, fraction=0.046)
    _save(fig, path)


def write_all(folder: Path, metrics: dict, dataset, predicted: np.ndarray) -> list[Path]:
    folder = Path(folder)
    paths = []
    for scheme, (suffix, _) in SCHEMES.items():
        _style(scheme)
        named = [folder / name.replace(".svg", f"{suffix}.svg") for name in FIGURES]
        training_curves(metrics, named[0])
        sample_predictions(dataset, predicted, named[1])
        confusion_matrix(metrics, named[2])
        paths += named
    return paths
