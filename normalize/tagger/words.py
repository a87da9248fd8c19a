"""The tagger's word lists and sizes, read from ``normalize/data/tagging.json`` (checked at load).

Knowledge about running text in general, never about one entity; see the
"``tagging.json``" section of ``normalize/data/README.md``.
"""

from __future__ import annotations

import re
from typing import Final

from normalize import evidence
from normalize.evidence import NEXT_WORD_RE, WORD_PATTERN, words_before

__all__ = ["CAPITAL_ELIDED", "CATEGORY_LINKS", "CATEGORY_STEMS", "ELIDED", "HYPHENS", "NAME_LINKS", "NEXT_WORD_RE", "PREV_WORD_RE",
           "ROMANIZED_ADJECTIVE_RE", "STOP_WORDS", "SUBTYPE_SIZE", "prev_word"]

_DATA = evidence.data()

#: hyphens that join the parts of a compound ("Charkiw-Region", "Puschkin-Denkmal")
HYPHENS: Final = "-\u2010\u2011"

#: words that are never a mention on their own, even capitalized at a sentence start
#: (light keys; GeoNames has villages called Mir, Bor, Pobeda, Most...): ``common_words``
STOP_WORDS: Final[frozenset[str]] = _DATA["common_words_any"]
#: French (and Catalan, Italian) elided words: "l'Institute", "d'Engels", "qu'Andriy"
ELIDED: Final[frozenset[str]] = _DATA["elided_words"]
#: those that start a sentence, elided when capitalized before a lower-case vowel ("L'état-major")
CAPITAL_ELIDED: Final[frozenset[str]] = _DATA["capital_elided_words"]
#: stems of the category words looked for in the view (see ``CategoryWords.sites``)
CATEGORY_STEMS: Final[tuple[str, ...]] = _DATA["category_stems"]
#: words that may stand between a category word and its name ("région de Saratov")
CATEGORY_LINKS: Final[frozenset[str]] = _DATA["category_links"]
#: lower-case words that may join the capitalized words of a name (fuzzy pass), as written
NAME_LINKS: Final[tuple[str, ...]] = tuple(_DATA["raw"]["name_links"])
#: a romanized place adjective's case ending after -sk, -ck or -dz (kurskoiu, kurskim)
ROMANIZED_ADJECTIVE_RE: Final = re.compile(
    "(?<=[sc]k|dz)(?:"
    + "|".join(map(re.escape, sorted(set(_DATA["raw"]["romanized_adjective_endings"]), key=lambda e: (-len(e), e))))
    + ")$"
)
#: size (log10 of population) assumed for places the lexicon gives no population, by subtype
SUBTYPE_SIZE: Final[dict[str, float]] = {k: float(v) for k, v in _DATA["raw"]["subtype_sizes"].items()}

#: the last word before a position (``search`` up to it): (word, separators); :func:`prev_word`
#: finds the same match faster
PREV_WORD_RE: Final = re.compile(rf"({WORD_PATTERN})([^\w]*)$")


def prev_word(text: str, lo: int, pos: int) -> re.Match[str] | None:
    """``PREV_WORD_RE.search(text, lo, pos)`` (the last word before ``pos`` and the separators after
    it), read as :func:`normalize.evidence.words_before` reads it: from a short window first (a
    search from ``lo`` tries every start up to ``pos``)."""
    found = words_before(text, lo, pos, 1)
    return found[0] if found else None
