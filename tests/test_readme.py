"""The README's promises: its examples run, its quick start is two lines, CI runs line 2."""

from __future__ import annotations

import doctest
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_readme_examples_run() -> None:
    result = doctest.testfile(str(REPO / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def quick_start() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start\s+```sh\n(.*?)```", text, re.DOTALL)
    assert block, "README has no quick start block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_lines_and_ci_runs_the_second() -> None:
    lines = quick_start()
    assert len(lines) == 2
    assert lines[0].startswith("pip install . && normalize ")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert lines[1] in ci.splitlines()


def own_lexicon_section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Your own lexicon\n(.*?)(?=^## )", text, re.DOTALL | re.MULTILINE)
    assert section, "README has no 'Your own lexicon' section"
    return section.group(1)


@pytest.mark.slow
def test_own_lexicon_section_runs_as_shown(tmp_path: Path) -> None:
    """Every command of "Your own lexicon" runs in a fresh directory and prints what the README shows."""
    import os
    import subprocess
    import sys

    section = own_lexicon_section()
    name, table = re.search(r"Take `([^`]+)`:\s+```csv\n(.*?)```", section, re.DOTALL).groups()
    (tmp_path / name).write_text(table, encoding="utf-8")
    (block,) = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    assert [cmd.split()[1] for cmd, _ in steps if cmd.startswith("normalize")] == ["lexicon", "lexicon", "match"]
    env = dict(os.environ, PYTHONIOENCODING="utf-8",
               PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    for command, expected in steps:
        run = subprocess.run(["bash", "-c", command + " 2>&1"], cwd=tmp_path, env=env, capture_output=True,
                             text=True, encoding="utf-8", timeout=600, check=False)
        assert run.stdout.splitlines() == expected, f"$ {command}\n{run.stdout}"
    written = [json.loads(line)["id"] for line in (tmp_path / "my.jsonl").read_text(encoding="utf-8").splitlines()]
    assert written == ["mylist:1", "mylist:2", "mylist:3"]
