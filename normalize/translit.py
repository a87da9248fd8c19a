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

>>> translit("Щука", "ru_bgn_pcgn")
'Shchuka'
"""

from __future__ import annotations

import difflib
import json
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping

__all__ = [
    "Scheme",
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

_WORD_RE = re.compile(r"[^\W\d_]+(?:[" + re.escape(APOSTROPHES) + r"][^\W\d_]+)*")
_SPLIT_RE = re.compile("(" + _WORD_RE.pattern + ")")


def in_script(ch: str, script: str) -> bool:
    """True if ``ch`` is a letter of ``script`` (e.g. ``"Cyrl"``)."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in SCRIPT_RANGES[script]) and ch.isalpha()


class UnknownSchemeError(KeyError, ValueError):
    """Raised for a scheme ID that does not exist; the message lists close IDs."""

    def __init__(self, scheme_id: str, known: Iterable[str]):
        known = sorted(known)
        close = difflib.get_close_matches(scheme_id, known, n=5, cutoff=0.5)
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
    _rules_by_first: dict[str, list[_Rule]] = field(default_factory=dict, repr=False)
    _max_letter: int = 1
    _cache: dict[str, str] = field(default_factory=dict, repr=False)
    _reverse: dict[str, str] | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.info.id

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> "Scheme":
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
        )
        scheme._compile()
        return scheme

    def _compile(self) -> None:
        by_first: dict[str, list[_Rule]] = {}
        for rule in sorted(self.rules, key=lambda r: -len(r.match)):  # stable: file order kept
            by_first.setdefault(rule.match[0], []).append(rule)
        self._rules_by_first = by_first
        self._max_letter = max((len(k) for k in self.letters), default=1)

    # -- forward -----------------------------------------------------------------

    def __call__(self, text: str) -> str:
        return self.translit(text)

    def translit(self, text: str) -> str:
        """Transliterate ``text``; characters outside the scheme pass through."""
        if not text or text.isascii():
            return text
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        cache = self._cache
        if len(cache) > 200_000:
            cache.clear()
        # words at the odd positions; a list comprehension with a cache beats a
        # per-match callback, and real text repeats its words (Zipf)
        parts = _SPLIT_RE.split(text)
        get = cache.get
        word = self._cached_word
        parts[1::2] = [get(w) or word(w) for w in parts[1::2]]
        return "".join(parts)

    def _cached_word(self, w: str) -> str:
        out = self._word(w)
        self._cache[w] = out
        return out

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
                if caps_word or (length > 1 and src.isupper()):
                    produced = produced.upper()
                else:
                    produced = title if title is not None else _capitalize(produced)
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
                if not any(c.isalpha() for c in chunk):
                    # a caseless sign (" for ъ, ´ for ь) is a letter only after a letter;
                    # a word-final " closes a quotation when one was opened
                    before = text[i - 1] if i > 0 else ""
                    after = text[i + size] if i + size < n else ""
                    if not before.isalpha():
                        if chunk == '"':
                            quote_open = True
                        continue
                    if chunk == '"' and not after.isalpha() and quote_open:
                        quote_open = False
                        continue
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


# -- registry ---------------------------------------------------------------------

_lock = threading.Lock()
_loaded: dict[str, Scheme] = {}


@lru_cache(maxsize=1)
def scheme_ids() -> tuple[str, ...]:
    """IDs of every bundled scheme, sorted."""
    files = resources.files("normalize.schemes")
    return tuple(sorted(p.name[:-5] for p in files.iterdir() if p.name.endswith(".json")))


def _read(scheme_id: str) -> dict[str, object]:
    path = resources.files("normalize.schemes") / f"{scheme_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("id") != scheme_id:
        raise ValueError(f"scheme file {scheme_id}.json declares id {data.get('id')!r}")
    return data


def get_scheme(scheme: "str | Scheme") -> Scheme:
    """Return the compiled scheme for an ID (loaded once, thread-safe)."""
    if isinstance(scheme, Scheme):
        return scheme
    found = _loaded.get(scheme)
    if found is not None:
        return found
    if scheme not in scheme_ids():
        raise UnknownSchemeError(scheme, scheme_ids())
    with _lock:
        found = _loaded.get(scheme)
        if found is None:
            found = Scheme.from_dict(_read(scheme))
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
