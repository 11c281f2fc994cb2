"""Every npm package installs on the Node.js the deploy workflow gets from Debian 12,
and the README, the workflow, the dev container and package.json name the same
platform versions."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import yaml

from tests.conftest import ROOT, require
from tests.platforms.conftest import DEVCONTAINER, README, WORKFLOW, stated

ENGINES = """
const semver = require("semver");
const lock = require("./package-lock.json");
const node = process.argv[1];
const refusing = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  const wanted = entry.engines && entry.engines.node;
  if (path && wanted && !semver.satisfies(node, wanted)) {
    refusing.push(`${path.replace(/^.*node_modules\\//, "")}@${entry.version} wants node ${wanted}`);
  }
}
const declared = require("./package.json").engines.node;
console.log(JSON.stringify({refusing, declared, min: semver.minVersion(declared).version}));
"""


def _engines(node_version: str) -> dict:
    require(shutil.which("node") is not None, "Node.js", "apt-get install nodejs npm")
    require((ROOT / "node_modules" / "semver").is_dir(), "semver from npm", "npm ci")
    result = subprocess.run(["node", "-e", ENGINES, node_version], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def workflow_node() -> str:
    """The Node.js release the workflow names (Debian 12's nodejs package)."""
    return stated(r"Node\.js (\d+\.\d+)", WORKFLOW.read_text(encoding="utf-8"), "deploy.yml")


def test_every_npm_package_accepts_the_workflows_node():
    node = workflow_node() + ".0"  # the oldest release the name covers
    engines = _engines(node)
    assert not engines["refusing"], f"on Node.js {node}: " + "; ".join(engines["refusing"])


def test_package_json_declares_the_oldest_node_every_package_accepts():
    engines = _engines(workflow_node() + ".0")
    assert engines["min"].startswith(workflow_node() + "."), engines
    assert not _engines(engines["min"])["refusing"]
    npmrc = (ROOT / ".npmrc").read_text(encoding="utf-8")
    assert re.search(r"^engine-strict\s*=\s*true$", npmrc, re.M), "npm ci must refuse a mismatch"


def test_readme_workflow_and_dev_container_name_the_same_versions():
    readme = README.read_text(encoding="utf-8")
    workflow = WORKFLOW.read_text(encoding="utf-8")
    devcontainer = json.loads(DEVCONTAINER.read_text(encoding="utf-8"))
    debian_row = stated(r"(\| Debian 12 [^\n]*)", readme, "README's table")
    for where, text in (("README's Debian 12 row", debian_row), ("deploy.yml", workflow),
                        ("the dev container's name", devcontainer["name"])):
        assert "Python 3.11.2" in text, f"{where} does not name Python 3.11.2"
        assert f"Node.js {workflow_node()}" in text, f"{where} does not name Node.js {workflow_node()}"
    flow = yaml.safe_load(workflow)
    assert flow["jobs"]["build"]["container"] == "debian:12"
    assert devcontainer["image"].endswith(":bookworm"), devcontainer["image"]
    # The same Debian packages in both, and the same README commands after them.
    installed = [s["run"] for s in flow["jobs"]["build"]["steps"] if "apt-get install" in s.get("run", "")]
    packages = set(re.search(r"apt-get install -y -q\s+\\?\s*([^\n]+)", installed[0]).group(1).split())
    dev_packages = set(re.search(r"apt-get install -y -q ([^&]+)", devcontainer["onCreateCommand"])
                       .group(1).split())
    assert packages == dev_packages == {"git", "make", "python3", "python3-venv", "nodejs", "npm",
                                        "ca-certificates"}
    for package in ("python3-venv", "nodejs", "npm"):
        assert f"`{package}`" in debian_row, f"README's Debian 12 row does not name {package}"
