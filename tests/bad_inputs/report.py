"""Print what a contributor sees for every bad input: `python -m tests.bad_inputs.report [name...]`.

Runs each case on a temporary copy (like the tests) and prints the case name and the message
lines that matter, or what the page shows for cases that must render safely.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from tests.bad_inputs.cases import CASES
from tests.test_bad_inputs import run_case
from tests.bad_inputs.project import copy_project

NOISE = ("INFO", "│", "WARNING -  Material", "Aborted with", "To disable this warning", "Traceback", "  File ", "    ", "build failed (exit")


def main(names: list[str]) -> int:
    for case in CASES:
        if names and case.name not in names:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            root = copy_project(Path(tmp) / "project")
            for edit in case.edits:
                edit.apply(root)
            succeeded, output = run_case(root, case)
        output = re.sub(r"\x1b\[[0-9;]*m", "", output)  # terminal colours
        lines = [line.strip() for line in output.splitlines() if line.strip() and not line.lstrip().startswith(NOISE)]
        shown = " / ".join(lines) if lines else ("(renders: " + " | ".join(case.shows) + ")" if succeeded else "")
        print(f"{case.name}\t{'ok' if succeeded else 'FAILS'}\t{shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
