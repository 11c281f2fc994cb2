"""``zensical`` with a content error told in one line: ``python -m article_md.zensical build ...``.

The extensions raise ``ContentError`` for bad input, whichever builder runs.
MkDocs prints its own error type as one line (``article_md.site.fail`` raises
that); Zensical hands an exception raised while rendering through its Rust core
back as ``RuntimeError("Python error: ContentError: <message>", traceback)`` and
prints the traceback. This runs Zensical's own command line in this process and,
for that error, prints ``ERROR - <message>`` and exits 1; everything else is
Zensical's as it is. `make zensical` also removes the half-written site then.
"""

from __future__ import annotations

import re
import sys

CONTENT_ERROR = re.compile(r"ContentError: ([^\n]+)")


def main(argv: list[str]) -> int:
    from zensical.main import cli

    try:
        cli.main(argv, prog_name="zensical", standalone_mode=False)
    except RuntimeError as error:
        match = CONTENT_ERROR.search(str(error))
        if match is None:
            raise
        print(f"ERROR - {match.group(1)}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
