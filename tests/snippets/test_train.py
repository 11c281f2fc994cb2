import json
import os
import subprocess
import sys

import numpy as np
import pytest

from snippets import figures, results, train
from tests.conftest import ROOT


def test_short_training_run_learns(fashion):
    model, history, times = train.train(fashion, epochs=1, limit=10_000, seed=0, verbose=0)
    loss, accuracy, predicted, confusion = train.evaluate(model, fashion)
    assert accuracy > 0.75
    assert len(history["loss"]) == 1 and len(times) == 1
    assert confusion.sum() == len(fashion.y_test)
    assert np.trace(confusion) / confusion.sum() == pytest.approx(accuracy, abs=1e-6)
    assert predicted.shape == fashion.y_test.shape


def test_seeded_runs_are_identical(fashion):
    runs = [train.train(fashion, epochs=2, limit=5_000, seed=3, verbose=0) for _ in range(2)]
    assert runs[0][1] == runs[1][1]
    weights = [run[0].get_weights() for run in runs]
    assert all(np.array_equal(a, b) for a, b in zip(*weights))
    other = train.train(fashion, epochs=2, limit=5_000, seed=4, verbose=0)
    assert other[1] != runs[0][1]


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "snippets.train", *args], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=300)


def test_cli_writes_every_output(tmp_path, fashion):
    out = tmp_path / "run"
    result = _cli("--epochs", "1", "--limit", "3000", "--batch-size", "64", "--seed", "0",
                  "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "test accuracy" in result.stdout
    names = {p.name for p in out.iterdir()}
    assert names == {*results.RUN_FILES, *figures.figure_files()}  # the export included
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["params"] == {"dataset": "fashion_mnist", "epochs": 1, "batch_size": 64,
                                 "seed": 0, "limit": 3000}
    assert metrics["parameter_count"] == 101_770
    assert metrics["train_size"] == 3000 and metrics["test_size"] == 10_000
    assert len(metrics["epoch_times"]) == 1 and len(metrics["history"]["accuracy"]) == 1
    assert metrics["dataset_checksum"] == fashion.checksum
    assert {"tensorflow", "keras", "python", "device"} <= set(metrics["environment"])
    for name in figures.figure_files():
        assert (out / name).read_text(encoding="utf-8").lstrip().startswith("<?xml")
    # no staging folders left beside the result
    assert [p.name for p in tmp_path.iterdir()] == ["run"]


@pytest.mark.parametrize("args, message", [
    (["--epochs", "0"], "--epochs: must be at least 1, got 0"),
    (["--batch-size", "many"], "expected a whole number, got 'many'"),
    (["--dataset", "cifar"], "invalid choice: 'cifar'"),
    (["--seed", "-1"], "must lie in 0..2**32-1"),
])
def test_cli_bad_argument_is_one_line(tmp_path, args, message):
    proc = _cli(*args, "--out", str(tmp_path / "x"))
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()


def test_interrupted_run_leaves_previous_result_untouched(tmp_path, fashion, monkeypatch):
    out = tmp_path / "run"
    out.mkdir()
    (out / "metrics.json").write_text('{"old": true}', encoding="utf-8")

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(figures, "write_all", interrupt)
    params = {"dataset": "fashion_mnist", "epochs": 1, "batch_size": 64, "seed": 0, "limit": 1000}
    with pytest.raises(KeyboardInterrupt):
        train.run(params, out, verbose=0)
    assert [p.name for p in tmp_path.iterdir()] == ["run"]
    assert json.loads((out / "metrics.json").read_text()) == {"old": True}
