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
equivalences live in exactly one place: ``normalize/data/folding.json``.

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
from typing import Any, cast

from normalize.datafile import DataFileError, Fields, MapOf, load_json
from normalize.text import APOSTROPHES

__all__ = [
    "LOOKALIKE_TO_CYR",
    "LOOKALIKE_TO_LAT",
    "fold",
    "fold_many",
    "fold_token",
    "fold_units",
    "fold_with_offsets",
    "has_cyrillic",
    "has_latin",
    "is_cyrillic",
    "skeleton",
    "skeleton_many",
]

_FILE = "folding.json"
_PAIRS = [[str]]
_DATA = cast(
    "dict[str, Any]",
    load_json(
        _FILE,
        Fields(
            {
                "_doc": [str],
                "latin_letters": MapOf(str),
                "cyrillic_letters": MapOf(str),
                "dropped": str,
                "lookalikes": Fields({"latin": str, "cyrillic": str}),
                "skeleton": Fields({"rewrites": _PAIRS, "letters": MapOf(str)}),
            }
        ),
    ),
)
if len(_DATA["lookalikes"]["latin"]) != len(_DATA["lookalikes"]["cyrillic"]) or any(
    len(pair) != 2 for pair in _DATA["skeleton"]["rewrites"]
):
    raise DataFileError(f"normalize/data/{_FILE}:1: lookalikes of unequal length, or a rewrite that is not a pair")

#: Latin letters whose shape matches a Cyrillic one, and back
LOOKALIKE_TO_CYR = str.maketrans(_DATA["lookalikes"]["latin"], _DATA["lookalikes"]["cyrillic"])
LOOKALIKE_TO_LAT = str.maketrans(_DATA["lookalikes"]["cyrillic"], _DATA["lookalikes"]["latin"])

#: Latin letters written as the digraphs transliterations use (č -> ch)
_SPECIAL_LATIN: dict[str, str] = _DATA["latin_letters"]
#: Cyrillic letters folded into another (ё -> е)
_SPECIAL_CYRILLIC: dict[str, str] = _DATA["cyrillic_letters"]
#: apostrophes, quotes, sign marks and invisible characters: removed
_DROP = frozenset(APOSTROPHES + _DATA["dropped"])


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    if ch in _SPECIAL_LATIN:
        return _SPECIAL_LATIN[ch]
    if ch.isalnum():
        if "\u0400" <= ch <= "\u052f":
            return _SPECIAL_CYRILLIC.get(ch, ch)
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


class _FoldTable(dict[int, str]):
    """code point -> :func:`_fold_char` of it, filled on first sight: one ``str.translate``
    folds a whole text in C (the same result as joining ``_fold_char`` of each character)."""

    def __missing__(self, cp: int) -> str:
        out = _fold_char(chr(cp))
        if len(self) < 65536:  # bounded like _fold_char's own cache
            self[cp] = out
        return out


_FOLD_TABLE = _FoldTable()


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
    out = text.translate(_FOLD_TABLE)
    # after the table a space is the only white space left (as fold_many reads it): only a run of two
    # or more needs the regex (most words have none)
    if "  " in out:
        out = _SPACES_RE.sub(" ", out)
    out = out.strip()
    if not out.isascii() and _LATIN_LOWER_RE.search(out):  # no a-z: no token to repair
        out = " ".join(_repair_lookalikes(t) for t in out.split(" "))
    return out


class _FoldTableKeepingBreaks(dict[int, str]):
    """:data:`_FOLD_TABLE` with line breaks kept: what :func:`fold_many` translates joined texts with."""

    def __missing__(self, cp: int) -> str:
        out = _FOLD_TABLE[cp]
        if len(self) < 65536:
            self[cp] = out
        return out


_FOLD_TABLE_KEEPING_BREAKS = _FoldTableKeepingBreaks({ord("\n"): "\n"})
_SPACES_RE = re.compile(" +")


def fold_many(texts: list[str]) -> list[str]:
    """``[fold(t) for t in texts]``, a few C-level passes over all of them at once (no cache).

    For building an index, where most texts are new: the texts are joined with line
    breaks, which every step leaves in place and which end a context for each (NFC
    composes nothing across one, lower-casing's final sigma sees a boundary), so the
    joined result splits back into each text's key. A text holding a line break itself
    is folded on its own.
    """
    if not texts:
        return []
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        return [fold(t) for t in texts]
    out = unicodedata.normalize("NFC", joined).lower().translate(_FOLD_TABLE_KEEPING_BREAKS)
    # after the table, a space is the only white space left: runs of it collapse as in fold()
    keys = _SPACES_RE.sub(" ", out).split("\n")
    keys = list(map(str.strip, keys))
    if not out.isascii():
        for i, key in enumerate(keys):
            if not key.isascii() and _LATIN_LOWER_RE.search(key):
                keys[i] = " ".join(_repair_lookalikes(t) for t in key.split(" "))
    return keys


def fold_token(token: str) -> str:
    """Fold a single token (no spaces expected in the result)."""
    return fold(token).replace(" ", "")


def is_cyrillic(text: str) -> bool:
    """True when most letters of ``text`` are Cyrillic."""
    cyr = sum(1 for c in text if "\u0400" <= c <= "\u052f")
    return cyr > 0 and cyr * 2 >= sum(1 for c in text if c.isalpha())


_CYRILLIC_RE = re.compile("[\u0400-\u052f]")
_LATIN_LOWER_RE = re.compile("[a-z]")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC_RE.search(text) is not None


def has_latin(text: str) -> bool:
    return any(("a" <= c <= "z") or ("A" <= c <= "Z") for c in text)


# Ordered rewrites that merge how schemes and press languages spell one sound.
_SKELETON_RULES: list[tuple[str, str]] = [(a, b) for a, b in _DATA["skeleton"]["rewrites"]]
_SKEL_RE = re.compile("|".join(re.escape(a) for a, _ in sorted(_SKELETON_RULES, key=lambda r: -len(r[0]))))
_SKEL_MAP = dict(_SKELETON_RULES)
_SKEL_TABLE = str.maketrans(_DATA["skeleton"]["letters"])
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
    out = _SKEL_RE.sub(_skel_rewrite, key).translate(_SKEL_TABLE)
    if _DOUBLE_RE.search(out) is not None:  # most keys have no doubled letter: skip the sub
        out = _DOUBLE_RE.sub(r"\1", out)
    return out


#: skeleton_many joins keys with a line break: no rewrite or letter of the data may hold or make one
_SKEL_BATCH_OK = not any("\n" in a or "\n" in b for a, b in _SKELETON_RULES) and not any(
    "\n" in a or "\n" in b for a, b in _DATA["skeleton"]["letters"].items())


def skeleton_many(keys: list[str]) -> list[str]:
    """``[skeleton(k) for k in keys]``, in one pass of each step over all of them (no cache).

    The keys are joined with line breaks, which no rewrite matches and which stop a run
    of doubled letters; a key holding one is done on its own.
    """
    if not keys:
        return []
    joined = "\n".join(keys)
    if not _SKEL_BATCH_OK or joined.count("\n") != len(keys) - 1:
        return [skeleton(k) for k in keys]
    out = _SKEL_RE.sub(_skel_rewrite, joined).translate(_SKEL_TABLE)
    if _DOUBLE_RE.search(out) is not None:
        out = _DOUBLE_RE.sub(r"\1", out)
    return out.split("\n")


def _skel_rewrite(m: re.Match[str]) -> str:
    return _SKEL_MAP[m[0]]


# -- folding with source offsets ------------------------------------------------------


def _nfc_units(text: str) -> list[tuple[int, int, str]]:
    """Cut ``text`` into units ``(start, end, nfc)`` whose NFC forms concatenate to NFC(text).

    A unit is a starter with the non-starters that follow it (a base letter and
    its combining accents); two neighbouring units are merged when normalizing
    them together differs from normalizing them apart (Hangul jamo, the few
    starters that compose with a preceding starter).
    """
    n = len(text)
    if not n:
        return []
    cuts = [0]
    for j in range(1, n):
        if unicodedata.combining(text[j]) == 0:
            cuts.append(j)
    cuts.append(n)
    units: list[tuple[int, int, str]] = []
    a, b = cuts[0], cuts[1]
    cur = unicodedata.normalize("NFC", text[a:b])
    for k in range(1, len(cuts) - 1):
        c, d = cuts[k], cuts[k + 1]
        nxt = unicodedata.normalize("NFC", text[c:d])
        if text[c] < "\x80":  # an ASCII character never composes with what precedes it
            units.append((a, b, cur))
            a, b, cur = c, d, nxt
            continue
        joined = unicodedata.normalize("NFC", text[a:d])
        if joined == cur + nxt:
            units.append((a, b, cur))
            a, b, cur = c, d, nxt
        else:
            b, cur = d, joined
    units.append((a, b, cur))
    return units


def fold_units(text: str) -> list[tuple[int, int, str]]:
    """``fold()`` before spaces are collapsed, unit by unit: ``[(start, end, out), ...]``.

    Each unit is a span ``text[start:end]`` (one character, or a base letter
    with its combining marks) and ``out`` what :func:`fold` makes of it before
    runs of spaces are collapsed, the ends stripped and look-alike letters
    repaired: ``""`` for dropped characters (apostrophes, quotes, soft
    hyphens), ``" "`` for separators, possibly several letters (``ß`` ->
    ``ss``). Lower-casing is done on the whole text, so context-dependent case
    mappings (final sigma) come out as :func:`fold` makes them.
    """
    units = _nfc_units(text)
    nfc = "".join(u[2] for u in units)
    if nfc != unicodedata.normalize("NFC", text):  # pragma: no cover - a Unicode corner no unit split handles
        units = [(0, len(text), unicodedata.normalize("NFC", text))]
        nfc = units[0][2]
    low = nfc.lower()
    lengths = [len(u[2].lower()) for u in units]
    if sum(lengths) != len(low):  # pragma: no cover - lower() is length-additive in Unicode 14/15
        low = "".join(u[2].lower() for u in units)
    out: list[tuple[int, int, str]] = []
    pos = 0
    for (a, b, _), length in zip(units, lengths):
        out.append((a, b, "".join(_fold_char(c) for c in low[pos : pos + length])))
        pos += length
    return out


def fold_with_offsets(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``fold(text)`` with, for each character of the result, the span of ``text`` it comes from.

    Returns ``(folded, spans)`` where ``folded == fold(text)`` for every text and
    ``spans[i] == (start, end)`` is the part of ``text`` that produced
    ``folded[i]``: one character, a letter with its combining marks, the whole
    run of separators a single space stands for, or, when one character gives
    several (``ß`` -> ``ss``), the same span for each of them. Spans never
    decrease, so the source of ``folded[i:j]`` is
    ``text[spans[i][0]:spans[j - 1][1]]``; dropped characters (quotes,
    apostrophes, soft hyphens) belong to no span unless they sit inside a run
    of separators.

    >>> folded, spans = fold_with_offsets("Straße «Київ»")
    >>> folded
    'strasse київ'
    >>> [spans[i] for i in (4, 5)]
    [(4, 5), (4, 5)]
    >>> spans[folded.index("к")]
    (8, 9)
    """
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    for a, b, out in fold_units(text):
        for ch in out:
            if ch == " ":
                if not chars:
                    continue  # leading separators are stripped
                if chars[-1] == " ":
                    spans[-1] = (spans[-1][0], b)
                    continue
            chars.append(ch)
            spans.append((a, b))
    if chars and chars[-1] == " ":
        chars.pop()
        spans.pop()
    folded = "".join(chars)
    if not folded.isascii():
        folded = " ".join(_repair_lookalikes(t) for t in folded.split(" "))
    return folded, spans
