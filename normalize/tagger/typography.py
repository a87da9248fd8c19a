"""Typography that says nothing about a name, undone before the scan, with a map back to the text.

Text written elsewhere carries marks that are not part of the words: a soft hyphen or a
zero-width space inside a word ("Гла\\u00adдков"), a word broken across two lines with a
hyphen ("Запо-\\nріжжя"), a stress mark on a Cyrillic vowel ("Ки\\u0301ев"), no-break and thin
spaces, text not in NFC. The view (:mod:`normalize.tagger.view`) folds some of them, but the
rules that read the words around a mention (category words, case endings, evidence) read
the text itself. :func:`typeset` gives them all one clean text: marks removed, spaces made
plain, NFC, and an :class:`~normalize.tagger.offsets.OffsetMap` from the clean text back to
the text as written, so every offset the tagger reports still points at the original.

Clean text is returned as it is, with no map: one regular-expression search decides.
"""

from __future__ import annotations

import re

from normalize.tagger.nfc import apply_regions, nfc_regions
from normalize.tagger.offsets import MapBuilder, OffsetMap, spans_to_map

__all__ = ["typeset"]

#: invisible marks inside words: soft hyphen, zero-width space, non-joiner, joiner, word joiner, BOM
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
#: spaces other than the plain one (no-break, the typographic spaces, narrow no-break, ideographic):
#: each becomes a plain space, so the length does not change
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
#: stress marks (combining acute and grave) as Russian and Ukrainian texts put them on vowels
_STRESS = "\u0301\u0300"
_HYPHENS = "-\u2010\u00ad"
#: what makes a text need :func:`typeset` (one class: a fast search), and a line-end hyphen (a plain
#: "-" first, which the search finds fast); a combining mark stands for a text that may not be in
#: NFC (the view normalizes any other stretch for itself)
_TRIGGER_RE = re.compile(f"[{_INVISIBLE}{_SPACES}\u0300-\u036f\u2010]")
_LINE_END_HYPHEN_RE = re.compile(r"-[ \t]*\r?\n")
_BREAK_RE = re.compile(r"[ \t]*\r?\n[ \t]*")


def typeset(text: str) -> tuple[str, OffsetMap | None]:
    """``text`` with its typography undone, and the map from it back to ``text`` (None: unchanged).

    Undone: soft hyphens and zero-width characters (removed), a hyphen and line break inside a
    word whose second part starts in lower case (removed: "Запо-\\nріжжя" is "Запоріжжя", but
    "Ростов-на-\\nДону" keeps its hyphen), stress marks on Cyrillic letters (removed), every
    space character (a plain space), and, in a text with a combining mark, any stretch not in NFC
    (its NFC form; the view normalizes the rare others for itself). Each character
    of the result maps to the character it came from (a stressed letter to the letter and its
    mark); a composed NFC stretch maps to the whole stretch it replaces.

    >>> text = "Гла\\u00adдков, Запо-\\nріжжя"
    >>> clean, back = typeset(text)
    >>> clean
    'Гладков, Запоріжжя'
    >>> a, b = clean.index("Запоріжжя"), len(clean)
    >>> text[back.start(a) : back.end(b - 1)]
    'Запо-\\nріжжя'
    """
    marks = [m.start() for m in _TRIGGER_RE.finditer(text)]
    if not marks and _LINE_END_HYPHEN_RE.search(text) is None:
        return text, None
    spaced = text
    for c in {text[i] for i in marks if text[i] in _SPACES}:
        spaced = spaced.replace(c, " ")
    removals, combining = _removals(spaced, marks)
    regions = (nfc_regions(spaced) or []) if combining else []
    if not removals and not regions:  # only spaces changed (or a mark NFC decomposes: no real name)
        return spaced, None
    if not any(b < len(spaced) and "\u0300" <= spaced[b] <= "\u036f" for _, b, _ in removals):
        # each NFC stretch stands alone (a stress mark inside one goes with it)
        edits = sorted(regions + [e for e in removals if not any(a < e[1] and e[0] < b for a, b, _ in regions)])
        return _apply(spaced, edits)
    # a removed mark stood between a letter and its accent ("a\u00ad\u0301"): remove, then compose
    # what is left, each composed stretch mapped to the whole of what it came from (slow, and rare)
    clean, back = _apply(spaced, removals)
    regions = nfc_regions(clean) or []
    spans: list[tuple[int, int]] = []
    last = 0
    for a, b, norm in regions:
        spans.extend((back.start(i), back.end(i)) for i in range(last, a))
        spans.extend((back.start(a), back.end(b - 1)) for _ in norm)
        last = b
    spans.extend((back.start(i), back.end(i)) for i in range(last, len(clean)))
    return apply_regions(clean, regions), spans_to_map(spans)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """``text`` with each ``(start, end, replacement)`` made (in order, not overlapping), and the map back."""
    out: list[str] = []
    back = MapBuilder()
    r = 0
    last = 0
    for a, b, rep in edits:
        out.append(text[last:a])
        r += a - last
        if rep:
            back.fixed(r, a, b)
            out.append(rep)
            r += len(rep)
        back.linear(r, b)
        last = b
    out.append(text[last:])
    return "".join(out), back.build()


def _removals(text: str, marks: list[int]) -> tuple[list[tuple[int, int, str]], bool]:
    """``(start, end, replacement)`` of each edit, in order, and whether a combining mark stays.

    Removed: invisible marks; a hyphen, a line break and the spaces around it between two letters,
    the second in lower case ("Ростов-на-\\nДону" keeps its hyphen), each replaced by nothing; a
    stress mark after a Cyrillic letter, by replacing the letter and its mark with the letter (so
    the letter maps back to both). ``marks``: the positions :data:`_TRIGGER_RE` finds in ``text``."""
    out: list[tuple[int, int, str]] = []
    combining = False
    for i in marks:
        c = text[i]
        if c in _INVISIBLE:
            out.append((i, i + 1, ""))
            if c != "\u00ad":
                continue
        if c in _STRESS and i and "\u0400" <= text[i - 1] <= "\u04ff":
            # the letter and its mark become the letter, mapped back to both: a name that ends in a
            # stressed vowel ("Москва\u0301") keeps its mark in the span the tagger reports
            out.append((i - 1, i + 1, text[i - 1]))
        elif c in _HYPHENS:
            broken = _line_break_after(text, i)
            if broken:
                out.append((i, broken, ""))
        elif "\u0300" <= c <= "\u036f":
            combining = True
    out.extend((m.start(), b, "") for m in _LINE_END_HYPHEN_RE.finditer(text)
               if (b := _line_break_after(text, m.start())))
    if len(out) < 2:
        return out, combining
    out.sort()
    merged = [out[0]]
    for e in out[1:]:  # a soft hyphen that ends a line goes with the line break
        if e[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e[1]), "")
        else:
            merged.append(e)
    return merged, combining


def _line_break_after(text: str, i: int) -> int:
    """The end of the line break and spaces after the hyphen ``text[i]`` when they break a word (a
    letter before, a lower-case letter after), else 0."""
    m = _BREAK_RE.match(text, i + 1)
    if m is None or not i or not _is_letter(text[i - 1]):
        return 0
    b = m.end()
    return b if b < len(text) and text[b].islower() else 0


def _is_letter(c: str) -> bool:
    return c.isalpha() or c in _INVISIBLE
