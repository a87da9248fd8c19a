"""The one process pool (normalize.pool) and what `batch -j N` and `tag -j N` get from it.

The pool runs real worker processes here: ordered results, bounded work in
flight, knowledge forwarded between workers, a failing or dying worker
reported (never a hang), and workers that never outlive their parent.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from normalize.pool import WorkerDied, WorkerError, WorkerPool
from tests.procs import HAVE_PROC, as_from_a_terminal, children, running

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TAG_LEXICON = FIXTURES / "tag_lexicon.jsonl"
MATCH_LEXICON = FIXTURES / "match_lexicon.jsonl"

# -- what the workers run (module level: a spawned worker imports them) ---------------------

_KNOWN: set[int] = set()


def _setup(start: list[int]) -> None:
    _KNOWN.clear()
    _KNOWN.update(start)


def _learn(items: list[int]) -> None:
    _KNOWN.update(items)


def _work(task: int) -> tuple[int, int, list[int], list[int]]:
    """(task, worker pid, what this worker knew when it started the task, what it learned doing it)."""
    known = sorted(_KNOWN)
    _KNOWN.add(task)
    return task, os.getpid(), known, [task]


def _share(result: tuple[int, int, list[int], list[int]]) -> list[int]:
    return result[3]


def _square(task: int) -> int:
    if task == 13:
        raise ValueError("thirteen")
    return task * task


def _die_on_seven(task: int) -> int:
    if task == 7:
        os._exit(3)
    return task


def test_results_come_back_in_task_order_from_every_worker() -> None:
    with WorkerPool(2, _work, setup=_setup, setup_args=([],)) as pool:
        got = list(pool.map(iter(range(40))))
    assert [r[0] for r in got] == list(range(40))
    assert len({r[1] for r in got}) == 2 and os.getpid() not in {r[1] for r in got}


def test_work_in_flight_is_bounded() -> None:
    pulled = 0

    def tasks() -> Iterator[int]:
        nonlocal pulled
        for n in range(1000):
            pulled += 1
            yield n

    with WorkerPool(2, _square) as pool:
        results = pool.map(tasks())
        assert next(results) == 0
        assert pulled <= 2 * 2  # not the whole input read ahead
        assert next(results) == 1
        assert pulled <= 2 * 2 + 1
        results.close()


def test_what_a_worker_learns_reaches_the_others() -> None:
    with WorkerPool(2, _work, setup=_setup, setup_args=([],), learn=_learn, share=_share, known=[-1]) as pool:
        got = list(pool.map(iter(range(20))))
    assert all(-1 in r[2] for r in got)  # what the parent knew, every worker knew from the start
    by_worker: dict[int, set[int]] = {}
    for task, pid, _, _ in got:
        by_worker.setdefault(pid, set()).add(task)
    last = got[-1]
    others = set(range(20)) - by_worker[last[1]]
    assert others & set(last[2])  # the last task's worker knew what the other worker had done
    assert max(others & set(last[2])) < last[0]  # only what had been done before


def test_a_failing_worker_stops_the_run_with_its_traceback() -> None:
    with WorkerPool(2, _square, name="test") as pool, pytest.raises(WorkerError) as info:
        list(pool.map(iter(range(30))))
    assert "test worker 2 failed" in str(info.value) and "ValueError: thirteen" in str(info.value)


def test_a_dying_worker_is_reported_not_waited_for() -> None:
    started = time.monotonic()
    with WorkerPool(2, _die_on_seven, name="test") as pool, pytest.raises(WorkerDied, match=r"test worker 2 died \(exit code 3\)"):
        list(pool.map(iter(range(30))))
    assert time.monotonic() - started < 30


# -- the commands ---------------------------------------------------------------------------


def _documents(n: int) -> bytes:
    texts = ("Зеленський приїхав до Харкова.", "Kharkiv and Kyiv were shelled; Klitschko spoke.", "Nothing here.")
    return b"".join(json.dumps({"id": i, "text": texts[i % 3] * 20}, ensure_ascii=False).encode() + b"\n"
                    for i in range(n))


@pytest.mark.skipif(not HAVE_PROC, reason="needs Linux /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_tag_workers_do_not_outlive_the_command(tmp_path: Path, sig: int) -> None:
    cmd = [sys.executable, "-m", "normalize", "tag", "--jsonl", "-j", "2", "--lexicon", str(TAG_LEXICON), "-"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=as_from_a_terminal)  # noqa: PLW1509 -- only resets a signal
    try:
        assert proc.stdin is not None
        proc.stdin.write(_documents(4000))  # more than a block; stdin stays open: the run waits mid-way
        proc.stdin.flush()
        deadline = time.time() + 120
        while len(workers := children(proc.pid)) < 2:
            assert time.time() < deadline, "the workers did not start"
            assert proc.poll() is None, proc.communicate()[1]
            time.sleep(0.05)
        proc.send_signal(sig)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        _, stderr = proc.communicate(timeout=30)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and b"Traceback" not in stderr
    deadline = time.time() + 10  # workers follow their parent, even after SIGKILL
    while any(running(w) for w in workers):
        assert time.time() < deadline, "orphaned worker processes"
        time.sleep(0.05)


def test_tag_and_batch_read_a_jsonl_line_by_the_same_rule(tmp_path: Path) -> None:
    """The same bad lines get the same messages from `batch` and `tag --jsonl` (one rule)."""
    bad = [b'{"text": "Kyiv", "name": "Kyiv",', b"[1, 2]", b'"text"', b'{"text": "caf\xe9", "name": "caf\xe9"}',
           b"\xff[]", b"{" * 100_000 + b"}" * 100_000]
    data = b'{"text": "Kharkiv", "name": "Kharkiv"}\n' + b"\n".join(bad) + b"\n"
    (tmp_path / "in.jsonl").write_bytes(data)

    def messages(*cmd: str) -> list[str]:
        proc = subprocess.run([sys.executable, "-m", "normalize", *cmd], cwd=tmp_path, capture_output=True,
                              timeout=120, check=False)
        assert proc.returncode == 1, proc.stderr
        return [line for line in proc.stderr.decode().splitlines() if line.startswith("in.jsonl:")]

    batch = messages("batch", "in.jsonl", "-c", "name", "-o", "out.jsonl", "--lexicon", str(MATCH_LEXICON))
    tag = messages("tag", "--jsonl", "--lexicon", str(TAG_LEXICON), "in.jsonl")
    assert batch == tag and len(batch) == len(bad)
    assert "in.jsonl:3: JSON value is not an object (array)" in batch
