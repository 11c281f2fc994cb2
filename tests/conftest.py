"""Shared fixtures. A missing prerequisite fails with the command that installs it."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

SETUP_HINT = "run the README's test command (make test), which installs it"


def require(condition: bool, what: str, how: str) -> None:
    if not condition:
        pytest.fail(f"missing prerequisite: {what}. Install it with: {how} (or {SETUP_HINT})",
                    pytrace=False)
