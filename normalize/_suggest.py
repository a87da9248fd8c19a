"""One "did you mean" for every message that names something unknown (a column, a scheme, a key, a type).

>>> did_you_mean("nmae", ["id", "name"])
"; did you mean 'name'?"
>>> did_you_mean("zzz", ["id", "name"])
''
>>> close_matches("uk_nationl", ["uk_national", "uk_national_1996", "ru_iso9"], n=5)
['uk_national', 'uk_national_1996']
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["close_matches", "did_you_mean"]

#: how alike a word and a suggestion must be (difflib's ratio), unless a caller asks otherwise
CUTOFF = 0.6


def close_matches(word: str, choices: Iterable[str], *, n: int = 1, cutoff: float = CUTOFF) -> list[str]:
    """Up to ``n`` of ``choices`` that look like ``word``, the closest first."""
    return difflib.get_close_matches(word, list(choices), n=n, cutoff=cutoff)


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = CUTOFF,
                 form: str = "; did you mean {!r}?") -> str:
    """``form`` filled with the choice closest to ``word``; empty when none is close."""
    close = close_matches(word, choices, cutoff=cutoff)
    return form.format(close[0]) if close else ""
