"""Every Python the README names installs the pinned requirements; `make` checks the
real range (pyproject.toml's requires-python) and says in one line what to do."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from packaging.specifiers import SpecifierSet

from tests.conftest import ROOT
from tests.platforms.conftest import (installed_floors, PLATFORMS, WORKFLOW_PYTHON, WORKFLOW_PYTHON_VERSION,
                                      Platform, cross_resolve, errors, find_python)
from tools.check_python import problem, supported_range

LOW, HIGH = supported_range(ROOT / "pyproject.toml")
# Two groups of pytest-xdist (`make test`: --dist loadgroup), each on one worker, so each
# interpreter is set up or resolved once (the session fixtures in conftest.py): the
# workflow's Python, set up for real, and the other Pythons, resolved by uv, side by side.
WORKFLOW = pytest.mark.xdist_group("platforms")
OTHERS = pytest.mark.xdist_group("platforms-resolved")


def dotted(version) -> str:
    return ".".join(map(str, version))


def just_below(version: tuple) -> str:
    """The newest release before ``version``: 3.11 -> 3.10.99, 3.11.5 -> 3.11.4."""
    if len(version) == 2:
        return f"{version[0]}.{version[1] - 1}.99"
    return f"{version[0]}.{version[1]}.{version[2] - 1}"


@pytest.mark.parametrize("platform", [
    pytest.param(p, marks=WORKFLOW if p.python == WORKFLOW_PYTHON_VERSION else OTHERS, id=p.name)
    for p in PLATFORMS])
def test_the_pins_install_on_each_python_the_readme_names(platform, resolved):
    result, python = resolved(platform)
    how = f"{python}" if python else f"Python {platform.python}, by the wheels' tags"
    assert result.returncode == 0, f"{platform.name}, {how}:\n{errors(result)}"


@WORKFLOW
def test_the_lower_bound_is_the_highest_floor_among_the_pins(workflow_venv):
    """Every package installed on the deploy workflow's interpreter: its Requires-Python."""
    setup, venv = workflow_venv
    assert setup.returncode == 0, errors(setup)
    floors = installed_floors(venv)
    low = dotted(LOW + (0,) * (3 - len(LOW)))
    refusing = sorted(name for name, spec in floors.items() if not SpecifierSet(spec).contains(low))
    assert not refusing, f"requires-python says >={dotted(LOW)}, but these need more: {refusing}"
    below = just_below(LOW)
    assert any(not SpecifierSet(spec).contains(below) for spec in floors.values()), (
        f"every pin also installs on {below}: requires-python's lower bound {dotted(LOW)} is "
        "higher than it needs to be")


@OTHERS
def test_the_upper_bound_is_the_first_python_a_pin_has_no_wheel_for(resolved, tmp_path):
    newest = Platform("Linux", dotted((HIGH[0], HIGH[1] - 1)))
    assert resolved(newest)[0].returncode == 0  # asked once for the README's rows and here
    beyond = Platform("Linux", dotted(HIGH))
    result = cross_resolve(beyond, beyond.python, tmp_path)
    assert result.returncode != 0, (f"the pins also install on Python {dotted(HIGH)}: raise "
                                    "requires-python's upper bound in pyproject.toml")


def test_pyproject_range_admits_every_python_the_readme_names():
    spec = SpecifierSet(f">={dotted(LOW)},<{dotted(HIGH)}")
    for platform in PLATFORMS:
        assert spec.contains(platform.python if platform.python.count(".") == 2
                             else platform.python + ".0"), platform


# ---------------------------------------------------------------- make's check

def _make_check(python: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "python-version", f"PYTHON={python}"],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)


@WORKFLOW
def test_make_accepts_the_workflows_python(workflow_python):
    result = _make_check(str(workflow_python))
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


@pytest.mark.parametrize("version, platform, expected", [
    ((3, 10, 13), "linux", "e.g. make serve PYTHON=python3.13"),
    ((3, 14, 0), "darwin", "brew install python@3.13, then run e.g. make serve PYTHON=python3.13"),
    ((3, 9, 6), "darwin", "brew install python@3.13"),
])
def test_the_check_says_what_to_install_and_which_python_to_pass(version, platform, expected):
    line = problem(version, LOW, HIGH, "python3", platform, True)
    assert line and "\n" not in line and expected in line, line
    assert f"is Python {dotted(version)}" in line
    assert problem((3, 11, 2), LOW, HIGH, "python3", platform, True) is None


def test_make_rejects_a_python_below_the_range_in_one_line():
    older = just_below(LOW).rsplit(".", 1)[0] if len(LOW) == 2 else just_below(LOW)
    below = find_python(older)
    if below is None:  # no older Python on this machine: the check's own rule is tested above
        assert problem(tuple(map(int, just_below(LOW).split("."))), LOW, HIGH, "python3",
                       sys.platform, True)
        return
    result = _make_check(str(below))
    lines = result.stdout.strip().splitlines()
    assert result.returncode != 0 and len(lines) == 1, result.stdout + result.stderr
    assert "PYTHON=" in lines[0] and "Traceback" not in result.stderr


@WORKFLOW
def test_make_names_the_missing_venv_module(workflow_python, tmp_path):
    """Debian's python3 without python3-venv (ensurepip lives there)."""
    (tmp_path / "ensurepip.py").write_text("raise ImportError('python3-venv is not installed')\n")
    result = _make_check(str(workflow_python), env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode != 0
    assert result.stdout.strip().endswith("sudo apt-get install python3-venv)."), result.stdout


def test_make_names_a_python_that_is_not_installed():
    result = _make_check("python3.99")
    assert result.returncode != 0 and "'python3.99' is not installed" in result.stdout
    assert len(result.stdout.strip().splitlines()) == 1


# ---------------------------------------------------------------- the workflow's Python, in full

@WORKFLOW
def test_the_workflows_python_sets_up_in_full_and_builds_the_site(workflow_python, workflow_venv,
                                                                 tmp_path):
    """`make setup`'s Python half with Debian 12's python3, then a strict build of both
    editions with it."""
    from tests.site.conftest import copy_project

    setup, venv = workflow_venv
    assert setup.returncode == 0, errors(setup)
    python = venv / "bin" / "python"
    assert subprocess.run([str(python), "--version"], capture_output=True,
                          text=True).stdout.strip() == f"Python {WORKFLOW_PYTHON_VERSION}"
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    project = copy_project(tmp_path / "project", warm=False)  # a first build
    build = subprocess.run([str(python), "-m", "mkdocs", "build", "--strict", "--site-dir",
                            str(tmp_path / "site")], cwd=project, capture_output=True, text=True,
                           timeout=900, env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                             "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert build.returncode == 0, build.stderr[-3000:]
    for page in ("index.html", "en/index.html", "04-math/index.html", "en/04-math/index.html"):
        assert (tmp_path / "site" / page).is_file(), page
    assert "mjx-container" in (tmp_path / "site" / "04-math" / "index.html").read_text("utf-8")
    versions = json.loads(subprocess.run(
        [str(python), "-c", "import json, importlib.metadata as m; print(json.dumps("
         "{p: m.version(p) for p in ('pymdown-extensions', 'mkdocs-material', 'tensorflow-cpu')}))"],
        capture_output=True, text=True).stdout)
    pinned = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    for package, version in versions.items():
        assert f"{package}=={version}" in pinned, (package, version)
    assert WORKFLOW_PYTHON == workflow_python
