"""Script and language detection from letter evidence.

Names and headlines are short, so statistical language models guess where the
text gives no evidence.  This module only reports what the letters show:

* :func:`detect_script` counts letters per script (Cyrillic, Latin, Greek,
  Georgian) with one ``str.translate`` pass;
* :func:`detect_language` tells the Cyrillic languages we romanize (uk, ru, be,
  bg, sr, mk, kk) apart by their alphabets (a letter a language does not write
  is evidence against it), a few spellings one orthography allows and another
  forbids (Belarusian шы/чэ, Bulgarian ъ before a consonant), and, as weaker
  evidence, frequent short words and endings.  It returns ``None`` when the
  evidence is too weak: ``Москва`` or ``Киев`` are spelt the same in several
  languages.

>>> detect_script("Київ")
'Cyrl'
>>> detect_language("Київ"), detect_language("Киев"), detect_language("Тёткино")
('uk', None, 'ru')
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Final, Literal

from normalize.datafile import DataFileError, Fields, MapOf, check, line_of, parse_json
from normalize.text import APOSTROPHES, CANONICAL_APOSTROPHE, SCRIPT_RANGES, WORD_RE

__all__ = [
    "EVIDENCE", "LANGUAGES", "SCRIPTS", "Evidence", "detect_language", "detect_script", "language_scores",
    "latin_language", "script_counts",
]

#: Languages :func:`detect_language` can return, in tie-break order.
LANGUAGES: Final = ("uk", "ru", "be", "bg", "sr", "mk", "kk")
#: Values :func:`detect_script` can return besides ``None``.
SCRIPTS: Final = ("Cyrl", "Latn", "Grek", "Geor", "Mixed", "Other")

#: Share of the letters one script must hold for the text to be called that script.
SCRIPT_SHARE: Final = 0.8
#: :func:`detect_language` needs the best score to reach MIN_SCORE and to lead by MARGIN.
MIN_SCORE: Final = 1.0
MARGIN: Final = 1.0

# -- scripts -------------------------------------------------------------------------

_MARKS: Final = {"Cyrl": "\x01", "Latn": "\x02", "Grek": "\x03", "Geor": "\x04"}
_LATIN_RANGES: Final = (
    (0x0041, 0x024F), (0x0250, 0x02AF), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F),
    (0xA720, 0xA7FF), (0xAB30, 0xAB6F), (0xFF21, 0xFF5A),
)


@lru_cache(maxsize=1)
def _script_table() -> dict[int, str | None]:
    """translate() table: each letter of a known script -> one control mark."""
    table: dict[int, str | None] = {ord(m): None for m in _MARKS.values()}  # drop stray marks
    for lo, hi in _LATIN_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
                table[cp] = _MARKS["Latn"]
    for script, ranges in SCRIPT_RANGES.items():
        for lo, hi in ranges:
            for cp in range(lo, hi + 1):
                if chr(cp).isalpha():
                    table[cp] = _MARKS[script]
    return table


def script_counts(text: str) -> dict[str, int]:
    """Letters per script: keys Cyrl, Latn, Grek, Geor and Other (letters of any other script).

    >>> script_counts("Kyiv / Київ 2022")
    {'Cyrl': 4, 'Latn': 4, 'Grek': 0, 'Geor': 0, 'Other': 0}
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    marked = text.translate(_script_table())
    counts = {script: marked.count(mark) for script, mark in _MARKS.items()}
    letters = sum(map(str.isalpha, text))
    counts["Other"] = letters - sum(counts.values())
    return counts


def detect_script(text: str) -> str | None:
    """The script of ``text``'s letters as an ISO 15924 code, judged on letters only.

    Returns ``"Cyrl"``, ``"Latn"``, ``"Grek"`` or ``"Geor"`` when that script holds at
    least :data:`SCRIPT_SHARE` (80 %) of the letters, ``"Other"`` when letters of some
    other script do, ``"Mixed"`` when no script does, and ``None`` when there are no
    letters at all.  Digits, punctuation and spaces do not count.

    >>> detect_script("Зеленський заявив, що NATO...")
    'Cyrl'
    >>> detect_script("Θεσσαλονίκη"), detect_script("თბილისი"), detect_script("Kyiv")
    ('Grek', 'Geor', 'Latn')
    >>> detect_script("Київ Kyiv"), detect_script("2022!"), detect_script("東京")
    ('Mixed', None, 'Other')
    """
    counts = script_counts(text)
    total = sum(counts.values())
    if total == 0:
        return None
    best = max(counts, key=counts.__getitem__)  # dict order breaks ties: Cyrl first
    if counts[best] < SCRIPT_SHARE * total:
        return "Mixed"
    return best


# -- languages -----------------------------------------------------------------------

#: The rules :func:`detect_language` can weigh the letters by (its ``evidence`` option).
Evidence = Literal["scores", "spelling", "alphabet"]
EVIDENCE: Final = ("scores", "spelling", "alphabet")
_EVIDENCE_FILE: Final = "language_evidence.json"
_WEIGHTS = MapOf(float)
_GROUPS = [Fields({"items": [str], "weights": _WEIGHTS, "why": str})]
_SHAPE: Final = Fields(
    {
        "_doc": [str],
        "alphabets": MapOf(str),
        "lookalikes": Fields({"latin": str, "cyrillic": str, "why": str}),
        "vowels": str,
        "foreign_letter": float,
        "letters": _GROUPS,
        "pairs": _GROUPS,
        "apostrophe": Fields({"weights": _WEIGHTS, "why": str}),
        "coda_v": Fields({"weights": _WEIGHTS, "why": str}),
        "words": MapOf(_WEIGHTS),
        "endings": MapOf(_WEIGHTS),
        "min_ending_word": int,
    }
)


@dataclass(frozen=True)
class _Tables:
    """``language_evidence.json``, checked and compiled for :func:`language_scores`."""

    alphabets: Mapping[str, frozenset[str]]
    cyrillic: frozenset[str]  # every letter of the alphabets (the apostrophe ʼ is no letter)
    normalize: Mapping[int, str]  # look-alike Latin letters and every apostrophe -> Cyrillic, ʼ
    vowels: str
    foreign: float
    letters: Mapping[str, Mapping[str, float]]
    pairs: Mapping[str, Mapping[str, float]]  # in file order: the order scores add up in
    apostrophe: Mapping[str, float]
    coda_v: Mapping[str, float]
    coda_v_re: re.Pattern[str]
    words: Mapping[str, Mapping[str, float]]
    endings: Mapping[str, Mapping[str, float]]
    longest_ending: int
    min_ending_word: int


def _grouped(groups: list[dict[str, Any]], section: str, name: str, text: str) -> dict[str, dict[str, float]]:
    """item -> weights of the groups of ``section``; an item in two groups is an error."""
    out: dict[str, dict[str, float]] = {}
    for n, group in enumerate(groups):
        for item in group["items"]:
            if item in out:
                line = line_of(text, (section, n))
                raise DataFileError(f"{name}:{line}: {section}[{n}]: {item!r} is in an earlier group too")
            out[item] = {lang: float(w) for lang, w in group["weights"].items()}
    return out


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Read, check and compile the evidence file once."""
    text = (resources.files("normalize.data") / _EVIDENCE_FILE).read_text(encoding="utf-8")
    return _compile(text, name=f"normalize/data/{_EVIDENCE_FILE}")


def _compile(text: str, *, name: str) -> _Tables:
    """The evidence file's ``text`` checked and compiled; a fault is a DataFileError naming ``name``."""
    data: dict[str, Any] = parse_json(text, name=name)  # type: ignore[assignment]
    check(data, _SHAPE, name=name, text=text)
    if set(data["alphabets"]) != set(LANGUAGES):
        raise DataFileError(f"{name}:{line_of(text, ('alphabets',))}: alphabets: one per language of {LANGUAGES}")
    lookalikes = data["lookalikes"]
    if len(lookalikes["latin"]) != len(lookalikes["cyrillic"]):
        raise DataFileError(f"{name}:{line_of(text, ('lookalikes',))}: lookalikes: latin and cyrillic differ in length")
    letters = _grouped(data["letters"], "letters", name, text)
    pairs = _grouped(data["pairs"], "pairs", name, text)
    for section, table in (
        ("letters", letters), ("pairs", pairs), ("words", data["words"]), ("endings", data["endings"]),
        ("apostrophe", {"": data["apostrophe"]["weights"]}), ("coda_v", {"": data["coda_v"]["weights"]}),
    ):
        for item, weights in table.items():
            unknown = sorted(set(weights) - set(LANGUAGES))
            if unknown:
                where = (section, item) if section in ("words", "endings") else (section,)
                raise DataFileError(f"{name}:{line_of(text, where)}: {section}: unknown language {unknown[0]!r}")
    alphabets = {lang: frozenset(letters_) for lang, letters_ in data["alphabets"].items()}
    vowels = data["vowels"]
    endings = {end: {lang: float(w) for lang, w in weights.items()} for end, weights in data["endings"].items()}
    return _Tables(
        alphabets=alphabets,
        cyrillic=frozenset().union(*alphabets.values()) - {CANONICAL_APOSTROPHE},
        normalize=str.maketrans(
            {
                **dict(zip(lookalikes["latin"], lookalikes["cyrillic"])),
                **dict.fromkeys(APOSTROPHES, CANONICAL_APOSTROPHE),
            }
        ),
        vowels=vowels,
        foreign=float(data["foreign_letter"]),
        letters=letters,
        pairs=pairs,
        apostrophe={lang: float(w) for lang, w in data["apostrophe"]["weights"].items()},
        coda_v={lang: float(w) for lang, w in data["coda_v"]["weights"].items()},
        coda_v_re=re.compile(f"(?<=[{vowels}])в(?![{vowels}])"),
        words={word: {lang: float(w) for lang, w in weights.items()} for word, weights in data["words"].items()},
        endings=endings,
        longest_ending=max(map(len, endings)),
        min_ending_word=data["min_ending_word"],
    )


def _cyrillic_words(text: str, tables: _Tables) -> list[str]:
    """Lower-cased words of ``text`` that contain Cyrillic letters; inner apostrophes as ʼ."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    words = []
    for word in WORD_RE.findall(text.lower()):
        if tables.cyrillic.isdisjoint(word):
            continue
        words.append(word.translate(tables.normalize))
    return words


def language_scores(text: str) -> dict[str, float]:
    """Evidence points per language for Cyrillic ``text`` (every language in LANGUAGES).

    Positive points are evidence for a language, negative ones against it (letters it
    does not write: -4 each).  Points add up over the text; they are not
    probabilities.  Words without Cyrillic letters are ignored.  The weights are data:
    ``normalize/data/language_evidence.json``.

    >>> language_scores("Їжакевич")["uk"] > 0 > language_scores("Їжакевич")["ru"]
    True
    >>> set(language_scores("Москва").values())
    {0.0}
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    tables = _tables()
    scores = dict.fromkeys(LANGUAGES, 0.0)
    words = _cyrillic_words(text, tables)
    if not words:
        return scores
    joined = " " + " ".join(words) + " "
    letters = Counter(joined)
    for letter, n in letters.items():
        if letter not in tables.cyrillic and letter != CANONICAL_APOSTROPHE:
            continue
        for lang, weight in tables.letters.get(letter, {}).items():
            scores[lang] += weight * n
        for lang in LANGUAGES:
            if letter not in tables.alphabets[lang]:
                scores[lang] += tables.foreign * n
    # Bulgarian writes ь only before о
    scores["bg"] += tables.foreign * (letters.get("ь", 0) - joined.count("ьо"))
    apostrophes = letters.get(CANONICAL_APOSTROPHE, 0)
    for lang, weight in tables.apostrophe.items():
        scores[lang] += weight * apostrophes
    for pair, weights in tables.pairs.items():
        n = joined.count(pair)
        if n:
            for lang, weight in weights.items():
                scores[lang] += weight * n
    if "в" in letters:
        codas = len(tables.coda_v_re.findall(joined))
        for lang, weight in tables.coda_v.items():
            scores[lang] += weight * codas
    for word in words:
        for lang, weight in tables.words.get(word, {}).items():
            scores[lang] += weight
        if len(word) >= tables.min_ending_word:
            for size in range(min(tables.longest_ending, len(word) - 2), 1, -1):
                found = tables.endings.get(word[-size:])
                if found:
                    for lang, weight in found.items():
                        scores[lang] += weight
                    break
    return {lang: round(score, 3) for lang, score in scores.items()}


def detect_language(text: str, *, evidence: Evidence = "scores") -> str | None:
    """The language of Cyrillic ``text``, or ``None`` when its letters do not show it.

    ``evidence`` chooses the rule, for what the answer is used for:

    ``"scores"`` (the default) weighs every clue for the seven languages we romanize (uk,
    ru, be, bg, sr, mk, kk; see :func:`language_scores`) and answers only when the best
    score is at least :data:`MIN_SCORE` and leads every other by :data:`MARGIN`: names
    written alike in several languages give ``None`` rather than a guess.

    >>> [detect_language(w) for w in ("Москва", "Киев", "Київ", "Тёткино", "Лукашэнка")]
    [None, None, 'uk', 'ru', 'be']
    >>> detect_language("Он сказал, что это не так")
    'ru'
    >>> detect_language("Ђоковић"), detect_language("Ѓорче Петров"), detect_language("Қазақстан")
    ('sr', 'mk', 'kk')
    >>> detect_language("България"), detect_language("Kyiv") is None
    ('bg', True)

    ``"spelling"`` reads ru, uk or be for declining a name (:mod:`normalize.inflect`): a
    letter one of them alone writes decides, and so do spellings typical of Ukrainian
    where no letter does (see :func:`_spelling`); ``None`` where nothing shows (the
    inflection tables then read the name as Russian).

    >>> [detect_language(w, evidence="spelling") for w in ("Києві", "Магілёў", "Тёткино", "Зеленський", "Москва")]
    ['uk', 'be', 'ru', 'uk', None]

    ``"alphabet"`` answers ru, uk or be only where the letters *prove* it, for data that
    must be certain (the ``lang`` of a gazetteer's names, :mod:`normalize.geonames`): ї,
    є, ґ are Ukrainian only; ў Belarusian only; і with и or щ is Ukrainian (Belarusian has
    neither); і with ы, э or ё is Belarusian (Ukrainian has none of them); ы, э or ё with
    и, щ or ъ is Russian (Belarusian lacks the latter, Ukrainian and Bulgarian the former).
    A letter of no East Slavic alphabet gives ``None``.

    >>> [detect_language(s, evidence="alphabet") for s in ("Тёткино", "Київ", "Вінниця", "Ўздзенне", "Бярэзіна")]
    ['ru', 'uk', 'uk', 'be', 'be']
    >>> [detect_language(s, evidence="alphabet") for s in ("Харків", "Саки", "Дурычы", "Тьоткіно", "Краснојарск")]
    [None, None, None, None, None]
    """
    if evidence == "scores":
        scores = language_scores(text)
        ranked = sorted(LANGUAGES, key=lambda lang: -scores[lang])  # stable: LANGUAGES order on ties
        best, second = ranked[0], ranked[1]
        if scores[best] >= MIN_SCORE and scores[best] - scores[second] >= MARGIN:
            return best
        return None
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    if evidence == "spelling":
        return _spelling(text.lower())
    if evidence == "alphabet":
        return _alphabet(text)
    raise ValueError(f"evidence must be one of {', '.join(EVIDENCE)}, not {evidence!r}")


# -- East Slavic spelling (for declension) -----------------------------------------------

# with і: Мінская вобласць is Belarusian (Ukrainian writes Мінська область)
_BELARUSIAN_HINT: Final = re.compile(r"сць|ая\b")
# э after a consonant is Belarusian (Лукашэнка); Russian writes е there
_BELARUSIAN_E: Final = re.compile(r"[бвгджзклмнпрстфхцчш]э")
# Ukrainian spellings without Ukrainian letters: an apostrophe inside a word (Russian writes
# ъ); a neuter place name in -ове/-еве/-ине/-не (Russian -ово/-овое); -ць (Russian -ц: Торопець);
# the short adjectives of place names (Нова Слобода, Велика Буда; Russian Новая, Великая)
_UKRAINIAN_HINT: Final = re.compile(
    f"[а-я][{re.escape(APOSTROPHES)}][а-я]" r"|[аеиоу][вн]е\b|ць\b"
    r"|\b(?:нов|стар|велик|мал|червон|зелен|верхн|нижн|середн|чорн|крив|весел|зимн|широк)[аяе]\b"
)


def _spelling(low: str) -> str | None:
    """ru, uk or be as lower-case ``low``'s spelling shows it, else None.

    ў is Belarusian; ї є ґ Ukrainian; і is Ukrainian, or Belarusian next to ы э ё, -сць or
    -ая; ы э ё ъ are Russian (but э after a consonant is Belarusian: Лукашэнка). Without
    any of these, Ukrainian spellings mark Ukrainian: -ськ- -цьк- -зьк- (Зеленський), an
    apostrophe inside a word (Слов'янськ), the endings -ове -ене -ине (Курахове) and -ць
    (Торопець), short adjectives (Нова Слобода).
    """
    if "ў" in low:
        return "be"
    if "ї" in low or "є" in low or "ґ" in low:
        return "uk"
    russian = "ы" in low or "э" in low or "ё" in low or "ъ" in low
    if "і" in low:
        return "be" if (russian or _BELARUSIAN_HINT.search(low)) else "uk"
    if russian:
        return "be" if _BELARUSIAN_E.search(low) else "ru"
    if "ськ" in low or "цьк" in low or "зьк" in low or _UKRAINIAN_HINT.search(low):
        return "uk"
    return None


# -- East Slavic alphabets (proof) -----------------------------------------------------


@dataclass(frozen=True)
class _Proof:
    """Letter sets of the ru, uk and be alphabets that prove a language (see detect_language)."""

    east_slavic: frozenset[str]
    only_uk: frozenset[str]
    only_be: frozenset[str]
    not_uk: frozenset[str]
    not_be: frozenset[str]
    not_ru: frozenset[str]
    ru_be: frozenset[str]  # Russian and Belarusian, not Ukrainian
    ru_uk: frozenset[str]  # Russian and Ukrainian, not Belarusian


@lru_cache(maxsize=1)
def _proof() -> _Proof:
    """The letter sets, derived from the alphabets of ``language_evidence.json``."""
    alphabets = _tables().alphabets
    ru, uk, be = (alphabets[lang] - {CANONICAL_APOSTROPHE} for lang in ("ru", "uk", "be"))
    return _Proof(
        east_slavic=ru | uk | be,
        only_uk=uk - ru - be,
        only_be=be - ru - uk,
        not_uk=(ru | be) - uk,
        not_be=(ru | uk) - be,
        not_ru=(uk | be) - ru,
        ru_be=(ru & be) - uk,
        ru_uk=(ru & uk) - be,
    )


def _alphabet(text: str) -> str | None:
    """ru, uk or be where the letters of ``text`` prove it, else None."""
    proof = _proof()
    letters = {c for c in text.lower() if c.isalpha()}
    if not letters <= proof.east_slavic:
        return None
    if letters & proof.only_uk and not letters & proof.not_uk:
        return "uk"
    if letters & proof.only_be and not letters & proof.not_be:
        return "be"
    if "і" in letters:
        if letters & proof.ru_uk and not letters & proof.not_uk:
            return "uk"
        if letters & proof.ru_be and not letters & proof.not_be:
            return "be"
        return None
    if letters & proof.ru_be and letters & (proof.ru_uk | {"ъ"}) and not letters & proof.not_ru:
        return "ru"
    return None


# -- West Slavic (Latin letters) -------------------------------------------------------

# letters only one West Slavic language writes (the Polish ó, ł, ś...; the Czech ě ř ů; the
# Slovak ä ô ľ ĺ ŕ); a name with none of them shows no language
_LATIN_HINTS: Final = (("pl", frozenset("łąęśźżćńó")), ("cs", frozenset("ěřů")), ("sk", frozenset("äôľĺŕ")))


def latin_language(text: str) -> str | None:
    """The West Slavic language a Latin name's letters show: "pl", "cs", "sk" or None.

    >>> latin_language("Lwów"), latin_language("Kyjevě"), latin_language("Kyjev")
    ('pl', 'cs', None)
    """
    low = set(text.lower())
    found = [code for code, letters in _LATIN_HINTS if low & letters]
    return found[0] if len(found) == 1 else None
