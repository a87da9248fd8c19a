"""Building fast: the garbage collector paused during a build, and a forked second process."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["PARALLEL_MIN_ENTITIES", "PARENT_SHARE", "fork_call", "gc_paused", "parallel_ok", "parent_share"]

T = TypeVar("T")

_gc_lock = threading.Lock()
_gc_pauses = 0  # builds running now (threads), the collector paused while any is
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while an index is built or loaded.

    A build allocates millions of lists, tuples and hits, none in a reference
    cycle; with the collector on, every full collection walks all of them again
    (a third of the build time). It is switched back on as it was found, with
    the new objects moved to the oldest generation (``freeze`` then ``unfreeze``
    moves every tracked object there and restarts the youngest generation's
    count), else the first young collection would walk them all at once; the
    move is skipped when the program has frozen objects of its own.
    """
    import gc

    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                if gc.get_freeze_count() == 0:
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()


#: a lexicon this large or larger is indexed by two processes at once (where fork is safe)
PARALLEL_MIN_ENTITIES = 2000


#: the parent's share of the entities when two processes index them: a little less than half,
#: since the parent also works out the given names (~3% of the indexing) while the child
#: pickles its part (~1.5%) (measured on the 11,060-place lexicon)
PARENT_SHARE = 0.49


def parent_share(n: int) -> int:
    """How many of ``n`` entities the parent indexes itself (the first ones)."""
    return max(1, min(n - 1, round(n * PARENT_SHARE)))


def parallel_ok(jobs: int | None, n: int) -> bool:
    """Fork a second indexing process? Only on Linux, from a single-threaded process."""
    import os
    import sys

    if jobs is not None and jobs <= 1:
        return False
    if jobs is None and (n < PARALLEL_MIN_ENTITIES or (os.cpu_count() or 1) < 2):
        return False
    return sys.platform.startswith("linux") and threading.active_count() == 1


def fork_call(work: Callable[[], T]) -> Callable[[], T]:
    """Run ``work()`` in a forked child; returns a function that waits for and returns its result.

    The result travels back pickled through a pipe: between two processes of
    this program, never from a file. An exception in the child is raised again here.
    """
    import os
    import pickle

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        code = 0
        try:
            try:
                payload = pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # noqa: BLE001 - reported to the parent
                code = 1
                payload = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
            with os.fdopen(write_fd, "wb") as f:
                f.write(payload)
        finally:
            os._exit(code)
    os.close(write_fd)

    def wait() -> T:
        with os.fdopen(read_fd, "rb") as f:
            data = f.read()
        os.waitpid(pid, 0)
        try:
            ok, value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - the child died before writing
            raise RuntimeError("the second indexing process failed") from None
        if not ok:
            raise RuntimeError(f"the second indexing process failed: {value}")
        result: T = value
        return result

    return wait
