"""Build hook: compile the bundled lexicons' index into the package being built.

Everything else about the package is declared in pyproject.toml. The index is
derived data (tens of MB, changing with every lexicon or engine edit), so it is
not committed: ``pip install .`` and ``python -m build`` make it here, with the
package's own code from the build directory, so that the first run after
installing builds nothing. Editable installs skip it (the cache serves them);
so does NORMALIZE_SKIP_INDEX=1.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

COMPILE = (
    "import sys; from normalize.index import compile_index, packaged_index_path; "
    "compile_index(None, packaged_index_path())"
)


class BuildPyWithIndex(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False) or os.environ.get("NORMALIZE_SKIP_INDEX") == "1":
            return
        build_lib = Path(self.build_lib).resolve()
        # the package from the build directory, its dependencies from this (build) environment
        path = os.pathsep.join([str(build_lib), *[p for p in sys.path if p]])
        self.announce("compiling the bundled lexicons' index", level=2)
        with tempfile.TemporaryDirectory() as cache:  # compiling caches nothing, but never in the user's cache
            env = dict(os.environ, PYTHONPATH=path, NORMALIZE_CACHE_DIR=cache)
            subprocess.run([sys.executable, "-c", COMPILE], cwd=build_lib, env=env, check=True)
        target = build_lib / "normalize" / "lexicons" / "bundled.nidx"
        if not target.is_file():
            raise RuntimeError(f"the bundled index was not written to {target}")

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False) and os.environ.get("NORMALIZE_SKIP_INDEX") != "1":
            outputs.append(str(Path(self.build_lib) / "normalize" / "lexicons" / "bundled.nidx"))
        return outputs


setup(cmdclass={"build_py": BuildPyWithIndex})
