"""Shared test helpers."""

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


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test session caches built indexes in its own directory.

    Tests never read or write the user's ~/.cache/normalize; subprocesses inherit
    the variable, so the bundled index is built once per session.
    """
    if "NORMALIZE_CACHE_DIR" not in os.environ or os.environ.get("CI") == "true":
        os.environ["NORMALIZE_CACHE_DIR"] = str(tmp_path_factory.mktemp("normalize-cache"))
