"""`make test` relies on pytest-xdist's groups: the tests of one site variant (offline,
Zensical, the book, the platforms' interpreters) run on one worker, so it is built once.
pytest 9 broke this silently (xdist marks a group through item._nodeid, which pytest 9
no longer reads): each worker then built every variant itself."""

import subprocess
import sys
import textwrap


def test_tests_of_one_xdist_group_run_on_one_worker(tmp_path):
    (tmp_path / "test_grouped.py").write_text(textwrap.dedent("""
        import os
        import pytest

        pytestmark = pytest.mark.xdist_group("variant")

        @pytest.mark.parametrize("n", range(6))
        def test_grouped(n):
            print("worker", os.environ["PYTEST_XDIST_WORKER"])
    """), encoding="utf-8")
    (tmp_path / "test_free.py").write_text(
        "".join(f"def test_free_{n}():\n    pass\n" for n in range(6)), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v",
                             "-p", "no:cacheprovider", "-s", str(tmp_path)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:]
    workers = {line.split()[0] for line in result.stdout.splitlines()
               if "test_grouped.py::test_grouped" in line and "PASSED" in line}
    assert len(workers) == 1, (f"the group ran on {sorted(workers)}: pytest-xdist's loadgroup does "
                               "not work with this pytest (pin one it supports in requirements.txt)")
