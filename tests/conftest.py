"""Shared fixtures. A missing prerequisite fails with the command that installs it."""

import os
import signal
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# A shell without job control starts its background commands (`make test &`) with
# Ctrl-C ignored, and children inherit that: the tests that stop `make serve` and
# `mkdocs serve` with Ctrl-C, as an author does, would wait a minute each for nothing.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

SETUP_HINT = "run the README's test command (make test), which installs it"


def require(condition: bool, what: str, how: str) -> None:
    if not condition:
        pytest.fail(f"missing prerequisite: {what}. Install it with: {how} (or {SETUP_HINT})",
                    pytrace=False)
