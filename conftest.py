"""Session set-up for everything pytest collects: ``tests/`` and the doctests of ``normalize/``.

**No test touches the user's cache.** Before anything is collected, the variables that
decide where ``normalize`` caches point into one temporary directory for the whole session:
``NORMALIZE_CACHE_DIR`` (the cache), and ``XDG_CACHE_HOME`` and ``HOME`` (where it falls
back to when a test unsets the first). Subprocesses inherit them, and so do pytest-xdist's
workers, which start after this ran in the controller; a test that changes them for good
fails the next test's set-up. ``tests/test_isolation.py`` checks all of this.

**The bundled lexicons' index is built once per session**, not once per worker: every
worker and every CLI test share the session's cache, and the first process of the session
that collects a test needing it starts one background build (a marker file created with
``O_EXCL`` decides who). Tests run meanwhile, engine-only modules (:data:`ENGINE_ONLY`)
first; a test of any other module waits for the build before it starts. The build is an
optimization only: a test that built the index itself would get the same file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

#: the variables a session points into its own directory (value: its sub-directory)
ISOLATED = {"NORMALIZE_CACHE_DIR": "normalize-cache", "XDG_CACHE_HOME": "xdg-cache", "HOME": "home"}
#: set by the process that made the session directory; xdist workers find it inherited
SESSION_VAR = "NORMALIZE_TEST_SESSION_DIR"
#: test modules, and doctest modules of the package, that never load the bundled lexicons:
#: they run first, while the bundled index is being built (a hint for speed only)
ENGINE_ONLY = frozenset({
    "tests/test_translit_engine.py", "tests/test_schemes.py", "tests/test_schemes_other.py",
    "tests/test_schemes_press.py", "tests/test_schemes_ru.py", "tests/test_schemes_slavic.py",
    "tests/test_detect.py", "tests/test_inflect.py", "tests/test_reverse.py", "tests/test_code_quality.py",
    "tests/test_pool.py", "tests/test_engine_data.py", "tests/test_isolation.py", "tests/isolation_probe.py",
    "tests/test_benchmarks_readme.py",
    "normalize/text.py", "normalize/fold.py", "normalize/detect.py", "normalize/reverse.py",
    "normalize/romanize.py", "normalize/_suggest.py", "normalize/_badinput.py", "normalize/datafile.py",
})
ENGINE_ONLY_DIRS = ("normalize/translit/", "normalize/inflect/")
#: what the background build runs: the bundled lexicons' index (and the tagger's view of it)
_BUILD = ("from normalize.matcher import Matcher; Matcher().build(); "
          "from normalize.tagger import Tagger; Tagger().tag('')")
_session_dirs: list[Path] = []
_builder: list[subprocess.Popen[bytes]] = []
_waited: list[bool] = []


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get(SESSION_VAR):  # an xdist worker: its controller set the session up
        return
    from normalize.cache import cache_dir

    os.environ["NORMALIZE_TEST_REAL_CACHE"] = str(cache_dir())
    os.environ["NORMALIZE_TEST_REAL_HOME"] = str(Path.home())
    base = Path(tempfile.mkdtemp(prefix="normalize-tests-"))
    _session_dirs.append(base)
    os.environ[SESSION_VAR] = str(base)
    for var, sub in ISOLATED.items():
        (base / sub).mkdir()
        os.environ[var] = str(base / sub)


def pytest_unconfigure(config: pytest.Config) -> None:
    for proc in _builder:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    for base in _session_dirs:
        shutil.rmtree(base, ignore_errors=True)


def _rel(item: pytest.Item) -> str:
    return Path(str(item.path)).relative_to(Path(__file__).parent).as_posix()


def _needs_bundled(item: pytest.Item) -> bool:
    rel = _rel(item)
    return rel not in ENGINE_ONLY and not rel.startswith(ENGINE_ONLY_DIRS)


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    # engine-only tests first, so that they run while the bundled index is being built; then
    # the slow ones, so that no worker is left with a long test at the end (a stable sort
    # keeps each module's own order otherwise)
    items.sort(key=lambda item: (_needs_bundled(item), item.get_closest_marker("slow") is None))
    if any(_needs_bundled(item) for item in items):
        _start_bundled_build()


def _session_dir() -> Path:
    return Path(os.environ[SESSION_VAR])


def _start_bundled_build() -> None:
    """Start the one background build of the session (only the first process to ask does)."""
    try:
        fd = os.open(_session_dir() / "bundled.started", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return
    os.close(fd)
    done = str(_session_dir() / "bundled.done")
    script = f"import pathlib\ntry:\n    {_BUILD}\nfinally:\n    pathlib.Path({done!r}).touch()\n"
    with open(_session_dir() / "bundled.log", "wb") as log:  # the child keeps its own descriptor
        _builder.append(subprocess.Popen([sys.executable, "-c", script], stdout=log, stderr=subprocess.STDOUT))
    (_session_dir() / "bundled.pid").write_text(str(_builder[-1].pid), encoding="ascii")


def _alive(pid_file: Path) -> bool:
    """Whether the builder named in ``pid_file`` still runs (True while the file is not written yet)."""
    try:
        pid = int(pid_file.read_text(encoding="ascii"))
    except (FileNotFoundError, ValueError):
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed builder stays a zombie until the worker that started it reaps it
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:  # no /proc (not Linux): the signal probe above is all there is
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def pytest_runtest_setup(item: pytest.Item) -> None:
    changed = {var: os.environ.get(var) for var, sub in ISOLATED.items()
               if os.environ.get(var) != str(_session_dir() / sub)}
    if changed:
        pytest.fail(f"an earlier test changed {changed} for good: tests must not leave the session's cache")
    if not _waited and _needs_bundled(item):
        _waited.append(True)
        _wait_for_bundled_build()


def _wait_for_bundled_build(timeout: float = 900.0) -> None:
    """Until the session's build is over: the builder marks it done even when it failed, and a
    builder that vanished without a mark (killed from outside) ends the wait at once (the tests
    then build what they need themselves)."""
    started, done = _session_dir() / "bundled.started", _session_dir() / "bundled.done"
    pid_file = _session_dir() / "bundled.pid"
    deadline = time.monotonic() + timeout
    while started.exists() and not done.exists() and time.monotonic() < deadline:
        if not _alive(pid_file):
            sys.stderr.write("conftest: the bundled index's background build died; tests build it themselves\n")
            return
        time.sleep(0.1)
