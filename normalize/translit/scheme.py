"""The scheme model: a scheme file's data checked and compiled into a :class:`Scheme`.

A :class:`Scheme` holds a standard's letter table, context rules, metadata and official
examples; :meth:`Scheme.translit` runs the compiled fast path
(:mod:`normalize.translit.fast`), :meth:`Scheme._reference` the reference engine
(:mod:`normalize.translit.reference`) it must equal, and :meth:`Scheme.reverse` inverts a
reversible scheme.  Reading the files is :mod:`normalize.translit.registry`'s job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import filterfalse
from typing import Any, cast

from normalize.datafile import DataFileError, Fields, MapOf, OneOf, problem
from normalize.text import SCRIPT_RANGES
from normalize.translit import fast as fast_path
from normalize.translit import reference

#: Typed stand-ins for the modifier letters prime ʹ (U+02B9) and double prime ʺ (U+02BA),
#: which a reversible scheme's reverse also reads as the sign (ISO 9 examples print " and ´).
SIGN_LOOKALIKES: dict[str, str] = {
    '"': "\u02ba",
    "\u2033": "\u02ba",
    "\u00b4": "\u02b9",
    "\u2032": "\u02b9",
}


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
_NULLABLE_STR = (str, type(None))
#: The types of a scheme file's values (``deviations`` are checked by ``_deviations``).
_SHAPE = Fields(
    {"id": str, "lang": str, "letters": MapOf(str)},
    {
        "name": str,
        "script": OneOf(tuple(SCRIPT_RANGES)),
        "standard": str,
        "year": (int, type(None)),
        "source": str,
        "kind": str,
        "reversible": bool,
        "apostrophes": bool,
        "description": str,
        "rules": (
            [
                Fields(
                    {"match": str, "out": str},
                    {"after": _NULLABLE_STR, "before": _NULLABLE_STR, "title": _NULLABLE_STR, "note": str},
                )
            ],
            type(None),
        ),
        "punctuation": (MapOf(str), type(None)),
        "sample_sources": [str],
        "samples": [[str]],
        "deviations": list,
    },
)


class SchemeFileError(DataFileError):
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
    _fast: fast_path._FastPath | None = field(default=None, repr=False, compare=False)
    _reverse: dict[str, str] | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.info.id

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Scheme:
        """Compile a scheme from the data of its file; a fault raises :class:`SchemeFileError`."""
        unknown = sorted(set(data) - set(SCHEME_KEYS))
        if unknown:
            raise SchemeFileError(f"unknown key {unknown[0]!r}", (unknown[0],))
        missing = [k for k in ("id", "lang", "letters") if k not in data]
        if missing:
            raise SchemeFileError(f"missing key {missing[0]!r}")
        wrong = problem(data, _SHAPE)
        if wrong is not None:
            raise SchemeFileError(*wrong)

        spec = cast("dict[str, Any]", data)  # its shape is checked above

        def cond(value: str | None) -> frozenset[str] | None:
            return None if value is None else frozenset(value)

        letters = {unicodedata.normalize("NFC", k): v for k, v in spec["letters"].items()}
        rules = [
            _Rule(
                match=unicodedata.normalize("NFC", raw["match"]),
                out=raw["out"],
                after=cond(raw.get("after")),
                before=cond(raw.get("before")),
                title=raw.get("title"),
            )
            for raw in spec.get("rules") or []
        ]
        year = spec.get("year")
        info = SchemeInfo(
            id=spec["id"],
            lang=spec["lang"],
            script=spec.get("script", "Cyrl"),
            standard=spec.get("standard", ""),
            year=year,
            reversible=spec.get("reversible", False),
            kind=spec.get("kind", "official"),
            name=spec.get("name", spec["id"]),
            source=spec.get("source", ""),
        )
        raw_samples: list[list[str]] = spec.get("samples", [])
        for n, pair in enumerate(raw_samples):
            if len(pair) != 2:
                raise SchemeFileError(f"samples[{n}]: a sample is [source, romanization]", ("samples", n))
        samples = [(unicodedata.normalize("NFC", a), b) for a, b in raw_samples]
        scheme = cls(
            info=info,
            letters=letters,
            rules=rules,
            samples=samples,
            apostrophes=spec.get("apostrophes", False),
            description=spec.get("description", ""),
            sample_sources=tuple(spec.get("sample_sources", ())),
            punctuation=dict(spec.get("punctuation") or {}),
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
        fast = self._fast or self._compile_fast()
        if self._punct_table is not None:
            text = self._punctuate(unicodedata.normalize("NFC", text))
        return fast.run(text)

    def _compile_fast(self) -> fast_path._FastPath:
        """The scheme's fast path, built on first use (once, under a lock)."""
        with fast_path._fast_lock:
            if self._fast is None:
                self._fast = fast_path._FastPath(self)
            return self._fast

    def translit_many(self, texts: Iterable[str]) -> list[str]:
        """``[self.translit(t) for t in texts]``, faster for many texts.

        The words the fast path has not cached yet go through its passes in
        batches of thousands (one regex pass per batch instead of one per text),
        then each text is transliterated from the warm cache: for building an
        index over a whole lexicon.  The outputs are those of :meth:`translit`.
        """
        fast = self._fast or self._compile_fast()
        texts = list(texts)
        if set(map(type, texts)) - {str}:
            for text in texts:
                if not isinstance(text, str):
                    raise TypeError(f"texts to transliterate must be strings, not {type(text).__name__}")
        out: list[str] = []
        # the words of a batch of texts, split out all at once, go through the passes
        # together (only a warm-up: a word missed here is done in translit)
        for start in range(0, len(texts), fast_path._BATCH):
            chunk = texts[start : start + fast_path._BATCH]
            fast.warm(set(filterfalse(str.isascii, " ".join(chunk).split(" "))))
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
        """The reference engine (:mod:`normalize.translit.reference`): word by word; no cache.

        Slow and obviously right; the fast path must equal it on every input.
        """
        if not text or text.isascii():
            return text
        return self._words(self._punctuate(unicodedata.normalize("NFC", text)))

    def _words(self, text: str) -> str:
        """:meth:`_reference` on text that is already NFC."""
        return reference.words(self, text)

    def _word(self, word: str) -> str:
        """Transliterate one word (a run of letters, maybe with inner apostrophes)."""
        return reference.word(self, word)

    # -- reverse (only for reversible schemes) --------------------------------------

    def reverse(self, text: str) -> str:
        """Latin -> source script, for reversible schemes (ISO 9).

        >>> from normalize.translit import get_scheme
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
