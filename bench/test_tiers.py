"""How long an author waits for each tier of tests. Prints figures; no pass/fail.

Times `make check` (what an author runs before publishing: content layer,
snippets, data, one strict build, no browser; budget 90 s) and `make test` (all
of it, what CI and the deploy workflow run; budget 6 minutes) on this machine,
each as a whole command with its set-up already done, and prints the pytest
summary line of each.

Usage: python bench/test_tiers.py [--only check|test]
"""

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGETS = {"check": 90, "test": 360}


def timed(target: str) -> tuple[float, str, int]:
    start = time.monotonic()
    result = subprocess.run(["make", "--no-print-directory", target], cwd=ROOT,
                            capture_output=True, text=True)
    seconds = time.monotonic() - start
    summary = [line for line in result.stdout.splitlines()
               if re.search(r"\d+ (passed|failed)", line)]
    return seconds, (summary[-1].strip("= ") if summary else "no pytest summary"), result.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(BUDGETS))
    args = parser.parse_args()
    subprocess.run(["make", "--no-print-directory", "setup"], cwd=ROOT, check=True,
                   capture_output=True)
    print(f"{'tier':<8}{'seconds':>9}{'budget':>8}  pytest")
    failed = False
    for target in ([args.only] if args.only else ["check", "test"]):
        seconds, summary, code = timed(target)
        failed |= code != 0
        print(f"make {target:<3}{seconds:>9.0f}{BUDGETS[target]:>8}  {summary}"
              + ("" if code == 0 else f"  (exit {code})"), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
