"""Run a step of a benchmark; if it fails, stop with the step's own message, not a traceback."""

from __future__ import annotations

import subprocess


def run(what: str, command: list[str], **kwargs) -> str:
    """Run command and return its standard output; on failure exit naming ``what`` and
    quoting the command's error lines (or its last lines if none says error)."""
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).splitlines()
        errors = [line for line in lines if "error" in line.lower()]
        raise SystemExit(f"{what} failed:\n" + "\n".join(errors[-10:] or lines[-10:]))
    return result.stdout
