"""Is this interpreter one the project's pinned requirements install on?

`make` runs it with the interpreter it is about to build `.venv/` from
(`$(PYTHON)`, `python3` unless given). The supported range is read from
`requires-python` in pyproject.toml, its one place; the range is the real
one, measured by tests/platforms/: the lowest version every pinned package
accepts, and the first version a pinned package has no wheel for.

Prints nothing and exits 0 when the interpreter fits and can make a venv;
otherwise prints one line saying what to install or which PYTHON= to pass,
and exits 1. Written for any Python 3 (an old interpreter must be able to
run it to be told it is too old).
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Per platform: how to get a Python in the range beside the system's, and the
# PYTHON= to pass then (README, "What a machine needs"). {newest} is the newest
# supported minor version, e.g. 3.13.
ADVICE = {
    "darwin": "brew install python@{newest}, then run e.g. make serve PYTHON=python{newest}",
    "other": ("install a Python from {oldest} to {newest} beside it and pass it, "
              "e.g. make serve PYTHON=python{newest}"),
}


def supported_range(pyproject_path):
    """(lowest, first unsupported) as tuples of ints, from requires-python."""
    with open(pyproject_path, encoding="utf-8") as handle:
        text = handle.read()
    match = re.search(r'^requires-python\s*=\s*"([^"]+)"', text, re.M)
    if not match:
        raise SystemExit("pyproject.toml: [project] requires-python is missing; "
                         'write it as ">=3.X,<3.Y"')
    spec = match.group(1).replace(" ", "")
    low = re.search(r">=([0-9.]+)", spec)
    high = re.search(r"<([0-9.]+)", spec)
    if not low or not high:
        raise SystemExit("pyproject.toml: requires-python %r needs a lower and an upper bound, "
                         'e.g. ">=3.11,<3.14"' % spec)
    return (tuple(int(p) for p in low.group(1).split(".")),
            tuple(int(p) for p in high.group(1).split(".")))


def dotted(version):
    return ".".join(str(p) for p in version)


def problem(version, low, high, name, platform, has_ensurepip):
    """The one line to print, or None when the interpreter will do."""
    wanted = "Python >= %s and < %s" % (dotted(low), dotted(high))
    found = "'%s' is Python %s" % (name, dotted(version))
    newest = dotted((high[0], high[1] - 1)) if len(high) == 2 else dotted(high)
    advice = ADVICE["darwin" if platform == "darwin" else "other"].format(
        oldest=dotted(low), newest=newest)
    if tuple(version[:len(low)]) < low:
        return "%s is needed; %s: %s." % (wanted, found, advice)
    if tuple(version[:len(high)]) >= high:
        return ("%s is needed (TensorFlow 2.21 has no wheel for newer ones); %s: %s."
                % (wanted, found, advice))
    if not has_ensurepip:
        return ("%s cannot make a virtual environment: install its venv module "
                "(Debian/Ubuntu: sudo apt-get install python3-venv)." % found)
    return None


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "python3"
    low, high = supported_range(os.path.join(ROOT, "pyproject.toml"))
    try:
        import ensurepip  # noqa: F401, PLC0415  Debian moves it into python3-venv
        has_ensurepip = True
    except ImportError:
        has_ensurepip = False
    line = problem(tuple(sys.version_info[:3]), low, high, name, sys.platform, has_ensurepip)
    if line:
        print(line)
        sys.exit(1)


if __name__ == "__main__":
    main()
