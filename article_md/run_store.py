"""The stored training runs the pages quote, read once and checked for freshness.

``stored(results_dir, missing_dataset)`` gives every run's metrics, its exported
classifier manifest and the worked loss example, after ``snippets.results.check``
has compared each run's fingerprint with this machine (sources, dataset
checksum, library versions). Read once per change of the stored runs or the
snippets package, for both editions (``docs/en/results`` links to
``docs/results``). The dataset's checksum is remembered in the build cache by
its files' size and time.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from article_md.errors import ContentError
from article_md.math import CACHE_DIR
from article_md.site import cached, files_stamp

log = logging.getLogger("mkdocs.article_md")


def _watch(results_dir: str, missing_dataset: str):
    from snippets import results

    return [results_dir, results.PACKAGE_DIR]


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    """Both editions read the same stored runs: one warning for the build, not one each."""
    if message not in _warned:
        _warned.add(message)
        log.warning(message)


def stored(results_dir: str, missing_dataset: str) -> dict:
    """{"runs": {run: metrics}, "exports": {run: classifier manifest}, "example": worked
    loss example}; checked for freshness. Read once for both editions (the English
    edition's ``docs/en/results`` is a link to ``docs/results``)."""
    return _stored(str(Path(results_dir).resolve()), missing_dataset)


@cached(_watch)
def _stored(results_dir: str, missing_dataset: str) -> dict:
    from snippets import export, loss, results

    warn = _warn_once if missing_dataset == "warn" else None
    folder = Path(results_dir)
    try:
        runs = results.check(folder, on_missing_dataset=warn, dataset_checksum=_dataset_checksum)
        exports = {run: results.read_json(folder / run / export.MANIFEST) for run in runs}
    except results.ResultError as error:
        raise ContentError(str(error)) from None
    return {"runs": runs, "exports": exports, "example": loss.worked_example()}


def _dataset_checksum(name: str) -> str | None:
    """``snippets.dataset.dataset_checksum``, remembered in the build cache by the dataset
    files' size and time: hashing the decompressed dataset takes about 0.3 s, on every
    build and on every `mkdocs serve` reload after a snippet module changes."""
    from snippets import dataset

    files = dataset.dataset_files(name)  # the files dataset_checksum hashes
    stamp = files_stamp(files)
    if len(stamp) != len(files):  # not all on this machine: nothing to remember
        return dataset.dataset_checksum(name)
    stamp = json.dumps(stamp)
    path = Path(CACHE_DIR) / "dataset-checksums.json"
    try:
        known = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    if known.get(name, {}).get("stamp") != stamp:
        known[name] = {"stamp": stamp, "checksum": dataset.dataset_checksum(name)}
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(known), encoding="utf-8")
        temporary.replace(path)
    return known[name]["checksum"]
