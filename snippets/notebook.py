"""Execute the companion notebook docs/notebook.ipynb.

    python -m snippets.notebook            # full run, outputs saved into the notebook
    python -m snippets.notebook --quick    # SNIPPETS_QUICK=1: small subset, nothing saved

The site shows the saved outputs of the full run and never executes the
notebook; the tests execute it in quick mode so that it cannot rot.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "notebook.ipynb"
# The English edition's notebook: its own Markdown cells, the Chinese one's code and outputs.
TRANSLATION = Path(__file__).resolve().parents[1] / "docs" / "en" / "notebook.ipynb"
# TensorFlow's C++ start-up chatter goes to stderr whatever TF_CPP_MIN_LOG_LEVEL says.
NOISE = re.compile(r"^(WARNING: All log messages before absl::InitializeLog\(\)|[IW]\d{4} .*\] )")


def _strip_noise(nb) -> None:
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.outputs:
            if output.output_type == "stream" and output.name == "stderr":
                lines = [l for l in output.text.splitlines(keepends=True) if not NOISE.match(l)]
                if not "".join(lines).strip():
                    continue
                output.text = "".join(lines)
            kept.append(output)
        cell.outputs = kept


def execute(path: Path = NOTEBOOK, quick: bool = False, timeout: int = 900):
    """Run every cell; return the executed notebook. Raises on the first failing cell."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    env_before = os.environ.get("SNIPPETS_QUICK")
    os.environ["SNIPPETS_QUICK"] = "1" if quick else "0"
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        if env_before is None:
            os.environ.pop("SNIPPETS_QUICK", None)
        else:
            os.environ["SNIPPETS_QUICK"] = env_before
    _strip_noise(nb)
    return nb


def translated(nb, translation):
    """``translation`` with its Markdown cells kept and every code cell (source, outputs)
    taken from ``nb``; the two must have the same cells in the same order."""
    kinds = [c.cell_type for c in nb.cells]
    if [c.cell_type for c in translation.cells] != kinds:
        raise ValueError(f"{TRANSLATION.name}: its cells differ from {NOTEBOOK.name}'s "
                         "(every cell needs its twin, in the same order)")
    for ours, theirs in zip(translation.cells, nb.cells):
        if ours.cell_type == "code":
            ours.source = theirs.source
            ours.outputs = theirs.outputs
            ours.execution_count = theirs.execution_count
    return translation


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m snippets.notebook", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small subset; do not save outputs")
    args = parser.parse_args(argv)
    import nbformat

    nb = execute(quick=args.quick)
    if not args.quick:
        nbformat.write(nb, NOTEBOOK)
        nbformat.write(translated(nb, nbformat.read(TRANSLATION, as_version=4)), TRANSLATION)
        print(f"executed and saved {NOTEBOOK} and the English {TRANSLATION}")
    else:
        print("quick run passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
