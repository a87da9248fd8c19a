"""Transliteration engine: schemes are data, this module only interprets them.

A scheme is one JSON file in ``normalize/schemes/``; its file stem is its ID.
The file holds the letter table, the context rules, the metadata of the
standard and the standard's official examples (``samples``).  See
``normalize/schemes/README.md`` for the format.

Rule precedence at each position of a word (fixed, documented):

1. context rules (``rules``), longest ``match`` first, then file order; a rule
   applies when its ``after`` / ``before`` conditions hold;
2. the letter table (``letters``), longest key first;
3. a letter of the scheme's own script that the table lacks is romanized by
   ``unidecode`` (so no source-script letter ever survives);
4. anything else passes through unchanged.

Rules are stored in lowercase; output case is derived from the source:
a match whose letters are upper case yields an upper-case rendering when its
word is written in capitals (two or more cased letters, all upper), and a
capitalized rendering otherwise (``Щука`` -> ``Shchuka``, ``ЩУКА`` -> ``SHCHUKA``).

:meth:`Scheme._word` implements exactly this, one word at a time, and is the
reference.  :meth:`Scheme.translit` runs a compiled equivalent that is an
order of magnitude faster (see "fast path" below); tests hold the two equal
on random text for every scheme.

>>> translit("Щука", "ru_bgn_pcgn")
'Shchuka'
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate, compress, filterfalse, repeat
from operator import is_
from typing import Iterable, Mapping

__all__ = [
    "Deviation",
    "Scheme",
    "SchemeFileError",
    "SchemeInfo",
    "UnknownSchemeError",
    "get_scheme",
    "scheme_ids",
    "schemes",
    "translit",
    "SCRIPT_RANGES",
]

#: Unicode ranges of the source scripts our schemes handle.
SCRIPT_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "Cyrl": ((0x0400, 0x052F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)),
    "Grek": ((0x0370, 0x03FF), (0x1F00, 0x1FFF)),
    "Geor": ((0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F)),
}

#: Characters that write the Ukrainian/Belarusian apostrophe in the wild.
APOSTROPHES = "'\u2019\u02bc`\u2018\u00b4"
#: The canonical apostrophe a scheme's table uses as a key.
CANONICAL_APOSTROPHE = "\u02bc"
#: Typed stand-ins for the modifier letters prime ʹ (U+02B9) and double prime ʺ (U+02BA),
#: which a reversible scheme's reverse also reads as the sign (ISO 9 examples print " and ´).
SIGN_LOOKALIKES: dict[str, str] = {
    '"': "\u02ba",
    "\u2033": "\u02ba",
    "\u00b4": "\u02b9",
    "\u2032": "\u02b9",
}

_WORD_RE = re.compile(r"[^\W\d_]+(?:[" + re.escape(APOSTROPHES) + r"][^\W\d_]+)*")
_SPLIT_RE = re.compile("(" + _WORD_RE.pattern + ")")


def in_script(ch: str, script: str) -> bool:
    """True if ``ch`` is a letter of ``script`` (e.g. ``"Cyrl"``)."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in SCRIPT_RANGES[script]) and ch.isalpha()


class UnknownSchemeError(KeyError, ValueError):
    """Raised for a scheme ID that does not exist; the message lists close IDs."""

    def __init__(self, scheme_id: str, known: Iterable[str]):
        from normalize._suggest import close_matches

        known = sorted(known)
        close = close_matches(scheme_id, known, n=5, cutoff=0.5)
        if not close:
            close = [k for k in known if k.split("_")[0] == scheme_id.split("_")[0]][:5]
        msg = f"unknown scheme {scheme_id!r}"
        if close:
            msg += "; did you mean: " + ", ".join(close)
        msg += f" (see `normalize schemes` for all {len(known)})"
        self.scheme_id = scheme_id
        self.close = close
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


@dataclass(frozen=True)
class SchemeInfo:
    """Public metadata of a scheme (what ``normalize.schemes()`` returns)."""

    id: str
    lang: str
    script: str
    standard: str
    year: int | None
    reversible: bool
    kind: str
    name: str
    source: str


@dataclass(frozen=True)
class _Rule:
    match: str
    out: str
    after: frozenset[str] | None
    before: frozenset[str] | None
    title: str | None = None


@dataclass(frozen=True)
class Deviation:
    """An official example that contradicts its standard's table; the scheme follows the table.

    ``source`` names the examples (one of the scheme's ``sample_sources``),
    ``text`` is the example's source text, ``printed`` the romanization as the
    source prints it, ``table`` what the standard's table gives (and the scheme
    writes), ``why`` the reason the table wins.
    """

    source: str
    text: str
    printed: str
    table: str
    why: str


#: Keys a scheme file may have (``scripts/format_schemes.py`` writes them in this order).
SCHEME_KEYS: tuple[str, ...] = (
    "id", "name", "lang", "script", "standard", "year", "source", "kind", "reversible",
    "apostrophes", "description", "letters", "rules", "punctuation", "sample_sources",
    "samples", "deviations",
)
#: Keys of one entry of a scheme's ``deviations`` (all required).
DEVIATION_KEYS: tuple[str, ...] = ("source", "text", "printed", "table", "why")


class SchemeFileError(ValueError):
    """A scheme file that breaks the format; ``where`` locates the fault (``("deviations", 2, "why")``)."""

    def __init__(self, message: str, where: tuple[str | int, ...] = ()):
        super().__init__(message)
        self.where = where


def _deviations(data: Mapping[str, object]) -> tuple[Deviation, ...]:
    """The validated ``deviations`` of a scheme's data (empty when it has none)."""
    raw = data.get("deviations", [])
    if not isinstance(raw, list):
        raise SchemeFileError("'deviations' must be a list", ("deviations",))
    sources = data.get("sample_sources", []) or []
    found: list[Deviation] = []
    for n, entry in enumerate(raw):
        if not isinstance(entry, dict):
            raise SchemeFileError(f"deviations[{n}] must be an object", ("deviations", n))
        unknown = sorted(set(entry) - set(DEVIATION_KEYS))
        if unknown:
            raise SchemeFileError(
                f"deviations[{n}]: unknown key {unknown[0]!r} (allowed: {', '.join(DEVIATION_KEYS)})",
                ("deviations", n, unknown[0]),
            )
        for key in DEVIATION_KEYS:
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise SchemeFileError(f"deviations[{n}]: {key!r} must be a non-empty string", ("deviations", n))
        if entry["source"] not in sources:  # type: ignore[operator]
            raise SchemeFileError(
                f"deviations[{n}]: source {entry['source']!r} is not one of the scheme's sample_sources",
                ("deviations", n, "source"),
            )
        if entry["printed"] == entry["table"]:
            raise SchemeFileError(f"deviations[{n}]: 'printed' equals 'table': no deviation", ("deviations", n))
        found.append(
            Deviation(
                source=entry["source"],
                text=unicodedata.normalize("NFC", entry["text"]),
                printed=entry["printed"],
                table=entry["table"],
                why=entry["why"],
            )
        )
    return tuple(found)


@dataclass
class Scheme:
    """A compiled transliteration scheme.  Build it with :func:`get_scheme`."""

    info: SchemeInfo
    letters: dict[str, str]
    rules: list[_Rule]
    samples: list[tuple[str, str]]
    apostrophes: bool
    description: str = ""
    sample_sources: tuple[str, ...] = ()
    punctuation: dict[str, str] = field(default_factory=dict)
    #: official examples the scheme does not reproduce because it follows the standard's table
    deviations: tuple[Deviation, ...] = ()
    _rules_by_first: dict[str, list[_Rule]] = field(default_factory=dict, repr=False)
    _max_letter: int = 1
    _fast: "_FastPath | None" = field(default=None, repr=False, compare=False)
    _reverse: dict[str, str] | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.info.id

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> "Scheme":
        """Compile a scheme from the data of its file; a fault raises :class:`SchemeFileError`."""
        unknown = sorted(set(data) - set(SCHEME_KEYS))
        if unknown:
            raise SchemeFileError(f"unknown key {unknown[0]!r}", (unknown[0],))
        missing = [k for k in ("id", "lang", "letters") if k not in data]
        if missing:
            raise SchemeFileError(f"missing key {missing[0]!r}")

        def cond(value: object) -> frozenset[str] | None:
            if value is None:
                return None
            if not isinstance(value, str):
                raise ValueError(f"scheme {data.get('id')}: context must be a string")
            return frozenset(value)

        letters = {unicodedata.normalize("NFC", k): v for k, v in dict(data["letters"]).items()}  # type: ignore[arg-type]
        rules = []
        for raw in data.get("rules", []) or []:  # type: ignore[union-attr]
            rules.append(
                _Rule(
                    match=unicodedata.normalize("NFC", raw["match"]),
                    out=raw["out"],
                    after=cond(raw.get("after")),
                    before=cond(raw.get("before")),
                    title=raw.get("title"),
                )
            )
        year = data.get("year")
        info = SchemeInfo(
            id=str(data["id"]),
            lang=str(data["lang"]),
            script=str(data.get("script", "Cyrl")),
            standard=str(data.get("standard", "")),
            year=int(year) if year is not None else None,  # type: ignore[call-overload]
            reversible=bool(data.get("reversible", False)),
            kind=str(data.get("kind", "official")),
            name=str(data.get("name", data["id"])),
            source=str(data.get("source", "")),
        )
        samples = [(unicodedata.normalize("NFC", a), b) for a, b in data.get("samples", [])]  # type: ignore[union-attr,misc]
        scheme = cls(
            info=info,
            letters=letters,
            rules=rules,
            samples=samples,
            apostrophes=bool(data.get("apostrophes", False)),
            description=str(data.get("description", "")),
            sample_sources=tuple(data.get("sample_sources", ())),  # type: ignore[arg-type]
            punctuation=dict(data.get("punctuation", {}) or {}),  # type: ignore[call-overload]
            deviations=_deviations(data),
        )
        scheme._compile()
        return scheme

    def _compile(self) -> None:
        by_first: dict[str, list[_Rule]] = {}
        for rule in sorted(self.rules, key=lambda r: -len(r.match)):  # stable: file order kept
            by_first.setdefault(rule.match[0], []).append(rule)
        self._rules_by_first = by_first
        self._max_letter = max((len(k) for k in self.letters), default=1)
        self._punct_table = str.maketrans(self.punctuation) if self.punctuation else None
        ranges = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in SCRIPT_RANGES[self.info.script])
        self._script_re = re.compile(f"[{ranges}]")

    def _punctuate(self, text: str) -> str:
        """The standard's punctuation (Greek ; -> ?, · -> ;), only in text of its script."""
        if self._punct_table is not None and self._script_re.search(text):
            return text.translate(self._punct_table)
        return text

    # -- forward -----------------------------------------------------------------

    def __call__(self, text: str) -> str:
        return self.translit(text)

    def translit(self, text: str) -> str:
        """Transliterate ``text``; characters outside the scheme pass through.

        Runs the compiled fast path (:class:`_FastPath`), which gives exactly
        the output of :meth:`_reference` (tests hold the two equal).
        """
        if not isinstance(text, str):
            raise TypeError(f"text to transliterate must be a string, not {type(text).__name__}")
        if not text or text.isascii():
            return text
        fast = self._fast
        if fast is None:
            with _fast_lock:
                fast = self._fast
                if fast is None:
                    fast = self._fast = _FastPath(self)
        if self._punct_table is not None:
            text = self._punctuate(unicodedata.normalize("NFC", text))
        return fast.run(text)

    def translit_many(self, texts: Iterable[str]) -> list[str]:
        """``[self.translit(t) for t in texts]``, faster for many texts.

        The words the fast path has not cached yet go through its passes in
        batches of thousands (one regex pass per batch instead of one per text),
        then each text is transliterated from the warm cache: for building an
        index over a whole lexicon.  The outputs are those of :meth:`translit`.
        """
        fast = self._fast
        if fast is None:
            with _fast_lock:
                fast = self._fast
                if fast is None:
                    fast = self._fast = _FastPath(self)
        out: list[str] = []
        chunk: list[str] = []
        words: set[str] = set()
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"texts to transliterate must be strings, not {type(text).__name__}")
            chunk.append(text)
            if text and not text.isascii():
                words.update(text.split(" "))  # only a warm-up: a word missed here is done in translit
                if len(words) >= _BATCH:
                    fast.warm(words)
                    out.extend(self._translit_warm(chunk))
                    chunk, words = [], set()
        if words:
            fast.warm(words)
        out.extend(self._translit_warm(chunk))
        return out

    def _translit_warm(self, texts: list[str]) -> list[str]:
        """:meth:`translit` of each text, from the fast path's cache where it holds the answer.

        A one-word text is its own token, whose cached rendering is what ``run``
        returns; other texts join their cached words (or go through ``translit``).
        """
        fast = self._fast
        if fast is None or self._punct_table is not None:
            return list(map(self.translit, texts))
        found = map(fast.cache.get, texts)
        return [got if got is not None else self._translit_joined(t) for t, got in zip(texts, found)]

    def _translit_joined(self, text: str) -> str:
        """:meth:`translit`, joining the cached words directly when that is what ``run`` does."""
        cache = self._fast.cache if self._fast is not None else None
        if cache is not None and self._punct_table is None and "\n" not in text and not text.isascii():
            try:
                return " ".join(map(cache.__getitem__, text.split(" ")))
            except KeyError:
                pass
        return self.translit(text)

    def _reference(self, text: str) -> str:
        """The reference engine: split into words, :meth:`_word` each; no cache.

        Slow and obviously right; the fast path must equal it on every input.
        """
        if not text or text.isascii():
            return text
        return self._words(self._punctuate(unicodedata.normalize("NFC", text)))

    def _words(self, text: str) -> str:
        """:meth:`_reference` on text that is already NFC."""
        parts = _SPLIT_RE.split(text)
        parts[1::2] = [self._word(w) for w in parts[1::2]]
        return "".join(parts)

    def _word(self, word: str) -> str:
        """Transliterate one word (a run of letters, maybe with inner apostrophes)."""
        if word.isascii():
            return word
        script = self.info.script
        if self.apostrophes:
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
        letters = self.letters
        rules_by_first = self._rules_by_first
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
                for size in range(min(self._max_letter, n - i), 0, -1):
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

    # -- reverse (only for reversible schemes) --------------------------------------

    def reverse(self, text: str) -> str:
        """Latin -> source script, for reversible schemes (ISO 9).

        >>> get_scheme("ru_iso9").reverse("Ŝukin")
        'Щукин'
        """
        if not self.info.reversible:
            raise ValueError(f"scheme {self.id!r} is not reversible")
        if self._reverse is None:
            rev: dict[str, str] = {}
            for k, v in self.letters.items():
                if v and len(k) == 1:
                    rev.setdefault(unicodedata.normalize("NFC", v), k)
            for lookalike, sign in SIGN_LOOKALIKES.items():
                if sign in rev and lookalike not in rev:
                    rev[lookalike] = rev[sign]
            self._reverse = rev
        rev = self._reverse
        maxlen = max(len(k) for k in rev)
        text = unicodedata.normalize("NFC", text)
        out: list[str] = []
        i, n = 0, len(text)
        quote_open = False
        while i < n:
            for size in range(min(maxlen, n - i), 0, -1):
                chunk = text[i : i + size]
                low = unicodedata.normalize("NFC", chunk.lower())
                if low not in rev:
                    continue
                res = rev[low]
                before = text[i - 1] if i > 0 else ""
                after = text[i + size] if i + size < n else ""
                if not any(c.isalpha() for c in chunk):
                    # a look-alike of a sign (" for ʺ, ´ for ʹ) is a letter only after a letter;
                    # a word-final " closes a quotation when one was opened
                    if not before.isalpha():
                        if chunk == '"':
                            quote_open = True
                        continue
                    if chunk == '"' and not after.isalpha() and quote_open:
                        quote_open = False
                        continue
                if chunk.lower() == chunk.upper():
                    # a caseless sign (ʺ ъ, ʹ ь) takes the case of the letters around it
                    if before.isupper() and (after.isupper() or not after.isalpha()):
                        res = res.upper()
                elif chunk != low:
                    res = res.upper()
                out.append(res)
                i += size
                break
            else:
                out.append(text[i])
                i += 1
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


# -- fast path ----------------------------------------------------------------------
#
# Splitting every text into words with a regex and looking each word up costs
# more than transliterating it.  The fast path works on space-separated tokens
# instead (``str.split(" ")`` is a C loop; a space never belongs to a word, so
# tokens transliterate independently) and caches whole tokens.  Tokens missing
# from the cache are transliterated together as one string by three passes
# that each run in C: apostrophe canonicalization (one ``re.sub``), the context
# rules and multi-letter keys (one ``re.sub``, one alternative per rule, in the
# engine's precedence), and the single letters (``str.translate``).
#
# Those passes assume what holds for nearly every token: no letter is a capital
# except the first of its word.  A token with a capital inside a word (ALL
# CAPS, ``McDonald``) or with a letter whose lowercase is longer than itself
# (``İ``) goes to the reference engine, :meth:`Scheme._words`.  A scheme the
# passes cannot express (a key with a non-letter or an ASCII letter, an output
# the letter table would rewrite) uses the reference engine for every token.

#: A letter as the word regex sees it (``[^\W\d_]``) and the apostrophe class.
_L = r"[^\W\d_]"
_A = "[" + re.escape(APOSTROPHES) + "]"
#: Every cased character lies below this code point (a test checks it).
_CASED_LIMIT = 0x20000
#: The letter table is a list (fastest for ``str.translate``) up to here.
_TABLE_LIMIT = 0x2000
#: Tokens longer than this are transliterated every time, not cached.
_MAX_TOKEN = 64
#: Cached tokens per scheme before the cache starts over.
_CACHE_SIZE = 100_000
#: Words that :meth:`Scheme.translit_many` sends through the passes at once (below _CACHE_SIZE).
_BATCH = 20_000

_fast_lock = threading.Lock()


@lru_cache(maxsize=1)
def _case_tables() -> tuple[dict[str, tuple[str, ...]], str, str]:
    """(lowercase -> the other letters lowering to it, class of capitals, class of hazards).

    A capital is upper case or lowercases to something else.  A hazard
    lowercases to more than one character (``İ``), which makes the engine
    lowercase its word character by character.  The capital class also takes
    every character beyond the BMP: it is only used to send tokens to the
    reference engine, where a superset is harmless, and stays one bitmap lookup.
    """
    upper_of: dict[str, list[str]] = {}
    capitals: list[str] = []
    hazards: list[str] = []
    for cp in range(_CASED_LIMIT):
        c = chr(cp)
        low = c.lower()
        if low == c and not c.isupper():
            continue
        if cp < 0x10000:
            capitals.append(c)
        if len(low) == 1:
            upper_of.setdefault(low, []).append(c)
        else:
            hazards.append(c)
    capital = _char_class(capitals)[:-1] + "\U00010000-\U0010ffff]"
    return {k: tuple(v) for k, v in upper_of.items()}, capital, _char_class(hazards)


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class (with brackets) matching exactly ``chars``."""
    cps = sorted({ord(c) for c in chars})
    if not cps:
        return "(?!)"
    ranges: list[str] = []
    lo = prev = cps[0]
    for cp in cps[1:] + [-1]:
        if cp == prev + 1:
            prev = cp
            continue
        ranges.append(re.escape(chr(lo)) if lo == prev else f"{re.escape(chr(lo))}-{re.escape(chr(prev))}")
        lo = prev = cp
    return "[" + "".join(ranges) + "]"


_LETTER_RE = re.compile(_L)


def _is_letter(c: str) -> bool:
    """True for a character the word regex counts as a letter."""
    return _LETTER_RE.fullmatch(c) is not None


def _variants(c: str) -> list[str]:
    """Letters whose lowercase is ``c`` (``c`` itself if it is lowercase)."""
    found = ([c] if c.lower() == c else []) + list(_case_tables()[0].get(c, ()))
    return [v for v in found if _is_letter(v)]


@dataclass(frozen=True)
class _Candidate:
    """One entry of the engine's precedence list at a position: a rule or a key."""

    match: str
    out: str
    after: frozenset[str] | None = None
    before: frozenset[str] | None = None
    title: str | None = None


class _FastPath:
    """Per-scheme compiled state: token cache, regexes and letter table.

    Built once per scheme on first use (under a lock); afterwards shared by
    all threads (dict operations are atomic, so the caches need no lock).
    """

    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.cache: dict[str, str] = {}
        _, capital, hazard = _case_tables()
        #: a capital inside a word, or a hazard: the token needs the reference engine
        self.special = re.compile(f"{capital}(?:(?<={_L}.)|(?<={_L}{_A}.)|(?<={hazard}))")
        self.apostrophe_re: re.Pattern[str] | None = None
        self.rules_re: re.Pattern[str] | None = None
        #: regex group number -> the candidate whose alternative ends with it
        self.groups: list[_Candidate | None] = [None]
        self.memos: list[dict[str, str]] = [{}]
        self.table: dict[int, str] = {}
        self.table_list: list[int | str] = []
        self.high_re: re.Pattern[str] | None = None
        #: why the passes cannot run this scheme (None: they can)
        self.unsupported = self._compile()
        outputs = list(scheme.letters.values()) + [r.out for r in scheme.rules]
        outputs += [r.title for r in scheme.rules if r.title] + list(self.table.values())
        #: a line break becomes a token of its own unless an output could hold one
        self.split_lines = not any("\n" in o for o in outputs)

    # -- compiling -------------------------------------------------------------------

    def _compile(self) -> str | None:
        scheme = self.scheme
        script = scheme.info.script
        script_letters = [
            chr(cp) for lo, hi in SCRIPT_RANGES[script] for cp in range(lo, hi + 1) if chr(cp).isalpha()
        ]
        # the engine's precedence, per first letter: rules longest first (file
        # order kept), then keys longest first
        by_first: dict[str, list[_Candidate]] = {}
        for rule in sorted(scheme.rules, key=lambda r: -len(r.match)):
            by_first.setdefault(rule.match[0], []).append(
                _Candidate(rule.match, rule.out, rule.after, rule.before, rule.title)
            )
        for key in sorted(scheme.letters, key=len, reverse=True):
            if key:  # an empty key never matches
                by_first.setdefault(key[0], []).append(_Candidate(key, scheme.letters[key]))
        for cands in by_first.values():
            for cand in cands:
                if not all(_is_letter(c) and not c.isascii() for c in cand.match):
                    return f"key or rule {cand.match!r} holds a non-letter or an ASCII letter"

        # a single letter that always applies ends its list: it goes to the
        # table; what comes before it (longer or conditional) goes to the regex
        single: dict[str, _Candidate] = {}
        in_regex: dict[str, list[_Candidate]] = {}
        for first, cands in by_first.items():
            for cand in cands:
                if len(cand.match) == 1 and cand.after is None and cand.before is None:
                    single[first] = cand
                    break
                in_regex.setdefault(first, []).append(cand)

        # the letter table: what the engine does with a letter that no rule or
        # longer key takes, outside an ALL-CAPS word
        domain = set(script_letters)
        for first in by_first:
            domain.update(_variants(first))
        for ch in domain:
            low = ch.lower()
            if len(low) != 1:
                continue
            cand = single.get(low)
            if cand is not None:
                produced, title = cand.out, cand.title
            elif in_script(ch, script):
                produced, title = _fallback(ch), None
            else:
                continue
            if produced and ch != low:
                produced = _upper_case(produced, title, ch, False)
            if produced != ch:
                self.table[ord(ch)] = produced

        # the regex: one branch per letter that can start a match (a literal,
        # so that the search skips the other letters in C), holding that
        # letter's candidates in precedence order, each closed by an empty
        # group whose number tells the callback which candidate matched
        branches: list[str] = []
        rendered: set[str] = set()
        for first, cands in in_regex.items():
            alternatives = [(cand, self._alternative(cand)) for cand in cands]
            alternatives = [(cand, pat) for cand, pat in alternatives if pat is not None]
            if not alternatives:
                continue
            for variant in _variants(first):
                body = []
                for cand, pattern in alternatives:
                    body.append(pattern + "()")
                    self.groups.append(cand)
                    self.memos.append({})
                    rendered.update(cand.out + cand.out.upper() + _capitalize(cand.out) + (cand.title or ""))
                branches.append(re.escape(variant) + "(?:" + "|".join(body) + ")")
        clash = {c for c in rendered if ord(c) in self.table}
        if clash:
            return f"outputs hold letters the table rewrites: {''.join(sorted(clash))}"
        if branches:
            self.rules_re = re.compile("|".join(branches))
        if scheme.apostrophes:
            letters = _char_class(script_letters)
            others = _char_class(a for a in APOSTROPHES if a != CANONICAL_APOSTROPHE)
            # the apostrophe first, so that the search looks for it in C
            self.apostrophe_re = re.compile(f"{others}(?<={letters}{others})(?={letters})")
        limit = min(_TABLE_LIMIT, max(self.table, default=0) + 1)
        self.table_list = list(_identity(limit))
        for cp, out in self.table.items():
            if cp < limit:
                self.table_list[cp] = out
        high = [chr(cp) for cp in self.table if cp >= limit]
        if high:
            self.high_re = re.compile(_char_class(high))
        return None

    @staticmethod
    def _alternative(cand: _Candidate) -> str | None:
        """The regex of one candidate, entered after its first letter is consumed.

        Only the first letter of a match can be a capital (the word's first);
        ``after`` looks at the letter before it (maybe a capital), ``before`` at
        the one after the match (never a capital).  ``^`` and ``$`` are the word's
        edges: no letter, and no apostrophe joining a letter, on that side.
        None: the candidate can never apply outside an ALL-CAPS word.
        """
        rest = cand.match[1:]
        if any(c.lower() != c for c in rest):
            return None
        pattern = ""
        if cand.after is not None:
            prev = [v for x in cand.after if x != "^" for v in _variants(x)]
            joined = [x for x in cand.after if x in APOSTROPHES and not _is_letter(x)]
            options = []
            if prev:
                options.append(f"(?<={_char_class(prev)}.)")
            if joined:
                options.append(f"(?<={_L}{_char_class(joined)}.)")
            if "^" in cand.after:
                options.append(f"(?<!{_L}.)(?<!{_L}{_A}.)")
            if not options:
                return None
            pattern += "(?:" + "|".join(options) + ")"
        pattern += re.escape(rest)
        if cand.before is not None:
            nxt = [x for x in cand.before if _is_letter(x) and x.lower() == x]
            joined = [x for x in cand.before if x in APOSTROPHES and not _is_letter(x)]
            options = []
            if nxt:
                options.append(f"(?={_char_class(nxt)})")
            if joined:
                options.append(f"(?={_char_class(joined)}{_L})")
            if "$" in cand.before:
                options.append(f"(?!{_L})(?!{_A}{_L})")
            if not options:
                return None
            pattern += "(?:" + "|".join(options) + ")"
        return pattern

    # -- running -----------------------------------------------------------------------

    def run(self, text: str) -> str:
        """Transliterate ``text`` (not ASCII-only; NFC or not)."""
        lines = self.split_lines and "\n" in text
        if lines:  # a line break as a token of its own: " \n " maps back exactly
            text = text.replace("\n", " \n ")
        tokens = text.split(" ")
        try:
            out = list(map(self.cache.__getitem__, tokens))
        except KeyError:
            out = self._fill(tokens)
        result = " ".join(out)
        return result.replace(" \n ", "\n") if lines else result

    def warm(self, tokens: Iterable[str]) -> None:
        """Transliterate and cache, in one batch, the tokens not cached yet."""
        cache = self.cache
        missing = [t for t in tokens if t not in cache]
        if missing:
            self._fill(missing)

    def _fill(self, tokens: list[str]) -> list[str]:
        """Look the tokens up, transliterate and cache the missing ones."""
        cache = self.cache
        out = list(map(cache.get, tokens))
        # the misses of this lookup (not of the cache, which other threads change)
        done = self.translate_tokens(set(compress(tokens, map(is_, out, repeat(None)))))
        if len(cache) + len(done) > _CACHE_SIZE:
            cache.clear()
        if max(map(len, done), default=0) <= _MAX_TOKEN:
            cache.update(done)
        else:
            cache.update((t, v) for t, v in done.items() if len(t) <= _MAX_TOKEN)
        return list(map(done.get, tokens, out))  # type: ignore[arg-type]

    def translate_tokens(self, tokens: Iterable[str]) -> dict[str, str]:
        """Transliterate distinct space-free tokens, in one batch: token -> output.

        A token is normalized to NFC on its own (no character composes with a
        space or a line break, so that equals normalizing the whole text).
        """
        done = {t: t for t in tokens}  # ASCII tokens stay as they are
        raw = list(filterfalse(str.isascii, done))
        if not raw:
            return done
        words = [w if unicodedata.is_normalized("NFC", w) else unicodedata.normalize("NFC", w) for w in raw]
        reference = self.scheme._words
        if self.unsupported:
            done.update(zip(raw, map(reference, words)))
            return done
        joined = " ".join(words)
        outs = self.passes(joined).split(" ")
        if len(outs) != len(words):  # an output held a space: one at a time
            outs = [self.passes(w) for w in words]
        done.update(zip(raw, outs))
        found = [m.start() for m in self.special.finditer(joined)]
        if found:
            ends = list(accumulate(len(w) + 1 for w in words))  # one past each word's space
            for i in {bisect_right(ends, pos) for pos in found}:
                done[raw[i]] = reference(words[i])
        return done

    def passes(self, text: str) -> str:
        """The three passes, on text whose only capitals start words."""
        if self.apostrophe_re is not None:
            text = self.apostrophe_re.sub(CANONICAL_APOSTROPHE, text)
        if self.rules_re is not None:
            text = self.rules_re.sub(self._render, text)
        if self.high_re is not None and self.high_re.search(text):
            return text.translate(self.table)
        return text.translate(self.table_list)

    def _render(self, m: re.Match[str]) -> str:
        group = m.lastindex or 0
        src = m.group()
        memo = self.memos[group]
        got = memo.get(src)
        if got is None:
            cand = self.groups[group]
            assert cand is not None
            got = cand.out
            if got and src[0] != src[0].lower():  # a capital can only be the first
                got = _upper_case(got, cand.title, src, False)
            memo[src] = got
        return got


@lru_cache(maxsize=1)
def _identity_ints() -> tuple[int, ...]:
    return tuple(range(_TABLE_LIMIT))


def _identity(limit: int) -> tuple[int, ...]:
    """Code points 0..limit-1 as shared int objects (a translate table's default)."""
    return _identity_ints()[:limit]


# -- registry ---------------------------------------------------------------------

_lock = threading.Lock()
_loaded: dict[str, Scheme] = {}


@lru_cache(maxsize=1)
def scheme_ids() -> tuple[str, ...]:
    """IDs of every bundled scheme, sorted."""
    files = resources.files("normalize.schemes")
    return tuple(sorted(p.name[:-5] for p in files.iterdir() if p.name.endswith(".json")))


def _load(scheme_id: str) -> Scheme:
    """Compile a bundled scheme file."""
    path = resources.files("normalize.schemes") / f"{scheme_id}.json"
    name = f"normalize/schemes/{scheme_id}.json"
    scheme = _compile_text(path.read_text(encoding="utf-8"), name=name)
    if scheme.id != scheme_id:
        raise SchemeFileError(f"{name}:1: declares id {scheme.id!r}")
    return scheme


def _compile_text(text: str, *, name: str) -> Scheme:
    """Compile a scheme file's text; a fault raises :class:`SchemeFileError` naming file and line."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemeFileError(f"{name}:{exc.lineno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise SchemeFileError(f"{name}:1: a scheme file holds one JSON object")
    try:
        return Scheme.from_dict(data)
    except SchemeFileError as exc:
        raise SchemeFileError(f"{name}:{_line_of(text, exc.where)}: {exc}", exc.where) from None


def _line_of(text: str, where: tuple[str | int, ...]) -> int:
    """Line (1-based) of the value at ``where`` (keys and list indexes) in a JSON object's text.

    Follows the path through the document with :meth:`json.JSONDecoder.raw_decode`,
    so it needs no particular layout; stops at the deepest part it can find.
    """
    decoder = json.JSONDecoder()
    pos = text.index("{")
    for part in where:
        if isinstance(part, int):
            start = text.find("[", pos)
            if start < 0:
                break
            pos = start + 1
            for _ in range(part + 1):
                while text[pos] in " \t\r\n,":
                    pos += 1
                found = pos
                _, pos = decoder.raw_decode(text, pos)
            pos = found
        else:
            match = re.compile(r'"' + re.escape(part) + r'"\s*:').search(text, pos)
            if match is None:
                break
            pos = match.start()
    return text.count("\n", 0, pos) + 1


def get_scheme(scheme: "str | Scheme") -> Scheme:
    """Return the compiled scheme for an ID (loaded once, thread-safe)."""
    if isinstance(scheme, Scheme):
        return scheme
    if not isinstance(scheme, str):
        raise TypeError(f"a scheme is a scheme ID (a string) or a Scheme, not {type(scheme).__name__}")
    found = _loaded.get(scheme)
    if found is not None:
        return found
    if scheme not in scheme_ids():
        raise UnknownSchemeError(scheme, scheme_ids())
    with _lock:
        found = _loaded.get(scheme)
        if found is None:
            found = _load(scheme)
            _loaded[scheme] = found
    return found


def schemes(lang: str | None = None) -> list[SchemeInfo]:
    """Metadata records of every scheme (optionally only those of one language)."""
    infos = [get_scheme(s).info for s in scheme_ids()]
    return [i for i in infos if lang is None or i.lang == lang]


def translit(text: str, scheme: "str | Scheme") -> str:
    """Transliterate ``text`` with the scheme of that ID.

    >>> translit("Згурський", "uk_national")
    'Zghurskyi'
    """
    return get_scheme(scheme).translit(text)
