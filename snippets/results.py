"""Stored results and their fingerprints (a freeze that also keys on data and libraries).

The site shows the outputs of full training runs stored under ``docs/results/``
(served with the pages: figures and ``metrics.json``; the model and the
fingerprint are excluded from the site in ``mkdocs.yml``).
Each run folder has a ``fingerprint.json`` recording what produced it: the
source of the snippet modules involved, the dataset checksum, the TensorFlow
and Keras versions and the run parameters. ``check`` recomputes that
fingerprint on this machine without importing TensorFlow, so a build can
refuse results that no longer match the code, the data or the libraries.

    python -m snippets.results            # refresh every stale run (make results)
    python -m snippets.results --check    # only report
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from importlib import metadata
from pathlib import Path

import yaml

from article_md.errors import yaml_syntax_error
from snippets import dataset as dataset_mod
from snippets import export

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
RESULTS_DIR = ROOT / "docs" / "results"
RUNS_FILE = RESULTS_DIR / "runs.yml"
# What every run folder must hold for the site (figures come from snippets.figures).
METRICS, FINGERPRINT, MODEL = "metrics.json", "fingerprint.json", "model.keras"
RUN_FILES = (METRICS, FINGERPRINT, MODEL, *export.FILES)
# The modules whose code decides what a run produces.
MODULES = ("dataset.py", "model.py", "train.py", "figures.py", "export.py")
REFRESH_COMMAND = "make results"
PARAM_KEYS = ("dataset", "epochs", "batch_size", "seed", "limit")


class ResultError(RuntimeError):
    """A stored result is unusable: its message names the file and the fix."""


class StaleResult(ResultError):
    """A stored result does not match what would produce it now."""


def display(path: Path) -> str:
    """A path as the author sees it: relative to the project folder where possible."""
    path = Path(path).resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def source_digests(package_dir: Path = PACKAGE_DIR) -> dict:
    return {name: "sha256:" + hashlib.sha256((package_dir / name).read_bytes()).hexdigest()
            for name in MODULES}


def installed_versions() -> dict:
    """TensorFlow and Keras versions from package metadata (no import)."""
    def version(*names):
        for name in names:
            try:
                return metadata.version(name)
            except metadata.PackageNotFoundError:
                continue
        return None
    return {"tensorflow": version("tensorflow", "tensorflow-cpu"), "keras": version("keras")}


def fingerprint(params: dict, dataset_checksum: str | None, env: dict | None = None,
                package_dir: Path = PACKAGE_DIR) -> dict:
    versions = installed_versions() if env is None else {
        "tensorflow": env["tensorflow"], "keras": env["keras"]}
    return {
        "sources": source_digests(package_dir),
        "dataset_checksum": dataset_checksum,
        "libraries": versions,
        "params": {k: params.get(k) for k in PARAM_KEYS},
    }


def summary(metrics: dict) -> dict:
    """Figures the pages quote that are derived from a run's stored metrics."""
    import statistics

    times = metrics["epoch_times"]
    confusion = metrics["confusion_matrix"]
    names = metrics["class_names"]
    errors = [(confusion[i][j], i, j) for i in range(len(confusion))
              for j in range(len(confusion)) if i != j]
    count, true, predicted = max(errors)
    return {
        "epoch_time_first": times[0],
        # the first epoch includes tracing and XLA compilation
        "epoch_time_median_rest": statistics.median(times[1:] or times),
        "train_time_total": sum(times),
        "most_confused_true": names[true],
        "most_confused_predicted": names[predicted],
        "most_confused_count": count,
    }


def load_runs(runs_file: Path = RUNS_FILE) -> dict:
    """The runs the site shows: name -> parameters."""
    where = display(runs_file)
    if not runs_file.is_file():
        raise ResultError(f"{where}: missing; it lists the training runs the site shows")
    try:
        runs = yaml.safe_load(runs_file.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ResultError(yaml_syntax_error(where, error)) from None
    if not isinstance(runs, dict) or not runs:
        raise ResultError(f"{where}: expected a mapping of run names to parameters")
    out = {}
    for name, params in runs.items():
        if not isinstance(params, dict):
            raise ResultError(f"{where}, run {name!r}: expected a mapping of parameters")
        unknown = set(params) - set(PARAM_KEYS)
        if unknown:
            raise ResultError(f"{where}, run {name!r}, field {sorted(unknown)[0]!r}: unknown field "
                              f"(known: {', '.join(PARAM_KEYS)})")
        out[name] = {**run_defaults(), **params}
    return out


def run_defaults() -> dict:
    """A run's parameters when runs.yml leaves them out: the dataset loader's default
    dataset and the keyword defaults of ``snippets.train.train``, their one place."""
    import inspect

    from snippets import train

    keywords = inspect.signature(train.train).parameters
    return {"dataset": dataset_mod.DEFAULT_DATASET,
            **{key: keywords[key].default for key in PARAM_KEYS if key != "dataset"}}


def read_json(path: Path) -> dict:
    """A stored JSON file, or a ResultError naming the file, the line and the fix."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ResultError(f"{display(path)}: not valid JSON at line {error.lineno}, column "
                          f"{error.colno} ({error.msg}); restore it with git or run "
                          f"'{REFRESH_COMMAND}'") from None
    except UnicodeDecodeError:
        raise ResultError(f"{display(path)}: not UTF-8 text; restore it with git or run "
                          f"'{REFRESH_COMMAND}'") from None
    if not isinstance(value, dict):
        raise ResultError(f"{display(path)}: expected a JSON object; restore it with git or run "
                          f"'{REFRESH_COMMAND}'")
    return value


def differences(stored: dict, expected: dict) -> list[str]:
    """Human-readable list of what changed between two fingerprints."""
    changes = []
    for name, digest in expected["sources"].items():
        if stored.get("sources", {}).get(name) != digest:
            changes.append(f"snippets/{name} changed")
    if stored.get("dataset_checksum") != expected["dataset_checksum"]:
        changes.append("the dataset differs" if expected["dataset_checksum"]
                       else "the dataset is not on this machine (apt-get install dataset-fashion-mnist)")
    for lib, version in expected["libraries"].items():
        was = stored.get("libraries", {}).get(lib)
        if was != version:
            changes.append(f"{lib} {was} was recorded, {version} is installed")
    for key, value in expected["params"].items():
        was = stored.get("params", {}).get(key)
        if was != value:
            changes.append(f"run parameter {key}: {was!r} was recorded, {value!r} is asked for")
    return changes


def check(results_dir: Path = RESULTS_DIR, package_dir: Path = PACKAGE_DIR,
          on_missing_dataset=None, dataset_checksum=None) -> dict:
    """Return {run name: metrics} if every stored run is fresh; raise ResultError otherwise.

    Where a run's dataset is not on this machine, its checksum cannot be
    compared: by default that makes the run stale; with ``on_missing_dataset``
    (a function taking one message) the rest of the fingerprint is still
    compared and the function is told what was skipped. ``dataset_checksum``
    stands in for ``data.dataset_checksum`` (the site build remembers it).
    """
    dataset_checksum = dataset_checksum or dataset_mod.dataset_checksum
    from snippets.figures import figure_files

    runs = load_runs(results_dir / "runs.yml")
    loaded, problems = {}, []
    for name, params in runs.items():
        run_dir = results_dir / name
        if not run_dir.is_dir():
            problems.append(f"{display(run_dir)}: missing (never produced)")
            continue
        absent = [f for f in (*RUN_FILES, *figure_files()) if not (run_dir / f).is_file()]
        if absent:
            problems.append(f"{display(run_dir / absent[0])}: missing"
                            + (f" (and {len(absent) - 1} more)" if len(absent) > 1 else ""))
            continue
        stored = read_json(run_dir / FINGERPRINT)
        expected = fingerprint(params, dataset_checksum(params["dataset"]), package_dir=package_dir)
        if expected["dataset_checksum"] is None and on_missing_dataset is not None:
            on_missing_dataset(f"{display(run_dir)}: the {params['dataset']} dataset is not on "
                               "this machine, so its checksum was not compared (sources, "
                               "library versions and run parameters were)")
            expected["dataset_checksum"] = stored.get("dataset_checksum")
        changes = differences(stored, expected)
        if changes:
            problems.append(f"{display(run_dir)} is stale: " + "; ".join(changes))
            continue
        loaded[name] = read_json(run_dir / METRICS)
    if problems:
        raise StaleResult("; ".join(problems) + f". Refresh with: {REFRESH_COMMAND}")
    return loaded


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m snippets.results",
                                     description="Check or refresh the stored results.")
    parser.add_argument("--check", action="store_true", help="only report stale results")
    parser.add_argument("--all", action="store_true", help="re-run every run, stale or not")
    args = parser.parse_args(argv)
    try:
        check()
        if not args.all:
            print("stored results are fresh")
            return 0
    except StaleResult as error:
        print(error, file=sys.stderr)
        if args.check:
            return 1
    except ResultError as error:  # not a matter of re-running: the author must fix it
        print(error, file=sys.stderr)
        return 1
    from snippets import train

    for name, params in load_runs().items():
        print(f"running {name}: {params}")
        try:
            train.run(params, RESULTS_DIR / name, verbose=2)
        except (dataset_mod.DatasetUnavailable, export.ExportError) as error:
            print(f"{name}: {error}; the stored results were left as they were", file=sys.stderr)
            return 1
    check()
    print("stored results refreshed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
