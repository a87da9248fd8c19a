"""The tagger's view of a text: folded as lexicon names are, with a map back to the original.

:func:`build_view` is the fast path (a handful of whole-string operations in C, Python
only at the characters whose folding is not a plain copy); :func:`view_reference`
computes the same view unit by unit, plainly: the reference the fast path is tested
against. See the package docstring (:mod:`normalize.tagger`) for what the view keeps
and merges.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from normalize.fold import _fold_char, _repair_lookalikes, fold_units
from normalize.tagger.nfc import NFC_UNSAFE_RE, apply_regions, char_class, is_nfc, nfc_regions
from normalize.tagger.offsets import MapBuilder, OffsetMap, compose, spans_to_map
from normalize.tagger.words import CAPITAL_ELIDED, ELIDED

__all__ = ["build_view", "fast_view", "view_reference"]

#: the apostrophes that may mark a possessive ("Kyiv's") or an elision ("d'Engels")
_APOSTROPHES = "'’ʼ"
#: horizontal whitespace: the material of a "soft" separator run
_H = " \t\r\x0b\x0c\xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
_UNI_SPACES = "\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_UNI_SPACE_RE = re.compile(f"[{_UNI_SPACES}]")
_SOFT_CAND_RE = re.compile(f"[{_H}\n]{{2,}}")
#: a soft run has two whitespace characters in a row, not both line breaks: one of these is in the text
_SOFT_HINTS = ("  ", " \n", "\n ", "\t", "\r", "\x0b", "\x0c")
#: an ordinal written with a dot before the next word ("95. Brygada", "3. Armee"), or the abbreviation
#: "St." ("Mt.", "Ft.") that begins a place's name ("St. Petersburg"): the dot and the space are one
#: separator, as "95 brygada" and "st petersburg" are in a name's key (one to three digits, not after
#: a word character or a dot, so neither a year nor the end of a date "24.02."; nor "1st.")
_ORDINAL_DOT_RE = re.compile(r"(?<![\w.])(?:\d{1,3}|[SsMmFf][Tt])(\. )(?=\w)")
#: frequent non-ASCII characters that fold to one character: replaced wholesale
_COMMON_1TO1 = (("ё", "е"), ("—", " "), ("–", " "), ("…", " "), ("№", " "), ("•", " "), ("·", " "))


def _plain_class() -> str:
    """Characters the fast view copies as they are: a-z, 0-9, space and plain Cyrillic letters."""
    chars = [
        c for c in map(chr, range(0x0400, 0x0530))
        if c.isalpha() and c.lower() == c and _fold_char(c) == c
        and unicodedata.combining(c) == 0 and unicodedata.normalize("NFC", c) == c
    ]
    return "a-z0-9_ " + char_class(chars)


_SPECIAL_RE = re.compile(f"[^{_plain_class()}]+")


def _cp1251_classes() -> bytes:
    """A table for ``bytes.translate``: each byte of cp1251 -> ``s`` when the character it encodes is
    special (outside :func:`_plain_class`), else ``p``; ``?`` (what the encoder writes for a character
    cp1251 lacks) is ``s``. See :func:`_special_runs`."""
    table = bytearray(b"s" * 256)
    for b in range(256):
        try:
            c = bytes([b]).decode("cp1251")
        except UnicodeDecodeError:
            continue
        if _SPECIAL_RE.fullmatch(c) is None:
            table[b] = ord("p")
    table[ord("?")] = ord("s")
    return bytes(table)


_CP1251_CLASSES = _cp1251_classes()
_CANDIDATE_RE = re.compile(b"ss*")  # a literal first: the search runs in C (not "s+", tried at every byte)


def _has_unispace(asc: str, raw: bytes) -> bool:
    """``_UNI_SPACE_RE.search(asc) is not None``, read in ``raw`` (``asc`` in cp1251, ``?`` for what it
    lacks): the no-break space is the one such space cp1251 holds; any other is one of its ``?``. Few
    ``?`` (Cyrillic and English text; an accented Latin letter is one too) are each looked at; with
    many, the regular expression reads the text."""
    if b"\xa0" in raw:
        return True
    n = raw.count(b"?")
    if not n:
        return False
    if n > 4096:
        return _UNI_SPACE_RE.search(asc) is not None
    p = raw.find(b"?")
    while p >= 0:
        if asc[p] in _UNI_SPACES:
            return True
        p = raw.find(b"?", p + 1)
    return False


def _special_runs(asc: str, raw: bytes | None = None) -> Iterator[re.Match[str]]:
    """``_SPECIAL_RE.finditer(asc)``, the same matches, found faster: the text is encoded in cp1251 with
    ``?`` for what it lacks (one byte per character) and translated to a class per character
    (:data:`_CP1251_CLASSES`), whose runs of ``s`` a literal search finds in C. A character that
    cp1251 holds is classed exactly; one it lacks is a candidate, so each run of candidates is searched
    with :data:`_SPECIAL_RE` itself (its neighbours are plain: the runs found are the same). The
    regular expression alone tests a large class at every character: twice the instructions."""
    if raw is None:
        raw = asc.encode("cp1251", "replace")
    classes = raw.translate(_CP1251_CLASSES)
    finditer = _SPECIAL_RE.finditer
    for c in _CANDIDATE_RE.finditer(classes):
        yield from finditer(asc, c.start(), c.end())


def _ascii_table() -> bytes:
    table = bytearray(range(256))
    for b in range(128):
        out = _fold_char(chr(b).lower())
        if chr(b) == "_":
            continue  # joins words (Unicode word boundaries), see view_reference
        if out == " ":
            table[b] = 32
        elif len(out) == 1:
            table[b] = ord(out)
        # "" (quotes, apostrophe, backquote): kept, handled as special characters
    return bytes(table)


_ASCII_TABLE = _ascii_table()


# -- the view: folded text with a map back to the original -----------------------------
#: French (and Catalan, Italian) elided words: "l'Institute", "d'Engels", "qu'Andriy"
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
#: lower-case vowels (and mute h) before which French elides a capitalized word at a sentence start ("L'état")
_ELIDING_VOWELS = frozenset("aeiouhàâäéèêëîïôöùûüœæ")


def _elision_at(text: str, p: int) -> bool:
    """Is the apostrophe ``text[p]`` (' or ’) an elision ("d'Engels", "l'Institute"), so a separator?

    The word before it is one of :data:`~normalize.tagger.words.ELIDED`, in ASCII letters; a letter follows;
    and that letter is a capital, or the elided word is in lower case, or the elided word is capitalized
    (a sentence start), one of :data:`~normalize.tagger.words.CAPITAL_ELIDED`, and a lower-case vowel
    follows, before which French elides ("L'état-major", "D'après"): "D'yakov", "L'viv" and "T'otkino" (an
    apostrophe for a soft sign) are names, "d'Engels" is two words.
    """
    if text[p] not in "'’" or p + 1 >= len(text) or not text[p + 1].isalpha() or p == 0:
        return False
    q = p
    while q > 0 and p - q < 6 and text[q - 1] in _ASCII_LETTERS:
        q -= 1
    if q > 0 and (text[q - 1].isalnum() or unicodedata.combining(text[q - 1]) or text[q - 1] in "_'’ʼ"):
        return False
    word = text[q:p]
    if word.lower() not in ELIDED:
        return False
    nxt = text[p + 1]
    if nxt.isupper() or word[-1].islower():
        return True
    return nxt in _ELIDING_VOWELS and word.lower() in CAPITAL_ELIDED and (len(word) == 1 or word[1:].islower())


def _is_possessive(prev: str, nxt: str, after: str | None) -> bool:
    """An apostrophe between a letter and a final s ("Kyiv's")."""
    return prev[-1:].isalpha() and nxt in ("s", "S") and (after is None or not after[:1].isalnum())


def view_reference(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The tagger's view of ``text`` and each view character's source span, computed plainly.

    Unit by unit from :func:`normalize.fold.fold_units` (exact, slow): the
    reference that the fast view is tested against, and the path taken for text
    that is not in NFC. The view is what :func:`fold` makes of the text, except
    that runs of separators are not merged (but a run of two or more whitespace
    characters with at most one line break between two letters or digits
    becomes one space), an apostrophe before a final "s" after a letter is a
    separator (possessive: "Kyiv's"), so is an apostrophe after an elided French word
    ("d'Engels", see :func:`_elision_at`), and an underscore is kept as a word
    character (Unicode word boundaries: "_Kharkiv" is not "Kharkiv").
    """
    units = fold_units(text)
    outs = [u[2] if text[u[0]:u[1]] != "_" else "_" for u in units]  # "_" joins words, as in \\w
    ordinal_dots = {m.start(1) for m in _ORDINAL_DOT_RE.finditer(text)}
    nfc = [unicodedata.normalize("NFC", text[a:b]) for a, b, _ in units]
    n = len(units)
    for i in range(n):
        if len(nfc[i]) == 1 and nfc[i] in _APOSTROPHES and i > 0 and i + 1 < n and (
                _is_possessive(nfc[i - 1], nfc[i + 1], nfc[i + 2] if i + 2 < n else None)
                or _elision_at(text, units[i][0])):
            outs[i] = " "
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if ordinal_dots and units[i][0] in ordinal_dots and i + 1 < n:
            chars.append(" ")  # "95. " is one separator
            spans.append((units[i][0], units[i + 1][1]))
            i += 2
            continue
        # a soft run: >= 2 horizontal whitespace units with at most one "\n", between alnum units
        if nfc[i] and _is_soft_char(nfc[i]) and i > 0 and nfc[i - 1][-1:].isalnum():
            j = i
            while j < n and len(nfc[j]) == 1 and _is_soft_char(nfc[j]):
                j += 1
            run = "".join(nfc[i:j])
            if j - i >= 2 and run.count("\n") <= 1 and j < n and nfc[j][:1].isalnum():
                chars.append(" ")
                spans.append((units[i][0], units[j - 1][1]))
                i = j
                continue
        a, b, _ = units[i]
        for ch in outs[i]:
            chars.append(ch)
            spans.append((a, b))
        i += 1
    view = "".join(chars)
    return _repair_view(view), spans


def _is_soft_char(c: str) -> bool:
    return c == "\n" or (c.isspace() and re.fullmatch(f"[{_H}]", c) is not None)


def _repair_view(view: str) -> str:
    """Look-alike letters repaired token by token, as :func:`fold` does (length kept).

    A token can only mix Latin and Cyrillic letters where a Cyrillic letter
    touches another non-space character that is not Cyrillic. Those places are
    found in a one-byte-per-character class string of the view (``c`` Cyrillic,
    `` `` space, ``o`` anything else) built with two C-level byte operations;
    each token found is repaired by the function :func:`fold` uses.
    """
    if view.isascii():
        return view
    classes = view.encode("utf-8", "surrogatepass").translate(_CLASS_TABLE, _CONTINUATION)
    found: list[int] = []
    for pair in (b"oc", b"co"):
        p = classes.find(pair)
        while p >= 0:
            found.append(p)
            p = classes.find(pair, p + 1)
    if not found:
        return view
    parts: list[str] = []
    last = 0  # everything before this is in parts
    done = 0  # end of the last token looked at
    for p in sorted(found):
        if p < done:
            continue
        a = view.rfind(" ", 0, p) + 1
        b = view.find(" ", p)
        if b < 0:
            b = len(view)
        done = b
        token = view[a:b]
        fixed = _repair_lookalikes(token)
        if fixed != token:
            parts.append(view[last:a])
            parts.append(fixed)
            last = b
    if not parts:
        return view
    parts.append(view[last:])
    return "".join(parts)


def _class_table() -> bytes:
    # one class for every other character, ASCII letters included: two searches find the places
    # where a Cyrillic letter touches one (searching for a pair of frequent bytes is slow)
    table = bytearray(b"o" * 256)
    table[32] = 32
    for b in range(0xD0, 0xD4):  # lead bytes of U+0400-U+04FF
        table[b] = ord("c")
    return bytes(table)


_CLASS_TABLE = _class_table()
_CONTINUATION = bytes(range(0x80, 0xC0))


_RUN_SAME_LENGTH, _RUN_CHANGES, _RUN_COMBINING = 0, 1, 2
_RUN_CACHE: dict[str, tuple[tuple[str, ...], int]] = {}


def _run_info(run: str) -> tuple[tuple[str, ...], int]:
    """A run of special characters: what each folds to, and how the map must follow."""
    outs = tuple(_fold_char(c) for c in run)
    if any(unicodedata.combining(c) for c in run):
        kind = _RUN_COMBINING
    elif all(len(o) == 1 for o in outs) and not any(c in _APOSTROPHES for c in run):
        kind = _RUN_SAME_LENGTH
    else:
        kind = _RUN_CHANGES
    info = (outs, kind)
    if len(_RUN_CACHE) < 50_000:
        _RUN_CACHE[run] = info
    return info


def build_view(text: str) -> tuple[str, OffsetMap]:
    """The tagger's view of ``text`` and its map back to ``text``.

    Same result as :func:`view_reference`; fast for any text: a handful of
    whole-string operations in C, and Python only at the characters whose
    folding is not a plain copy (quotes, accents, ``ß``...). Text that is not in
    NFC (decomposed accents, a stray singleton) is normalized only where it needs
    to be: each such cluster is replaced by its NFC form, the result is viewed the
    fast way, and the cluster's view characters map back to the whole cluster.
    """
    fast = fast_view(text)
    if fast is not None:
        return fast
    regions = nfc_regions(text)
    if regions is not None:
        fixed = apply_regions(text, regions)
        fast = fast_view(fixed)
        if fast is not None:
            view, omap = fast
            return view, compose(omap, len(view), regions)
    view, spans = view_reference(text)  # pragma: no cover - every non-NFC text is fixed above
    return view, spans_to_map(spans)


def fast_view(s: str) -> tuple[str, OffsetMap] | None:
    """The view of a text in NFC; None when ``s`` turns out not to be in NFC.

    NFC is checked on the way: only characters outside a short list of stable
    ones (see :func:`is_nfc`) can make a text non-NFC, and all of them are
    special characters here, so each special run that holds one is checked
    with its neighbours.
    """
    n = len(s)
    src = s.replace("\u0130", "I") if "\u0130" in s else s  # İ folds to i, as I does
    low = src.lower()
    if len(low) != n:  # pragma: no cover - only İ changes length in lower() (Unicode 14/15)
        return None
    asc = low.encode("utf-8", "surrogatepass").translate(_ASCII_TABLE).decode("utf-8", "surrogatepass")
    raw = asc.encode("cp1251", "replace")  # one byte per character (see _special_runs)
    unispace = _has_unispace(asc, raw)
    # U+2000 and U+2001 are not NFC and are replaced here; the Kelvin sign (not NFC)
    # lower-cases to a plain "k": the only characters the loop below would not see
    if (unispace or "\u212a" in s) and not is_nfc(s):
        return None
    if unispace:
        asc = _UNI_SPACE_RE.sub(" ", asc)
        raw = asc.encode("cp1251", "replace")
    for ch, rep in _COMMON_1TO1:
        if ch in asc:
            asc = asc.replace(ch, rep)
            raw = raw.replace(ch.encode("cp1251"), rep.encode("cp1251"))  # each is one byte of cp1251
    softs: list[tuple[int, int]] = []
    if unispace or any(p in low for p in _SOFT_HINTS):
        for m in _SOFT_CAND_RE.finditer(low):
            a, b = m.span()
            if a and b < n and low[a - 1].isalnum() and low[b].isalnum() and m.group().count("\n") <= 1:
                softs.append((a, b))
    if ". " in low:
        dots = _ordinal_dots(low)
        if dots:
            softs = sorted(softs + dots)
    parts: list[str] = []
    pieces = MapBuilder()
    linear_from, fixed = pieces.linear, pieces.fixed
    r = 0
    last = 0
    si = 0
    unsafe_search = NFC_UNSAFE_RE.search
    nsoft = len(softs)

    def flush_softs(limit: int, r: int, last: int, si: int) -> tuple[int, int, int]:
        """Emit the text up to each soft break starting before ``limit`` as one space."""
        while si < nsoft and softs[si][0] < limit:
            sa, sb = softs[si]
            si += 1
            parts.append(asc[last:sa])
            r += sa - last
            fixed(r, sa, sb)
            parts.append(" ")
            r += 1
            last = sb
            linear_from(r, sb)
        return r, last, si

    for m in _special_runs(asc, raw):
        a, b = m.span()
        r, last, si = flush_softs(a, r, last, si)
        run = m.group()
        info = _RUN_CACHE.get(run)
        if info is None:
            info = _run_info(run)
        outs, kind = info
        if unsafe_search(s, a, b) and not unicodedata.is_normalized("NFC", s[max(0, a - 1) : b + 1]):
            return None
        if kind == _RUN_SAME_LENGTH:
            # every character gives one: the map is unchanged
            parts.append(asc[last:a])
            parts.append(outs[0] if len(outs) == 1 else "".join(outs))
            r += b - last
            last = b
            continue
        if kind == _RUN_COMBINING and a > last and unicodedata.combining(run[0]):
            a -= 1  # take the base letter with its combining marks
        parts.append(asc[last:a])
        r += a - last
        last = a
        if kind == _RUN_COMBINING:
            # unit by unit: a base with its marks folds as one
            p = a
            while p < b:
                q = p + 1
                while q < b and unicodedata.combining(low[q]):
                    q += 1
                out = "".join(_fold_char(c) for c in low[p:q])
                if q == p + 1 and low[p] in _APOSTROPHES and (_possessive_at(low, p) or _elision_at(s, p)):
                    out = " "
                elif q == p + 1 and low[p] == "_":
                    out = "_"
                if len(out) == 1 and q == p + 1:
                    linear_from(r, p)
                elif out:
                    fixed(r, p, q)
                parts.append(out)
                r += len(out)
                p = q
        else:
            p = a
            for k, out in enumerate(outs):
                if run[k] in _APOSTROPHES and (_possessive_at(low, p) or _elision_at(s, p)):
                    out = " "
                n_out = len(out)
                if n_out == 1:
                    linear_from(r, p)
                elif n_out:
                    fixed(r, p, p + 1)
                parts.append(out)
                r += n_out
                p += 1
        last = b
        linear_from(r, b)
    r, last, si = flush_softs(len(asc) + 1, r, last, si)
    parts.append(asc[last:])
    view = "".join(parts) if len(parts) > 1 else asc
    return _repair_view(view), pieces.build()


def _ordinal_dots(low: str) -> list[tuple[int, int]]:
    """``[m.span(1) for m in _ORDINAL_DOT_RE.finditer(low)]``, found from each ". " (``str.find``, in C)
    after a digit or a "t" and before a word character (as ``\\w`` reads one; two never overlap),
    the word before it read back: a pattern that opens with a look-behind is tried at every position of
    the text, three to four times slower, and most dots end a sentence after another letter."""
    out: list[tuple[int, int]] = []
    n = len(low)
    p = low.find(". ")
    while p >= 0:
        c = low[p - 1] if p else ""
        if (c == "t" or c == "T" or c.isdecimal()) and p + 2 < n and (low[p + 2].isalnum() or low[p + 2] == "_"):
            q = p  # the start of the word characters right before the dot (at most 4 read)
            while q > 0 and p - q < 4 and (low[q - 1].isalnum() or low[q - 1] == "_"):
                q -= 1
            # not: no word, a longer one, or one after a dot
            if not (q == p or (q > 0 and (low[q - 1].isalnum() or low[q - 1] in "_."))):
                w = low[q:p]
                if (len(w) <= 3 and w.isdecimal()) or (len(w) == 2 and w[0] in "SsMmFf" and w[1] in "Tt"):
                    out.append((p, p + 2))
        p = low.find(". ", p + 1)
    return out


def _possessive_at(low: str, p: int) -> bool:
    n = len(low)
    if p == 0 or p + 1 >= n:
        return False
    after = low[p + 2] if p + 2 < n else None
    if after is not None and unicodedata.combining(after):
        return False
    return _is_possessive(low[p - 1], low[p + 1], after)

