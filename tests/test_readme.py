"""The README's promises: its examples run, its quick start is two lines, CI runs line 2."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_readme_examples_run() -> None:
    result = doctest.testfile(str(REPO / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def quick_start() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start\s+```sh\n(.*?)```", text, re.S)
    assert block, "README has no quick start block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_lines_and_ci_runs_the_second() -> None:
    lines = quick_start()
    assert len(lines) == 2
    assert lines[0].startswith("pip install . && normalize ")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert lines[1] in ci.splitlines()
