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
           "ROMANIZED_ADJECTIVE_RE", "STOP_WORDS", "SUBTYPE_SIZE", "among_capitals", "function_words", "prev_word",
           "title_case_line"]

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


# -- headlines: where capital letters say nothing --------------------------------------------

#: a word of a line, for :func:`title_case_line` (letters, apostrophes and hyphens inside)
_LINE_WORD_RE: Final = re.compile(WORD_PATTERN)
#: the longest line read as a headline, and the fewest long words it must have
_HEADLINE_CHARS: Final = 200
_HEADLINE_WORDS: Final = 3


def _function_words() -> dict[str | None, frozenset[str]]:
    """Light keys of the short words of each language (function words, articles, prepositions,
    coordinators, common words); None: all of them, for a text whose language is not told."""
    by_lang: dict[str | None, set[str]] = {}
    for name in ("language_words", "determiners", "place_prepositions", "common_words"):
        for lang, words in _DATA[name].items():
            by_lang.setdefault(lang, set()).update(words)
    for words in by_lang.values():
        words.update(_DATA["coordinators"])
    out: dict[str | None, frozenset[str]] = {k: frozenset(v) for k, v in by_lang.items()}
    out[None] = frozenset().union(*out.values())
    return out


_FUNCTION_WORDS: Final = _function_words()


def function_words(lang: str | None) -> frozenset[str]:
    """The light keys of the words of language ``lang`` (``evidence.document_language``; None: of
    any language) that are words, not acronyms, in a headline in capitals ("UN SOLDAT", "HAT")."""
    return _FUNCTION_WORDS.get(lang, _FUNCTION_WORDS[None])


def among_capitals(text: str, s: int, e: int) -> bool:
    """Is the word ``text[s:e]`` (in capitals) one of a stretch written all in capitals (a headline,
    "TROOPS STEP UP ASSAULTS"), so that its capitals say nothing?

    The word before it and the word after it on the same line are read (each of two letters or
    more): at least one is there, and each that is there is in capitals. Cheap: two short
    searches around the word.
    """
    before = prev_word(text, max(0, s - 40), s)
    after = NEXT_WORD_RE.match(text, e, e + 40)
    around = []
    if before is not None:
        around.append((before.group(1), before.group(2)))
    if after is not None:
        around.append((after.group(2), after.group(1)))
    seen = False
    for word, sep in around:
        if "\n" in sep or len(word) < 2:
            continue
        if not word.isupper():
            return False
        seen = True
    return seen


def title_case_line(text: str, s: int) -> bool:
    """Is position ``s`` on a line of its own written in Title Case ("Klitschko Warns Of Longer
    Blackouts", "Selenskyj Trifft Macron In Paris"), a headline whose capitals say nothing?

    The line (between line breaks, at most :data:`_HEADLINE_CHARS` characters) does not end with
    a full stop, and every word of four letters or more starts with a capital, at least
    :data:`_HEADLINE_WORDS` of them; a line wholly in capitals counts too.
    """
    global _last_line
    a = text.rfind("\n", max(0, s - _HEADLINE_CHARS), s) + 1
    if a == 0 and s > _HEADLINE_CHARS:
        return False
    last = _last_line
    if last[0] is text and last[1] == a:  # another mention of the same line: the same answer
        return last[2]
    got = _title_case_line_at(text, s, a)
    _last_line = (text, a, got)
    return got


#: the last line :func:`title_case_line` read: (text, where the line starts, its answer)
_last_line: tuple[str | None, int, bool] = (None, -1, False)


def _title_case_line_at(text: str, s: int, a: int) -> bool:
    """:func:`title_case_line` for the line that starts at ``a`` (``s`` on it): its answer depends on
    the line alone, since the line's end is the first line break after any position on it."""
    b = text.find("\n", s, a + _HEADLINE_CHARS + 1)
    if b < 0:
        if len(text) - a > _HEADLINE_CHARS:
            return False
        b = len(text)
    line = text[a:b].rstrip()
    if not line or line[-1] in ".;" or (a == 0 and b == len(text)):
        return False  # a sentence, or a text of one line: no headline above a body
    long_words = [w for w in _LINE_WORD_RE.findall(line) if len(w) >= 4]
    return len(long_words) >= _HEADLINE_WORDS and all(w[0].isupper() for w in long_words)
