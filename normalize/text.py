"""What the text engine calls an apostrophe, a word and a script: one definition for the package.

Transliteration, language detection, inflection and the Latin -> Cyrillic reverse all cut
text into words the same way: a run of letters, with an apostrophe between two letters
kept inside the word (Слов'янськ, Дарʼя, O'Neill).  They differ only in what else may join
two letters (the reverse also reads the prime marks a romanization writes for ь and ъ) and
in whether combining accents count as letters (a stressed Тёткино typed with a combining
diaeresis is still one word): :func:`word_pattern` builds each of them from the one rule.

>>> WORD_RE.findall("Слов'янськ, Дар`я i O’Neill 2022")
["Слов'янськ", 'Дар`я', 'i', 'O’Neill']
>>> re.findall(word_pattern(combining=True), "Те\u0308ткино") == ["Те\u0308ткино"]
True
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["APOSTROPHES", "CANONICAL_APOSTROPHE", "LETTER", "SCRIPT_RANGES", "WORD_RE", "in_script", "word_pattern"]

#: Unicode ranges of the source scripts our schemes handle.
SCRIPT_RANGES: Final[dict[str, tuple[tuple[int, int], ...]]] = {
    "Cyrl": ((0x0400, 0x052F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)),
    "Grek": ((0x0370, 0x03FF), (0x1F00, 0x1FFF)),
    "Geor": ((0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F)),
}

#: Characters that write the Ukrainian/Belarusian apostrophe in the wild: the ASCII ', the
#: right quote ’, the modifier letter ʼ, the backquote `, the left quote ‘ and the acute ´.
APOSTROPHES: Final = "'\u2019\u02bc`\u2018\u00b4"
#: The apostrophe a scheme's letter table uses as a key and given_names.json writes.
CANONICAL_APOSTROPHE: Final = "\u02bc"
#: One letter of any script (no digit, no underscore).
LETTER: Final = r"[^\W\d_]"
_COMBINING: Final = "[\u0300-\u036f]"


def word_pattern(joiners: str = APOSTROPHES, *, letter: str = LETTER, combining: bool = False) -> str:
    """The regex of a word: letters, with one of ``joiners`` allowed between two letters.

    ``letter`` is the regex of one letter (any script's by default; a narrower class for
    the words of one alphabet).  ``combining`` counts the combining diacritical marks
    (U+0300-U+036F) as letters, for text that is not in NFC.
    """
    unit = f"(?:{letter}|{_COMBINING})" if combining else letter
    if not joiners:
        return unit + "+"
    return f"{unit}+(?:[{re.escape(joiners)}]{unit}+)*"


#: A word as every module of the engine reads it (see :func:`word_pattern`).
WORD_RE: Final = re.compile(word_pattern())


def in_script(ch: str, script: str) -> bool:
    """True if ``ch`` is a letter of ``script`` (a key of :data:`SCRIPT_RANGES`, e.g. ``"Cyrl"``)."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in SCRIPT_RANGES[script]) and ch.isalpha()
