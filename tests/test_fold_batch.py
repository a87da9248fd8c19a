"""The batch forms of folding (what an index build uses) give exactly what one text at a time gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.fold import fold, fold_many, skeleton, skeleton_many

# letters that fold, compose, change case in context or repair look-alikes, and separators
_ALPHABET = st.sampled_from(list(
    "aAeEiIoOkKhHxXcCsSzZwWyYjJqQ тТеЕёЁкКиИнНоОсСхХаАрР ΣσςΑα çČšŽłŁßİı'’-\u0301\u0308\u0327\n\t\u00a0.,«»0"
))
_TEXT = st.text(_ALPHABET, max_size=14) | st.text(max_size=8)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TEXT, max_size=8))
def test_fold_many_is_fold_of_each(texts: list[str]) -> None:
    assert fold_many(texts) == [fold(t) for t in texts]


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=8))
def test_skeleton_many_is_skeleton_of_each(texts: list[str]) -> None:
    keys = [fold(t) for t in texts] + texts  # light keys, and anything else
    assert skeleton_many(keys) == [skeleton(k) for k in keys]


def test_batches_of_known_words() -> None:
    words = ["Тёткино", "ΟΔΟΣ", "Charków", "Kharkov", "", "  two  words ", "Зеленський", "line\nbreak", "ss"]
    assert fold_many(words) == [fold(w) for w in words]
    keys = fold_many(words)
    assert skeleton_many(keys) == [skeleton(k) for k in keys]
    assert fold_many([]) == [] and skeleton_many([]) == []
