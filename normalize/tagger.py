"""Bulk tagger: every mention of a lexicon entity in running text, with offsets and IDs.

How a text is tagged (:meth:`Tagger.tag`):

1. **View.** The text is folded the way lexicon names are (:func:`normalize.fold.fold`:
   case, look-alike letters, diacritics, apostrophes, quotes, soft hyphens, ``İ``,
   ``ß``, ligatures, decomposed accents), into a *view* that keeps a map back to the
   original characters, so ``text[m.start:m.end] == m.text`` always holds. Unlike
   :func:`fold` the view does not merge runs of separators: words of a name must be
   separated by one separator character (a space, a hyphen, a line break...) or by
   whitespace with at most one line break, so "Kharkiv, Oblast" or a name across a
   paragraph break is not a mention. A possessive ``'s`` is split off ("Kyiv's");
   an underscore joins words, as in Unicode word boundaries (see :func:`view_reference`).
2. **Exact pass.** One Aho-Corasick automaton (ahocorasick_rs) holds every light key
   of every name of the lexicon (:meth:`normalize.matcher.Matcher.surface_keys`:
   the names, their renderings under every transliteration scheme, their inflected
   Cyrillic forms), plus the surname forms of every person; each key is wrapped in
   spaces, so the automaton only reports hits on word boundaries (no hits inside
   words, in any script). Hits are kept only when the text writes them as a name:
   starting with a capital letter when the lexicon name does (or, for a name of
   several words, with a capital on one of them: "легиона «Свобода России»"),
   acronym keys only in capitals (RDC, РДК, not "rdc"). Keys shorter than three
   letters (acronyms aside) and one-word keys that are common words
   (:data:`STOP_WORDS`: "The", "Мир" at the start of a sentence) are left out.
   Overlaps are resolved leftmost-longest ("Kharkiv Oblast" beats "Kharkiv").
3. **Resolution, per document, in text order.**
   - A surname alone ("Baranovskyi declared") takes the ID of the person last
     mentioned in full with that surname; with no antecedent it takes the only
     person of that surname, or, when several share it, the one whose prior clearly
     leads (as :meth:`Matcher.best`), else stays ambiguous: ``id`` is None and
     ``candidates`` lists them (best first).
   - A given name or an initial before a surname ("Oleksii Baranovskyy",
     "O. Baranovskyi") joins the mention when it is one of that person's names.
   - Homonyms (several entities behind one key, e.g. villages called Ivanivka): the
     candidate consistent with the places named unambiguously in the same document
     (the same entity, a parent or child, the same GeoNames admin1 region, the same
     country) wins, then the prior (population, subtype, or the lexicon's own) and
     whether the key spells the entity's label; people or organisations that share a
     name are told apart by prior only when one clearly leads; all candidates are
     kept, best first.
4. **Fuzzy pass** (``fuzzy=True``): capitalized spans the exact pass left untagged
   go to :meth:`Matcher.match` ("Siberia Batallion").

Scores: 100 x the key's quality for an exact name (99 for a scheme rendering, 97 for
an inflected form), 96 x quality for an acronym, 95 for given name + surname, 90 for
a surname after a full mention, the matcher's score of a surname alone (88) for the
only person of that surname or the one whose prior clearly leads, 70 for an
ambiguous surname (no ID); a homonym chosen by context loses 3 points, one chosen
by size or prior only 10; fuzzy matches keep the matcher's score.

Start-up: the key table is read in place from the lexicons' compiled index
(:mod:`normalize.index`: the index installed with the package for the bundled
lexicons, else the cache, else built once and cached), so a warm start never
builds the Matcher; the automaton is built from the keys at each start (a
fraction of a second: an automaton's own binary form would be read by a C parser,
which a damaged or foreign file could crash).

Long texts are cut into chunks of about :data:`CHUNK_CHARS` characters at
paragraph breaks (else line breaks, else spaces); cuts depend only on the text, so
the result is the same whether chunks are scanned in one process or several.
"""

from __future__ import annotations

import bisect
import math
import os
import re
import unicodedata
from array import array
from functools import lru_cache
from itertools import accumulate, chain
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from normalize import evidence
from normalize.fold import _fold_char, _repair_lookalikes, fold, fold_units, skeleton
from normalize.index.tables import SmallFloats, write_small_floats

if TYPE_CHECKING:  # pragma: no cover
    from normalize.index.source import LexiconLike

__all__ = ["Tagger", "Mention", "Mentions", "Candidate", "STOP_WORDS", "CHUNK_CHARS", "cache_dir"]

#: chunk size (characters) for long texts
CHUNK_CHARS = 1 << 20

#: keys shorter than this (letters, spaces excluded) are not tagged, except acronyms
MIN_KEY_LETTERS = 3

#: words that are never a mention on their own, even capitalized at a sentence start
#: (light keys; GeoNames has villages called Mir, Bor, Pobeda, Most...)
STOP_WORDS: frozenset[str] = frozenset(
    """
    the and for but not you all any can her was one our out day get has him his how man new now
    old see two way who did its let put say she too use are may yet via per ago off own few
    this that with from they them then than there their these those what when where which while
    will would could should about after again also before being between both down during each
    here into just more most much must only other over same some such under until very well
    said says news live today monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    north south east west central western eastern northern southern
    что как это так уже еще ещё все всё его она они мне нас вас был была были было для при без
    под над про или даже если когда где там тут вот нет его ее её их мир бор луч яр
    победа заря свобода слава надежда вера любовь октябрь май весна восход рассвет маяк
    що як це так вже ще все всі його вона вони мені нас вас був була були було для при без
    під над про або навіть якщо коли де там тут ось немає її їх мир світ воля слава надія
    мер мэр глава гора остров ключ родник дружба труд прогресс новый новое новая старый старая
    красный красное красная советский советская восток запад юг север поляна долина поселок
    слобода перемога зоря схід жовтень річка промінь гай селище калина star ray
    """.split()
)

_APOSTROPHES = "'’ʼ"
#: horizontal whitespace: the material of a "soft" separator run
_H = " \t\r\x0b\x0c\xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
_UNI_SPACE_RE = re.compile("[\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SOFT_CAND_RE = re.compile(f"[{_H}\n]{{2,}}")
#: a soft run has two whitespace characters in a row, not both line breaks: one of these is in the text
_SOFT_HINTS = ("  ", " \n", "\n ", "\t", "\r", "\x0b", "\x0c")
#: frequent non-ASCII characters that fold to one character: replaced wholesale
_COMMON_1TO1 = (("ё", "е"), ("—", " "), ("–", " "), ("…", " "), ("№", " "), ("•", " "), ("·", " "))


def _plain_class() -> str:
    """Characters the fast view copies as they are: a-z, 0-9, space and plain Cyrillic letters."""
    chars = [
        c for c in map(chr, range(0x0400, 0x0530))
        if c.isalpha() and c.lower() == c and _fold_char(c) == c
        and unicodedata.combining(c) == 0 and unicodedata.normalize("NFC", c) == c
    ]
    ranges: list[list[int]] = []
    for c in chars:
        if ranges and ranges[-1][1] == ord(c) - 1:
            ranges[-1][1] = ord(c)
        else:
            ranges.append([ord(c), ord(c)])
    body = "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
    return "a-z0-9_ " + body


_SPECIAL_RE = re.compile(f"[^{_plain_class()}]+")


def _nfc_safe_class() -> str:
    """A regex class of characters that can neither change nor combine under NFC."""
    safe = [
        c for r in (range(0x20, 0x530), range(0x2000, 0x2070))
        for c in map(chr, r)
        if unicodedata.combining(c) == 0 and unicodedata.is_normalized("NFC", c)
    ]
    ranges: list[list[int]] = []
    for c in safe:
        if ranges and ranges[-1][1] == ord(c) - 1:
            ranges[-1][1] = ord(c)
        else:
            ranges.append([ord(c), ord(c)])
    return "\t\n\r" + "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


_NFC_UNSAFE_RE = re.compile(f"[^{_nfc_safe_class()}]+")


def is_nfc(text: str) -> bool:
    """``unicodedata.is_normalized("NFC", text)``, checking only around the characters that matter.

    NFC can only change a text around characters that are not in a short list of
    stable ones (ASCII, Latin, Greek, Cyrillic letters without combining marks,
    general punctuation); each run of other characters is checked with the
    character before and after it. (The library call falls back to a full
    normalization of the whole text as soon as it meets one combining accent.)
    """
    for m in _NFC_UNSAFE_RE.finditer(text):
        a, b = m.span()
        if not unicodedata.is_normalized("NFC", text[max(0, a - 1) : b + 1]):
            return False
    return True


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


class OffsetMap:
    """Maps positions of a view back to spans of the original text.

    Pieces start at view positions ``r``; a *linear* piece maps view position
    ``r + k`` to the source character ``src + k``; a *fixed* piece maps each of its
    positions to the span ``(src, end)`` (a unit that gave several characters, or a
    run of whitespace that became one space).
    """

    __slots__ = ("rs", "ss", "se")

    def __init__(self, rs: list[int], ss: list[int], se: list[int]) -> None:
        self.rs, self.ss, self.se = rs, ss, se

    def span(self, r: int) -> tuple[int, int]:
        """The source span of view character ``r``."""
        i = bisect.bisect_right(self.rs, r) - 1
        end = self.se[i]
        if end < 0:
            src = self.ss[i] + r - self.rs[i]
            return src, src + 1
        return self.ss[i], end

    def start(self, r: int) -> int:
        """The start of the source span of view character ``r``."""
        i = bisect.bisect_right(self.rs, r) - 1
        if self.se[i] < 0:
            return self.ss[i] + r - self.rs[i]
        return self.ss[i]

    def end(self, r: int) -> int:
        """The end (exclusive) of the source span of view character ``r``."""
        i = bisect.bisect_right(self.rs, r) - 1
        end = self.se[i]
        if end < 0:
            return self.ss[i] + r - self.rs[i] + 1
        return end


#: French (and Catalan, Italian) elided words: "l'Institute", "d'Engels", "qu'Andriy"
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ELIDED = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"})


def _elision_at(text: str, p: int) -> bool:
    """Is the apostrophe ``text[p]`` (' or ’) an elision ("d'Engels", "l'Institute"), so a separator?

    The word before it is one of :data:`_ELIDED`, in ASCII letters; a letter follows;
    and that letter is a capital or the elided word is in lower case ("D'yakov" is
    a name, "d'Engels" two words).
    """
    if text[p] not in "'’" or p + 1 >= len(text) or not text[p + 1].isalpha() or p == 0:
        return False
    q = p
    while q > 0 and p - q < 6 and text[q - 1] in _ASCII_LETTERS:
        q -= 1
    if q > 0 and (text[q - 1].isalnum() or unicodedata.combining(text[q - 1]) or text[q - 1] in "_'’ʼ"):
        return False
    word = text[q:p]
    return word.lower() in _ELIDED and (text[p + 1].isupper() or word[-1].islower())


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
    nfc = [unicodedata.normalize("NFC", text[a:b]) for a, b, _ in units]
    n = len(units)
    for i in range(n):
        if len(nfc[i]) == 1 and nfc[i] in _APOSTROPHES and i > 0 and i + 1 < n:
            if _is_possessive(nfc[i - 1], nfc[i + 1], nfc[i + 2] if i + 2 < n else None) or _elision_at(text, units[i][0]):
                outs[i] = " "
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < n:
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
    ``a`` ASCII letter or digit, ``o`` anything else, `` `` space) built with
    two C-level byte operations; each token found is repaired by the function
    :func:`fold` uses.
    """
    if view.isascii():
        return view
    classes = view.encode("utf-8", "surrogatepass").translate(_CLASS_TABLE, _CONTINUATION)
    found: list[int] = []
    for pair in (b"ac", b"ca", b"oc", b"co"):
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
    table = bytearray(b"o" * 256)
    for b in range(128):
        table[b] = ord("a") if chr(b).isalnum() else ord("o")
    table[32] = 32
    for b in range(0xD0, 0xD4):  # lead bytes of U+0400-U+04FF
        table[b] = ord("c")
    return bytes(table)


_CLASS_TABLE = _class_table()
_CONTINUATION = bytes(range(0x80, 0xC0))


def _spans_to_map(spans: list[tuple[int, int]]) -> OffsetMap:
    rs: list[int] = [0]
    ss: list[int] = [0]
    se: list[int] = [-1]
    for r, (a, b) in enumerate(spans):
        if b == a + 1:
            if se[-1] < 0 and ss[-1] + r - rs[-1] == a:
                continue
            if rs[-1] == r:
                ss[-1], se[-1] = a, -1
            else:
                rs.append(r), ss.append(a), se.append(-1)
        else:
            if se[-1] >= 0 and ss[-1] == a and se[-1] == b:
                continue
            if rs[-1] == r:
                ss[-1], se[-1] = a, b
            else:
                rs.append(r), ss.append(a), se.append(b)
    return OffsetMap(rs, ss, se)


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
    fast = _fast_view(text)
    if fast is not None:
        return fast
    regions = _nfc_regions(text)
    if regions is not None:
        fixed = _apply_regions(text, regions)
        fast = _fast_view(fixed)
        if fast is not None:
            view, omap = fast
            return view, _compose(omap, len(view), regions)
    view, spans = view_reference(text)  # pragma: no cover - every non-NFC text is fixed above
    return view, _spans_to_map(spans)


def _nfc_regions(text: str) -> list[tuple[int, int, str]] | None:
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
    for m in _NFC_UNSAFE_RE.finditer(text):
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


def _apply_regions(text: str, regions: list[tuple[int, int, str]]) -> str:
    parts = []
    last = 0
    for a, b, norm in regions:
        parts.append(text[last:a])
        parts.append(norm)
        last = b
    parts.append(text[last:])
    return "".join(parts)


def _compose(omap: OffsetMap, view_len: int, regions: list[tuple[int, int, str]]) -> OffsetMap:
    """The map view -> original text, from ``omap`` (view -> text with ``regions`` normalized).

    Outside the regions a position moves by the length change of the regions
    before it; inside one, every position maps to the whole original region.
    """
    fa: list[int] = []  # region starts in the normalized text
    fb: list[int] = []
    after: list[int] = []  # shift (normalized - original) after each region
    shift = 0
    for a, b, norm in regions:
        fa.append(a + shift)
        fb.append(a + shift + len(norm))
        shift += len(norm) - (b - a)
        after.append(shift)

    def span(q: int) -> tuple[int, int]:
        i = bisect.bisect_right(fa, q) - 1
        if i >= 0 and q < fb[i]:
            return regions[i][0], regions[i][1]
        d = after[i] if i >= 0 else 0
        return q - d, q - d + 1

    rs: list[int] = []
    ss: list[int] = []
    se: list[int] = []

    def emit(r: int, a: int, b: int) -> None:
        rs.append(r), ss.append(a), se.append(b)

    n = len(omap.rs)
    for j in range(n):
        r0 = omap.rs[j]
        r1 = omap.rs[j + 1] if j + 1 < n else view_len
        if r1 <= r0 and j + 1 < n:
            continue
        if omap.se[j] >= 0:  # a fixed piece: its whole span, mapped at both ends
            emit(r0, span(omap.ss[j])[0], span(omap.se[j] - 1)[1])
            continue
        q0 = omap.ss[j]
        r = r0
        while r < max(r1, r0 + 1):
            q = q0 + (r - r0)
            i = bisect.bisect_right(fa, q) - 1
            if i >= 0 and q < fb[i]:  # inside a region: up to its end, all to the region
                emit(r, regions[i][0], regions[i][1])
                r += fb[i] - q
                continue
            d = after[i] if i >= 0 else 0
            emit(r, q - d, -1)
            nxt = fa[i + 1] if i + 1 < len(fa) else None  # the next region starts there
            if nxt is None:
                break
            r += max(1, nxt - q)
    return OffsetMap(rs or [0], ss or [0], se or [-1])


def _fast_view(s: str) -> tuple[str, OffsetMap] | None:
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
    unispace = _UNI_SPACE_RE.search(asc) is not None
    if unispace or "\u212a" in s:
        # U+2000 and U+2001 are not NFC and are replaced here; the Kelvin sign (not NFC)
        # lower-cases to a plain "k": the only characters the loop below would not see
        if not is_nfc(s):
            return None
    if unispace:
        asc = _UNI_SPACE_RE.sub(" ", asc)
    for ch, rep in _COMMON_1TO1:
        if ch in asc:
            asc = asc.replace(ch, rep)
    softs: list[tuple[int, int]] = []
    if unispace or any(p in low for p in _SOFT_HINTS):
        for m in _SOFT_CAND_RE.finditer(low):
            a, b = m.span()
            if a and b < n and low[a - 1].isalnum() and low[b].isalnum() and m.group().count("\n") <= 1:
                softs.append((a, b))
    parts: list[str] = []
    rs: list[int] = [0]
    ss: list[int] = [0]
    se: list[int] = [-1]
    r = 0
    last = 0
    si = 0
    unsafe_search = _NFC_UNSAFE_RE.search
    nsoft = len(softs)

    def linear_from(r: int, p: int) -> None:
        if se[-1] < 0 and ss[-1] - rs[-1] == p - r:
            return
        if rs[-1] == r:
            ss[-1], se[-1] = p, -1
        else:
            rs.append(r), ss.append(p), se.append(-1)

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

    def fixed(r: int, a: int, b: int) -> None:
        if rs[-1] == r:
            ss[-1], se[-1] = a, b
        else:
            rs.append(r), ss.append(a), se.append(b)

    for m in _SPECIAL_RE.finditer(asc):
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
    return _repair_view(view), OffsetMap(rs, ss, se)


def _possessive_at(low: str, p: int) -> bool:
    n = len(low)
    if p == 0 or p + 1 >= n:
        return False
    after = low[p + 2] if p + 2 < n else None
    if after is not None and unicodedata.combining(after):
        return False
    return _is_possessive(low[p - 1], low[p + 1], after)


# -- results ---------------------------------------------------------------------------


class Candidate(NamedTuple):
    """One entity a mention may denote."""

    id: str
    label: str
    type: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "type": self.type, "score": self.score}


class Mention(NamedTuple):
    """A mention of an entity: ``text == document[start:end]`` (code point offsets).

    ``id`` is None when the mention is ambiguous (a surname several people
    share, with no antecedent in the document): ``label`` is None too, ``type``
    the candidates' common type, and ``candidates`` lists them. ``candidates``
    holds every entity the mention may denote, best first (the chosen one first
    when ``id`` is set); ``via`` says how it was found and resolved; ``same_as``
    the entity's other IDs (``same_as`` links in the lexicons).
    """

    start: int
    end: int
    text: str
    id: str | None
    label: str | None
    type: str | None
    score: float
    candidates: tuple[Candidate, ...] = ()
    via: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    #: why the tagger turned this mention down (only with ``Tagger.tag(text, all=True)``); "" when kept
    rejected: str = ""

    def to_json(self, *, candidates: bool = False) -> dict[str, Any]:
        """The CLI's object; ``candidates`` are added when asked or when ``id`` is None;
        ``rejected`` (the reason) for a mention turned down, shown with ``--all``."""
        out: dict[str, Any] = {
            "start": self.start, "end": self.end, "text": self.text,
            "id": self.id, "label": self.label, "type": self.type, "score": self.score,
        }
        if self.same_as:
            out["same_as"] = list(self.same_as)
        if self.id is None or (candidates and len(self.candidates) > 1):
            out["candidates"] = [c.to_json() for c in self.candidates]
        if self.rejected:
            out["rejected"] = self.rejected
        return out


class Mentions(list):  # type: ignore[type-arg]
    """What :meth:`Tagger.tag` returns: a plain list of :class:`Mention`, plus the ``text``.

    It displays itself in Jupyter as the highlighted text (:mod:`normalize.html`);
    otherwise it is the list it always was (equal to it, same ``repr``).
    """

    __slots__ = ("text",)

    def __init__(self, text: str, mentions: Iterable[Mention] = ()) -> None:
        super().__init__(mentions)
        self.text = text

    def _repr_html_(self) -> str:
        from normalize.html import render_fragment

        return render_fragment(self.text, self)


class Resolution:
    """What a mention resolves to, shared by the mentions that resolve alike.

    ``candidates`` is built on first access (the CLI only needs it for
    ambiguous mentions); ``json`` and ``json_all`` hold the CLI's encoded fields.
    """

    __slots__ = ("id", "label", "type", "score", "via", "same_as", "json", "json_all", "_cands", "_entities", "_built")

    def __init__(self, id: str | None, label: str | None, type: str | None, score: float,
                 cands: Sequence[tuple[int, float]], via: tuple[str, ...], entities: list[list[Any]] | None,
                 same_as: tuple[str, ...] = ()) -> None:
        self.id, self.label, self.type, self.score, self.via = id, label, type, score, via
        self.same_as = same_as  # the entity's other IDs (same_as links in the lexicons)
        self.json: str | None = None  # with candidates only when ambiguous
        self.json_all: str | None = None  # with candidates whenever there are several
        self._cands, self._entities = cands, entities
        self._built: tuple[Candidate, ...] | None = None

    @property
    def candidates(self) -> tuple[Candidate, ...]:
        if self._built is None:
            if self._entities is None:
                self._built = tuple(self._cands)  # type: ignore[arg-type]
            else:
                ents = self._entities
                self._built = tuple(Candidate(ents[e][0], ents[e][1], ents[e][2], round(sc, 1)) for e, sc in self._cands)
        return self._built


# -- the key table -----------------------------------------------------------------------

# key flags
_FULL_CAP, _FULL_ANY, _ACRO, _SHORT = 1, 2, 4, 8


def cache_dir() -> Path:
    """Where compiled indexes are cached (see :mod:`normalize.cache`)."""
    from normalize.cache import cache_dir as _cache_dir

    return _cache_dir()


class _Table:
    """Everything the tagger needs, read in place from the ``t.`` sections of a compiled index.

    ``keys``: the light keys (sorted; a key's number is its position);
    ``flags``: one byte per key (bitmask: full name needing a capital, full name,
    acronym, surname); per key, its full-name and acronym hits ``(entity, score,
    via)`` (via numbers ``strings``: how the key was derived), best first, and the
    person entities of a surname form (``hits``, decoded on first use);
    ``given``: person -> skeletons of their given names; ``initials``: person ->
    first letters of their given names; ``solo``, ``solo_score``, ``solo_via``: for
    a key with one full-name entity and nothing else (most keys), that entity,
    score and via, so it resolves without decoding its hits (-1: not such a key).
    ``entities``: ``[id, label, type, parent index or -1, country, admin1,
    population, subtype]`` by entity number, made on first access.
    """

    def __init__(self, compiled: Any) -> None:
        from normalize.index.container import IndexFileError

        r = compiled.reader
        compiled.verify("tagger")  # its own sections, the entities, and the matcher's (category cores)
        strings, ents = compiled.strings, compiled.entities
        self._ents = ents
        self.entities = _EntityRows(ents)
        self.strings = r.strings("t.strings")
        self._keys = r.strings("t.keys")
        n = len(self._keys)
        self.flags = r.raw("t.flags")
        self.solo = r.array("t.solo", "i")
        self.solo_score = SmallFloats(r, "t.solo_score")
        self.solo_via = r.array("t.solo_via", "i")
        cols = []
        for name in ("t.full", "t.acro"):
            cols.append((r.array(f"{name}.v", "I"), r.array(f"{name}.e", "i"), SmallFloats(r, f"{name}.s"),
                         r.array(f"{name}.w", "i")))
        self._full, self._acro = cols
        self._short_v, self._short_p = r.array("t.short.v", "I"), r.array("t.short.p", "i")
        self._given_v, self._given_s = r.array("t.given.v", "I"), r.array("t.given.s", "i")
        self._initials = r.strings("t.initials")
        ne = len(ents)
        if not (len(self.flags) == len(self.solo) == len(self.solo_score) == len(self.solo_via) == n
                and len(self._full[0]) == len(self._acro[0]) == len(self._short_v) == n + 1
                and len(self._given_v) == len(self._initials) + 1 == ne + 1):
            raise IndexFileError(f"{r.where}: corrupt (tagger table shape)")
        self._shared_strings = strings
        self._keys_list: list[str] | None = None
        self._parsed: dict[int, tuple[list[tuple[int, float, int]], list[tuple[int, float, int]], list[int]]] = {}
        self._ancestors: dict[int, tuple[int, ...]] = {}
        self._given: dict[int, frozenset[str]] = {}
        self.given = _Given(self._given_of)
        self.initials = _Initials(self._initials)

    @property
    def keys(self) -> list[str]:
        """Every key, decoded (for building the automaton)."""
        if self._keys_list is None:
            self._keys_list = self._keys.all()
        return self._keys_list

    def __len__(self) -> int:
        return len(self._keys)

    def hits(self, kid: int) -> tuple[list[tuple[int, float, int]], list[tuple[int, float, int]], list[int]]:
        """(full hits, acronym hits, surname persons) of a key."""
        got = self._parsed.get(kid)
        if got is None:
            groups = []
            for v, e, sc, w in (self._full, self._acro):
                a, b = v[kid], v[kid + 1]
                groups.append(list(zip(e[a:b].tolist(), sc.slice(a, b), w[a:b].tolist())))
            short = self._short_p[self._short_v[kid] : self._short_v[kid + 1]].tolist()
            got = self._parsed[kid] = (groups[0], groups[1], short)
        return got

    def short(self, kid: int) -> list[int]:
        return self.hits(kid)[2]

    def _given_of(self, person: int) -> frozenset[str]:
        got = self._given.get(person)
        if got is None:
            strings = self.strings
            got = self._given[person] = frozenset(
                strings[i] for i in self._given_s[self._given_v[person] : self._given_v[person + 1]])
        return got

    def ancestors(self, e: int) -> tuple[int, ...]:
        got = self._ancestors.get(e)
        if got is None:
            out: list[int] = []
            parent = self._ents.parent
            p = parent[e]
            while p >= 0 and p not in out and p != e:
                out.append(p)
                p = parent[p]
            got = self._ancestors[e] = tuple(out)
        return got


class _Given:
    """person -> skeletons of their given names (empty for anyone else)."""

    __slots__ = ("_of",)

    def __init__(self, of: Any) -> None:
        self._of = of

    def get(self, person: int, default: Any = frozenset()) -> frozenset[str]:
        return self._of(person) or default


class _Initials:
    """person -> the first letters of their given names ("" for anyone else)."""

    __slots__ = ("_t",)

    def __init__(self, table: Any) -> None:
        self._t = table

    def get(self, person: int, default: str = "") -> str:
        return self._t[person] or default


class _EntityRows:
    """Entity rows ``[id, label, type, parent, country, admin1, population, subtype]``, made on access."""

    __slots__ = ("_ents", "_memo")

    def __init__(self, ents: Any) -> None:
        self._ents = ents
        self._memo: dict[int, list[Any]] = {}

    def __len__(self) -> int:
        return len(self._ents)

    def __getitem__(self, e: int) -> list[Any]:
        got = self._memo.get(e)
        if got is None:
            r = self._ents[e]
            got = self._memo[e] = [r.id, r.label, r.type, r.parent, r.country, r.admin1, r.population, r.subtype]
        return got

    def __iter__(self) -> Iterator[list[Any]]:
        return (self[e] for e in range(len(self._ents)))


def write_tagger(w: Any, entities: Sequence[Any], matcher: Any, pool: Any) -> None:
    """The ``t.`` sections of a compiled index, from a built matcher's keys (see :class:`_Table`).

    Every exact key of the matcher (names, renderings, inflected forms) and every
    acronym key becomes a tagger key, except keys too short and common words
    (:data:`STOP_WORDS`); the surname forms of every person are added as short keys.
    """
    strings: dict[str, int] = {}
    via_ids: dict[tuple[str, ...], int] = {}

    def sid(s: str) -> int:
        got = strings.get(s)
        if got is None:
            got = strings[s] = len(strings)
        return got

    def via_id(via: tuple[str, ...]) -> int:
        got = via_ids.get(via)
        if got is None:
            got = via_ids[via] = sid(" > ".join(via))
        return got

    is_person = [e.type == "person" for e in entities]
    isalpha = str.isalpha
    upper: dict[str, bool] = {}
    full: dict[str, list[list[Any]]] = {}
    acro: dict[str, list[list[Any]]] = {}
    any_case: set[str] = set()
    person_given: dict[int, set[str]] = {}
    for key, hits in matcher._exact.items():
        if len(key) - key.count(" ") < MIN_KEY_LETTERS or key in STOP_WORDS or not any(map(isalpha, key)):
            continue
        rows = []
        lower = False
        for h in hits:
            i = h.entity
            rows.append([i, round(100.0 * h.quality, 1), via_id(h.via)])
            up = upper.get(h.alias)
            if up is None:
                up = upper[h.alias] = _starts_upper(h.alias)
            if not up:
                lower = True
            if is_person[i] and " " in key:
                person_given.setdefault(i, set()).add(key.split(" ")[0])
        full[key] = rows
        if lower:
            any_case.add(key)
    for key, hits in matcher._acronyms.items():
        letters = len(key) - key.count(" ")
        if letters < 2 or not any(map(isalpha, key)):
            continue
        # two letters derived from a name ("MP") are too often something else
        acro[key] = [[h.entity, round(96.0 * h.quality, 1), via_id(h.via)] for h in hits
                     if not (letters < 3 and h.via[:1] == ("derived acronym",))]
    short: dict[str, list[int]] = {}
    for p in matcher._persons:
        i = p.entity
        for key in matcher._surname_keys.get(i, ()):
            if len(key) < MIN_KEY_LETTERS or key in STOP_WORDS or " " in key:
                continue
            got = short.setdefault(key, [])
            if i not in got:
                got.append(i)
    pops = [e.population or 0 for e in entities]

    def order(h: list[Any]) -> tuple[float, int, int]:
        return (-h[1], -pops[h[0]], h[0])

    keys = sorted(full.keys() | acro.keys() | short.keys())
    flags = bytearray()
    solo: list[int] = []
    solo_score: list[float] = []
    solo_via: list[int] = []
    runs: dict[str, list[list[Any]]] = {"full": [], "acro": []}
    shorts: list[list[int]] = []
    none: list[Any] = []
    for key in keys:
        fh = full.get(key, none)
        ah = acro.get(key, none)
        sh = short.get(key, none)
        f = 0
        if fh:
            f |= _FULL_ANY if key in any_case else _FULL_CAP
        if ah:
            f |= _ACRO
        if sh:
            f |= _SHORT
        flags.append(f)
        runs["full"].append(sorted(fh, key=order) if len(fh) > 1 else fh)
        runs["acro"].append(sorted(ah, key=order) if len(ah) > 1 else ah)
        shorts.append(sorted(sh))
        if len(fh) == 1 and not ah and not sh:
            h = fh[0]
            solo.append(h[0]), solo_score.append(h[1]), solo_via.append(h[2])
        else:
            solo.append(-1), solo_score.append(0.0), solo_via.append(0)
    w.add_strings("t.keys", keys)
    w.add("t.flags", bytes(flags))
    w.add_array("t.solo", "i", solo)
    write_small_floats(w, "t.solo_score", solo_score)
    w.add_array("t.solo_via", "i", solo_via)
    for part in ("full", "acro"):
        offsets = [0]
        offsets.extend(accumulate(map(len, runs[part])))
        cols = list(zip(*chain.from_iterable(runs[part]))) or [(), (), ()]
        w.add_array(f"t.{part}.v", "I", offsets)
        w.add_array(f"t.{part}.e", "i", cols[0])
        write_small_floats(w, f"t.{part}.s", cols[1])
        w.add_array(f"t.{part}.w", "i", cols[2])
    offsets = [0]
    flat: list[int] = []
    for run in shorts:
        flat.extend(run)
        offsets.append(len(flat))
    w.add_array("t.short.v", "I", offsets)
    w.add_array("t.short.p", "i", flat)
    offsets = [0]
    flat = []
    initials: list[str] = []
    for i in range(len(entities)):
        forms = person_given.get(i, ())
        flat.extend(sid(s) for s in sorted({skeleton(g) for g in forms if len(g) >= 2}))
        offsets.append(len(flat))
        initials.append("".join(sorted({g[0] for g in forms})))
    w.add_array("t.given.v", "I", offsets)
    w.add_array("t.given.s", "i", flat)
    w.add_strings("t.initials", initials)
    w.add_strings("t.strings", list(strings))


#: size (log10 of population) assumed for places the lexicon gives no population, by subtype
_SUBTYPE_SIZE = {
    "country": 7.5, "oblast": 6.0, "region": 6.0, "krai": 6.0, "autonomous republic": 6.0, "republic": 6.0,
    "city with special status": 6.0, "raion": 5.0, "district": 5.0,
}


def _size(entity: list[Any]) -> float:
    """How big a place is: log10 of its population (what the text's evidence weighs).

    Homonyms are ranked by :func:`_standing` instead.
    """
    pop = entity[6]
    if pop:
        return math.log10(1 + pop)
    return _SUBTYPE_SIZE.get(entity[7] or "", 0.0)


#: the prior's scale in standing units (log10 of a population: a prior is (log10(population) - 2) / 5)
_PRIOR_SPAN, _PRIOR_FLOOR = 5.0, 2.0


def _standing(prior: float) -> float:
    """How big or prominent an entity is, for telling homonyms apart: its prior (given by the
    lexicon, else derived from population and subtype, see :mod:`normalize.prior`) on the scale
    of log10 of a population (a town of 10,000: 4).

    A homonym consistent with the document's other places (see ``_choose``)
    gets points on top of this: 8 for the same entity named unambiguously, 4 for
    a parent or child of a place named, 1 for the same GeoNames admin1 region,
    0.5 for the same country; so a town of 14,000 (4.2) in the same oblast as
    another place named does not beat the city of 470,000 (5.7) that shares its
    name, but a village beats an equal village elsewhere. A key that spells the
    entity's label (its preferred name, not an alternate or former one) adds what
    the matcher's label bonus is worth on this scale (``Pokrovsk`` is Pokrovsk,
    not Engels, formerly Pokrovsk).
    """
    return _PRIOR_FLOOR + _PRIOR_SPAN * prior


def _starts_upper(alias: str) -> bool:
    for c in alias:
        if c.isalpha():
            return not c.islower()
    return True


# -- the tagger ------------------------------------------------------------------------

#: one raw mention of the exact pass: (start, end, key index, valid flags, person or -1);
#: a person of -2 - e resolves to entity e directly (a name with a shared category word...)
Raw = tuple[int, int, int, int, int]

_WEAK, _STRONG = 1, 2
_UNSET = object()
#: how a direct raw mention (person < -1) was found: a name before or after a category word,
#: an organization with the country after it
_VIA_SHARED, _VIA_CATEGORY, _VIA_ORG = 16, 32, 64
#: stems of the category words looked for in the view (see Tagger._category_sites)
_CATEGORY_STEMS = ("region", "oblast", "област", "obwod", "район", "raion", "district", "rejon", "gebiet")
#: words that may stand between a category word and its name ("région de Saratov")
_CATEGORY_LINKS = frozenset({"de", "d", "of", "von", "des"})
_NEXT_WORD_RE = re.compile(r"([^\w]*)([^\W\d_](?:[\w'’ʼ-]*\w)?)")
_PREV_WORD_RE = re.compile(r"([^\W\d_](?:[\w'’ʼ-]*\w)?)([^\w]*)$")
_OBLIQUE_ADJ_RE = re.compile(r"(?<=[sc]k|dz)(?:aya|aia|oy|oi|oyu|oiu|oju|iy|ii|yi|yy|ij|ym|im|imi|ikh|ykh|ich|ych|ogo|oho|omu|ei|ey|iego|iej|ie|i|a|u|uyu|uiu|yu|iu)$")


def _nominative_adjective(latin: str) -> str:
    """A folded Latin place adjective in any case as its feminine nominative (kurskoiu, kurskim -> kurska)."""
    m = _OBLIQUE_ADJ_RE.search(latin)
    if m is None:
        return latin
    return latin[: m.start()] + "a"


def _has_cyrillic(s: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in s)


class Tagger:
    """Tag every mention of a lexicon's entities in text.

    ``lexicon``: a :class:`~normalize.lexicon.Lexicon`, a path or list of paths,
    or None for the bundled lexicons. ``fuzzy``: also send capitalized spans the
    exact pass missed to the matcher. ``cache``: use the on-disk key table cache.

    >>> from normalize.lexicon import Entity, Lexicon, Name
    >>> lex = Lexicon.from_entities([
    ...     Entity("place:kharkiv", "place", (Name("Харків", "uk"),)),
    ...     Entity("place:kharkiv-oblast", "place", (Name("Харківська область", "uk"),)),
    ... ])
    >>> [(m.text, m.id) for m in Tagger(lex, cache=False).tag("Kharkivska oblast, not Kharkiv's")]
    [('Kharkivska oblast', 'place:kharkiv-oblast'), ('Kharkiv', 'place:kharkiv')]
    """

    def __init__(self, lexicon: LexiconLike = None, *, fuzzy: bool = False, cache: bool = True) -> None:
        from normalize.index import obtain
        from normalize.index.source import LexiconSource
        from normalize.matcher import check_lexicon_arg

        check_lexicon_arg(lexicon)
        source = LexiconSource.of(lexicon)
        compiled, built = obtain(source, cache=cache, purpose="tagger")
        self._setup(compiled, fuzzy, source, built)

    @classmethod
    def from_index(cls, path: str | Path, *, fuzzy: bool = False) -> "Tagger":
        """A tagger over a compiled index file (``normalize lexicon compile``); nothing is built.

        Raises :class:`~normalize.index.IndexFileError` for a file that is not a
        usable index.
        """
        from normalize.index import load_index

        return load_index(path).tagger(fuzzy=fuzzy)

    @classmethod
    def _from_compiled(cls, compiled: Any, *, fuzzy: bool = False) -> "Tagger":
        tagger = cls.__new__(cls)
        tagger._setup(compiled, fuzzy, None, None)
        return tagger

    def _setup(self, compiled: Any, fuzzy: bool, source: Any, matcher: Any) -> None:
        self.fuzzy = fuzzy
        self._compiled = compiled
        self._source = source
        self._matcher = matcher
        #: the compiled index file this tagger reads (None: built in memory)
        self.cache_path: Path | None = compiled.path
        table = compiled.tagger_table()
        self._t = table
        self._memo: dict[Any, tuple[Resolution, int]] = {}
        self._solo_res: list[Resolution | None] = [None] * len(table)
        ents = compiled.entities
        types = [ents.type_of(e) for e in range(len(ents))]
        self._is_person = bytes(t == "person" for t in types)
        self._is_place = bytes(t == "place" for t in types)
        rows = table.entities
        self._sizes = [_size(rows[e]) if t == "place" else 0.0 for e, t in enumerate(types)]
        priors = ents.prior
        self._standing = [_standing(priors[e]) for e in range(len(types))]
        self._label_keys: dict[tuple[int, int], bool] = {}
        from normalize.matcher import _ranking

        self._window = _ranking()["tagger_window"]
        self._by_size: dict[tuple[int, int], tuple[list[tuple[int, float, int]], tuple[str, ...], bool, bool]] = {}
        self._cand_cache: dict[tuple[int, int], list[tuple[int, float, int]]] = {}
        self._flags = bytes(table.flags)
        self._weak = bytearray(len(table))  # per key: 0 not yet known, _WEAK or _STRONG (see _weakness)
        self._weak_size: dict[int, float] = {}
        self._cat_words: dict[str, tuple[str, str]] | None = None
        #: when a list, every weak mention weighed is logged here as (start, end, key, features)
        #: (benchmarks/fit_mention_evidence.py)
        self._evidence_log: list[Any] | None = None
        self._automaton = self._compile(table)

    @staticmethod
    def _compile(table: _Table) -> Any:
        """One automaton over every key, each wrapped in spaces (so hits fall on word boundaries).

        ahocorasick_rs, chosen by measurement (benchmarks/tag_speed.py): it builds
        the automaton of 240,000 keys in half the time pyahocorasick takes and
        returns all overlapping matches of a chunk in one call.
        """
        import ahocorasick_rs

        if not len(table):
            return None
        return ahocorasick_rs.AhoCorasick([f" {key} " for key in table.keys], matchkind=ahocorasick_rs.MatchKind.Standard)

    def worker_spec(self) -> tuple[Any, ...]:
        """What another process needs to open an equal tagger cheaply (:meth:`from_worker_spec`)."""
        spec = self._compiled.spec()
        if spec is not None:
            return ("index", spec, self.fuzzy)
        return ("object", self.lexicon, self.fuzzy)

    @classmethod
    def from_worker_spec(cls, spec: tuple[Any, ...]) -> "Tagger":
        if spec[0] == "index":
            from normalize.index.layers import reopen

            return reopen(spec[1]).tagger(fuzzy=spec[2])  # type: ignore[no-any-return]
        return cls(spec[1], fuzzy=spec[2], cache=False)

    @property
    def lexicon(self) -> Any:
        """The lexicon (loaded on first use: tagging never needs it)."""
        if self._source is not None:
            return self._source.merged()
        return self._compiled.lexicon()

    @property
    def matcher(self) -> Any:
        """The matcher over the same index (for the fuzzy pass); nothing is built."""
        if self._matcher is None:
            self._matcher = self._compiled.shared_matcher()
        return self._matcher

    # -- public API ------------------------------------------------------------------

    def tag(self, text: str, *, all: bool = False) -> Mentions:  # noqa: A002 - the CLI's --all
        """Every mention in ``text``, in order, without overlaps (a list; see :class:`Mentions`).

        ``all=True``: also every mention the tagger turned down, with the reason in
        its ``rejected`` field (a common word at a sentence start, a surname
        beside "statue", a word in capitals that is no acronym, a word inside a
        longer name...; see :mod:`normalize.evidence`); these may overlap the others.
        """
        if not all:
            return Mentions(text, self.resolve(text, self.scan_text(text)))
        rejected: list[Any] = []
        kept = self.resolve(text, self.scan_text(text, rejected=rejected))
        for *raw, why in rejected:
            m = self.resolve(text, [tuple(raw)])[0]  # type: ignore[list-item]
            kept.append(m._replace(rejected=why))
        kept.sort(key=lambda m: (m.start, m.end, m.rejected))
        return Mentions(text, kept)

    def scan_text(self, text: str, *, rejected: list[Any] | None = None) -> list[Raw]:
        """The exact pass over a whole text, chunk by chunk (see :func:`chunk_bounds`)."""
        if not isinstance(text, str):
            raise TypeError(f"the text to tag must be a string, not {type(text).__name__}")
        raws: list[Raw] = []
        for base, end in chunk_bounds(text):
            raws.extend(self.scan(text[base:end] if (base, end) != (0, len(text)) else text, base, rejected=rejected))
        return raws

    def tag_many(self, texts: Iterable[str], *, all: bool = False) -> Iterator[list[Mention]]:  # noqa: A002
        """:meth:`tag` for each text, lazily, one document in memory at a time."""
        for text in texts:
            yield self.tag(text, all=all)

    # -- exact pass --------------------------------------------------------------------

    def scan(self, chunk: str, base: int = 0, *, rejected: list[Any] | None = None, refine: bool = True) -> list[Raw]:
        """The exact pass over one chunk: raw mentions, offsets shifted by ``base``.

        ``rejected``: a list that receives ``(start, end, key, flags, person, reason)``
        for each hit the text's evidence turned down (see :mod:`normalize.evidence`).
        ``refine=False``: the plain exact pass, without the text's evidence, category
        words, organizations with their country or quotation marks (for tests).
        """
        if not self._t.keys or not chunk:
            return []
        view, omap = build_view(chunk)
        flags = self._flags
        prs, pss, pse = omap.rs, omap.ss, omap.se
        identity = len(prs) == 1 and pss[0] == 0 and pse[0] < 0
        bisect_right = bisect.bisect_right
        hits: list[tuple[int, int, int, int, int]] = []
        append = hits.append
        for kid, rs, end in self._automaton.find_matches_as_indexes(f" {view} ", overlapping=True):
            # a match of " key " at [rs, end) of " view ": the key is view[rs:end - 2]
            end -= 1
            f = flags[kid]
            if identity:
                s = rs
            else:
                i = bisect_right(prs, rs) - 1
                s = pss[i] + rs - prs[i] if pse[i] < 0 else pss[i]
            if chunk[s].islower():
                if f & _FULL_ANY:
                    mask = _FULL_ANY
                elif f & _FULL_CAP and _later_capital(chunk, view, omap.start, rs, end - 1):
                    mask = _FULL_CAP  # "легиона «Свобода России»": a capital inside a multi-word name
                else:
                    continue
            else:
                mask = f & (_FULL_CAP | _FULL_ANY | _SHORT)
                if f & _ACRO and chunk[s:omap.end(end - 2)].isupper():
                    mask |= _ACRO
                if not mask:
                    continue
            append((rs, 1 - end, kid, mask, s))  # 1 - end == -(view end): longest first
        if not hits and not refine:
            return []
        hits.sort()
        out: list[Raw] = []
        sel: list[tuple[int, int]] = []  # view ranges of the selected mentions
        last_r = -1
        last_src = 0
        weak = self._weak
        lang: Any = _UNSET  # the chunk's language, found when first needed
        named: dict[str, Any] = {}  # the places the kept mentions name so far (see _named_before)
        for rs, neg_end, kid, mask, s in hits:
            if rs < last_r or s < last_src:
                continue
            re_ = -neg_end
            if identity:
                e = re_
            else:  # the end of the source span of view character re_ - 1 (OffsetMap.end)
                i = bisect_right(prs, re_ - 1) - 1
                e = pss[i] + re_ - prs[i] if pse[i] < 0 else pse[i]
            if not refine:
                pass
            elif not mask & _ACRO and 1 < e - s <= 5 and chunk[s:e].isupper() and not mask & _SHORT \
                    and (weak[kid] or self._weakness(kid)) == _WEAK and not _in_capitals(chunk, s, e):
                # a short word in capitals reads as an acronym ("OSZE"), not as a small place
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "written in capitals, not as an acronym"))
                continue
            elif mask == _FULL_ANY and chunk[s].islower() and _OPENING_QUOTES.intersection(chunk[s:e]) \
                    and _unclosed_quote(chunk[s:e]):
                # "спецназа «Ахмат»", a lexicon name in lower case: the generic noun before the
                # quoted name is not part of the mention (the quoted name is one of its keys too)
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "a lower-case word before a quoted name"))
                continue
            elif not mask & (_ACRO | _SHORT) and (weak[kid] or self._weakness(kid)) == _WEAK:
                if lang is _UNSET:
                    lang = evidence.document_language(chunk)
                why, kid = self._doubt(chunk, s, e, kid, lang, out, named)
                if why is not None:
                    if rejected is not None:
                        rejected.append((s + base, e + base, kid, mask, -1, why))
                    continue
            person = -1
            if refine and out and out[-1][4] == -1 and chunk[s - 1 : s] == " " and out[-1][1] == s - 1 + base:
                org = self._org_of_country(out[-1], kid)
                if org >= 0:  # "МИД России", "MSZ Rosji": the organization of the country named after it
                    prev = out.pop()
                    sel.pop()
                    out.append((prev[0], e + base, prev[2], prev[3] | _VIA_ORG, -2 - org))
                    sel.append((rs, re_))
                    last_r, last_src = re_, e
                    continue
            if mask & _SHORT:
                prev = sel[-1] if sel else None
                s2, person, replaces = self._given_name(chunk, view, omap, rs, kid, prev, last_src, refine)
                if person >= 0:
                    s = s2
                    if replaces:
                        out.pop()
                        sel.pop()
            out.append((s + base, e + base, kid, mask, person))
            sel.append((rs, re_))
            last_r, last_src = re_, e
        sites = self._category_sites(view) if refine else None
        if sites:
            out = self._shared_categories(chunk, base, omap, sites, out, rejected)
        return out

    # -- evidence from the text (see normalize.evidence) ---------------------------------

    def _category_sites(self, view: str) -> list[tuple[int, int, str, str]]:
        """``(view start, view end, class, base word)`` of each category word of the view
        ("regions", "областями", "obwodzie", "région"), found by their stems."""
        sites: list[tuple[int, int, str, str]] = []
        words = self._category_words()
        for stem in _CATEGORY_STEMS:
            p = view.find(stem)
            while p >= 0:
                a = view.rfind(" ", 0, p) + 1
                b = view.find(" ", p)
                if b < 0:
                    b = len(view)
                got = words.get(view[a:b])
                if got is not None and (a, b, *got) not in sites:
                    sites.append((a, b, *got))
                p = view.find(stem, b)
        sites.sort()
        return sites

    def _category_words(self) -> dict[str, tuple[str, str]]:
        """Folded category word -> (class, base word): the matcher's categories and their plural forms."""
        got = self._cat_words
        if got is None:
            got = {}
            for w, cls in self.matcher._categories.items():
                got[w] = (cls, w)
            got.update(evidence.data()["category_words"])
            self._cat_words = got
        return got

    def _shared_categories(self, chunk: str, base: int, omap: OffsetMap, sites: list[tuple[int, int, str, str]],
                           out: list[Raw], rejected: list[Any] | None) -> list[Raw]:
        """Names that a category word applies to, each resolved as a region of that class.

        "Sumy, Chernihiv and Poltava regions", "Брянською, Курською та Бєлгородською
        областями": coordinated names before a plural category word; "obwodzie
        kurskim", "région de Saratov", "Gebiete Kursk und Belgorod": names after
        one. Each name is looked up as the category's core (the matcher's
        ``_core`` table: "Kursk" + region = Kursk Oblast); the first name after
        the category word, or the last before a plural one, takes the category
        word into its span. Only names that all resolve are taken.
        """
        found: list[tuple[int, int, int, int]] = []  # (start, end, entity, flag)
        for a, b, cls, word in sites:
            cs, ce = omap.start(a), omap.end(b - 1)
            plural = word != fold(chunk[cs:ce])
            names = []
            for x, y in self._names_after(chunk, ce):
                e = self._region(chunk[x:y], cls, word)
                if e is None:
                    break
                names.append((x, y, e))
            if names:
                for k, (x, y, e) in enumerate(names):
                    found.append((cs if k == 0 else x, y, e, _VIA_CATEGORY))
                continue
            if not plural:
                continue
            for x, y in reversed(self._names_before(chunk, cs)):
                e = self._region(chunk[x:y], cls, word)
                if e is None:
                    break
                names.append((x, y, e))
            for k, (x, y, e) in enumerate(names):
                found.append((x, ce if k == 0 else y, e, _VIA_SHARED))
        if not found:
            return out
        found.sort()
        kept = [r for r in out if not any(r[0] - base < y and x < r[1] - base for x, y, _, _ in found)]
        if rejected is not None:
            rejected.extend((r[0], r[1], r[2], r[3], r[4], "part of a region named with a category word")
                            for r in out if r not in kept)
        merged = kept + [(x + base, y + base, -1, flag, -2 - e) for x, y, e, flag in found]
        merged.sort()
        return merged

    def _names_after(self, chunk: str, end: int) -> list[tuple[int, int]]:
        """Spans of the words that may be coordinated names right after a category word
        ("de Saratov", "kurskim i briańskim", "Kursk und Belgorod")."""
        out: list[tuple[int, int]] = []
        pos = end
        coord = evidence.data()["coordinators"]
        state = "start"  # start: right after the category word; name: after a name; link: after "and"
        for _ in range(10):
            m = _NEXT_WORD_RE.match(chunk, pos)
            if m is None:
                break
            sep = m.group(1).strip(" \xa0")
            w = fold(m.group(2))
            pos = m.end()
            if state == "name":
                if sep not in ("", ","):
                    break
                if w in coord:
                    state = "link"
                    continue
                if sep != ",":
                    break
            elif sep:
                break
            elif w in _CATEGORY_LINKS:
                continue
            elif m.group(2)[:1].islower():
                after = _NEXT_WORD_RE.match(chunk, pos)
                if after is not None and not after.group(1).strip() and fold(after.group(2)) in _CATEGORY_LINKS:
                    continue  # an adjective between: "région russe de Voronej"
            out.append((m.start(2), m.end(2)))
            state = "name"
        return out

    def _names_before(self, chunk: str, start: int) -> list[tuple[int, int]]:
        """Spans of the coordinated capitalized names right before a category word, in text order."""
        out: list[tuple[int, int]] = []
        coord = evidence.data()["coordinators"]
        pos = start
        need_name = True
        for _ in range(12):
            m = _PREV_WORD_RE.search(chunk, max(0, pos - 80), pos)
            if m is None:
                break
            word, sep = m.group(1), m.group(2).strip(" \xa0")
            pos = m.start(1)
            if need_name or sep == ",":
                if not word[:1].isupper() or (sep and (need_name and not out or sep != ",")):
                    break
                out.append((m.start(1), m.end(1)))
                need_name = False
                continue
            if sep or fold(word) not in coord:
                break
            need_name = True
        out.reverse()
        return out

    def _region(self, word: str, cls: str, category: str) -> int | None:
        """The region of class ``cls`` whose core is ``word`` (Kursk, Курською, kurskim), if exactly one."""
        from normalize.matcher import _canonical_latin

        m = self.matcher
        latin = fold(_canonical_latin(word)) if _has_cyrillic(word) else fold(word)
        forms = [_nominative_adjective(latin)]
        if latin.startswith("ch") and not _has_cyrillic(word):
            forms.append("kh" + forms[0][2:])  # Polish ch = Cyrillic х (Charków)
        for form in forms:
            split = m._split_category(f"{form} {category}")
            if split is None or split[0] != cls:
                continue
            hits = [h for h in m._core.get(split, ()) if self._is_place[h.entity]]
            if not hits:
                continue
            best = max(h.quality for h in hits)
            ents = {h.entity for h in hits if h.quality >= best}
            if len(ents) == 1:
                return ents.pop()
        return None

    def _weakness(self, kid: int) -> int:
        """_WEAK for a key whose candidates are all places, none of them big; else _STRONG."""
        t = self._t
        got = _STRONG
        if self._flags[kid] & (_FULL_CAP | _FULL_ANY):
            e = t.solo[kid]
            ents = [e] if e >= 0 else [h[0] for h in t.hits(kid)[0]]
            if ents and all(self._is_place[x] for x in ents):
                size = max(self._sizes[x] for x in ents)
                if size < evidence.data()["big_place"]:
                    got = _WEAK
                    self._weak_size[kid] = size
        self._weak[kid] = got
        return got

    def _doubt(self, chunk: str, s: int, e: int, kid: int, lang: str | None,
               earlier: list[Raw] = [], named: dict[str, Any] | None = None) -> tuple[str | None, int]:  # noqa: B006
        """What the text says about a weak one-word place mention: ``(reason to reject or None, key)``.

        Before a direction word ("на Покровському напрямку"), an adjective names
        the town of its stem, whose key replaces the mention's; with no such town
        it is rejected. Otherwise the evidence model decides
        (:func:`normalize.evidence.decide`).
        """
        if any(c.isspace() for c in chunk[s:e]) and any(w[:1].isupper() for w in chunk[s:e].split()[1:]):
            return None, kid  # a name of several words, capitalized after its first: "Chasiv Yar"
        nxt = evidence.next_word(chunk, e)
        if nxt is not None and not nxt[1].strip(" \xa0") and fold(nxt[0]) in evidence.data()["direction_words_any"]:
            town = self._town_of_adjective(chunk[s:e])
            if town is None:
                return "an adjective before a direction word, of no town in the lexicon", kid
            return None, town
        f = evidence.features(chunk, s, e, lang, self._weak_size.get(kid, 0.0),
                              self._named_before(kid, earlier, {} if named is None else named))
        if self._evidence_log is not None:
            self._evidence_log.append((s, e, kid, f))
        keep, p = evidence.decide(f)
        if keep:
            return None, kid
        return "evidence: " + evidence.reason(f, p), kid

    def _org_of_country(self, prev: Raw, kid: int) -> int:
        """The one organization among ``prev``'s candidates whose country the key ``kid`` names (-1: none)."""
        ents = self._t.entities
        countries = {ents[e][4] for e in self._entities_of(kid) if self._is_place[e] and ents[e][7] == "country"}
        if len(countries) != 1:
            return -1
        country = countries.pop()
        orgs = {c[0] for c in self._candidates(prev[2], prev[3])
                if ents[c[0]][2] == "org" and ents[c[0]][4] == country}
        return orgs.pop() if len(orgs) == 1 else -1

    def _entities_of(self, kid: int) -> list[int]:
        """The full-name candidates of a key."""
        e = self._t.solo[kid]
        return [e] if e >= 0 else [h[0] for h in self._t.hits(kid)[0]]

    def _named_before(self, kid: int, earlier: list[Raw], named: dict[str, Any]) -> bool:
        """Is one of the key's places a candidate of a mention kept before it?

        ``named`` carries, from one call to the next within a scan, the entities the
        mentions of ``earlier`` name, so each kept mention is looked at once (the
        list only grows, but for the last mention or two replaced by a longer one:
        then the set is made again).
        """
        n = named.get("n", 0)
        if n > len(earlier) or (n and earlier[n - 1] is not named.get("last")):
            n = 0  # a kept mention was replaced: start again
            named["ids"] = set()
        ids: set[int] = named.setdefault("ids", set())
        for r in earlier[n:]:
            if r[4] == -1 and not r[3] & _ACRO:
                ids.update(self._entities_of(r[2]))
            elif r[4] < -1:
                ids.add(-2 - r[4])
        named["n"] = len(earlier)
        named["last"] = earlier[-1] if earlier else None
        return not ids.isdisjoint(self._entities_of(kid))

    def _key_numbers(self) -> dict[str, int]:
        """Key -> its number (made on first need: a layered table's keys are not sorted)."""
        got = getattr(self, "_key_number", None)
        if got is None:
            got = self._key_number = {k: i for i, k in enumerate(self._t.keys)}
        return got

    def _town_of_adjective(self, word: str) -> int | None:
        """The key of the place an adjective is formed from (Покровському -> покровськ), if a place key.

        A word that is no adjective is its own place (Kupiansk direction).
        """
        w = fold(word)
        t = self._t
        number = self._key_numbers()
        for stem in evidence.adjective_stems(w):
            i = number.get(stem, -1)
            if i >= 0 and self._flags[i] & (_FULL_CAP | _FULL_ANY):
                e = t.solo[i]
                ents = [e] if e >= 0 else [h[0] for h in t.hits(i)[0]]
                if ents and all(self._is_place[x] for x in ents):
                    return i
        return None

    def _given_name(self, chunk: str, view: str, omap: OffsetMap, rs: int, kid: int,
                    prev: tuple[int, int] | None, floor: int, refine: bool = True) -> tuple[int, int, bool]:
        """A given name or initial of one of the surname's persons just before it.

        Returns ``(start, person, replaces)``: the mention's new start, the person
        (-1: none) and whether it swallows the previous mention (a given name that
        is also a place name: "Владимир Зеленский", "Кирилл Буданов").
        """
        none = (0, -1, False)
        if rs < 2:
            return none
        j = rs - 1
        gap = 1
        if view[j - 1] == " ":
            j -= 1
            gap = 2
        ts = view.rfind(" ", 0, j) + 1
        token = view[ts:j]
        if not token:
            return none
        replaces = False
        a, b = omap.start(ts), omap.end(j - 1)
        if prev is not None and prev[1] > ts:
            if prev != (ts, j):
                return none
            replaces = True
        elif a < floor:
            return none
        if chunk[a].islower():
            return none
        persons = self._t.short(kid)
        if len(token) == 1:
            if not _INITIAL_GAP.fullmatch(chunk, b, omap.start(rs)):
                return none
            found = [p for p in persons if token in self._t.initials.get(p, "")]
        else:
            if gap != 1:
                return none
            sk = skeleton(token)
            found = [p for p in persons if sk in self._t.given.get(p)]
            if not found and refine:
                # another spelling of the same given name (Alexandre for Aleksandr; given_names.json)
                groups = _latin_given_groups()
                gid = groups.get(sk)
                if gid is not None:
                    found = [p for p in persons if any(groups.get(g) == gid for g in self._t.given.get(p))]
        if len(found) == 1:
            return a, found[0], replaces
        return none

    # -- resolution --------------------------------------------------------------------

    def resolve(self, text: str, raws: Sequence[Raw]) -> list[Mention]:
        """Document-level resolution of the exact pass's raw mentions (see module docstring)."""
        return [
            Mention(a, b, text[a:b], r.id, r.label, r.type, r.score, r.candidates, r.via, r.same_as)
            for a, b, r in self.resolve_spans(text, raws)
        ]

    def resolve_spans(self, text: str, raws: Sequence[Raw]) -> list[tuple[int, int, Resolution]]:
        """Like :meth:`resolve`, as ``(start, end, resolution)``; mentions that resolve alike share one."""
        return self.resolve_with_context(text, raws, self.context_places(raws))

    def context_places(self, raws: Iterable[Raw]) -> set[int]:
        """The places named unambiguously by these raw mentions (entity indexes)."""
        t = self._t
        ctx_ids: set[int] = set()
        solo = t.solo
        is_place = self._is_place
        for r in raws:
            if r[4] < -1 and is_place[-2 - r[4]]:
                ctx_ids.add(-2 - r[4])  # a region named with its category word
        for kid, mask in {(r[2], r[3]) for r in raws if r[4] == -1}:
            if not mask & (_FULL_CAP | _FULL_ANY | _ACRO):
                continue
            if not mask & (_ACRO | _SHORT) and solo[kid] >= 0:
                if is_place[solo[kid]]:
                    ctx_ids.add(solo[kid])
                continue
            cands = self._candidates(kid, mask)
            if len(cands) == 1 and is_place[cands[0][0]]:
                ctx_ids.add(cands[0][0])
        return ctx_ids

    def solo_resolution(self, kid: int, mask: int, person: int) -> Resolution | None:
        """The resolution of a raw mention when it depends on nothing else in the document.

        That is a full name of exactly one entity that is not a person (people
        take part in coreference, so their mentions are resolved in order); None
        otherwise. Used to resolve most mentions in worker processes.
        """
        if person != -1 or mask & (_ACRO | _SHORT):
            return None
        e = self._t.solo[kid]
        if e < 0 or self._is_person[e]:
            return None
        res = self._solo_res[kid]
        if res is None:
            res = self._solo_res[kid] = self._solo_resolution(kid, e)
        return res

    def resolve_alone(self, raws: Sequence[Raw]) -> tuple[list[Resolution | None], set[int]]:
        """:meth:`solo_resolution` of each raw mention, and the places those name.

        The places are the part of :meth:`context_places` that these mentions
        give; a worker that resolves a chunk's mentions alone hands them on
        for the document's other mentions (:mod:`normalize.tag_runner`).
        """
        solo = self._t.solo
        is_place = self._is_place
        solo_resolution = self.solo_resolution
        out: list[Resolution | None] = []
        places: set[int] = set()
        for _, _, kid, mask, person in raws:
            e = solo[kid]
            res = solo_resolution(kid, mask, person) if e >= 0 else None
            out.append(res)
            if res is not None and is_place[e]:
                places.add(e)
        return out, places

    def _solo_resolution(self, kid: int, e: int) -> Resolution:
        t = self._t
        score = t.solo_score[kid]
        return self._resolution(e, score, [(e, score)], ("exact", t.strings[t.solo_via[kid]]))

    def resolve_with_context(self, text: str, raws: Sequence[Raw], ctx_ids: set[int]) -> list[tuple[int, int, Resolution]]:
        """:meth:`resolve_spans` given the document's unambiguous places (:meth:`context_places`)."""
        t = self._t
        ents = t.entities
        solo = t.solo
        ctx_up: set[int] = set()
        ctx_admin: set[tuple[str, str]] = set()
        ctx_country: set[str] = set()
        for e in ctx_ids:
            ctx_up.update(t.ancestors(e))
            if ents[e][5] and ents[e][4]:
                ctx_admin.add((ents[e][4], ents[e][5]))
            if ents[e][4]:
                ctx_country.add(ents[e][4])
        context = (ctx_ids, ctx_up, ctx_admin, ctx_country)
        seen: dict[int, int] = {}  # person -> start of their last mention
        doc_memo: dict[Any, tuple[Resolution, int]] = {}  # choices that depend on the document
        memo = self._memo  # choices that do not
        if len(memo) > 500_000:
            memo.clear()
        out: list[tuple[int, int, Resolution]] = []
        append = out.append
        solo_res = self._solo_res
        is_person = self._is_person
        for start, end, kid, mask, person in raws:
            if person < -1:
                append((start, end, self._direct(-2 - person, mask)))
                continue
            if person < 0 and not mask & 12:  # _ACRO | _SHORT
                e = solo[kid]
                if e >= 0:
                    res = solo_res[kid]
                    if res is None:
                        res = solo_res[kid] = self._solo_resolution(kid, e)
                    if is_person[e]:
                        seen[e] = start
                    append((start, end, res))
                    continue
            if person < 0 and not mask & _SHORT:
                got = memo.get((kid, mask)) or doc_memo.get((kid, mask))
                if got is None:
                    got, fixed = self._resolve_full(kid, mask, context)
                    (memo if fixed else doc_memo)[(kid, mask)] = got
                res, e = got
                if e >= 0 and ents[e][2] == "person":
                    seen[e] = start
                append((start, end, res))
            else:
                append((start, end, self._resolve_person(start, kid, mask, person, seen, memo, doc_memo, context)))
        if self.fuzzy:
            out = self._fuzzy_pass(text, out)
        return out

    def _direct(self, e: int, mask: int) -> Resolution:
        """The resolution of a raw mention that names its entity directly (see :meth:`scan`)."""
        key = ("direct", e, mask)
        got = self._memo.get(key)
        if got is None:
            if mask & _VIA_SHARED:
                score, via = 95.0, ("category word", "shared by coordinated names")
            elif mask & _VIA_ORG:
                score, via = 96.0, ("organization", "country named after it")
            else:
                score, via = 96.0, ("category word", "name after it")
            got = self._memo[key] = (self._resolution(e, score, [(e, score)], via), e)
        return got[0]

    def _candidates(self, kid: int, mask: int) -> list[tuple[int, float, int]]:
        """(entity, score, via) of the full and acronym hits valid for this mention, best first."""
        key = (kid, mask)
        got = self._cand_cache.get(key)
        if got is not None:
            return got
        t = self._t
        full, acro, _ = t.hits(kid)
        use_full = mask & (_FULL_CAP | _FULL_ANY)
        if use_full and not (mask & _ACRO and acro):
            got = full
        elif not use_full:
            got = acro if mask & _ACRO else []
        else:
            merged: dict[int, tuple[int, float, int]] = {h[0]: h for h in full}
            for h in acro:
                if h[0] not in merged or merged[h[0]][1] < h[1]:
                    merged[h[0]] = h
            ents = t.entities
            got = sorted(merged.values(), key=lambda c: (-c[1], -(ents[c[0]][6] or 0), c[0]))
        if len(self._cand_cache) > 500_000:
            self._cand_cache.clear()
        self._cand_cache[key] = got
        return got

    def _resolution(self, chosen: int | None, score: float, cands: Sequence[tuple[int, float]],
                    via: tuple[str, ...]) -> Resolution:
        ents = self._t.entities
        if chosen is None:
            types = {ents[e][2] for e, _ in cands}
            etype = types.pop() if len(types) == 1 else None
            return Resolution(None, None, etype, round(score, 1), cands, via, ents)
        e = ents[chosen]
        return Resolution(e[0], e[1], e[2], round(score, 1), cands, via, ents, self._compiled.entities.same_as_of(chosen))

    def _resolve_full(self, kid: int, mask: int, context: Any, extra: Sequence[int] = ()) -> tuple[tuple[Resolution, int], bool]:
        """A full name or acronym: the best candidate (homonyms by context); ``extra``: surname persons.

        Returns ``((resolution, entity or -1), fixed)``; ``fixed`` when the choice
        does not depend on the document (no homonyms to weigh).
        """
        ranked, via, ambiguous, fixed = self._choose(kid, mask, context)
        e, score = ranked[0][0], ranked[0][1]
        cands = [(c[0], c[1]) for c in ranked]
        if extra:
            cands += [(q, 70.0) for q in extra if all(q != c[0] for c in cands)]
        if ambiguous:
            return (self._resolution(None, score, cands, via), -1), fixed
        return (self._resolution(e, score, cands, via), e), fixed

    def _resolve_person(self, start: int, kid: int, mask: int, person: int, seen: dict[int, int],
                        memo: dict[Any, tuple[Resolution, int]], doc_memo: dict[Any, tuple[Resolution, int]],
                        context: Any) -> Resolution:
        """A surname, alone or after a given name (coreference within the document)."""
        shorts = self._t.short(kid) if mask & _SHORT else []
        if person >= 0:
            key: Any = ("given", person)
            if key not in memo:
                memo[key] = (self._resolution(person, 95.0, [(person, 95.0)], ("given name", "surname")), person)
            seen[person] = start
            return memo[key][0]
        ante = [p for p in shorts if p in seen]
        if ante:
            p = max(ante, key=lambda q: seen[q])
            seen[p] = start
            key = ("coref", kid, p)
            if key not in memo:
                cands = [(p, 90.0)] + [(q, 70.0) for q in shorts if q != p]
                memo[key] = (self._resolution(p, 90.0, cands, ("surname", "coreference")), p)
            return memo[key][0]
        if mask & (_FULL_CAP | _FULL_ANY | _ACRO):
            key = ("full", kid, mask)
            got = memo.get(key) or doc_memo.get(key)
            if got is None:
                got, fixed = self._resolve_full(kid, mask, context, shorts)
                (memo if fixed else doc_memo)[key] = got
            res, e = got
            if e >= 0 and self._t.entities[e][2] == "person":
                seen[e] = start
            return res
        from normalize.matcher import _ranking

        conf = _ranking()
        alone = conf["surname_score"]
        if len(shorts) == 1:
            p = shorts[0]
            seen[p] = start
            key = ("surname", p)
            if key not in memo:
                memo[key] = (self._resolution(p, alone, [(p, alone)], ("surname",)), p)
            return memo[key][0]
        # several persons of that surname: the one the priors clearly prefer (the foreign
        # minister over a deputy prime minister, as Matcher.best), else none
        key = ("ambiguous", kid)
        if key not in memo:
            ranked = sorted(shorts, key=lambda q: (-self._standing[q], q))
            lead = (self._standing[ranked[0]] - self._standing[ranked[1]]) / _PRIOR_SPAN * conf["prior_weight"]
            if lead >= conf["clear_lead"]:
                p = ranked[0]
                memo[key] = (self._resolution(p, alone, [(q, alone) for q in ranked], ("surname", "prior")), p)
            else:
                memo[key] = (self._resolution(None, 70.0, [(q, 70.0) for q in ranked], ("surname", "ambiguous")), -1)
        res, p = memo[key]
        if p >= 0:
            seen[p] = start
        return res

    def _choose(self, kid: int, mask: int, context: Any) -> tuple[list[tuple[int, float, int]], tuple[str, ...], bool, bool]:
        """Rank a key's candidates: homonym places by document context, then population.

        Returns ``(ranked, via, ambiguous, fixed)``; people or organisations that
        share a name equally well are ambiguous (no population or region to tell
        them apart); ``fixed`` when the document played no part.
        """
        cands = self._candidates(kid, mask)
        strings = self._t.strings
        # homonyms: the candidates within ``tagger_window`` points of the best (a case form of a
        # big place, 97, against the nominative of a village, 99: "we Lwowie" is Lviv)
        top = cands[0][1] - self._window
        tied = [c for c in cands if c[1] >= top]
        if len(tied) == 1:
            return cands, ("exact", strings[cands[0][2]]), False, True
        if not any(self._is_place[c[0]] for c in tied):
            # people or organisations that share a name: the one the priors clearly prefer,
            # else none (as Matcher.best)
            key = (kid, mask)
            static = self._by_size.get(key)
            if static is None:
                ranked, via, ambiguous, _ = self._rank(tied, cands, [0.0] * len(tied), kid)
                if ambiguous:
                    rest = cands[len(tied):]
                    static = ([(c[0], c[1] - 30.0, c[2]) for c in tied] + rest, ("exact", "ambiguous"), True, True)
                else:
                    static = (ranked, via, False, True)
                self._by_size[key] = static
            return static
        pts = [self._points(c[0], context) for c in tied]
        if not any(pts):  # nothing in the document speaks for any of them: by size alone
            key = (kid, mask)
            static = self._by_size.get(key)
            if static is None:
                static = self._by_size[key] = self._rank(tied, cands, [0.0] * len(tied), kid)
            return static
        return self._rank(tied, cands, pts, kid)

    def _rank(self, tied: list[tuple[int, float, int]], cands: list[tuple[int, float, int]],
              pts: list[float], kid: int) -> tuple[list[tuple[int, float, int]], tuple[str, ...], bool, bool]:
        """Order homonyms by context points, then standing (prior and label, see :func:`_standing`).

        Without a place among them and without a clear lead (the matcher's ``clear_lead``),
        the result is marked ambiguous (its third item).
        """
        from normalize.matcher import _ranking

        conf = _ranking()
        label = conf["label_bonus"] / conf["prior_weight"] * _PRIOR_SPAN
        sizes = [self._standing[c[0]] + (label if self._is_label_key(kid, c[0]) else 0.0) for c in tied]
        order = sorted(range(len(tied)), key=lambda i: (-(pts[i] + sizes[i]), tied[i][0]))
        best, second = order[0], order[1]
        if pts[best] > max(pts[i] for i in order[1:]):
            penalty, how = 3.0, "context"
        else:
            penalty, how = 10.0, "population" if self._is_place[tied[best][0]] else "prior"
        lead = (sizes[best] - sizes[second]) / _PRIOR_SPAN * conf["prior_weight"]
        ambiguous = how == "prior" and not any(self._is_place[c[0]] for c in tied) and lead < conf["clear_lead"]
        ranked = [(tied[i][0], tied[i][1] - penalty, tied[i][2]) for i in order] + cands[len(tied):]
        return ranked, ("exact", self._t.strings[tied[best][2]], how), ambiguous, False

    def _is_label_key(self, kid: int, e: int) -> bool:
        """Does key ``kid`` spell entity ``e``'s label (up to spelling)?"""
        got = self._label_keys.get((kid, e))
        if got is None:
            from normalize.matcher import _name_skeleton

            label = self._t.entities[e][1] if self._compiled.entities.haslabel[e] else None
            got = bool(label) and not self._is_person[e] and _name_skeleton(self._t.keys[kid]) == _name_skeleton(label)
            if len(self._label_keys) > 200_000:
                self._label_keys.clear()
            self._label_keys[(kid, e)] = got
        return got

    def _points(self, e: int, context: Any) -> float:
        """How well a place fits the document's other places (see :func:`_size`)."""
        if not self._is_place[e]:
            return 0.0
        ctx_ids, ctx_up, ctx_admin, ctx_country = context
        ent = self._t.entities[e]
        pts = 0.0
        if e in ctx_ids:
            pts += 8.0
        if e in ctx_up:
            pts += 4.0
        if ent[3] >= 0 and any(a in ctx_ids for a in self._t.ancestors(e)):
            pts += 4.0
        if ent[5] and (ent[4], ent[5]) in ctx_admin:
            pts += 1.0
        if ent[4] and ent[4] in ctx_country:
            pts += 0.5
        return pts

    # -- fuzzy pass --------------------------------------------------------------------

    def _fuzzy_pass(self, text: str, spans: list[tuple[int, int, Resolution]]) -> list[tuple[int, int, Resolution]]:
        """Capitalized spans the exact pass left untagged, through :meth:`Matcher.match`."""
        matcher = self.matcher
        taken = [(a, b) for a, b, _ in spans]
        added: list[tuple[int, int, Resolution]] = []
        for a, b in _capitalized_spans(text):
            i = bisect.bisect_left(taken, (a, a))
            if (i < len(taken) and taken[i][0] < b) or (i > 0 and taken[i - 1][1] > a):
                continue
            added.extend(self._fuzzy_span(text, a, b, matcher))
        if not added:
            return spans
        return sorted(spans + added, key=lambda m: m[0])

    def _fuzzy_span(self, text: str, a: int, b: int, matcher: Any) -> list[tuple[int, int, Resolution]]:
        words = [(m.start() + a, m.end() + a) for m in _WORD_RE.finditer(text[a:b])]
        out: list[tuple[int, int, Resolution]] = []
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 4), i, -1):
                s, e = words[i][0], words[j - 1][1]
                span = text[s:e]
                if j - i == 1 and (fold(span) in STOP_WORDS or len(span) < 4):
                    continue
                found = matcher.match(span, top=5)
                if found:
                    best = found[0]
                    cands = tuple(Candidate(m.id, m.label, m.type, m.score) for m in found)
                    out.append((s, e, Resolution(best.id, best.label, best.type, best.score, cands, ("fuzzy",) + tuple(best.via), None,
                                                 best.same_as)))
                    i = j
                    break
            else:
                i += 1
        return out


_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")
_CAP_SPAN_RE = re.compile(
    r"(?<![\w'’])[^\W\d_a-zа-яёіїєґ][\w'’\-]*(?:[ \t]+(?:(?:of|the|de|du|der|von|и|і)[ \t]+)?[^\W\d_a-zа-яёіїєґ][\w'’\-]*)*"
)


_INITIAL_GAP = re.compile(r"\.\s?")


_OPENING_QUOTES = frozenset("«„“\"‹")
_QUOTE_PAIRS = {"«": "»", "„": "“”", "“": "”", '"': '"', "‹": "›"}


def _unclosed_quote(span: str) -> bool:
    """Does ``span`` open a quotation mark that it does not close?"""
    for i, c in enumerate(span):
        close = _QUOTE_PAIRS.get(c)
        if close is not None and not any(x in span[i + 1 :] for x in close):
            return True
    return False


@lru_cache(maxsize=1)
def _latin_given_groups() -> dict[str, str]:
    """Skeleton of each Latin spelling of a given name (``given_names.json``) -> its group."""
    import json
    from importlib import resources

    raw = json.loads((resources.files("normalize.data") / "given_names.json").read_text(encoding="utf-8"))
    groups = raw["groups"] if isinstance(raw, dict) else raw
    out: dict[str, str] = {}
    for g in groups:
        for name in g.get("latin", []):
            out.setdefault(skeleton(fold(name)).replace(" ", ""), g["id"])
    return out


def _in_capitals(chunk: str, s: int, e: int) -> bool:
    """Is the text around ``chunk[s:e]`` written in capitals too (a headline), so capitals tell nothing?"""
    before = _PREV_WORD_RE.search(chunk, max(0, s - 40), s)
    after = _NEXT_WORD_RE.match(chunk, e, e + 40)
    return any(m is not None and len(w) > 1 and w.isupper()
               for m, w in ((before, before.group(1) if before else ""), (after, after.group(2) if after else "")))


def _later_capital(chunk: str, view: str, start_of: Any, rs: int, re_: int) -> bool:
    """Does a word after the first one of view[rs:re_] start with a capital in the text?"""
    p = view.find(" ", rs, re_)
    while p >= 0:
        if chunk[start_of(p + 1)].isupper():
            return True
        p = view.find(" ", p + 1, re_)
    return False


def _capitalized_spans(text: str) -> Iterator[tuple[int, int]]:
    for m in _CAP_SPAN_RE.finditer(text):
        yield m.span()


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut points of a long text: at a paragraph break, else a line break, else a space."""
    n = len(text)
    if n <= size:
        return [(0, n)]
    out: list[tuple[int, int]] = []
    a = 0
    while n - a > size:
        lo, hi = a + size // 2, a + size
        cut = text.rfind("\n\n", lo, hi)
        if cut >= 0:
            cut += 2
        else:
            cut = text.rfind("\n", lo, hi)
            if cut >= 0:
                cut += 1
            else:
                cut = text.rfind(" ", lo, hi)
                cut = cut + 1 if cut >= 0 else hi
        out.append((a, cut))
        a = cut
    out.append((a, n))
    return out
