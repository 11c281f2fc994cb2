"""An author's laptop: `make serve` without root, Debian packages or the dataset;
the dev container runs the README's commands.

The laptop is simulated on this machine: `id -u` answers 1000 and apt-get and
sudo only record that they were called (PATH shims), the package check points
at paths that do not exist, and the dataset folder too.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.site.conftest import copy_project

MISSING = "/nonexistent/chromium /nonexistent/wqy-microhei.ttc /nonexistent/fashion-mnist"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SHIMS = {
    # Running as a user: `id -u` says 1000 (the real id for anything else).
    "id": '#!/bin/sh\nif [ "$1" = "-u" ]; then echo 1000; else exec /usr/bin/id "$@"; fi\n',
    # Any use of apt-get or sudo is recorded and fails, as it would for a user.
    "apt-get": '#!/bin/sh\necho "apt-get $*" >> "$SHIM_LOG"; exit 100\n',
    "sudo": '#!/bin/sh\necho "sudo $*" >> "$SHIM_LOG"; exit 1\n',
}


@pytest.fixture
def authors_laptop(tmp_path):
    """A copy of the project on a machine where the author is not root, has no Debian
    packages (the package check points at paths that do not exist) and no dataset."""
    project = copy_project(tmp_path / "project", warm=False)  # a first build
    (project / ".venv").symlink_to(ROOT / ".venv")  # the set-up a first `make` made
    shims = tmp_path / "shims"
    shims.mkdir()
    for name, script in SHIMS.items():
        (shims / name).write_text(script, encoding="utf-8")
        (shims / name).chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("KERAS_HOME", "SITE_URL")}
    env.update(HOME=str(home), TMPDIR=str(home), PATH=f"{shims}:{env['PATH']}",
               SHIM_LOG=str(tmp_path / "shim.log"), FASHION_MNIST_DIR="/nonexistent/fashion-mnist",
               NO_MKDOCS_2_WARNING="1")
    return project, env, tmp_path / "shim.log"


def test_make_serve_needs_no_root_no_debian_packages_and_no_dataset(authors_laptop):
    project, env, shim_log = authors_laptop
    port = _free_port()
    process = subprocess.Popen(
        ["make", "serve", f"DEV_ADDR=127.0.0.1:{port}", f"APT_CHECK={MISSING}"],
        cwd=project, env={**env, "PYTHONFAULTHANDLER": "1"}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        html, deadline = None, time.monotonic() + 240
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    html = response.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(1)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)  # the author's Ctrl-C
        try:
            output = process.communicate(timeout=60)[0]
        except subprocess.TimeoutExpired:  # seen once, under load: say where each thread was
            os.killpg(process.pid, signal.SIGABRT)  # faulthandler prints every thread's stack
            output = process.communicate()[0]
            pytest.fail(f"make serve did not stop within 60 s of Ctrl-C:\n{output[-6000:]}")
    assert html is not None, output[-3000:]
    # Both editions' serve folders (in TMPDIR, the home folder here) are gone with the server.
    assert not list(Path(env["TMPDIR"]).glob("mkdocs*")), output[-3000:]
    assert "国内大模型如火如荼" in html
    assert not shim_log.exists(), shim_log.read_text()  # no apt-get, no sudo
    assert "Traceback" not in output
    warnings = [line for line in output.splitlines() if "dataset is not on this machine" in line]
    assert len(warnings) == 1 and warnings[0].startswith("WARNING"), output[-3000:]


# ---------------------------------------------------------------- dev container

DEVCONTAINER = ROOT / ".devcontainer" / "devcontainer.json"


def test_devcontainer_is_debian_12_runs_the_readme_setup_and_forwards_8000():
    config = json.loads(DEVCONTAINER.read_text(encoding="utf-8"))  # plain JSON, no comments
    assert re.search(r"(bookworm|debian:12)", config["image"]), config["image"]
    assert 8000 in config["forwardPorts"]
    commands = " && ".join(config[k] for k in ("onCreateCommand", "postCreateCommand")
                           if k in config)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"(?:^|&&\s*|sudo\s+)make ([a-z-]+)", commands):
        assert f"make {target}" in readme, f"make {target} is not a README command"
        dry = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True)
        assert dry.returncode == 0 or "Debian packages" in dry.stdout, dry.stderr
    assert "make setup" in commands and "make system-packages" in commands


def test_make_test_still_installs_the_debian_packages_it_needs():
    dry = subprocess.run(["make", "-n", "test", f"APT_CHECK={MISSING}"], cwd=ROOT,
                         capture_output=True, text=True)
    assert ("apt-get install -y -q chromium chromium-headless-shell fonts-wqy-microhei fonts-dejavu-core dataset-fashion-mnist python3-venv"
            in dry.stdout)
    serve = subprocess.run(["make", "-n", "serve", f"APT_CHECK={MISSING}"], cwd=ROOT,
                           capture_output=True, text=True)
    assert "apt-get install -y" not in serve.stdout and serve.returncode == 0
