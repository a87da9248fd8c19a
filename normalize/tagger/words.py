"""The tagger's word lists and sizes, read from ``normalize/data/tagging.json`` (checked at load).

Knowledge about running text in general, never about one entity; see the
"``tagging.json``" section of ``normalize/data/README.md``.
"""

from __future__ import annotations

import re
from typing import Final

from normalize import evidence

__all__ = ["CATEGORY_LINKS", "CATEGORY_STEMS", "ELIDED", "NAME_LINKS", "NEXT_WORD_RE", "PREV_WORD_RE",
           "ROMANIZED_ADJECTIVE_RE", "STOP_WORDS", "SUBTYPE_SIZE", "prev_word"]

_DATA = evidence.data()

#: words that are never a mention on their own, even capitalized at a sentence start
#: (light keys; GeoNames has villages called Mir, Bor, Pobeda, Most...): ``common_words``
STOP_WORDS: Final[frozenset[str]] = _DATA["common_words_any"]
#: French (and Catalan, Italian) elided words: "l'Institute", "d'Engels", "qu'Andriy"
ELIDED: Final[frozenset[str]] = _DATA["elided_words"]
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

#: a word of a name as the text's evidence reads it (letters, with ' ’ ʼ or - inside)
_WORD = r"[^\W\d_](?:[\w'’ʼ-]*\w)?"
#: the next word after a position (``match``): (separators, word)
NEXT_WORD_RE: Final = re.compile(rf"([^\w]*)({_WORD})")
#: the last word before a position (``search`` up to it): (word, separators)
PREV_WORD_RE: Final = re.compile(rf"({_WORD})([^\w]*)$")
#: words one after another, each with the separators after it
_WORD_SEP_RE: Final = re.compile(rf"({_WORD})([^\w]*)")
#: a character no word runs through
_BREAK_RE: Final = re.compile(r"[^\w'’ʼ-]")


def prev_word(text: str, lo: int, pos: int) -> re.Match[str] | None:
    """``PREV_WORD_RE.search(text, lo, pos)`` (the last word before ``pos`` and the separators after
    it), read from a short window first: a search from ``lo`` tries every start up to ``pos``.

    The words of the window are those of the whole range but for the first, which the window may
    cut: when the answer would be that one (or the window holds no word), the window widens.
    """
    w = max(lo, pos - 32)
    while True:
        found = list(_WORD_SEP_RE.finditer(text, w, pos))
        if found and (len(found) > 1 or w == lo or _BREAK_RE.match(text, w - 1) is not None):
            m = found[-1]
            return m if m.end() == pos else None
        if w == lo:
            return None
        w = max(lo, w - 64)
