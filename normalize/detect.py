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
from functools import lru_cache
from typing import Final

from normalize.translit import SCRIPT_RANGES

__all__ = ["LANGUAGES", "SCRIPTS", "detect_language", "detect_script", "language_scores"]

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

#: Alphabets (lower case).  Bulgarian ь is only written before о; that is checked apart.
_ALPHABETS: Final[dict[str, frozenset[str]]] = {
    "ru": frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    "uk": frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяʼ"),
    "be": frozenset("абвгдеёжзійклмнопрстуўфхцчшыьэюяʼ"),
    "bg": frozenset("абвгдежзийклмнопрстуфхцчшщъьюя"),
    "sr": frozenset("абвгдђежзијклљмнњопрстћуфхцчџш"),
    "mk": frozenset("абвгдѓежзѕијклљмнњопрстќуфхцчџш"),
    "kk": frozenset("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"),
}
_CYRILLIC: Final = frozenset().union(*_ALPHABETS.values()) - {"ʼ"}

#: Points per occurrence of a letter, per language: how strongly the letter suggests it.
#: Letters one language alone writes weigh 3; letters shared by a few weigh less, and
#: less again where the language writes them only in loanwords (ё ы э ъ in Kazakh).
_LETTER_WEIGHTS: Final[dict[str, dict[str, float]]] = {
    "ї": {"uk": 3.0}, "є": {"uk": 3.0}, "ґ": {"uk": 3.0},
    "ў": {"be": 3.0},
    "ђ": {"sr": 3.0}, "ћ": {"sr": 3.0},
    "ѓ": {"mk": 3.0}, "ќ": {"mk": 3.0}, "ѕ": {"mk": 3.0},
    **{c: {"kk": 3.0} for c in "әғқңөұүһ"},
    "ј": {"sr": 1.5, "mk": 1.5}, "љ": {"sr": 1.5, "mk": 1.5},
    "њ": {"sr": 1.5, "mk": 1.5}, "џ": {"sr": 1.5, "mk": 1.5},
    "і": {"uk": 1.5, "be": 1.5, "kk": 0.5},
    "ё": {"ru": 1.5, "be": 1.0, "kk": 0.3},
    "ы": {"ru": 1.0, "be": 1.0, "kk": 0.5},
    "э": {"ru": 1.0, "be": 1.0, "kk": 0.3},
    "ъ": {"ru": 0.5, "bg": 1.5, "kk": 0.2},
    "щ": {"ru": 0.5, "uk": 0.5, "bg": 0.8, "kk": 0.1},
}
#: Points per occurrence of a letter the language does not write at all.
_FOREIGN_PENALTY: Final = -4.0

_CONSONANTS: Final = "бвгджзйклмнпрстфхцчшщ"
#: Letter pairs one orthography writes and another forbids or avoids.
_BIGRAM_WEIGHTS: Final[dict[str, dict[str, float]]] = {
    # Belarusian ж ш ч р ц are always hard: жы шы чы, жэ шэ чэ рэ цэ (Russian writes жи ши чи, же ше)
    **{c + "ы": {"be": 1.5} for c in "жшч"},
    **{c + "э": {"be": 1.5, "ru": 0.2} for c in "жшчрц"},
    # Bulgarian ъ is a vowel (България, път); Russian ъ only precedes е ё ю я
    **{"ъ" + c: {"bg": 2.5} for c in _CONSONANTS if c != "й"},
    # Bulgarian writes ь only in ьо; Ukrainian also has ьо (сьогодні), Russian only in loanwords;
    # Belarusian writes ё instead (сёння)
    "ьо": {"bg": 1.0, "uk": 0.5, "be": -1.0},
    # Belarusian turns soft д т into дз ц (дзень, цень): ді ті дя тя ... are Ukrainian/Russian
    **{c + v: {"be": -1.5} for c in "дт" for v in "еёіюяь"},
}
_VOWELS: Final = "аеёиоуыэюяіїєәөұүў"
_CODA_V_RE: Final = re.compile(f"(?<=[{_VOWELS}])в(?![{_VOWELS}])")

#: Frequent short words (whole tokens), weaker evidence than letters.
_WORD_WEIGHTS: Final[dict[str, dict[str, float]]] = {
    "и": {"ru": 0.4, "bg": 0.4, "sr": 0.3, "mk": 0.3},
    "в": {"ru": 0.4, "uk": 0.3},
    "что": {"ru": 1.0}, "это": {"ru": 1.0}, "его": {"ru": 1.0}, "был": {"ru": 0.7},
    "была": {"ru": 0.7}, "как": {"ru": 0.5, "bg": 0.5}, "из": {"ru": 0.5, "bg": 0.4},
    "от": {"ru": 0.5, "bg": 0.5}, "для": {"ru": 0.3, "uk": 0.3}, "он": {"ru": 0.5},
    "та": {"uk": 0.7}, "що": {"uk": 1.5}, "це": {"uk": 0.7}, "як": {"uk": 0.5, "be": 0.5},
    "його": {"uk": 0.7}, "у": {"uk": 0.3, "be": 0.3, "sr": 0.3}, "з": {"uk": 0.3, "be": 0.3},
    "до": {"uk": 0.2, "ru": 0.2, "be": 0.2, "bg": 0.2},
    "ад": {"be": 0.7}, "па": {"be": 0.5}, "ён": {"be": 1.0},
    "што": {"be": 0.5, "sr": 0.5, "mk": 0.5},
    "че": {"bg": 1.0}, "това": {"bg": 1.0}, "са": {"bg": 0.7, "sr": 0.5},
    "се": {"bg": 0.5, "sr": 0.5, "mk": 0.5},
    "да": {"bg": 0.4, "sr": 0.4, "mk": 0.4, "ru": 0.1}, "е": {"bg": 0.5, "mk": 0.5},
    "който": {"bg": 1.0}, "които": {"bg": 1.0}, "през": {"bg": 0.7}, "след": {"bg": 0.7},
    "од": {"sr": 0.5, "mk": 0.5}, "као": {"sr": 1.0}, "био": {"sr": 1.0}, "није": {"sr": 1.0},
    "во": {"mk": 0.7, "ru": 0.2}, "со": {"mk": 0.5, "ru": 0.2}, "ги": {"mk": 0.5, "bg": 0.3},
    "мен": {"kk": 0.7}, "бен": {"kk": 0.7}, "деп": {"kk": 1.0}, "жылы": {"kk": 0.7},
}
#: Word endings (words of 5+ letters), weaker evidence than letters.
_ENDING_WEIGHTS: Final[dict[str, dict[str, float]]] = {
    "ский": {"ru": 1.0}, "цкий": {"ru": 1.0}, "ская": {"ru": 1.0},
    "ого": {"ru": 0.2, "uk": 0.2}, "ая": {"ru": 0.5}, "ое": {"ru": 0.3},
    "ться": {"ru": 0.3, "uk": 0.3},
    "ський": {"uk": 1.0}, "цький": {"uk": 1.0}, "ська": {"uk": 1.0},
    "ськ": {"uk": 1.0}, "цьк": {"uk": 1.0}, "ння": {"uk": 0.7},
    "ски": {"bg": 0.4, "sr": 0.4, "mk": 0.4}, "ът": {"bg": 1.0},
    "вић": {"sr": 1.0},
}
_LONGEST_ENDING: Final = max(map(len, _ENDING_WEIGHTS))

_APOSTROPHES: Final = "'\u2019\u02bc`\u2018\u00b4"
_WORD_RE: Final = re.compile(r"[^\W\d_]+(?:[" + re.escape(_APOSTROPHES) + r"][^\W\d_]+)*")
#: Latin letters typed for their Cyrillic look-alikes inside Cyrillic words (Ukrainian і!),
#: and every apostrophe as the letter ʼ.
_NORMALIZE: Final = str.maketrans(
    {**dict(zip("aceiopxyjïë", "асеіорхујїё")), **dict.fromkeys(_APOSTROPHES, "ʼ")}
)


def _cyrillic_words(text: str) -> list[str]:
    """Lower-cased words of ``text`` that contain Cyrillic letters; inner apostrophes as ʼ."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    words = []
    for word in _WORD_RE.findall(text.lower()):
        if _CYRILLIC.isdisjoint(word):
            continue
        words.append(word.translate(_NORMALIZE))
    return words


def language_scores(text: str) -> dict[str, float]:
    """Evidence points per language for Cyrillic ``text`` (every language in LANGUAGES).

    Positive points are evidence for a language, negative ones against it (letters it
    does not write: -4 each).  Points add up over the text; they are not
    probabilities.  Words without Cyrillic letters are ignored.

    >>> language_scores("Їжакевич")["uk"] > 0 > language_scores("Їжакевич")["ru"]
    True
    >>> set(language_scores("Москва").values())
    {0.0}
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    scores = dict.fromkeys(LANGUAGES, 0.0)
    words = _cyrillic_words(text)
    if not words:
        return scores
    joined = " " + " ".join(words) + " "
    letters = Counter(joined)
    for letter, n in letters.items():
        if letter not in _CYRILLIC and letter != "ʼ":
            continue
        for lang, weight in _LETTER_WEIGHTS.get(letter, {}).items():
            scores[lang] += weight * n
        for lang in LANGUAGES:
            if letter not in _ALPHABETS[lang]:
                scores[lang] += _FOREIGN_PENALTY * n
    # Bulgarian writes ь only before о
    scores["bg"] += _FOREIGN_PENALTY * (letters.get("ь", 0) - joined.count("ьо"))
    # the apostrophe between letters: Ukrainian and Belarusian (Russian writes ъ)
    apostrophes = letters.get("ʼ", 0)
    scores["uk"] += 1.0 * apostrophes
    scores["be"] += 1.0 * apostrophes
    for pair, weights in _BIGRAM_WEIGHTS.items():
        n = joined.count(pair)
        if n:
            for lang, weight in weights.items():
                scores[lang] += weight * n
    # Belarusian writes ў, not в, after a vowel before a consonant or at the end (Харкаў)
    if "в" in letters:
        scores["be"] += -2.0 * len(_CODA_V_RE.findall(joined))
    for word in words:
        for lang, weight in _WORD_WEIGHTS.get(word, {}).items():
            scores[lang] += weight
        if len(word) >= 5:
            for size in range(min(_LONGEST_ENDING, len(word) - 2), 1, -1):
                found = _ENDING_WEIGHTS.get(word[-size:])
                if found:
                    for lang, weight in found.items():
                        scores[lang] += weight
                    break
    return {lang: round(score, 3) for lang, score in scores.items()}


def detect_language(text: str) -> str | None:
    """The language (uk, ru, be, bg, sr, mk, kk) of Cyrillic ``text``, or ``None``.

    A language is returned only when its score (see :func:`language_scores`) is at
    least :data:`MIN_SCORE` and leads every other language by :data:`MARGIN`; names
    written alike in several languages give ``None`` rather than a guess.

    >>> [detect_language(w) for w in ("Москва", "Киев", "Київ", "Тёткино", "Лукашэнка")]
    [None, None, 'uk', 'ru', 'be']
    >>> detect_language("Он сказал, что это не так")
    'ru'
    >>> detect_language("Ђоковић"), detect_language("Ѓорче Петров"), detect_language("Қазақстан")
    ('sr', 'mk', 'kk')
    >>> detect_language("България"), detect_language("Kyiv") is None
    ('bg', True)
    """
    scores = language_scores(text)
    ranked = sorted(LANGUAGES, key=lambda lang: -scores[lang])  # stable: LANGUAGES order on ties
    best, second = ranked[0], ranked[1]
    if scores[best] >= MIN_SCORE and scores[best] - scores[second] >= MARGIN:
        return best
    return None
