"""Every kind of author mistake stops the build with one line naming the file and the fix.

Each case edits a temporary copy of the project. The content check
(``article_md.check``, which the build runs first through ``hooks/content.py``)
must name every mistake it can see in its one line; those only the rendering or
MkDocs' own validation can see (a formula's TeX, a link) are built. Then one
strict build per way a build can stop (the content check, an extension while
rendering, MkDocs' validation, the English edition's build, the config file)
shows that the line reaches the author with no traceback and that nothing is
written to the site folder. (Mistakes in data/*.yml have their own cases in
tests/data/test_data_files.py.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site.conftest import content_check_error, copy_project, mkdocs_build


def _replace(old: str, new: str):
    def edit(path: Path):
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _write(content: str):
    return lambda path: path.write_text(content, encoding="utf-8")


def _append(content: str):
    return lambda path: path.write_text(path.read_text(encoding="utf-8") + content, encoding="utf-8")


def edited_line(before: str, after: str) -> int:
    """The line of a page that an edit changed (its first non-blank changed line), so that
    the expected messages ("line {line}") follow the pages as authors edit them."""
    old, new = before.split("\n"), after.split("\n")
    line = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    while line < len(new) - 1 and not new[line].strip():
        line += 1
    return line + 1


def _expected(project: Path, relative: str, edit, message: str) -> str:
    """Apply the case's edit to the copy; the message with the edited line filled in."""
    path = project / relative
    before = path.read_text(encoding="utf-8") if path.is_file() else ""
    edit(path)
    if "{line}" not in message:
        return message
    return message.format(line=edited_line(before, path.read_text(encoding="utf-8")))


RESULTS = "docs/results"
RUN = f"{RESULTS}/fashion_mnist"
CASES = {
    "snippet section that does not exist": (
        "docs/05-practice.md", _replace('"snippets/model.py:model"', '"snippets/model.py:no_such_section"'),
        "docs/05-practice.md, line {line}: --8<-- names section 'no_such_section' of snippets/model.py, "
        "which has no '# --8<-- [start:no_such_section]' line"),
    "snippet file that does not exist": (
        "docs/05-practice.md", _replace('"snippets/dataset.py:load"', '"snippets/dta.py:load"'),
        "docs/05-practice.md, line {line}: --8<-- names 'snippets/dta.py', which does not exist"),
    "unknown marker kind": (
        "docs/08-summary.md", _append("\n[[reslt:fashion_mnist:test_loss]]\n"),
        "docs/08-summary.md, line {line}: unknown marker [[reslt:fashion_mnist:test_loss]]"),
    "result field that does not exist": (
        "docs/05-practice.md", _append("\n[[result:fashion_mnist:no_such_field]]\n"),
        "[[result:fashion_mnist:no_such_field]]: no field 'no_such_field'"),
    "figure without alt text": (
        "docs/05-practice.md", _append("\n[[figure:fashion_mnist:confusion_matrix]]\n"),
        "a figure needs alt text: [[figure:RUN:NAME|替代文字]]"),
    "unknown citation key": (
        "docs/08-summary.md", _replace("[@zhang2017]", "[@zhang2071]"),
        "docs/08-summary.md, line {line}: citation [@zhang2071] names an unknown reference key"),
    "malformed citation": (
        "docs/08-summary.md", _replace("[@zhang2017]", "[@Zhang 2017]"),
        "docs/08-summary.md, line {line}: malformed citation [@Zhang 2017] (write [@key] or [@key1; @key2])"),
    "unknown data list": (
        "docs/07-resources.md", _replace("[[data:books]]", "[[data:bookz]]"),
        "docs/07-resources.md, line {line}: unknown data list [[data:bookz]]"),
    "corrupt metrics.json": (
        f"{RUN}/metrics.json", _write('{"test_loss": 0.34,\n'),
        f"{RUN}/metrics.json: not valid JSON at line 2, column 1"),
    "corrupt fingerprint.json": (
        f"{RUN}/fingerprint.json", _write("not json"),
        f"{RUN}/fingerprint.json: not valid JSON at line 1, column 1"),
    "figure deleted from the results": (
        f"{RUN}/training_curves.svg", Path.unlink,
        f"{RUN}/training_curves.svg: missing. Refresh with: make results"),
    "run folder deleted": (
        RUN, shutil.rmtree, f"{RUN}: missing (never produced). Refresh with: make results"),
    "unknown field in runs.yml": (
        f"{RESULTS}/runs.yml", _replace("  epochs: 10", "  epocs: 10"),
        f"{RESULTS}/runs.yml, run 'fashion_mnist', field 'epocs': unknown field"),
    "YAML syntax error in runs.yml": (
        f"{RESULTS}/runs.yml", _replace("  epochs: 10", "  epochs: [10"),
        f"{RESULTS}/runs.yml: YAML syntax error at line"),
    "nav entry naming a missing page": (
        "mkdocs.yml", _replace("08-summary.md", "08-sumary.md"),
        "mkdocs.yml, nav entry '8. 总结：未来发展趋势与挑战': docs/08-sumary.md does not exist"),
    "corrupt notebook": (
        "docs/notebook.ipynb", _write('{"cells": ['),
        "docs/notebook.ipynb: not a valid Jupyter notebook"),
    "formula with a TeX error": (
        "docs/04-math.md", _append("\n$\\frac{1$\n"),
        "04-math.md: formula '\\\\frac{1': Missing close brace"),
    "broken internal link": (
        "docs/08-summary.md", _append("\n见[不存在的页面](no-such-page.md)。\n"),
        "Doc file '08-summary.md' contains a link 'no-such-page.md', but the target is not found"),
    # The English edition is built beside the Chinese one: its mistakes stop the build too,
    # before either edition writes anything.
    "formula with a TeX error, English edition": (
        "docs/en/04-math.md", _append("\n$\\frac{1$\n"),
        "04-math.md: formula '\\\\frac{1': Missing close brace"),
    "broken internal link, English edition": (
        "docs/en/08-summary.md", _append("\nSee [a missing page](no-such-page.md).\n"),
        "Doc file '08-summary.md' contains a link 'no-such-page.md', but the target is not found"),
}


# Mistakes the content check cannot see: only rendering (the formula's TeX, in Node)
# and MkDocs' validation of links find them.
BUILT_ONLY = {"formula with a TeX error", "broken internal link",
              "formula with a TeX error, English edition", "broken internal link, English edition"}
# One build for each way a build stops: the content check in on_config (the same path
# for every mistake the check sees), an extension while rendering, MkDocs' validation,
# and both of those in the English edition, built beside the Chinese one.
ONE_BUILD_PER_KIND = ["unknown citation key", *sorted(BUILT_ONLY)]


def _run_build(tmp_path, relative, edit, message=""):
    project = copy_project(tmp_path / "project")
    message = _expected(project, relative, edit, message)
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("a previous build", encoding="utf-8")
    return mkdocs_build(project, site), site, message


@pytest.mark.parametrize("case", [c for c in CASES if c not in BUILT_ONLY])
def test_content_check_names_the_mistake_in_one_line(tmp_path, monkeypatch, case):
    relative, edit, message = CASES[case]
    project = copy_project(tmp_path / "project")
    message = _expected(project, relative, edit, message)
    assert message in content_check_error(project, monkeypatch)


@pytest.mark.parametrize("case", ONE_BUILD_PER_KIND)
def test_mistake_stops_the_build_with_one_line(tmp_path, case):
    result, site, message = _run_build(tmp_path, *CASES[case])
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    lines = [line for line in result.stderr.splitlines() if message in line]
    assert lines, result.stderr[-3000:]
    written = sorted(p.name for p in site.iterdir())
    assert written in ([], ["old.html"]), written  # nothing written (MkDocs may empty the folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no English leftovers


def test_yaml_error_in_mkdocs_yml_is_one_message(tmp_path):
    result, site, _ = _run_build(tmp_path, "mkdocs.yml", _replace("theme:\n", "theme: [\n"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "mkdocs.yml" in result.stderr or "configuration file" in result.stderr
    assert [p.name for p in site.iterdir()] == ["old.html"]


# ------------------------------------------- the dataset missing (an author's laptop)

def _without_dataset(tmp_path) -> dict:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "KERAS_HOME"}
    return {**env, "HOME": str(home), "FASHION_MNIST_DIR": str(tmp_path / "no-dataset"),
            "NO_MKDOCS_2_WARNING": "1", "TF_CPP_MIN_LOG_LEVEL": "3"}


def test_without_the_dataset_a_strict_build_refuses(tmp_path):
    project = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                             str(tmp_path / "site")], cwd=project, env=_without_dataset(tmp_path),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert ("docs/results/fashion_mnist is stale: the dataset is not on this machine "
            "(apt-get install dataset-fashion-mnist)") in result.stderr


def test_without_the_dataset_a_non_strict_build_warns_once_and_checks_the_rest(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
                            cwd=project, env=_without_dataset(tmp_path),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    warnings = [line for line in result.stderr.splitlines() if "dataset is not on this machine" in line]
    assert len(warnings) == 1 and warnings[0].startswith("WARNING"), warnings
    assert "checksum was not compared (sources, library versions and run parameters were)" in warnings[0]
    assert (site / "05-practice" / "index.html").is_file()
    # Everything else is still checked: a changed snippet module stops even this build.
    train = project / "snippets" / "train.py"
    train.write_text(train.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
                            cwd=project, env=_without_dataset(tmp_path),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    assert "docs/results/fashion_mnist is stale: snippets/train.py changed" in result.stderr
