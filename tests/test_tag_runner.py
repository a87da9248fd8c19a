"""The parallel runner's bookkeeping in the parent (normalize/tagger/runner.py)."""

from __future__ import annotations

from normalize.tagger.runner import _not_prepared


def test_each_key_is_prepared_once_per_run() -> None:
    # raw mentions: (start, end, key, mask, person); a finished run of lines is a string
    chunk1 = ['{"start": 0}', (5, 9, 7, 1, -1), (12, 16, 7, 1, -1), (20, 24, 7, 2, -1), (30, 34, 8, 1, 3)]
    chunk2 = [(2, 6, 7, 1, -1), (8, 12, 9, 1, -1), '{"start": 40}', (50, 54, 7, 2, -1)]
    prepared: set[tuple[int, int]] = set()
    # the first mention of each (key, mask) that the resolver prepares (person -1), in order
    assert _not_prepared(chunk1, prepared) == [(5, 9, 7, 1, -1), (20, 24, 7, 2, -1)]
    assert _not_prepared(chunk2, prepared) == [(8, 12, 9, 1, -1)]
    assert prepared == {(7, 1), (7, 2), (9, 1)}
    # a person's mention (given name + surname) is no homonym to prepare, and marks nothing
    assert _not_prepared([(0, 4, 8, 1, 3)], prepared) == []
    assert _not_prepared([(0, 4, 8, 1, -1)], prepared) == [(0, 4, 8, 1, -1)]
