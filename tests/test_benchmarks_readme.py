"""benchmarks/README.md describes every benchmark script, once, with the command that runs it."""

from __future__ import annotations

import ast
import re

from tests.conftest import REPO

BENCH = REPO / "benchmarks"


def _rows() -> dict[str, list[str]]:
    """script -> the README table rows that name it first."""
    rows: dict[str, list[str]] = {}
    for line in (BENCH / "README.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| `([a-z_]+\.py)` \|", line)
        if m:
            rows.setdefault(m.group(1), []).append(line)
    return rows


def test_every_script_has_one_row_with_its_command() -> None:
    scripts = sorted(p.name for p in BENCH.glob("*.py"))
    rows = _rows()
    assert sorted(rows) == scripts
    for script, found in rows.items():
        assert len(found) == 1, f"{script} is described {len(found)} times"
        assert f"`python benchmarks/{script}" in found[0], f"{script}: no command to run it"


def test_every_script_says_what_it_measures_and_how_to_run_it() -> None:
    for path in sorted(BENCH.glob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc, f"{path.name} has no docstring"
        assert re.search(rf"(Usage|Run):.*{path.name}", doc), f"{path.name}: its docstring has no Usage/Run line"
