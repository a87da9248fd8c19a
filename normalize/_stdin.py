"""Standard input that Ctrl-C always interrupts, even with other threads running.

A signal is handled by whichever thread the kernel picks, and Python runs its
handler in the main thread only between bytecodes. If the main thread is about to
block in ``read()`` when SIGINT arrives (or the signal lands in another thread,
such as a ``multiprocessing`` queue's feeder thread), ``read()`` is never
interrupted: a ``tag -j 2`` reading a pipe that stays open waits forever.

:func:`interruptible_stdin` reads through ``select()`` on stdin and a wake-up
pipe that the C signal handler writes to (``signal.set_wakeup_fd``), from any
thread and even before ``select()`` is entered, so the main thread always
returns to Python and raises ``KeyboardInterrupt``. Where that cannot be set up
(not POSIX, not the main thread, a wake-up fd already in use, stdin without a
file descriptor) it returns ``sys.stdin.buffer`` unchanged.
"""

from __future__ import annotations

import io
import os
import select
import sys
import threading
from typing import BinaryIO


class _Raw(io.RawIOBase):
    def __init__(self, fd: int, wake: int) -> None:
        self._fd = fd
        self._wake = wake

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while True:
            ready, _, _ = select.select([self._fd, self._wake], [], [])
            if self._wake in ready:
                try:
                    os.read(self._wake, 512)  # the handler has run (or runs at the next bytecode)
                except BlockingIOError:
                    pass
                continue
            data = os.read(self._fd, len(buffer))
            buffer[: len(data)] = data
            return len(data)


def interruptible_stdin() -> BinaryIO:
    """``sys.stdin.buffer``, or a reader of the same bytes that Ctrl-C always interrupts."""
    import signal

    stdin = sys.stdin.buffer
    if os.name != "posix" or threading.current_thread() is not threading.main_thread():
        return stdin
    try:
        fd = stdin.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (in-process tests)
        return stdin
    r, w = os.pipe()
    os.set_blocking(r, False)
    os.set_blocking(w, False)
    try:
        previous = signal.set_wakeup_fd(w, warn_on_full_buffer=False)
        if previous != -1:
            signal.set_wakeup_fd(previous)  # someone else's: leave it, and stdin, alone
            os.close(r)
            os.close(w)
            return stdin
    except ValueError:
        os.close(r)
        os.close(w)
        return stdin
    return io.BufferedReader(_Raw(fd, r), buffer_size=1 << 16)
