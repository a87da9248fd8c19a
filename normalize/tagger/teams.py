"""A town's name that names something else by the words around it: a club, a river, a ship.

English names a sports club by a word and its town ("Shakhtar Donetsk", "Zorya Luhansk"); the
town's name there is the club's, and so is the word before it when a village shares it (Zorya).
:func:`club_context` says whether the text around a mention speaks of sport (``club_context_words``
and ``score_shape`` in normalize/data/tagging.json: league, coach, a 2-1 score); the rules that
read it live in :mod:`normalize.tagger.unlisted`, which already reads the word before every
one-word mention. A town never takes "the" (``name_articles``) unless its name is used before a
noun ("the Kharkiv region", "the Pokrovsk front"): a town's name after "the" that ends its phrase
(:func:`heads_its_phrase`: a punctuation mark, a possessive, or a word of ``phrase_end_words``
follows) names a river, a ship or a club ("the Dnipro above Kyiv", "the Desna and the Pripyat").

Engine data only: words and shapes, no club, river or vessel names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Final

from normalize import evidence
from normalize.fold import fold

__all__ = ["after_initials", "club_context", "feature_noun", "heads_its_phrase", "team_member_noun"]

#: how far around a mention the words of sport are looked for (characters, within its line)
_WINDOW: Final = 240
_PUNCT_ENDS: Final = ".;:!?)"


@lru_cache(maxsize=1)
def _club_data() -> tuple[frozenset[str], re.Pattern[str], frozenset[str], frozenset[str]]:
    """(the words of sport, folded; the shape of a score; ``team_member_nouns``; ``phrase_end_words``)."""
    raw = evidence.data()["raw"]
    words = frozenset(fold(w) for ws in raw["club_context_words"].values() for w in ws)
    members = frozenset(fold(w) for ws in raw["team_member_nouns"].values() for w in ws)
    ends = frozenset(fold(w) for ws in raw["phrase_end_words"].values() for w in ws)
    return words, re.compile(raw["score_shape"]), members, ends


#: a word of the window, lower case (letters, hyphens inside: "kick-off")
_WORDS_RE: Final = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: a ``score_shape`` that opens with a look-behind and then a digit: every score it finds holds a digit
_OPENS_WITH_DIGIT_RE: Final = re.compile(r"\(\?<!(?:\[[^\]]*\]|[^()\[\]|])*\)\\d(?![?*]|\{0|\{,)[^|]*")
_DIGIT_RE: Final = re.compile(r"\d")


@lru_cache(maxsize=1)
def _sport_words_automaton() -> Any:
    """An automaton over the words of sport (None when there are none): a window where none stands,
    even inside a longer word, has none of them as a word either, and is not split into words."""
    import ahocorasick_rs

    words = sorted(w for w in _club_data()[0] if w)
    return ahocorasick_rs.AhoCorasick(words) if words else None


@lru_cache(maxsize=1)
def _score_needs_digit() -> bool:
    """Does every match of ``score_shape`` hold a digit (its pattern opens with a look-behind and a
    ``\\d`` that cannot be left out, and has no alternative)? Then a window without a digit is read
    no further: a digit is found by a plain scan, a pattern that opens with a look-behind is tried
    at every position."""
    return _OPENS_WITH_DIGIT_RE.fullmatch(evidence.data()["raw"]["score_shape"]) is not None


def club_context(chunk: str, s: int, e: int) -> bool:
    """Does the line around ``s``-``e`` speak of sport (a word of ``club_context_words`` or a score
    of ``score_shape`` within ``_WINDOW`` characters)?"""
    lo = max(0, s - _WINDOW)
    hi = min(len(chunk), e + _WINDOW)
    nl = chunk.rfind("\n", lo, s)
    if nl >= 0:
        lo = nl + 1
    nl = chunk.find("\n", e, hi)
    if nl >= 0:
        hi = nl
    words, score, _, _ = _club_data()
    part = chunk[lo:hi]
    low = part.lower()
    ac = _sport_words_automaton()
    if ac is not None and ac.find_matches_as_indexes(low) and not words.isdisjoint(_WORDS_RE.findall(low)):
        return True
    if _score_needs_digit() and _DIGIT_RE.search(part) is None:
        return False
    return score.search(part) is not None


def team_member_noun(word: str) -> bool:
    """Is ``word`` a noun for a team's fans, players or staff (``team_member_nouns``: "Spartak fans")?"""
    return fold(word) in _club_data()[2]


@lru_cache(maxsize=1)
def _features_after() -> frozenset[str]:
    return frozenset(fold(w) for ws in evidence.data()["raw"]["feature_nouns_after"].values() for w in ws)


def feature_noun(word: str) -> bool:
    """Is ``word`` a noun for a river, a lake, a reservoir or a dam written after its name
    (``feature_nouns_after``: "the Kyiv reservoir")?"""
    return fold(word) in _features_after()


@lru_cache(maxsize=1)
def after_initials() -> frozenset[str]:
    """The first letters of the words :func:`team_member_noun` and :func:`feature_noun` know (the
    cheap test before the word after a name is read)."""
    raw = evidence.data()["raw"]
    return frozenset(w[:1].lower() for key in ("team_member_nouns", "feature_nouns_after")
                     for ws in raw[key].values() for w in ws)


def _next_word(chunk: str, i: int) -> str:
    """The word starting at ``i`` (letters, apostrophes and hyphens inside)."""
    k = i
    n = len(chunk)
    while k < n and k - i < 30 and (chunk[k].isalpha() or chunk[k] in "'’-"):
        k += 1
    return chunk[i:k]


def heads_its_phrase(chunk: str, e: int) -> bool:
    """Does the name ending at ``e`` end its noun phrase: a punctuation mark, a possessive ("the
    Dnipro's banks") or a word of ``phrase_end_words`` follows ("the Dnipro above Kyiv"; a
    coordinator only before another "the": "the Desna and the Pripyat")? A comma or a
    coordinator before a category word further on is a list of regions ("the Kharkiv, Sumy and
    Chernihiv regions"), and "to" before a capitalized word a route ("the Kyiv to Lviv train")."""
    n = len(chunk)
    if e >= n:
        return True
    c = chunk[e]
    if c in "'’":
        return chunk[e + 1 : e + 2] == "s" and not chunk[e + 2 : e + 3].isalpha()
    if c in _PUNCT_ENDS:
        return True
    if c == ",":
        return not _category_ahead(chunk, e)
    if c != " " or e + 1 >= n or not chunk[e + 1].isalpha():
        return False
    word = _next_word(chunk, e + 1)
    w = fold(word)
    if w in evidence.data()["coordinators"]:
        after = _next_word(chunk, e + 2 + len(word))
        return fold(after) in evidence.data()["name_articles_any"] and not _category_ahead(chunk, e)
    if w not in _club_data()[3]:
        return False
    after_at = e + 2 + len(word)
    return not (chunk[after_at : after_at + 1].isupper() and w == "to")


def _category_ahead(chunk: str, e: int) -> bool:
    """Does a category word ("regions", "oblasts") follow within the next words of the sentence?"""
    end = len(chunk)
    for c in ".;:!?\n":
        k = chunk.find(c, e, e + 80)
        if k >= 0:
            end = min(end, k)
    end = min(end, e + 80)
    stems = evidence.data()["category_stems"]
    return any(fold(m.group()).startswith(stems) for m in re.finditer(r"[^\W\d_]+", chunk[e:end]))
