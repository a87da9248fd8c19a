"""The one cache layer: where derived files live, what they are keyed by, how they are written.

Everything ``normalize`` caches (today: compiled lexicon indexes, see
:mod:`normalize.index`) goes through this module:

* **where**: :func:`cache_dir`: ``$NORMALIZE_CACHE_DIR``, else
  ``$XDG_CACHE_HOME/normalize``, else ``~/.cache/normalize``;
* **keyed by what**: :func:`engine_fingerprint`, a hash of every file of the
  engine (all code of the package, its schemes and its data), so that any change
  to how keys are derived makes old files unusable rather than wrong;
* **how written**: :func:`atomic_write`: a temporary file in the same
  directory, renamed over the target when complete, removed on any failure. Two
  processes writing the same entry at once both succeed and leave one good file;
* **how kept**: :func:`prune` keeps the :data:`KEEP` most recently used entries
  and removes temporary files whose writer is gone;
* **when impossible**: a cache directory that cannot be created or written (read
  only, or a path under a regular file) costs one :class:`CacheWarning` and the
  run goes on without a cache.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

__all__ = ["KEEP", "CacheWarning", "atomic_write", "cache_dir", "engine_fingerprint", "prune", "writable_cache_dir"]

#: cache entries kept (the most recently used); older ones are removed by :func:`prune`
KEEP = 8
#: a temporary file older than this (seconds) is a leftover, whatever its name says
STALE_TMP_SECONDS = 3600
#: suffix of temporary files (their names: ``.<target>.<pid>.<random>.tmp``)
TMP_SUFFIX = ".tmp"


class CacheWarning(UserWarning):
    """The cache directory cannot be used: the run goes on without a cache."""


def cache_dir() -> Path:
    """The cache directory (it may not exist yet)."""
    env = os.environ.get("NORMALIZE_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "normalize"


_warned: set[str] = set()
_warn_lock = threading.Lock()


def _warn_once(directory: Path, reason: str) -> None:
    with _warn_lock:
        if str(directory) in _warned:
            return
        _warned.add(str(directory))
    warnings.warn(
        f"cannot use the cache directory {directory} ({reason}); running without a cache "
        "(set NORMALIZE_CACHE_DIR to a writable directory)",
        CacheWarning,
        stacklevel=3,
    )


def writable_cache_dir() -> Path | None:
    """The cache directory, created if needed; None (after one warning) when it cannot be written."""
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _warn_once(directory, exc.strerror or str(exc))
        return None
    if not os.access(directory, os.W_OK | os.X_OK):
        _warn_once(directory, "not writable")
        return None
    return directory


# -- the engine fingerprint ------------------------------------------------------------

_PACKAGE = Path(__file__).resolve().parent
#: what besides code decides derived data: scheme tables and the engine's data files
_DATA_SUFFIXES = {"schemes": (".json",), "data": (".json", ".tsv")}
_fingerprint: str | None = None


def engine_files(root: Path = _PACKAGE) -> list[Path]:
    """Every file the engine's output depends on, in a fixed order.

    All Python modules of the package (any subpackage), the scheme files and the
    engine data; not the bundled lexicons (an index is keyed by its lexicons'
    content separately) nor anything else.
    """
    # (a walk that never enters the lexicons or a __pycache__: every process computes this once)
    found: list[tuple[str, Path]] = []
    for folder, dirs, names in os.walk(root, followlinks=True):
        base = Path(folder)
        rel_dir = base.relative_to(root).parts
        if not rel_dir:
            dirs[:] = [d for d in dirs if d not in ("lexicons", "__pycache__")]
        else:
            dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in names:
            suffix = os.path.splitext(name)[1]
            if suffix == ".py" or (len(rel_dir) == 1 and suffix in _DATA_SUFFIXES.get(rel_dir[0], ())):
                path = base / name
                if path.is_file():
                    found.append(("/".join((*rel_dir, name)), path))
    found.sort(key=lambda item: item[0])
    return [path for _, path in found]


def engine_fingerprint(root: Path | None = None) -> str:
    """SHA-256 over the paths and bytes of :func:`engine_files` (computed once per process)."""
    global _fingerprint
    if root is None and _fingerprint is not None:
        return _fingerprint
    base = root or _PACKAGE
    digest = hashlib.sha256()
    for path in engine_files(base):
        data = path.read_bytes()
        digest.update(path.relative_to(base).as_posix().encode() + b"\0" + str(len(data)).encode() + b"\0")
        digest.update(data)
    value = digest.hexdigest()
    if root is None:
        _fingerprint = value
    return value


# -- writing and pruning ---------------------------------------------------------------


def atomic_write(path: Path, write: Callable[[BinaryIO], None], *, durable: bool = False) -> None:
    """Write ``path`` all at once: ``write(f)`` fills a temporary file that then replaces it.

    On any failure (an exception, Ctrl-C) the temporary file is removed and the
    error propagates; ``path`` is either its old self or complete. ``durable``
    also flushes the data to disk before the rename (for files a user asked
    for; a cache entry that is lost in a crash is simply rebuilt).
    """
    tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def prune(directory: Path, pattern: str, *, keep: int = KEEP, legacy: Iterable[str] = ()) -> None:
    """Keep the ``keep`` most recently used entries matching ``pattern``; remove leftovers.

    Leftovers are temporary files whose writing process is gone (or that are
    older than an hour) and files of the ``legacy`` patterns (formats this
    version no longer reads). Never raises: pruning is housekeeping.
    """
    try:
        now = time.time()
        for tmp in directory.glob(f".*{TMP_SUFFIX}"):
            parts = tmp.name.rsplit(".", 3)  # [".name", pid, random, "tmp"]
            try:
                pid = int(parts[1]) if len(parts) == 4 else -1
                old = now - tmp.stat().st_mtime > STALE_TMP_SECONDS
            except (ValueError, OSError):
                continue
            if old or (pid > 0 and pid != os.getpid() and not _pid_alive(pid)):
                _unlink(tmp)
        for pat in legacy:
            for path in directory.glob(pat):
                _unlink(path)
        entries = []
        for path in directory.glob(pattern):
            try:
                entries.append((path.stat().st_mtime, path))
            except OSError:
                continue
        entries.sort(reverse=True)
        for _, path in entries[keep:]:
            _unlink(path)
    except OSError:
        pass


def touch(path: Path) -> None:
    """Mark a cache entry as used now (for :func:`prune`); never raises."""
    try:
        os.utime(path)
    except OSError:
        pass


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
