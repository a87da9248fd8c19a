"""The reference engine: one word at a time, exactly the documented precedence; no cache.

:func:`word` implements the rule precedence of :mod:`normalize.translit` (context rules,
then the letter table, then ``unidecode`` for a letter of the scheme's script, then the
character unchanged) and the case rules (a match's rendering is capitalized, or upper
case in a word written in capitals).  It is slow and obviously right: the compiled fast
path (:mod:`normalize.translit.fast`) must give exactly its output on every input, and
tests hold the two equal.  The fast path reuses the case helpers below.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from normalize.text import APOSTROPHES, CANONICAL_APOSTROPHE, WORD_RE, in_script

if TYPE_CHECKING:
    from normalize.translit.scheme import Scheme

__all__ = ["word", "words"]

_SPLIT_RE = re.compile("(" + WORD_RE.pattern + ")")


def words(scheme: Scheme, text: str) -> str:
    """``text`` (already NFC, punctuation done) with each word transliterated by :func:`word`."""
    parts = _SPLIT_RE.split(text)
    parts[1::2] = [word(scheme, w) for w in parts[1::2]]
    return "".join(parts)


def word(scheme: Scheme, word: str) -> str:
    """Transliterate one word (a run of letters, maybe with inner apostrophes) with ``scheme``."""
    if word.isascii():
        return word
    script = scheme.info.script
    if scheme.apostrophes:
        # an apostrophe is the scheme's letter only between letters of its script
        word = "".join(
            CANONICAL_APOSTROPHE
            if (c in APOSTROPHES and 0 < i < len(word) - 1
                and in_script(word[i - 1], script) and in_script(word[i + 1], script))
            else c
            for i, c in enumerate(word)
        )
    lower = word.lower() if len(word.lower()) == len(word) else "".join(
        c.lower() if len(c.lower()) == 1 else c for c in word
    )
    n = len(word)
    caps_word = _is_caps_word(word)
    out: list[str] = []
    i = 0
    letters = scheme.letters
    rules_by_first = scheme._rules_by_first
    while i < n:
        ch = lower[i]
        produced: str | None = None
        title: str | None = None
        length = 1
        for rule in rules_by_first.get(ch, ()):
            m = rule.match
            if not lower.startswith(m, i):
                continue
            if rule.after is not None:
                prev = lower[i - 1] if i > 0 else "^"
                if prev not in rule.after:
                    continue
            if rule.before is not None:
                j = i + len(m)
                nxt = lower[j] if j < n else "$"
                if nxt not in rule.before:
                    continue
            produced, length, title = rule.out, len(m), rule.title
            break
        if produced is None:
            for size in range(min(scheme._max_letter, n - i), 0, -1):
                key = lower[i : i + size]
                if key in letters:
                    produced, length = letters[key], size
                    break
        if produced is None:
            src = word[i]
            if in_script(src, script):
                produced = _fallback(src)
            else:
                out.append(src)  # outside the alphabet: unchanged, case kept
                i += 1
                continue
        src = word[i : i + length]
        if produced and src[0] != lower[i]:  # source starts upper case
            produced = _upper_case(produced, title, src, caps_word)
        out.append(produced)
        i += length
    return "".join(out)


def _upper_case(produced: str, title: str | None, src: str, caps_word: bool) -> str:
    """Rendering of a match whose source ``src`` starts with a capital."""
    if caps_word or (len(src) > 1 and src.isupper()):
        return produced.upper()
    return title if title is not None else _capitalize(produced)


def _is_caps_word(word: str) -> bool:
    cased = [c for c in word if c.isupper() or c.islower()]
    return len(cased) >= 2 and all(c.isupper() for c in cased)


def _capitalize(s: str) -> str:
    for i, c in enumerate(s):
        if c.isalpha():
            return s[:i] + c.upper() + s[i + 1 :]
    return s


@lru_cache(maxsize=4096)
def _fallback(ch: str) -> str:
    from unidecode import unidecode

    out = unidecode(ch)
    return "" if out == "[?]" else out
