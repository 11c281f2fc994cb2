"""A Node.js script that answers one JSON line per request (the build's MathJax and citeproc-js).

    worker = NodeWorker(Path("article_md/tex2svg.js"), "the formula typesetter", "mathjax-full")
    worker.ask({"tex": "a^2", "display": False})   # -> {"html": "..."}

One process per script and build, started on the first request. Node.js missing,
or the script stopping, is a ContentError in one line saying what to install.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from article_md.errors import ContentError


class NodeWorker:
    def __init__(self, script: Path, what: str, package: str):
        self.script, self.what, self.package = Path(script), what, package
        self.process = None

    def ask(self, request: dict) -> dict:
        if self.process is None or self.process.poll() is not None:
            node = shutil.which("node")
            if node is None:
                raise ContentError(f"{self.what} runs in Node.js, which is not installed "
                                   "(Debian: apt-get install nodejs npm; macOS: brew install node)")
            self.process = subprocess.Popen([node, str(self.script)], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                            text=True, encoding="utf-8")
        self.process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            error = self.process.stderr.read().strip().splitlines()
            last = error[-1] if error else "no output"
            raise ContentError(f"{self.what} (article_md/{self.script.name}) stopped: {last}; "
                               f"run 'npm ci' in the project folder (it needs {self.package})")
        return json.loads(line)


def package_json(script: Path, package: str) -> bytes:
    """The installed package's package.json (what a cache key needs), or b''."""
    for folder in Path(script).resolve().parents:
        manifest = folder / "node_modules" / package / "package.json"
        if manifest.is_file():
            return manifest.read_bytes()
    return b""
