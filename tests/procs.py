"""Processes seen from /proc (Linux): the workers of a command, and whether one still runs."""

from __future__ import annotations

import signal
from pathlib import Path

#: where these helpers work (tests that need them skip elsewhere)
HAVE_PROC = Path("/proc/self/stat").exists()


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def as_from_a_terminal() -> None:
    """``preexec_fn`` for a command a test interrupts: SIGINT and SIGHUP back to their defaults.

    A shell starts a background job (``pytest &``) with SIGINT ignored, ``nohup`` ignores
    SIGHUP, and a child inherits both, so the signal would never reach the command under test.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
