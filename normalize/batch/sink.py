"""OUTPUT of a batch, written atomically: whole or not at all."""

from __future__ import annotations

import gzip
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

from normalize.batch.base import BatchError, reason

__all__ = ["Sink"]


class Sink:
    """OUTPUT, written atomically: to a temporary file in its directory, renamed at the end.

    Only a regular file (or a new path) can be replaced that way. stdout, a
    device such as /dev/null, a FIFO... are written straight through (renaming
    over /dev/null would replace the device with a file). A symbolic link is
    followed: its target is replaced, the link stays; a replaced file keeps its
    permissions. The temporary file is ``.OUTPUT.PID.XXXXXXXX.tmp``; one that a
    run of the same OUTPUT left behind (killed by SIGKILL, or a power cut) is
    removed by the next run, once its process no longer exists. A failure to
    write (a full disk) is a :class:`BatchError`.
    """

    def __init__(self, path: str, report: Callable[[str], None] | None = None) -> None:
        self.path = path
        self.tmp: str | None = None
        self.final: Path | None = None
        self._owned = path != "-"
        if path == "-":
            raw: IO[bytes] = sys.stdout.buffer
        else:
            target = Path(path).resolve()
            if target.is_dir():
                raise BatchError(f"cannot write {path}: it is a directory")
            try:
                if target.exists() and not target.is_file():
                    raw = open(target, "wb")  # noqa: SIM115 - closed by commit/abort
                else:
                    _remove_stale_temporaries(target, report)
                    tmp = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
                    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
                    self.tmp, self.final = str(tmp), target
                    if target.exists() and hasattr(os, "fchmod"):
                        os.fchmod(fd, target.stat().st_mode & 0o777)
                    raw = os.fdopen(fd, "wb", buffering=1 << 20)
            except OSError as exc:
                if self.tmp is not None:
                    os.close(fd)
                    os.unlink(self.tmp)
                    self.tmp = None
                raise BatchError(f"cannot write {path}: {reason(exc)}") from None
        self._raw = raw
        self.stream: IO[bytes] | gzip.GzipFile = raw
        if path.endswith(".gz"):
            # mtime=0: the same input gives the same bytes, whatever the day or -j
            self.stream = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0)

    def _failed(self, exc: OSError) -> BatchError:
        shown = "stdout" if self.path == "-" else self.path
        return BatchError(f"cannot write {shown}: {reason(exc)}")

    def write(self, data: bytes) -> None:
        try:
            self.stream.write(data)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None

    def commit(self) -> None:
        try:
            if self.stream is not self._raw:
                self.stream.close()  # the gzip trailer; the file itself stays open
            self._raw.flush()
            if self.tmp is not None and self.final is not None:
                os.fsync(self._raw.fileno())
                self._raw.close()
                os.replace(self.tmp, self.final)
                self.tmp = None
            elif self._owned:
                self._raw.close()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None
        self._owned = False

    def abort(self) -> None:
        if self._owned:
            try:
                self._raw.close()
            except OSError:  # a full device: what could not be written is dropped
                pass
            self._owned = False
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:  # pragma: no cover
                pass
            self.tmp = None


def _remove_stale_temporaries(target: Path, report: Callable[[str], None] | None) -> None:
    """Remove ``.NAME.PID.XXXXXXXX.tmp`` files of ``target`` whose process is gone."""
    prefix = f".{target.name}."
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid, _, token = name[len(prefix) : -4].partition(".")
        if not (pid.isdigit() and len(token) == 8 and all(c in "0123456789abcdef" for c in token)):
            continue
        if int(pid) == os.getpid() or _process_exists(int(pid)):
            continue  # a run in progress (or a reused PID: left alone, to be safe)
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        if report is not None:
            report(f"removed {Path(entry.path)}, left behind by an interrupted run (process {pid})")


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process
    return True
