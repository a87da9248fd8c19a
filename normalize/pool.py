"""One process pool for every command that spreads its work over processes (``batch -j N``, ``tag -j N``).

What it guarantees, and how:

* **Results in task order**, whoever computed them: tasks go to the workers
  round-robin, each worker has its own task and result queue, and the parent
  reads the results back in the order it handed the tasks out.
* **Bounded memory**: at most ``2 * jobs`` tasks are in flight; a result that
  is next in order is handed back as soon as it is there. (A
  ``multiprocessing.Pool`` could not: ``imap`` reads its whole input ahead.)
* **Workers share the parent's engine**: they are forked where the platform
  can, after the parent has built its engine, so they inherit it as it is;
  elsewhere they are spawned and ``setup`` opens it again (``forks()`` tells a
  caller which, so it can hand over the engine itself or only a spec of it).
* **Workers never outlive the run**: they ignore Ctrl-C and SIGHUP (the parent
  handles those and stops the pool), take SIGTERM's default action, and on
  Linux die with the parent even when it is killed by SIGKILL.
* **A worker that dies or fails stops the run** with a clear error
  (:class:`WorkerDied`, :class:`WorkerError` with the worker's traceback),
  never a hang.
* **Knowledge is shared**: what a worker learned doing a task (``share``
  takes it out of the result, in the parent) is forwarded to every other
  worker with its next task (``learn`` takes it in, in the worker), so that
  work done once is not done again elsewhere.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterable
from multiprocessing.context import BaseContext
from typing import Any, Generic, TypeVar

__all__ = ["WorkerDied", "WorkerError", "WorkerPool", "become_worker", "forks"]

T = TypeVar("T")
R = TypeVar("R")


class WorkerError(RuntimeError):
    """A worker failed on a task (a bug): the message carries its traceback."""


class WorkerDied(WorkerError):
    """A worker process ended before it finished its tasks (killed, out of memory)."""


def _context() -> BaseContext:
    """'fork' where it exists: workers share the parent's built engine for free."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def forks() -> bool:
    """Whether workers are forked (they inherit the parent's objects) rather than spawned."""
    return _context().get_start_method() == "fork"


def become_worker(parent: int) -> None:
    """Signals of a worker process of ``parent``: the parent handles Ctrl-C and hang-ups."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """Linux: get SIGTERM when the parent dies (even by SIGKILL), so no worker is orphaned."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover
        return
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


class _Failure:
    """What a worker sends back instead of a result when its task raised."""

    def __init__(self, text: str) -> None:
        self.text = text


class WorkerPool(Generic[T, R]):
    """``jobs`` worker processes running ``work`` over tasks; see the module docstring.

    ``setup(*setup_args)`` runs once in each worker before its first task
    (under fork the arguments are inherited, not pickled). ``known``: what the
    parent already learned, handed to every worker before its first task.
    ``name`` names the workers in error messages (``batch worker 2 died``).
    """

    def __init__(
        self,
        jobs: int,
        work: Callable[[T], R],
        *,
        setup: Callable[..., object] | None = None,
        setup_args: tuple[Any, ...] = (),
        learn: Callable[[list[Any]], object] | None = None,
        share: Callable[[R], list[Any]] | None = None,
        known: list[Any] | None = None,
        name: str = "pool",
    ) -> None:
        ctx = _context()
        self.jobs = jobs
        self.name = name
        self._share = share
        self._tasks = [ctx.Queue() for _ in range(jobs)]
        self._results = [ctx.Queue() for _ in range(jobs)]
        args = (work, setup, setup_args, learn, os.getpid())
        self._procs = [
            ctx.Process(target=_worker_main, args=(self._tasks[i], self._results[i], *args), daemon=True)  # type: ignore[attr-defined]
            for i in range(jobs)
        ]
        for proc in self._procs:  # all forked before any queue starts its feeder thread
            proc.start()
        self._forward: list[list[Any]] = [[] for _ in range(jobs)]
        # A queue's first put starts its feeder thread. Start them with SIGINT and SIGTERM
        # blocked, so that those signals reach the main thread: delivered to a feeder
        # thread, they would wait for a main thread blocked in a read of stdin.
        blocked = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, blocked) if hasattr(signal, "pthread_sigmask") else None
        try:
            for q in self._tasks:
                q.put(("learn", known or []))
        finally:
            if mask is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)

    def __enter__(self) -> WorkerPool[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map(self, tasks: Iterable[T]) -> Generator[R, None, None]:
        """The result of every task, in order (lazily: at most ``2 * jobs`` in flight)."""
        jobs = self.jobs
        pending: deque[int] = deque()
        for n, task in enumerate(tasks):
            w = n % jobs
            self._tasks[w].put(("task", task, self._forward[w]))
            self._forward[w] = []
            pending.append(w)
            if len(pending) >= 2 * jobs:
                yield self._collect(pending.popleft())
            while pending and not self._results[pending[0]].empty():  # hand back what is done already
                yield self._collect(pending.popleft())
        while pending:
            yield self._collect(pending.popleft())
        for q in self._tasks:
            q.put(None)
        for proc in self._procs:
            proc.join()

    def _collect(self, w: int) -> R:
        while True:
            try:
                got = self._results[w].get(timeout=1.0)
                break
            except queue.Empty:
                if not self._procs[w].is_alive():
                    raise WorkerDied(
                        f"{self.name} worker {w + 1} died (exit code {self._procs[w].exitcode})"
                    ) from None
        if isinstance(got, _Failure):  # a bug: the worker's traceback is the report
            raise WorkerError(f"{self.name} worker {w + 1} failed:\n{got.text}")
        if self._share is not None:
            items = self._share(got)
            if items:
                for v in range(self.jobs):
                    if v != w:
                        self._forward[v].extend(items)
        return got  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop every worker (at once: tasks still queued are dropped)."""
        for proc in self._procs:
            if proc.is_alive():
                proc.terminate()
        for proc in self._procs:
            proc.join()
        for q in (*self._tasks, *self._results):
            q.cancel_join_thread()  # never wait at exit to flush a queue nobody reads
            q.close()


def _worker_main(
    tasks: Any,
    results: Any,
    work: Callable[[Any], Any],
    setup: Callable[..., object] | None,
    setup_args: tuple[Any, ...],
    learn: Callable[[list[Any]], object] | None,
    parent: int,
) -> None:
    """A worker process: tasks in, results out, until None."""
    become_worker(parent)
    if setup is not None:
        setup(*setup_args)
    while True:
        item = tasks.get()
        if item is None:
            return
        try:
            if item[0] == "learn":
                if learn is not None and item[1]:
                    learn(item[1])
                continue
            _, task, knowledge = item
            if learn is not None and knowledge:
                learn(knowledge)
            results.put(work(task))
        except Exception:  # noqa: BLE001 - reported by the parent, which stops the run
            results.put(_Failure(traceback.format_exc()))
            return
