"""The public Python API rejects bad arguments with a clear TypeError or ValueError.

Every case here once failed with an AttributeError deep inside the engine, or
worse, returned an empty answer as if the question had been fine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import normalize

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_schemes_stays_a_function_whatever_is_imported_first() -> None:
    # a fresh interpreter: the bug depended on import order within one process
    code = (
        "import importlib, normalize\n"
        "first = len(normalize.schemes())\n"
        "normalize.translit('Київ', 'uk_national')\n"
        "import normalize.schemes\n"
        "from normalize import schemes\n"
        "importlib.import_module('normalize.schemes')\n"
        "assert callable(schemes) and schemes is normalize.schemes, schemes\n"
        "assert len(normalize.schemes()) == first > 0\n"
        "assert normalize.translit('Київ', 'uk_national') == 'Kyiv'\n"
        "assert 'normalize' not in vars(normalize)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_all_lists_every_public_name_and_each_resolves() -> None:
    assert "translit" in normalize.__all__ and "schemes" in normalize.__all__
    for name in normalize.__all__:
        assert getattr(normalize, name) is not None, name
    assert sorted(normalize.__all__) == dir(normalize)
