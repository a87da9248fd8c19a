"""No test touches the user's cache: the session's set-up (the root conftest.py) is in force.

The cache directory that ``normalize`` resolves, in this process, in a doctest and in a
subprocess (every CLI test is one), lies inside the session's own temporary directory,
and is not the one the user's environment names; so does its fallback through
``XDG_CACHE_HOME`` and ``HOME`` when a test unsets ``NORMALIZE_CACHE_DIR``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from normalize.cache import cache_dir
from tests.conftest import REPO

SESSION = Path(os.environ.get("NORMALIZE_TEST_SESSION_DIR", "/nonexistent"))
REAL_CACHE = Path(os.environ.get("NORMALIZE_TEST_REAL_CACHE", "/nonexistent"))
REAL_HOME = Path(os.environ.get("NORMALIZE_TEST_REAL_HOME", "/nonexistent"))


def _inside_session(path: Path) -> bool:
    return path.resolve().is_relative_to(SESSION.resolve())


def test_the_session_has_its_own_directory() -> None:
    assert SESSION.is_dir(), "the root conftest.py did not set the session up"
    assert not _inside_session(REAL_CACHE) and not _inside_session(REAL_HOME)


def test_cache_dir_in_this_process_is_the_sessions() -> None:
    assert _inside_session(cache_dir()) and cache_dir() != REAL_CACHE
    assert _inside_session(Path.home())


def test_the_fallbacks_are_the_sessions_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NORMALIZE_CACHE_DIR")
    assert _inside_session(cache_dir())
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert _inside_session(cache_dir())
    assert cache_dir() != REAL_CACHE


def test_a_subprocess_inherits_the_sessions_cache() -> None:
    code = "from normalize.cache import cache_dir; print(cache_dir())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert _inside_session(Path(out.stdout.strip())), out.stdout


def test_a_session_started_with_the_users_cache_set_never_writes_there(tmp_path: Path) -> None:
    """A fresh pytest run (these tests, a doctest module, tests/isolation_probe.py's CLI call)
    whose environment names a "user" cache, XDG directory and home: they stay empty; its tests
    see the session's cache."""
    user = {var: tmp_path / var.lower() for var in ("NORMALIZE_CACHE_DIR", "XDG_CACHE_HOME", "HOME")}
    env = {k: v for k, v in os.environ.items() if not k.startswith("NORMALIZE_TEST_")}
    env.update({var: str(path) for var, path in user.items()})
    for path in user.values():
        path.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-o", "addopts=", "--doctest-modules", "-p", "no:cacheprovider",
         "normalize/text.py", "tests/test_isolation.py", "tests/isolation_probe.py", "-k", "not a_session_started"],
        cwd=REPO, env=env, capture_output=True, text=True, check=False, timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert " 6 passed" in run.stdout, run.stdout  # four here, the probe's CLI run, the doctest of text.py
    assert {var: sorted(p.name for p in path.iterdir()) for var, path in user.items()} == {var: [] for var in user}
