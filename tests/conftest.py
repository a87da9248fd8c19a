"""Shared test helpers.

The session's set-up (a private cache for every test, doctests and subprocesses included;
the bundled index built once for all workers) is in the repository's root ``conftest.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def shared_file(relative: str) -> Path:
    """A file from ../shared: missing fails under CI=true, skips elsewhere.

    A user's machine has no ../shared; CI always has it, so a missing file
    there is a broken setup, not a reason to pass silently.
    """
    path = SHARED / relative
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing (CI=true: ../shared must be present)")
        pytest.skip(f"{path} not available outside CI")
    return path
