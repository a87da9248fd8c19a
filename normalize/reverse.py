"""Latin -> Cyrillic: ranked Cyrillic spellings of a romanized Russian or Ukrainian name.

Romanization loses information (е/э/ё are all ``e`` in most schemes, ``y`` may be
ы, й or ий), so a Latin name has several plausible Cyrillic originals.  The
matcher needs them ranked: ``Tetkino`` -> Теткино, Тёткино, ...

How candidates are built:

* **Segment table.**  Latin segments (``shch``, ``ya``, ``e`` ...) map to Cyrillic
  strings with weights.  Two sources: (1) a built-in table of the spellings that
  occur in practice, ``normalize/data/reverse.json``: the English-language press and passport
  conventions plus the German (sch, tsch, w, j), Polish (sz, cz, ł, w) and French
  (ch, ou, j) press transcriptions; (2) the letter tables and rules of every
  Cyrillic scheme of the language in ``normalize/schemes``, inverted (read at run
  time, so new schemes are used without code changes).  The scheme part adds at
  most :data:`SCHEME_MASS` per mapping, however many schemes exist, so results do
  not jump when a scheme file is added.
* **Context.**  A weight may hold only at the start of a word, at its end, after
  a vowel or after a consonant of the Latin input (``y`` is ий at the end of
  ``Zelensky``, й after a vowel, ы after a consonant).
* **Beam search** over segmentations.  A path scores the product of its
  mappings' shares, times :data:`SEGMENT_COST` per segment (fewer, longer
  segments are more likely: ``shch`` is щ before ш+ч), times penalties for
  letter sequences the orthography forbids (Russian жы, initial ь, ъ before a
  consonant ...).  A soft sign may be inserted after a consonant with a small
  probability (Kazan -> Казань).  Paths giving the same Cyrillic add up.

Inputs are names: at most :data:`MAX_LENGTH` characters (a ValueError beyond), and
the cost grows about linearly with the length (see :func:`cyrillic_candidates`).

Scores are shares of the probability mass the search found: in (0, 1], higher
is more plausible, summing to at most 1 for one call.  Results are
deterministic (ties are ordered by the Cyrillic string).  These weights are
hand-tuned heuristics, not corpus statistics.

>>> [c for c, _ in cyrillic_candidates("Shchukin", limit=3)][0]
'Щукин'
>>> [c for c, _ in cyrillic_candidates("Kharkiv", "uk", limit=3)][0]
'Харків'
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Final

from normalize.datafile import DataFileError, Fields, MapOf, check, line_of, parse_json
from normalize.text import LETTER, word_pattern
from normalize.translit import get_scheme, scheme_ids

__all__ = ["LANGS", "MAX_LENGTH", "MAX_LIMIT", "cyrillic_candidates", "iso9_to_cyrillic"]

#: Languages :func:`cyrillic_candidates` supports.
LANGS: Final = ("ru", "uk")
#: Most weight the inverted scheme tables add to one (Latin, Cyrillic) mapping.
SCHEME_MASS: Final = 1.0
#: Factor per segment of a path: prefers readings with fewer, longer segments.
SEGMENT_COST: Final = 0.25
#: Longest input :func:`cyrillic_candidates` takes (characters, after NFC): it reads names, and the
#: work grows with the length (about 0.1 s per 100 characters at the default limit).
MAX_LENGTH: Final = 200
#: Largest ``limit``: the search keeps ``4 * limit`` readings per step, and the work grows with it.
MAX_LIMIT: Final = 100
#: Weight of a certain reading: a segment's options share max(their weight, KEY_MASS), so a
#: segment with little weight in a context (``yi`` inside a Ukrainian word) is itself unlikely.
KEY_MASS: Final = 10.0

_ALPHABETS: Final = {
    "ru": frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    "uk": frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяʼ"),
}
_CYR_VOWELS: Final = frozenset("аеёиоуыэюяіїє")
_LAT_VOWELS: Final = frozenset("aeiouy")
#: Latin marks a romanization writes for the soft/hard sign or the apostrophe.
#: A segment of the table holds letters and these marks only (a word keeps them inside).
_MARKS: Final = "'\u2019\u02bc\u02b9\u00b4\u02ba\"\u201d`"
_TOKEN_RE: Final = re.compile(word_pattern(_MARKS))

# Flags of a context (all must hold): ^ word start, - not word start, $ word end,
# ~ not word end, V after a Latin vowel, C after a Latin consonant (inside the word),
# B word start or after a vowel, v before a vowel, c before a consonant,
# H not after a letter that forms a digraph with h (z k c s t d p g: zh kh ch sh th ...).
_FLAGS: Final = frozenset("^-$~VCBvcH")
_H_DIGRAPH: Final = frozenset("zkcstdpg")

@dataclass(frozen=True)
class _Option:
    cyr: str
    weight: float
    flags: str


_FILE: Final = "reverse.json"
_NAME: Final = f"normalize/data/{_FILE}"
_SHAPE: Final = Fields(
    {
        "_doc": [str],
        "segments": Fields({"common": MapOf(str), **{lang: MapOf(str) for lang in LANGS}}),
        "soft_sign": Fields({lang: MapOf([float]) for lang in LANGS}),
        "softenable": Fields({lang: str for lang in LANGS}),
    }
)
_OPTION_RE: Final = re.compile(r"(\S*):(\d+(?:\.\d+)?)([" + re.escape("".join(sorted(_FLAGS))) + r"]*)\Z")


@dataclass(frozen=True)
class _Data:
    """``reverse.json``, checked: the built-in segment table and the soft-sign model."""

    segments: Mapping[str, tuple[tuple[str, _Option], ...]]  # block -> (latin, option), in file order
    soft_sign: Mapping[str, Mapping[str, tuple[float, float]]]
    softenable: Mapping[str, frozenset[str]]


@lru_cache(maxsize=1)
def _data() -> _Data:
    """Read and check ``normalize/data/reverse.json`` once."""
    return _read((resources.files("normalize.data") / _FILE).read_text(encoding="utf-8"), name=_NAME)


def _read(text: str, *, name: str) -> _Data:
    """The text of ``reverse.json`` checked; a fault is a DataFileError naming ``name`` and the line."""
    data: dict[str, Any] = parse_json(text, name=name)  # type: ignore[assignment]
    check(data, _SHAPE, name=name, text=text)
    segments: dict[str, tuple[tuple[str, _Option], ...]] = {}
    for block, table in data["segments"].items():
        pairs: list[tuple[str, _Option]] = []
        for lat, options in table.items():
            where = ("segments", block, lat)
            if not lat or not all(re.fullmatch(LETTER, ch) or ch in _MARKS for ch in lat):
                raise DataFileError(f"{name}:{line_of(text, where)}: {lat!r}: a segment is letters or marks", where)
            if not options.split():
                raise DataFileError(f"{name}:{line_of(text, where)}: {lat!r}: no option", where)
            for option in options.split():
                m = _OPTION_RE.match(option)
                if m is None:
                    raise DataFileError(
                        f"{name}:{line_of(text, where)}: {lat!r}: {option!r} is not cyrillic:weight[flags]", where
                    )
                pairs.append((unicodedata.normalize("NFC", lat), _Option(m[1], float(m[2]), m[3])))
        segments[block] = tuple(pairs)
    soft_sign: dict[str, dict[str, tuple[float, float]]] = {}
    for lang, table in data["soft_sign"].items():
        soft_sign[lang] = {}
        for letter, pair in table.items():
            if len(pair) != 2 or "" not in table:
                where = ("soft_sign", lang, letter)
                raise DataFileError(
                    f"{name}:{line_of(text, where)}: soft_sign.{lang}: [at the end, inside] per letter, and a '' key",
                    where,
                )
            soft_sign[lang][letter] = (float(pair[0]), float(pair[1]))
    softenable = {lang: frozenset(letters) for lang, letters in data["softenable"].items()}
    return _Data(segments, soft_sign, softenable)


def _rule_flags(after: frozenset[str] | None, before: frozenset[str] | None) -> str:
    """Approximate a scheme rule's Cyrillic context by a context of the Latin input."""
    flags = ""
    if after:
        rest = after - {"^"}
        if not rest:
            flags += "^"
        elif rest <= _CYR_VOWELS | {"ь", "ъ", "ʼ"}:
            flags += "B" if "^" in after else "V"
        elif "^" not in after and not (rest & _CYR_VOWELS):
            flags += "C"
    if before:
        rest = before - {"$"}
        if not rest:
            flags += "$"
        elif "$" not in before and rest <= _CYR_VOWELS:
            flags += "v"
    return flags


def _scheme_pairs(lang: str) -> tuple[int, dict[tuple[str, str, str], int]]:
    """(number of schemes, {(latin, cyrillic, flags): number of schemes writing it})."""
    alphabet = _ALPHABETS[lang]
    counts: dict[tuple[str, str, str], int] = {}
    n = 0
    for sid in scheme_ids():
        scheme = get_scheme(sid)
        if scheme.info.lang != lang or scheme.info.script != "Cyrl":
            continue
        n += 1
        seen: set[tuple[str, str, str]] = set()
        items = [(k, v, "") for k, v in scheme.letters.items()]
        items += [(r.match, r.out, _rule_flags(r.after, r.before)) for r in scheme.rules]
        for cyr, lat, flags in items:
            lat = unicodedata.normalize("NFC", lat.replace("\u00b7", "").lower())
            if not lat or not cyr or not set(cyr) <= alphabet:
                continue
            seen.add((lat, cyr, flags))
        for key in seen:
            counts[key] = counts.get(key, 0) + 1
    return n, counts


@lru_cache(maxsize=8)
def _table(lang: str, _ids: tuple[str, ...]) -> tuple[dict[str, tuple[_Option, ...]], int]:
    """Segment table for ``lang`` (cached per set of installed schemes) and its longest key."""
    options: dict[str, list[_Option]] = {}
    data = _data()
    for block in ("common", lang):
        for lat, opt in data.segments[block]:
            options.setdefault(lat, []).append(opt)
    n, counts = _scheme_pairs(lang)
    for (lat, cyr, flags), k in sorted(counts.items()):
        options.setdefault(lat, []).append(_Option(cyr, SCHEME_MASS * k / n, flags))
    table = {lat: tuple(opts) for lat, opts in options.items()}
    return table, max(map(len, table))


def _is_vowel(ch: str) -> bool:
    return _strip(ch) in _LAT_VOWELS


@lru_cache(maxsize=1024)
def _strip(ch: str) -> str:
    """A Latin letter without its diacritics (``ő`` -> ``o``)."""
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return base or ch


def _holds(flags: str, word: str, start: int, end: int) -> bool:
    n = len(word)
    for f in flags:
        if f == "^" and start != 0:
            return False
        if f == "-" and start == 0:
            return False
        if f == "$" and end != n:
            return False
        if f == "~" and end == n:
            return False
        if f == "V" and not (start > 0 and _is_vowel(word[start - 1])):
            return False
        if f == "C" and not (start > 0 and word[start - 1].isalpha() and not _is_vowel(word[start - 1])):
            return False
        if f == "B" and not (start == 0 or _is_vowel(word[start - 1])):
            return False
        if f == "v" and not (end < n and _is_vowel(word[end])):
            return False
        if f == "c" and not (end < n and word[end].isalpha() and not _is_vowel(word[end])):
            return False
        if f == "H" and start > 0 and word[start - 1] in _H_DIGRAPH:
            return False
    return True


def _penalty(lang: str, prev: str, seg: str, final: bool) -> float:
    """Factor for letter sequences the orthography forbids or avoids (1.0: fine)."""
    factor = 1.0
    chars = prev + seg
    start = len(prev)
    for i in range(max(start, 0), len(chars)):
        c = chars[i]
        p = chars[i - 1] if i > 0 else ""
        if not p:  # word-initial
            if c in "ьъы":
                factor *= 0.001 if c != "ы" else 0.01
            elif c == "ʼ":
                factor *= 0.001
            elif lang == "uk" and c == "и":
                factor *= 0.2
            continue
        if c in "ьъʼ" and (p in _CYR_VOWELS or p in "ьъйʼ"):
            factor *= 0.001
        if p == "ъ" and c not in "еёюя":
            factor *= 0.01
        if p == "ʼ" and c not in "яюєї":
            factor *= 0.01
        if c == "й" and p not in _CYR_VOWELS:
            factor *= 0.02
        if c == p and i > 1 and chars[i - 2] == c:
            factor *= 0.01
        if lang == "ru":
            if c == "ы" and p in "жшчщ":
                factor *= 0.01
            elif c == "ы" and p in "кгх":
                factor *= 0.05
            elif c in "яю" and p in "жшчщ":
                factor *= 0.03
            elif c == "э" and p not in _CYR_VOWELS:
                factor *= 0.2
            elif p == "ы" and c in _CYR_VOWELS:
                factor *= 0.1
        elif lang == "uk" and p == "ь" and c in _CYR_VOWELS and c != "о":
            factor *= 0.1
    if final and chars:
        last = chars[-1]
        if last in "ъʼ" or (lang == "uk" and last == "ь" and len(chars) > 1 and chars[-2] in "жшчщ"):
            factor *= 0.01
    return factor


def _word_candidates(word: str, lang: str, width: int) -> list[tuple[str, float]]:
    """Cyrillic spellings of one lower-case Latin word with their shares of the found mass."""
    return list(_word_candidates_cached(word, lang, width, scheme_ids()))


def _add_log(target: dict[str, float], key: str, logp: float) -> None:
    """Add probability exp(logp) to target[key], all in log space."""
    old = target.get(key)
    if old is None:
        target[key] = logp
    else:
        hi, lo = (old, logp) if old >= logp else (logp, old)
        target[key] = hi + math.log1p(math.exp(lo - hi))


@lru_cache(maxsize=20_000)
def _word_candidates_cached(
    word: str, lang: str, width: int, ids: tuple[str, ...]
) -> tuple[tuple[str, float], ...]:
    table, longest = _table(lang, ids)
    soft = _data().soft_sign[lang]
    softenable = _data().softenable[lang]
    log_cost = math.log(SEGMENT_COST)
    n = len(word)
    # states[pos]: Cyrillic prefix -> log probability of reading word[:pos] as it
    states: list[dict[str, float]] = [{} for _ in range(n + 1)]
    states[0][""] = 0.0
    for pos in range(n):
        here = states[pos]
        if not here:
            continue
        beam = sorted(here.items(), key=lambda kv: (-kv[1], kv[0]))[:width]
        moves: list[tuple[int, str, float, bool]] = []  # (end, cyrillic, log share, decoded)
        for size in range(min(longest, n - pos), 0, -1):
            key = word[pos : pos + size]
            opts = table.get(key)
            if opts is None and size == 1:
                opts = table.get(_strip(key))
            if not opts:
                continue
            end = pos + size
            live = [o for o in opts if _holds(o.flags, word, pos, end)]
            total = max(sum(o.weight for o in live), KEY_MASS)
            merged: dict[str, float] = {}
            for o in live:
                merged[o.cyr] = merged.get(o.cyr, 0.0) + o.weight
            moves.extend((end, cyr, math.log(w / total) + log_cost, True) for cyr, w in merged.items())
        if not moves:  # no table entry (a Cyrillic letter, a digit...): keep the character
            moves.append((pos + 1, word[pos], log_cost, False))
        for out, logp in beam:
            prev = out[-1:]
            for end, cyr, log_share, decoded in moves:
                final = end == n
                lp = logp + log_share + math.log(_penalty(lang, prev, cyr, final))
                new = out + cyr
                target = states[end]
                _add_log(target, new, lp)
                # an unwritten soft sign after a consonant, before a consonant or at the end
                nxt = word[end] if end < n else ""
                if (
                    decoded and cyr and cyr[-1] in softenable
                    and (final or (nxt.isascii() and nxt.isalpha() and not _is_vowel(nxt)))
                ):
                    at_end, inside = soft.get(cyr[-1], soft[""])
                    _add_log(target, new + "ь", lp + math.log(at_end if final else inside))
    done = states[n]
    best = max(done.values())
    total = sum(math.exp(lp - best) for lp in done.values())
    ranked = sorted(done.items(), key=lambda kv: (-kv[1], kv[0]))[:width]
    return tuple((cyr, math.exp(lp - best) / total) for cyr, lp in ranked)


def _apply_case(source: str, cyr: str) -> str:
    """Title in -> Title out; ALL CAPS in -> ALL CAPS out; otherwise lower case."""
    cased = [c for c in source if c.isupper() or c.islower()]
    if len(cased) >= 2 and all(c.isupper() for c in cased):
        return cyr.upper()
    if cased and cased[0].isupper() and source[:1].isupper():
        return cyr[:1].upper() + cyr[1:]
    return cyr


def cyrillic_candidates(latin: str, lang: str = "ru", *, limit: int = 10) -> list[tuple[str, float]]:
    """Ranked Cyrillic spellings of a romanized name: ``[(cyrillic, score), ...]``, best first.

    ``lang`` is ``"ru"`` or ``"uk"``.  Every word is decoded on its own and the
    words are combined (scores multiply); characters between words are kept.
    Letters with no table entry (``ő``: as ``o``; other scripts) pass through.
    Text without letters comes back as its own single candidate.

    Bounds: ``latin`` has at most :data:`MAX_LENGTH` (200) characters and
    ``limit`` is at most :data:`MAX_LIMIT` (100); beyond them a ValueError says
    so. Within them the cost grows about linearly with the length: each word is
    decoded by a beam search that keeps ``4 * limit`` readings per letter, and the
    words are combined best first, looking at about ``4 * limit`` combinations
    per word rather than all ``(4 * limit) ** 2`` (measured: 200 characters take
    about 0.1 s at the default limit; the worst case, one 200-letter word at
    ``limit=100``, about 2 s).

    >>> {"Теткино", "Тёткино"} <= {c for c, _ in cyrillic_candidates("Tetkino", limit=3)}
    True
    >>> cyrillic_candidates("Tyotkino", limit=1)[0][0]
    'Тёткино'
    >>> cyrillic_candidates("Zelensky", limit=1)[0][0], cyrillic_candidates("Oleksii", "uk", limit=1)[0][0]
    ('Зеленский', 'Олексій')
    """
    if not isinstance(latin, str):
        raise TypeError(f"text must be a string, not {type(latin).__name__}")
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit must be an integer, not {type(limit).__name__}")
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be from 1 to {MAX_LIMIT}, not {limit}")
    text = unicodedata.normalize("NFC", latin)
    if len(text) > MAX_LENGTH:
        raise ValueError(
            f"cyrillic_candidates reads a name: at most {MAX_LENGTH} characters, not {len(text)}"
        )
    width = max(32, 4 * limit)
    words = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]
    cands_of = [
        [(_apply_case(w, c), math.log(p)) for c, p in _word_candidates(w.lower(), lang, width)]
        for _, _, w in words
    ]
    # Two paths that read differently can only spell the same text when some reading holds a
    # character of the text between words; short of that, the best combinations are found
    # without forming every one (see _best_sums).
    starts = [a for a, _, _ in words]
    ends = [0] + [b for _, b, _ in words]
    gaps = set().union(*(text[b:a] for a, b in zip(starts, ends)))  # characters between words
    unique = all(
        len({c for c, _ in cands}) == len(cands) and not any(gaps.intersection(c) for c, _ in cands)
        for cands in cands_of
    )
    beam: list[tuple[str, float]] = [("", 0.0)]  # (text so far, log score), best first
    last = 0
    for (start, end, _), cands in zip(words, cands_of):
        gap = text[last:start]
        last = end
        if unique:
            beam = _best_sums(beam, gap, cands, width)
            continue
        combined: dict[str, float] = {}
        for head, lp in beam:
            for cyr, lq in cands:
                _add_log(combined, head + gap + cyr, lp + lq)
        beam = sorted(combined.items(), key=lambda kv: (-kv[1], kv[0]))[:width]
    tail = text[last:]
    return [(head + tail, round(math.exp(lp), 6)) for head, lp in beam[:limit]]


def _best_sums(
    beam: list[tuple[str, float]], gap: str, cands: list[tuple[str, float]], width: int
) -> list[tuple[str, float]]:
    """The ``width`` best ``head + gap + cand`` of two lists sorted best first, ties by text.

    Equal to ranking the whole product (when no two combinations spell the same
    text), but looks at about ``width`` combinations, not ``len(beam) * len(cands)``:
    the sums are visited best first from a heap, and every sum tied with the
    last one kept is taken too, so that ties are still broken by the text.
    """
    import heapq

    heap = [(-(beam[0][1] + cands[0][1]), 0, 0)]
    seen = {(0, 0)}
    picked: list[tuple[int, int, float]] = []
    cutoff = -math.inf
    while heap:
        neg, i, j = heap[0]
        if len(picked) >= width and -neg < cutoff:
            break
        heapq.heappop(heap)
        picked.append((i, j, -neg))
        if len(picked) == width:
            cutoff = -neg
        for a, b in ((i + 1, j), (i, j + 1)):
            if a < len(beam) and b < len(cands) and (a, b) not in seen:
                seen.add((a, b))
                heapq.heappush(heap, (-(beam[a][1] + cands[b][1]), a, b))
    out = [(beam[i][0] + gap + cands[j][0], score) for i, j, score in picked]
    out.sort(key=lambda kv: (-kv[1], kv[0]))
    return out[:width]


def iso9_to_cyrillic(text: str) -> str:
    """Exact inverse of ISO 9:1995 (``ru_iso9``), which is a one-to-one transliteration.

    >>> iso9_to_cyrillic("Ŝukin")
    'Щукин'
    """
    return get_scheme("ru_iso9").reverse(text)
