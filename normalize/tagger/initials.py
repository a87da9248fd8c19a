"""A person's surname with the initials of their given name and patronymic.

Russian and Ukrainian official, court and news texts write a person as "С. В. Лавров",
"С.В. Лавров" or, in lists and documents, "Лавров С.В.": the mention is the whole name with
its initials. The first initial must be that of a given name of exactly one of the persons
the surname may name (the table's initials); the second, the patronymic's, is not checked.
A single initial before the surname is the scan's given-name path ("В. Зеленский").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Protocol

__all__ = ["initials_around"]

_UP: Final = r"[^\W\d_a-zа-яёіїєґ]"
#: two initials right before the surname: "С.В. ", "С. В. "
_BEFORE: Final = re.compile(rf"(?<![^\W\d_])({_UP})\.\s?{_UP}\.\s?\Z")
#: two initials right after it: " С.В.", " С. В." (the span ends at the last letter)
_AFTER: Final = re.compile(rf" ({_UP})\.\s?{_UP}(?![^\W\d_])")


class _Initials(Protocol):
    def get(self, person: int, default: str = ..., /) -> str: ...


def _one(persons: Sequence[int], initials: _Initials, letter: str) -> int:
    low = letter.lower()  # the table holds initials folded
    found = [p for p in persons if low in initials.get(p, "")]
    return found[0] if len(found) == 1 else -1


def initials_around(chunk: str, s: int, e: int, persons: Sequence[int], initials: _Initials) -> tuple[int, int, int]:
    """``(start, end, person)`` of the surname at ``chunk[s:e]`` with two initials before or after
    it; person -1 (and the span unchanged) when there are none or they name no one person."""
    m = _BEFORE.search(chunk, max(0, s - 6), s)
    if m is not None and chunk[s - 1 : s].isspace():
        p = _one(persons, initials, m.group(1))
        if p >= 0:
            return m.start(), e, p
    m = _AFTER.match(chunk, e)
    if m is not None:
        p = _one(persons, initials, m.group(1))
        if p >= 0:
            return s, m.end(), p
    return s, e, -1
