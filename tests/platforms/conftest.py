"""The platforms the README names, and how to find and question their interpreters.

What a platform is (its Python and Node.js versions) is read from the files
that state it: the README's table, the deploy workflow, the dev container,
pyproject.toml's requires-python. The tests in this folder check that those
agree and that the pinned requirements really install there.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement

from tests.conftest import ROOT

README = ROOT / "README.md"
WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"
DEVCONTAINER = ROOT / ".devcontainer" / "devcontainer.json"
REQUIREMENTS = ROOT / "requirements.txt"
# Debian 12's own python3: what the deploy workflow and the dev container run.
WORKFLOW_PYTHON = Path("/usr/bin/python3")
WORKFLOW_PYTHON_VERSION = "3.11.2"
WORKFLOW_PYTHON_HOW = (f"apt-get install python3 python3-venv (Debian 12's own, "
                       f"{WORKFLOW_PYTHON_VERSION})")
# Published only as a source distribution (pure Python): left out of the resolutions
# by platform, which take wheels only.
SOURCE_ONLY = {"jieba"}


@dataclass(frozen=True)
class Platform:
    """A README row: its Python, and the platform uv resolves wheels for when that
    Python is not on this machine (glibc 2.36 as on Debian 12 and newer; macOS 14
    on Apple silicon)."""
    name: str
    python: str  # as the README names it: "3.11.2", "3.12", "3.13"
    sys_platform: str = "linux"
    machine: str = "x86_64"
    uv_platform: str = "x86_64-manylinux_2_36"


PLATFORMS = [
    Platform("Debian 12 (deploy workflow, dev container)", WORKFLOW_PYTHON_VERSION),
    Platform("Ubuntu 24.04", "3.12"),
    Platform("Debian 13", "3.13"),
    Platform("macOS with Homebrew (Apple silicon)", "3.13", "darwin", "arm64",
             "aarch64-apple-darwin"),
]
MACOS_VERSION = "14.0"


def python_version(executable: str | Path) -> str | None:
    """The full version an interpreter reports, or None if it does not run."""
    try:
        result = subprocess.run([str(executable), "-c",
                                 "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                                capture_output=True, text=True, timeout=30)
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def find_python(version: str) -> Path | None:
    """An interpreter on this machine whose version starts with ``version``:
    on PATH as pythonX.Y, Debian's /usr/bin, or pyenv's versions folder."""
    minor = ".".join(version.split(".")[:2])
    candidates = [shutil.which(f"python{minor}"), f"/usr/bin/python{minor}", WORKFLOW_PYTHON]
    pyenv_roots = {Path(os.environ["PYENV_ROOT"])} if os.environ.get("PYENV_ROOT") else set()
    pyenv_roots |= {Path(p).parent for p in os.environ.get("PATH", "").split(os.pathsep)
                    if p.endswith(os.path.join(".pyenv", "shims"))}
    pyenv_roots.add(Path(sys.base_prefix).parent.parent)  # …/versions/3.11.7 -> …
    for root in sorted(pyenv_roots):
        candidates += sorted((root / "versions").glob(f"{minor}.*/bin/python{minor}"))
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            found = python_version(candidate)
            if found and (found == version or found.startswith(version + ".")):
                return Path(candidate)
    return None


def requirements_for(platform: Platform, python: str) -> list[str]:
    """requirements.txt with each line's environment marker decided for the
    platform, so a line for another platform (tensorflow on macOS) is asked for there."""
    env = {"sys_platform": platform.sys_platform, "platform_machine": platform.machine,
           "python_version": ".".join(python.split(".")[:2]),
           "python_full_version": python if python.count(".") == 2 else python + ".0",
           "platform_system": {"linux": "Linux", "darwin": "Darwin"}[platform.sys_platform],
           "os_name": "posix"}
    lines = []
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        if requirement.marker is None or Marker(str(requirement.marker)).evaluate(env):
            requirement.marker = None
            lines.append(str(requirement))
    return lines


def uv(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """uv (pinned in requirements.txt): it resolves the pins for another Python or
    platform in about a second of CPU, where pip took 7 to 27 (ARCHITECTURE.md)."""
    from uv import find_uv_bin

    return subprocess.run([find_uv_bin(), *args, "--quiet", "--no-progress"], capture_output=True,
                          text=True, timeout=900, env={**os.environ, **(env or {})})


def dry_run(python: Path, venv: Path) -> subprocess.CompletedProcess:
    """Whether the pins install on ``python``: a venv made with it, and an install into
    it, dry run, every marker, tag and Requires-Python decided for that interpreter."""
    made = uv("venv", "--python", str(python), str(venv))
    assert made.returncode == 0, f"uv venv --python {python} failed: {made.stderr}"
    return uv("pip", "install", "--dry-run", "--python", str(venv / "bin" / "python"),
              "-r", str(REQUIREMENTS))


def cross_resolve(platform: Platform, python: str, folder: Path) -> subprocess.CompletedProcess:
    """Resolve the pins for another platform and Python from wheels alone."""
    requirements = folder / "requirements.txt"
    requirements.write_text("\n".join(r for r in requirements_for(platform, python)
                                      if Requirement(r).name.lower() not in SOURCE_ONLY) + "\n",
                            encoding="utf-8")
    return uv("pip", "install", "--dry-run", "--target", str(folder / "target"),
              "--only-binary", ":all:", "--python-version", python,
              "--python-platform", platform.uv_platform, "-r", str(requirements),
              env={"MACOSX_DEPLOYMENT_TARGET": MACOS_VERSION})


def errors(result: subprocess.CompletedProcess) -> str:
    """The resolver's error lines, without pip's warnings about local indexes."""
    return "\n".join(line for line in (result.stdout + result.stderr).splitlines()
                     if not line.startswith("WARNING"))[-3000:]


@pytest.fixture(scope="session")
def workflow_python() -> Path:
    """Debian 12's own python3, the deploy workflow's interpreter: a failure if missing."""
    version = python_version(WORKFLOW_PYTHON) if WORKFLOW_PYTHON.exists() else None
    if version != WORKFLOW_PYTHON_VERSION:
        pytest.fail(f"missing prerequisite: the deploy workflow's interpreter, Debian 12's own "
                    f"{WORKFLOW_PYTHON} {WORKFLOW_PYTHON_VERSION} (found: {version}). Install it with: "
                    f"{WORKFLOW_PYTHON_HOW}; the platform tests run on Debian 12 or in the dev "
                    f"container", pytrace=False)
    return WORKFLOW_PYTHON


@pytest.fixture(scope="session")
def workflow_venv(workflow_python, tmp_path_factory):
    """`make setup`'s Python half, for real, with Debian 12's python3, once per session:
    (the make run, the venv). Its npm half (`npm ci`) would replace the node_modules
    every other test uses, so only the venv's stamp is made. pip does not byte-compile
    what it installs (a fifth of the set-up's time, and not what is tested here)."""
    venv = tmp_path_factory.mktemp("workflow") / "venv"
    setup = subprocess.run(["make", "--no-print-directory", f"{venv}/.installed",
                            f"PYTHON={workflow_python}", f"VENV={venv}"], cwd=ROOT,
                           capture_output=True, text=True, timeout=1500,
                           # --no-compile: pip inverts the variables of its "no-" options
                           env={**os.environ, "PIP_NO_COMPILE": "off"})
    return setup, venv


def installed_floors(venv: Path) -> dict[str, str]:
    """Each package installed in ``venv``: its Requires-Python ('' if it states none)."""
    program = ("import json, importlib.metadata as m; print(json.dumps({d.metadata['Name']: "
               "d.metadata.get('Requires-Python') or '' for d in m.distributions()}))")
    result = subprocess.run([str(venv / "bin" / "python"), "-c", program], capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def resolved(request, tmp_path_factory):
    """Whether the pins install on a platform's Python, asked once per session however
    many tests need it: (the CompletedProcess, the interpreter or None). The deploy
    workflow's Python is answered by the real set-up (workflow_venv); another Linux
    Python found on this machine through a venv made with it, uv deciding everything
    for that interpreter; any other (macOS; a Python absent here) by the wheels' tags."""
    answers: dict = {}

    def ask(platform: Platform):
        if platform.python == WORKFLOW_PYTHON_VERSION and platform.sys_platform == "linux":
            # asked only here, so a worker that resolves other Pythons sets up none
            return request.getfixturevalue("workflow_venv")[0], WORKFLOW_PYTHON
        python = find_python(platform.python) if platform.sys_platform == "linux" else None
        key = (platform.sys_platform, platform.machine, platform.python, python is not None)
        if key not in answers:
            folder = tmp_path_factory.mktemp("resolved")
            if python is not None:
                result = dry_run(python, folder / "venv")
            else:
                result = cross_resolve(platform, platform.python, folder)
            answers[key] = (result, python)
        return answers[key]
    return ask


def stated(pattern: str, text: str, where: str) -> str:
    match = re.search(pattern, text)
    assert match, f"{where} does not state {pattern!r}"
    return match.group(1)
