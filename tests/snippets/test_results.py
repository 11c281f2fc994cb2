"""Stored results: fresh as committed, stale as soon as code, data, libraries or parameters change."""

import json
import shutil

import pytest

from snippets import results


@pytest.fixture
def copies(tmp_path):
    """Temporary copies of results/ and of the snippets package."""
    results_dir = tmp_path / "results"
    package_dir = tmp_path / "snippets"
    shutil.copytree(results.RESULTS_DIR, results_dir)
    shutil.copytree(results.PACKAGE_DIR, package_dir, ignore=shutil.ignore_patterns("__pycache__"))
    return results_dir, package_dir


def test_committed_results_are_fresh():
    runs = results.check()
    assert set(runs) == set(results.load_runs())
    metrics = runs["fashion_mnist"]
    assert metrics["params"]["epochs"] == 10 and metrics["params"]["batch_size"] == 64
    assert metrics["test_accuracy"] >= 0.875
    assert metrics["parameter_count"] == 101_770


def _stale(copies) -> str:
    with pytest.raises(results.StaleResult) as info:
        results.check(*copies)
    message = str(info.value)
    assert "results/fashion_mnist is stale" in message
    assert message.rstrip().endswith("Refresh with: make results")
    return message


def test_fresh_copies_pass(copies):
    assert results.check(*copies)


def test_changed_snippet_module_makes_results_stale(copies):
    model = copies[1] / "model.py"
    model.write_text(model.read_text(encoding="utf-8").replace("128", "256"), encoding="utf-8")
    assert "snippets/model.py changed" in _stale(copies)


def test_changed_run_parameter_makes_results_stale(copies):
    runs = copies[0] / "runs.yml"
    runs.write_text(runs.read_text(encoding="utf-8").replace("epochs: 10", "epochs: 12"),
                    encoding="utf-8")
    assert "run parameter epochs: 10 was recorded, 12 is asked for" in _stale(copies)


def test_changed_library_version_makes_results_stale(copies):
    path = copies[0] / "fashion_mnist" / "fingerprint.json"
    fingerprint = json.loads(path.read_text(encoding="utf-8"))
    fingerprint["libraries"]["keras"] = "3.0.0"
    path.write_text(json.dumps(fingerprint), encoding="utf-8")
    assert "keras 3.0.0 was recorded" in _stale(copies)


def test_changed_dataset_makes_results_stale(copies, monkeypatch):
    monkeypatch.setattr(results.dataset_mod, "dataset_checksum", lambda name: "sha256:other")
    assert "the dataset differs" in _stale(copies)


def test_missing_result_is_reported(copies):
    shutil.rmtree(copies[0] / "fashion_mnist")
    with pytest.raises(results.StaleResult, match="results/fashion_mnist: missing"):
        results.check(*copies)


def test_summary_is_derived_from_the_metrics():
    metrics = results.check()["fashion_mnist"]
    summary = results.summary(metrics)
    assert summary["epoch_time_first"] == metrics["epoch_times"][0]
    assert summary["train_time_total"] == pytest.approx(sum(metrics["epoch_times"]))
    confusion = metrics["confusion_matrix"]
    true = metrics["class_names"].index(summary["most_confused_true"])
    predicted = metrics["class_names"].index(summary["most_confused_predicted"])
    assert confusion[true][predicted] == summary["most_confused_count"]
    assert all(confusion[i][j] <= summary["most_confused_count"]
               for i in range(10) for j in range(10) if i != j)


def test_model_that_cannot_be_exported_leaves_stored_results_alone(monkeypatch, capsys):
    """make results with a model the page cannot run: one line naming the layer, nothing replaced."""
    from snippets import export, train

    before = {p.name: p.stat().st_mtime_ns for p in (results.RESULTS_DIR / "fashion_mnist").iterdir()}

    def refuse(params, out, verbose=0):
        raise export.ExportError("layer 'conv' (Conv2D) cannot run on the page: the export "
                                 "handles Flatten and Dense layers only")
    monkeypatch.setattr(train, "run", refuse)
    assert results.main(["--all"]) == 1
    err = capsys.readouterr().err
    assert "fashion_mnist: layer 'conv' (Conv2D) cannot run on the page" in err
    assert "the stored results were left as they were" in err and "Traceback" not in err
    after = {p.name: p.stat().st_mtime_ns for p in (results.RESULTS_DIR / "fashion_mnist").iterdir()}
    assert after == before
