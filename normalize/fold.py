"""Folding: the explicit normalization shared by the lexicon index and the queries.

Two levels, both pure functions of a string:

* :func:`fold` (the *light key*): case-folded, look-alike letters repaired,
  Latin diacritics reduced to the digraphs transliterations use (č -> ch,
  š -> sh, ž -> zh, ł -> l, ß -> ss), Cyrillic ё -> е, apostrophes, quotes and
  soft-sign marks removed, every other non-letter turned into one space.
* :func:`skeleton` (the *phonetic skeleton*): from a light key in Latin,
  merges the spellings that transliteration schemes disagree on
  (y/j/i, kh/h/g, ts/tz/c, w/v, doubled letters, sch/sz/sh, x/ks, ...).

Both the lexicon and the query go through the same functions, so the
equivalences live in exactly one place.

>>> fold("Charków")
'charkow'
>>> fold("Тёткино")
'теткино'
>>> skeleton(fold("Zelenskyy")) == skeleton(fold("Zelenskij")) == skeleton(fold("Zelensky"))
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "skeleton", "fold_token", "is_cyrillic", "has_cyrillic", "has_latin", "LOOKALIKE_TO_CYR", "LOOKALIKE_TO_LAT"]

#: Latin letters whose shape matches a Cyrillic one, and back
LOOKALIKE_TO_CYR = str.maketrans("aeopcxyiABEKMHOPCTXYI", "аеорсхуіАВЕКМНОРСТХУІ")
LOOKALIKE_TO_LAT = str.maketrans("аеорсхуіАВЕКМНОРСТХУІ", "aeopcxyiABEKMHOPCTXYI")

_SPECIAL_LATIN = {
    "č": "ch", "ć": "c", "š": "sh", "ś": "s", "ž": "zh", "ż": "zh", "ź": "z", "ŝ": "shch",
    "ĉ": "ch", "ĵ": "zh", "ǰ": "j", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss",
    "đ": "dj", "ı": "i", "þ": "th", "ð": "d", "ŭ": "u", "ř": "rzh", "ĥ": "kh", "ǵ": "g",
    "ḱ": "k", "ẑ": "dz", "ė": "e", "ë": "e",
}
_DROP = set("'’ʼ`´ʹʺ\"«»„“”‘‚‹›\u00ad\u200b\u200c\u200d\u2060\ufeff")


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    if ch in _SPECIAL_LATIN:
        return _SPECIAL_LATIN[ch]
    if ch.isalnum():
        if "\u0400" <= ch <= "\u052f":
            if ch == "ё":
                return "е"
            if ch == "ѓ":
                return "г"
            if ch == "ќ":
                return "к"
            return ch
        if ch.isascii():
            return ch
        decomposed = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if base and base != ch:
            return "".join(_fold_char(c) for c in base)
        return ch
    if unicodedata.combining(ch):
        return ""
    return " "


_SPACE_RE = re.compile(r"\s+")


def _repair_lookalikes(token: str) -> str:
    cyr = sum(1 for c in token if "\u0400" <= c <= "\u04ff")
    if not cyr:
        return token
    lat = sum(1 for c in token if "a" <= c <= "z")
    if lat == 0:
        return token
    if cyr >= lat:
        return token.translate(LOOKALIKE_TO_CYR)
    return token.translate(LOOKALIKE_TO_LAT)


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """The light key of ``text`` (see module docstring)."""
    text = unicodedata.normalize("NFC", text).lower()
    out = "".join(_fold_char(c) for c in text)
    out = _SPACE_RE.sub(" ", out).strip()
    if not out.isascii():
        out = " ".join(_repair_lookalikes(t) for t in out.split(" "))
    return out


def fold_token(token: str) -> str:
    """Fold a single token (no spaces expected in the result)."""
    return fold(token).replace(" ", "")


def is_cyrillic(text: str) -> bool:
    """True when most letters of ``text`` are Cyrillic."""
    cyr = sum(1 for c in text if "\u0400" <= c <= "\u052f")
    return cyr > 0 and cyr * 2 >= sum(1 for c in text if c.isalpha())


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u052f" for c in text)


def has_latin(text: str) -> bool:
    return any(("a" <= c <= "z") or ("A" <= c <= "Z") for c in text)


# Ordered rewrites that merge how schemes and press languages spell one sound.
_SKELETON_RULES: list[tuple[str, str]] = [
    ("schtsch", "shch"), ("chtch", "shch"), ("szcz", "shch"), ("shtsh", "shch"), ("shch", "shch"),
    ("tsch", "ch"), ("tch", "ch"), ("sch", "sh"), ("sz", "sh"), ("cz", "ch"), ("rz", "zh"),
    ("kh", "h"), ("gh", "h"), ("ch", "ch"), ("zh", "zh"), ("sh", "sh"),
    ("ts", "c"), ("tz", "c"), ("tc", "c"),
    ("ph", "f"), ("x", "ks"), ("w", "v"), ("ou", "u"), ("q", "k"),
    ("ck", "k"),
]
_SKEL_RE = re.compile("|".join(re.escape(a) for a, _ in sorted(_SKELETON_RULES, key=lambda r: -len(r[0]))))
_SKEL_MAP = dict(_SKELETON_RULES)
_SKEL_TABLE = str.maketrans({"y": "i", "j": "i", "g": "h"})
_DOUBLE_RE = re.compile(r"(zh|sh|ch|.)\1+")


@lru_cache(maxsize=262144)
def skeleton(key: str) -> str:
    """Phonetic skeleton of a Latin light key; Cyrillic letters are kept as they are.

    >>> skeleton("kharkov") == skeleton("harkov")
    True
    >>> skeleton("oleksii") == skeleton("oleksiy") == skeleton("oleksij")
    True
    >>> skeleton("gerassimow") == skeleton("gerasimov")
    True
    """
    out = _SKEL_RE.sub(lambda m: _SKEL_MAP[m.group()], key)
    out = out.translate(_SKEL_TABLE)
    out = _DOUBLE_RE.sub(r"\1", out)
    return out
