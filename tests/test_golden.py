"""The frozen outputs of ``match``, ``tag`` and ``batch`` (tests/golden) are reproduced byte for byte.

They are the evidence that a refactoring changed no answer. When a change is intended:
``python -m tests.golden --update``, then review ``git diff tests/golden``.
"""

from __future__ import annotations

import difflib

import pytest

from tests.golden import CASES, Case

UPDATE = "python -m tests.golden --update"


def _diff(frozen: str, now: str, name: str) -> str:
    lines = difflib.unified_diff(frozen.splitlines(), now.splitlines(), f"frozen/{name}", f"now/{name}",
                                 lineterm="", n=1)
    return "\n".join(list(lines)[:60])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_output_is_the_frozen_one(case: Case) -> None:
    frozen, frozen_err = case.frozen()
    assert frozen is not None, f"{case.expected_path} is missing: run `{UPDATE}`"
    run = case.run()
    assert run.stdout == frozen, (
        f"normalize {' '.join(case.args)}: output differs from {case.expected_path.name} "
        f"(if intended: `{UPDATE}`)\n" + _diff(frozen.decode("utf-8"), run.stdout.decode("utf-8"), case.name)
    )
    assert run.stderr == frozen_err, _diff(frozen_err, run.stderr, case.name + ".err")
    assert run.status == case.status


def test_cases_are_distinct_and_every_frozen_file_has_its_case() -> None:
    names = [c.name for c in CASES]
    assert len(set(names)) == len(names)
    from tests.golden import GOLDEN

    expected = {c.expected_path.name for c in CASES} | {c.stderr_path.name for c in CASES if c.stderr_path.exists()}
    on_disk = {p.name for p in GOLDEN.iterdir() if p.suffix in (".out", ".err")}
    assert on_disk == expected
