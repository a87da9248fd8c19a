"""Where NFC can change a text: a quick NFC check and the minimal stretches to normalize.

The tagger's view (:mod:`normalize.tagger.view`) is fast for text in NFC; text that
is not (a stress mark, a decomposed letter) is normalized only around the characters
that need it, and those stretches map back to the original as a whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

__all__ = ["NFC_UNSAFE_RE", "apply_regions", "char_class", "is_nfc", "nfc_regions"]


def char_class(chars: Iterable[str]) -> str:
    """The body of a regex character class holding exactly ``chars`` (in code point order), as ranges."""
    ranges: list[list[int]] = []
    for c in chars:
        if ranges and ranges[-1][1] == ord(c) - 1:
            ranges[-1][1] = ord(c)
        else:
            ranges.append([ord(c), ord(c)])
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


def _nfc_safe_class() -> str:
    """A regex class of characters that can neither change nor combine under NFC."""
    safe = [
        c for r in (range(0x20, 0x530), range(0x2000, 0x2070))
        for c in map(chr, r)
        if unicodedata.combining(c) == 0 and unicodedata.is_normalized("NFC", c)
    ]
    return "\t\n\r" + char_class(safe)


#: a run of characters that NFC might change or combine
NFC_UNSAFE_RE = re.compile(f"[^{_nfc_safe_class()}]+")


def is_nfc(text: str) -> bool:
    """``unicodedata.is_normalized("NFC", text)``, checking only around the characters that matter.

    NFC can only change a text around characters that are not in a short list of
    stable ones (ASCII, Latin, Greek, Cyrillic letters without combining marks,
    general punctuation); each run of other characters is checked with the
    character before and after it. (The library call falls back to a full
    normalization of the whole text as soon as it meets one combining accent.)
    """
    for m in NFC_UNSAFE_RE.finditer(text):
        a, b = m.span()
        if not unicodedata.is_normalized("NFC", text[max(0, a - 1) : b + 1]):
            return False
    return True


def nfc_regions(text: str) -> list[tuple[int, int, str]] | None:
    """``(start, end, NFC form)`` of each minimal stretch of ``text`` that NFC changes.

    Only runs of characters outside the stable set (see :func:`is_nfc`) can
    change, together with the starter before them; the character after a run is
    stable and composes with nothing before it, so each stretch normalizes alone.
    Within a stretch, each base character with its combining marks is a region
    of its own (so a space-like character keeps its own offsets), joined with the
    next where NFC composes across them (Hangul jamo). None when
    the text holds a combining mark that NFC itself decomposes (U+0344, U+0F73...,
    discouraged characters that no real name holds): the slow path takes it.
    """
    out = []
    normalize = unicodedata.normalize
    combining = unicodedata.combining
    for m in _runs_outside_nfc_blocks(text):
        a, b = m.span()
        lo = a - 1 if a > 0 else 0
        if unicodedata.is_normalized("NFC", text[lo : b + 1]):
            continue
        if any(combining(normalize("NFD", c)[0]) and normalize("NFD", c) != c for c in text[a:b]):
            return None
        # base characters with their marks, joined where NFC composes across them
        groups: list[list[int]] = []
        p = lo
        while p < b:
            q = p + 1
            while q < b and combining(text[q]):
                q += 1
            if groups:
                g0 = groups[-1][0]
                if normalize("NFC", text[g0:q]) != normalize("NFC", text[g0:p]) + normalize("NFC", text[p:q]):
                    groups[-1][1] = q
                    p = q
                    continue
            groups.append([p, q])
            p = q
        for g0, g1 in groups:
            norm = normalize("NFC", text[g0:g1])
            if norm != text[g0:g1]:
                out.append((g0, g1, norm))
    return out


#: about how many characters of whole lines :func:`_runs_outside_nfc_blocks` checks at a time
_NFC_BLOCK = 4096


def _runs_outside_nfc_blocks(text: str) -> Iterator[re.Match[str]]:
    """``NFC_UNSAFE_RE.finditer(text)`` less the runs of blocks of whole lines that are in NFC already,
    which :func:`nfc_regions` would pass over (a line break composes with nothing and no run holds one,
    so a block in NFC holds no run NFC changes): ``unicodedata.is_normalized`` reads a block in C, most
    often by its quick check, where the regex tests every character of the text."""
    n = len(text)
    start = 0
    is_normalized = unicodedata.is_normalized
    while start < n:
        end = text.find("\n", start + _NFC_BLOCK)
        if end < 0:
            end = n
        if not is_normalized("NFC", text[start:end]):
            yield from NFC_UNSAFE_RE.finditer(text, start, end)
        start = end + 1


def apply_regions(text: str, regions: list[tuple[int, int, str]]) -> str:
    parts = []
    last = 0
    for a, b, norm in regions:
        parts.append(text[last:a])
        parts.append(norm)
        last = b
    parts.append(text[last:])
    return "".join(parts)
