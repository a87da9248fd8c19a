"""The tagger's word readers (normalize/tagger/words.py): fast paths equal to the plain regex search."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.tagger.words import PREV_WORD_RE, prev_word

_PARTS = ["a", "Ж", "ab", "word", "x" * 45, "1", "12", "_", "'", "’", "ʼ", "-", " ", "  ", ". ", ", ", "\n",
          "²", " " * 40, "1" * 70, "a-b", "l'"]


def _sig(m: re.Match[str] | None) -> object:
    return None if m is None else (m.span(), m.span(1), m.span(2), m.group(1), m.group(2))


@given(st.lists(st.sampled_from(_PARTS), max_size=30), st.integers(0, 400), st.sampled_from([0, 5, 40, 80, 400]))
@settings(max_examples=500, deadline=None)
def test_prev_word_is_the_search_from_the_range_start(parts: list[str], pos: int, back: int) -> None:
    # read from a short window that widens when it may cut the answer: the same match as a
    # search of the whole range (which tries every start from ``lo``)
    text = "".join(parts)
    pos = min(pos, len(text))
    lo = max(0, pos - back)
    assert _sig(prev_word(text, lo, pos)) == _sig(PREV_WORD_RE.search(text, lo, pos))


def test_prev_word_examples() -> None:
    m = prev_word("Sumy, Chernihiv and Poltava regions", 0, 28)
    assert m is not None and (m.group(1), m.group(2)) == ("Poltava", " ")
    assert prev_word("in 1941 ", 0, 8) is None  # a number is no word
    long = "x" * 100 + " "
    m = prev_word(long, 0, len(long))
    assert m is not None and m.group(1) == "x" * 100  # a word longer than the first window
