"""ruff and mypy, with the settings of pyproject.toml, find nothing.

Both are pinned in the ``test`` extra: a new release may judge the same code differently.
They run as subprocesses, the way a developer runs them, and a failure shows their output.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

#: what ruff checks: the package, its tests, benchmarks and scripts, and the build script
RUFF_PATHS = ("normalize", "tests", "benchmarks", "scripts", "setup.py", "conftest.py")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False,
                          timeout=600)


def test_ruff_finds_nothing() -> None:
    run = _run("ruff", "check", "--no-cache", "--output-format", "concise", *RUFF_PATHS)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.slow
def test_mypy_finds_nothing() -> None:
    # the files and settings are pyproject.toml's [tool.mypy]; its cache is mypy's own (.mypy_cache)
    run = _run("mypy")
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_package_is_installed() -> None:
    # pyproject.toml lists its packages by hand (the lexicons live outside normalize/); a
    # package missing there works in a source checkout and is missing from a wheel
    import re

    line = re.search(r"^packages = \[(.*)\]$", (REPO / "pyproject.toml").read_text(encoding="utf-8"), re.MULTILINE)
    assert line is not None
    listed = set(re.findall(r'"([^"]+)"', line.group(1)))
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "normalize").rglob("__init__.py")}
    assert found - listed == set(), "add to [tool.setuptools] packages in pyproject.toml"
