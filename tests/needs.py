"""Programs some tests need (Java for Spark, Chromium for the HTML view).

Outside CI a test whose program is missing skips, saying which; under CI=true
it fails: `.ci/run` installs them, so a missing one is a broken setup.
"""

from __future__ import annotations

import os
import shutil

import pytest

#: program -> (candidate executables, the Debian package .ci/run installs)
PROGRAMS = {
    "java": (("java",), "openjdk-17-jre-headless"),
    "chromium": (("chromium", "chromium-browser"), "chromium"),
}


def program(name: str) -> str:
    """The path of ``name``'s executable; skips (fails under CI=true) when it is missing."""
    names, package = PROGRAMS[name]
    for candidate in names:
        path = shutil.which(candidate)
        if path:
            return path
    message = f"{name} is not installed (Debian package {package}; .ci/run installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: required)")
    pytest.skip(message)
    raise AssertionError("unreachable")
