"""Evidence from running text: is a capitalized word that names a small place a mention at all?

A one-word name of a village is also, very often, a common word ("Progress",
"Майское", "Sąd", "Börse"), a famous person's surname ("Lenin", "Гагарина") or an
adjective ("Новая жизнь", "Балтийском море"). The exact pass finds such a word
wherever it is capitalized; this module weighs what the text around it says. It
knows nothing about one entity: its word lists (``normalize/data/tagging.json``)
are function words, determiners, prepositions and a few kinds of common nouns
per language, and endings of adjectives.

Only *weak* mentions are weighed: a one-word key whose candidates are all
places, none of them big (:data:`BIG_PLACE`, log10 of the population). Their
features (:func:`features`), each 0 or 1 unless said otherwise:

``initial``
    the word starts a sentence and a lower-case word follows it, so its capital
    tells nothing ("Progress on...", "Майское утро"; a name alone on its line or
    before a comma is not counted);
``noun_caps``
    the text is German, where every noun is capitalized;
``determiner``
    in German or French, an article or determiner comes before it, in German
    possibly with adjectives between ("die ukrainische Marine", "der Moskauer
    Börse"): towns take none (English is left out: "the Saky airfield");
``agreement``
    it ends like an adjective and the next word is a lower-case noun with an
    agreeing ending ("Новая жизнь", "Ukraińska marynarka");
``memorial``
    a noun for a thing named after a person is next to it ("Lenin statues",
    "памятник Ленину", "ulica Gagarina"), or before it with a joining preposition
    (``memorial_links``: "statue de Lénine", "monument à Pouchkine"; the preposition
    is then no ``preposition``);
``feature``
    a noun for a river, sea or lake is next to it ("Oskil river", "Балтийском
    море");
``preposition``
    a preposition that takes a place comes before it ("near Dachne", "под
    Суджей");
``lower_next``
    the next word is a lower-case word of the same script (a place name is more
    often followed by punctuation, a verb or a preposition than by a noun);
``repeated``
    one of its places is named earlier in the text by a mention that was kept
    ("ostrzale Kupiańska ... Kupiańsk leży").

The size of the place is not a feature: the development set names few villages,
and a model that learned "small means no" from it would drop the front-line
villages the news names every day; size only decides which mentions are weighed
at all (under ``big_place``, log10 of the population: 100,000).

The decision is one logistic model (:func:`decide`): ``p = sigmoid(bias + sum
w_i * f_i)``; the mention is kept when ``p >= threshold``. The weights are
fitted on the development half of the news benchmark by
``benchmarks/fit_mention_evidence.py`` and stored in ``tagging.json``
(``evidence_model``). A rejected mention is not lost: ``Tagger.tag(text,
all=True)`` and ``normalize tag --all`` show it with its reason.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any, Final

from normalize.datafile import DataFileError, Fields, MapOf, check, line_of, parse_json
from normalize.fold import fold

__all__ = ["FEATURES", "NEXT_WORD_RE", "WORD_PATTERN", "WORD_SEP_RE", "abbreviation_at", "agrees", "data", "decide",
           "decide_values", "document_language", "feature_values", "features", "is_sentence_initial", "sentence_bounds", "words_before"]

#: the features of :func:`features`, in the model's order
FEATURES = ("initial", "noun_caps", "determiner", "agreement", "memorial", "feature", "preposition",
            "lower_next", "repeated")

#: a word of a name as the text's evidence reads it (letters, with ' ’ ʼ or - inside)
WORD_PATTERN = r"[^\W\d_](?:[\w'’ʼ-]*\w)?"
_WORD_RE = re.compile(WORD_PATTERN)
#: words one after another, each with the separators after it
WORD_SEP_RE = re.compile(rf"({WORD_PATTERN})([^\w]*)")
#: the next word after a position (``match``): (separators, word)
NEXT_WORD_RE = re.compile(rf"([^\w]*)({WORD_PATTERN})")
#: a character no word runs through (see :func:`words_before`)
_BREAK_RE = re.compile(r"[^\w'’ʼ-]")
#: what may stand between a sentence end and the next sentence's first word
_OPENERS = " \t\r\n\xa0\"'«»„“”‘’‹›([{—–-*•"
_SENTENCE_ENDS = ".!?…"


_WORDS = MapOf([str])  # language -> words
_SHAPE = Fields({
    "_doc": str,
    "language_words": _WORDS,
    "language_letters": MapOf(str),
    "determiners": _WORDS,
    "kinship_words": _WORDS,
    "speech_verbs": _WORDS,
    "linking_verbs": _WORDS,
    "subject_town_size": float,
    "subject_verb_reach": int,
    "object_first_languages": [str],
    "name_articles": _WORDS,
    "phrase_end_words": _WORDS,
    "club_context_words": _WORDS,
    "score_shape": str,
    "team_member_nouns": _WORDS,
    "feature_nouns_after": _WORDS,
    "name_ending_nouns": _WORDS,
    "naming_words": _WORDS,
    "thing_nouns": _WORDS,
    "thing_nouns_before": _WORDS,
    "title_nouns_before": _WORDS,
    "quoted_thing_languages": [str],
    "quoted_thing_nouns": _WORDS,
    "facility_nouns": _WORDS,
    "facility_village_size": float,
    "facility_determiners": _WORDS,
    "named_facility_nouns": _WORDS,
    "place_prepositions": _WORDS,
    "memorial_words": _WORDS,
    "memorial_links": _WORDS,
    "authored_works": _WORDS,
    "author_links": _WORDS,
    "birthplace_words": _WORDS,
    "area_compound_heads": _WORDS,
    "feature_words": _WORDS,
    "feature_name_words": _WORDS,
    "feature_subtypes": [str],
    "street_nouns": _WORDS,
    "street_nouns_after": _WORDS,
    "name_nouns_after": _WORDS,
    "kind_nouns_before_name": _WORDS,
    "eponym_words": _WORDS,
    "crossing_nouns": _WORDS,
    "crossing_links": _WORDS,
    "direction_words": _WORDS,
    "category_words": MapOf(MapOf(str)),
    "adjective_endings": [str],
    "coordinators": [str],
    "language_coordinators": _WORDS,
    "coordinated_articles": [str],
    "adjective_agreement": [[[str]]],
    "adjective_ending_spellings": [[str]],
    "common_words": _WORDS,
    "foreign_places": _WORDS,
    "foreign_place_endings": MapOf([str]),
    "elided_words": [str],
    "capital_elided_words": [str],
    "generic_links": _WORDS,
    "town_articles": _WORDS,
    "town_subtypes": [str],
    "outlet_subtype_words": [str],
    "shared_press": MapOf(str),
    "written_adjective_endings": [str],
    "title_case_acronyms": [str],
    "abbreviations": _WORDS,
    "district_adjective_endings": [str],
    "area_words": _WORDS,
    "water_prepositions": _WORDS,
    "water_names": [str],
    "water_case_endings": _WORDS,
    "water_locative_endings": _WORDS,
    "water_link_nouns": _WORDS,
    "club_words": _WORDS,
    "region_prepositions": _WORDS,
    "located_in": Fields({"prepositions": [str], "endings": [str], "region_subtypes": [str]}),
    "located_near": Fields({"prepositions": [str], "district_nouns": [str]}),
    "region_case_endings": _WORDS,
    "region_noun_endings": MapOf(MapOf(str)),
    "region_noun_letters": _WORDS,
    "declined_adjectives_before_category": [str],
    "category_equivalents": MapOf(str),
    "category_stems": [str],
    "category_links": [str],
    "name_links": [str],
    "romanized_adjective_endings": [str],
    "subtype_sizes": MapOf(float),
    "name_case_endings": MapOf(MapOf([str])),
    "person_over_place": float,
    "adjective_name_endings": [str],
    "adjective_before_category": [str],
    "adjective_declension": MapOf(Fields({"adjective": [str], "nominative": [str], "noun": [str]})),
    "declined_lower_adjectives": MapOf([str]),
    "press_given_names": _WORDS,
    "given_name_case_endings": Fields({"endings": [str], "nominative": [str], "fleeting": [str]}),
    "big_adjective_place": float,
    "untranscribed_letters": str,
    "evidence_model": Fields({
        "weights": Fields({name: float for name in (*FEATURES, "bias")}),
        "threshold": float,
        "big_place": float,
    }),
})


def _read(text: str, *, name: str) -> Any:
    """The parsed ``tagging.json`` text, checked: a fault is a :class:`~normalize.datafile.DataFileError`
    naming ``name`` and the line."""
    raw: Any = parse_json(text, name=name)
    check(raw, _SHAPE, name=name, text=text)
    for i, pair in enumerate(raw["adjective_agreement"]):
        if len(pair) != 2:
            where = ("adjective_agreement", i)
            raise DataFileError(f"{name}:{line_of(text, where)}: adjective_agreement[{i}]: must be "
                                "[adjective endings, noun endings]", where)
    return raw


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """``normalize/data/tagging.json``, checked at load, words folded, as sets."""
    text = (resources.files("normalize.data") / "tagging.json").read_text(encoding="utf-8")
    raw = _read(text, name="normalize/data/tagging.json")
    out: dict[str, Any] = {"raw": raw}
    for name in ("language_words", "determiners", "place_prepositions", "memorial_words", "memorial_links",
                 "feature_words", "feature_name_words", "direction_words", "common_words",
                 "linking_verbs"):
        out[name] = {lang: frozenset(fold(w) for w in words) for lang, words in raw[name].items()}
    for name in ("memorial_words", "feature_words", "feature_name_words", "direction_words", "place_prepositions",
                 "common_words"):
        out[name + "_any"] = frozenset().union(*out[name].values())
    out["language_letters"] = {lang: letters.lower() for lang, letters in raw["language_letters"].items()}
    out["foreign_place_endings"] = {fold(end): tuple(fold(r) for r in repl)
                                    for end, repl in raw["foreign_place_endings"].items()}
    out["foreign_place_ending_sizes"] = sorted({len(end) for end in out["foreign_place_endings"]})
    # the hand-written exonyms by language, and GeoNames' names of capitals and large cities elsewhere
    world = json.loads((resources.files("normalize.data") / "world_cities.json").read_text(encoding="utf-8"))
    out["foreign_places"] = frozenset(fold(w) for words in raw["foreign_places"].values() for w in words) | {
        fold(w) for w in world["names"]
    }
    for name in ("kinship_words", "speech_verbs", "name_articles", "thing_nouns", "thing_nouns_before",
                 "facility_nouns", "naming_words", "facility_determiners", "named_facility_nouns"):
        out[name + "_any"] = frozenset(fold(w) for words in raw[name].values() for w in words)
    out["outlet_subtype_words"] = frozenset(fold(w) for w in raw["outlet_subtype_words"])
    out["title_nouns_before_any"] = frozenset(fold(w) for words in raw["title_nouns_before"].values() for w in words)
    out["quoted_thing_nouns_any"] = out["title_nouns_before_any"] | frozenset(
        fold(w) for words in raw["quoted_thing_nouns"].values() for w in words)
    # the prepositions of the languages that quote a town's name only as a thing's (quotes.py)
    out["quoted_thing_prepositions"] = frozenset(
        w for lang in raw["quoted_thing_languages"] for w in out["place_prepositions"].get(lang, ()))
    out["abbreviations"] = frozenset(fold(w) for words in raw["abbreviations"].values() for w in words)
    for name in ("coordinators", "coordinated_articles", "elided_words", "capital_elided_words", "category_links"):
        out[name] = frozenset(fold(w) for w in raw[name])
    out["language_coordinators"] = {lang: frozenset(fold(w) for w in words)
                                    for lang, words in raw["language_coordinators"].items()}
    out["language_coordinators_any"] = frozenset().union(*out["language_coordinators"].values())
    out["generic_links_any"] = frozenset(fold(w) for words in raw["generic_links"].values() for w in words)
    out["category_stems"] = tuple(fold(w) for w in raw["category_stems"])
    out["category_equivalents"] = {fold(k): fold(v) for k, v in raw["category_equivalents"].items()}
    out["category_words"] = {fold(w): (cls, fold(base)) for cls, forms in raw["category_words"].items()
                             for w, base in forms.items()}
    out["adjective_endings"] = sorted({fold(e) for e in raw["adjective_endings"]}, key=len, reverse=True)
    # a two-letter adjective ending -> the first spelling of its group (Ленинский районный: -ий and -ый agree)
    out["adjective_ending_spellings"] = {fold(e): fold(group[0]) for group in raw["adjective_ending_spellings"]
                                         for e in group}
    out["agreement"] = [(tuple(fold(e) for e in adj), tuple(fold(e) for e in noun))
                        for adj, noun in raw["adjective_agreement"]]
    # language -> [(folded ending, folded stem endings that do not take it, folded nominative ending put
    # back)], longest ending first; "y>a": the ending -y stands for a nominative's -a (Polish "Dumy": Duma)
    out["name_case_endings"] = {
        lang: sorted(((fold(end.partition(">")[0]), tuple(fold(b) for b in blocked), fold(end.partition(">")[2]))
                      for end, blocked in rules.items()), key=lambda r: -len(r[0]))
        for lang, rules in raw["name_case_endings"].items()}
    out["adjective_name_endings"] = tuple(fold(e) for e in raw["adjective_name_endings"])
    out["area_words_any"] = frozenset(fold(w) for words in raw["area_words"].values() for w in words)
    out["street_nouns_any"] = frozenset(fold(w) for words in raw["street_nouns"].values() for w in words)
    out["water_prepositions_any"] = frozenset(fold(w) for words in raw["water_prepositions"].values() for w in words)
    out["water_names"] = frozenset(fold(w) for w in raw["water_names"])
    # a water preposition -> the endings a river's name takes after it (None: any form, "nad Dnieprem")
    water_endings: dict[str, tuple[str, ...] | None] = {}
    for lang, words in raw["water_prepositions"].items():
        ends = raw["water_case_endings"].get(lang)
        for w in words:
            had = water_endings.get(fold(w), ())
            water_endings[fold(w)] = None if ends is None or had is None else (*had, *(fold(x) for x in ends))
    out["water_case_endings"] = water_endings
    out["water_locative_endings"] = tuple(sorted({fold(w) for words in raw["water_locative_endings"].values() for w in words}))
    out["water_link_nouns_any"] = frozenset(fold(w) for words in raw["water_link_nouns"].values() for w in words)
    out["club_words_any"] = frozenset(fold(w) for words in raw["club_words"].values() for w in words)
    out["declined_adjectives_before_category"] = tuple(fold(w) for w in raw["declined_adjectives_before_category"])
    out["region_prepositions_any"] = frozenset(fold(w) for words in raw["region_prepositions"].values() for w in words)
    out["region_case_endings_any"] = tuple(sorted({fold(w) for words in raw["region_case_endings"].values() for w in words}))
    out["region_noun_endings_any"] = {end: adj for ends in raw["region_noun_endings"].values() for end, adj in ends.items()}
    out["district_adjective_endings"] = out["adjective_name_endings"] + tuple(
        fold(e) for e in raw["district_adjective_endings"])
    out["adjective_declension"] = {
        lang: (tuple(sorted((fold(e) for e in r["adjective"]), key=len, reverse=True)),
               tuple(fold(e) for e in r["nominative"]), tuple(fold(e) for e in r["noun"]))
        for lang, r in raw["adjective_declension"].items()}
    out["declined_lower_adjectives"] = {lang: tuple(fold(e) for e in stems)
                                        for lang, stems in raw["declined_lower_adjectives"].items()}
    out["adjective_before_category"] = tuple(sorted(raw["adjective_before_category"], key=len, reverse=True))
    out["big_adjective_place"] = float(raw["big_adjective_place"])
    model = raw["evidence_model"]
    out["weights"] = {k: float(v) for k, v in model["weights"].items()}
    out["threshold"] = float(model["threshold"])
    out["big_place"] = float(model["big_place"])
    return out


def document_language(text: str) -> str | None:
    """The language of a Latin-script text among those of ``language_words`` (None: not Latin, or unknown).

    Counts the frequent function words of each language in the first few thousand
    characters, and for a language with at least one of them, the letters only it writes
    (``language_letters``: a Czech text shares na, do, po, o with Polish, not ř, ě, ů). The only
    such language whose letters the text writes twice or more is the text's language;
    Cyrillic text gets None (its capitals work as in English).
    """
    sample = text[:4000]
    letters = sum(1 for c in sample[:1000] if c.isalpha())
    if not letters:
        return None
    cyr = sum(1 for c in sample[:1000] if "\u0400" <= c <= "\u04ff")
    if cyr * 2 > letters:
        return "uk" if any(c in "іїєґ" for c in sample.lower()) else "ru"
    words = [fold(w) for w in _WORD_RE.findall(sample)]
    if not words:
        return None
    best, best_n = None, 0
    own_letters = data()["language_letters"]  # language -> the letters only it writes
    low = ""
    lettered: list[str] = []
    for lang, vocab in data()["language_words"].items():
        n = sum(1 for w in words if w in vocab)
        if n and lang in own_letters:  # letters only this language writes (Czech ř, Polish ł): more of its words
            low = low or sample.lower()
            own = sum(low.count(c) for c in own_letters[lang])
            if own >= 2:
                lettered.append(lang)
            n += own
        if n > best_n:
            best, best_n = lang, n
    if len(lettered) == 1:
        return lettered[0]  # the only language whose own letters the text writes, with its words
    return best if best_n >= 2 else None


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``(a, b)``: the sentence around ``text[start:end]``, from after the last sentence end (one of
    ``.!?…`` with a space after it) or line break before ``start`` to the first one at or after
    ``end`` (its end character included)."""
    a = start
    while a > 0 and not (text[a - 1] == "\n" or a < len(text) and text[a - 1] in _SENTENCE_ENDS and text[a].isspace()
                         and not abbreviation_at(text, a - 1)):
        a -= 1
    b = end
    n = len(text)
    while b < n and not (text[b] == "\n" or text[b] in _SENTENCE_ENDS and (b + 1 == n or text[b + 1].isspace())
                         and (b + 1 == n or not abbreviation_at(text, b))):
        b += 1
    return a, min(b + 1, n)


#: what may stand before an initial ("V. Putin", "M. Macron"): the initial is a word of its own
_BEFORE_INITIAL = frozenset(" \t\n\xa0(«\"'„“")


def abbreviation_at(text: str, i: int) -> bool:
    """Is the full stop at ``text[i]`` that of an abbreviation, which ends no sentence: a title or
    a word of ``abbreviations`` ("Gen.", "Lt. Col.", "St.", "gen.", "ген.", "ул."), or one capital
    letter standing alone, an initial ("V. Putin", "M. Macron"; "U.S." is no initial: it may end a
    sentence)."""
    if text[i] != ".":
        return False
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    if j == i or i - j > 8:
        return False
    if i - j == 1:
        return text[j].isupper() and (j == 0 or text[j - 1] in _BEFORE_INITIAL)
    if j > 0 and text[j - 1] == ".":
        return False  # the last letters of "U.S.", "z.B."
    return fold(text[j:i]) in data()["abbreviations"]


def is_sentence_initial(text: str, start: int) -> bool:
    """Does the word at ``start`` begin a sentence (or the text, or a line)?"""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        if text[i] == "\n":
            return True
        i -= 1
    return i < 0 or text[i] in _SENTENCE_ENDS and not abbreviation_at(text, i) or text[i] == ":"


def words_before(text: str, lo: int, pos: int, n: int, limit: int | None = None) -> list[re.Match[str]]:
    """Up to ``n`` words that follow each other up to ``pos``, nearest first, each a match of
    :data:`WORD_SEP_RE` (the word, then the separators after it), none starting before ``lo``
    and, with ``limit``, none with its separators longer than ``limit`` characters.

    The same words as tokenizing all of ``text[lo:pos]``, read from a short window first: a word
    of the window is a word of the whole range unless the window cuts it, and then (or when the
    window holds too few words) the window widens.
    """
    w = max(lo, pos - 24 * n)
    finditer = WORD_SEP_RE.finditer
    while True:
        found = list(finditer(text, w, pos))
        out: list[re.Match[str]] = []
        end = pos
        # the window's first word is whole when the window starts at the range's start or after
        # a character that no word runs through
        whole = w == lo or _BREAK_RE.match(text, w - 1) is not None
        for k in range(len(found) - 1, -1, -1):
            m = found[k]
            if m.end() != end or len(out) == n or (limit is not None and end - m.start(1) > limit):
                return out
            if k == 0 and not whole:
                break
            out.append(m)
            end = m.start(1)
        else:
            if w == lo:
                return out
        w = max(lo, w - 60 * n)


def _prev_words(text: str, start: int, n: int, span: int = 0) -> list[tuple[str, str]]:
    """Up to ``n`` words before ``start``, nearest first, each with what separates it from the next.

    The words that follow each other up to ``start`` with nothing but separators
    between them, within the 60 characters a word may take each, over ``span``
    words' worth of text (default ``n``: a word cut by that limit is read as what
    is left of it).
    """
    lo = max(0, start - 60 * (span or n))
    if n == 1 and start > 1 and text[start - 1] == " ":
        # most often a word of letters alone between two spaces: that word, read without a regex
        sp = text.rfind(" ", max(lo, start - 61), start - 1)
        if sp >= 0:
            word = text[sp + 1 : start - 1]
            if word.isalpha():
                return [(word, " ")]
    got = _letter_words_before(text, lo, start, n)
    if got is not None:
        return got
    return [(m.group(1), m.group(2)) for m in words_before(text, lo, start, n, 60)]


def _letter_words_before(text: str, lo: int, start: int, n: int) -> list[tuple[str, str]] | None:
    """What :func:`_prev_words` finds, read back character by character, when each word is letters
    alone after a character no word runs through (the memorial links' languages ask for two words
    before every weak mention, German three); None for anything else (a digit, an apostrophe or a
    hyphen next to a word, the range's start reached), which the regex reads."""
    out: list[tuple[str, str]] = []
    end = start
    for _ in range(n):
        if end - 2 > lo and text[end - 1] == " " and text[end - 2].isalpha():
            # most often letters alone and one space: the word found by the space before it (in C)
            sp = text.rfind(" ", lo, end - 1)
            if sp >= 0 and text[sp + 1 : end - 1].isalpha():
                if end - sp - 1 > 60:
                    return out
                out.append((text[sp + 1 : end - 1], " "))
                end = sp + 1
                continue
        k = end
        while k > lo and not (text[k - 1].isalnum() or text[k - 1] == "_"):
            k -= 1  # the separators: no word character
        j = k
        while j > lo and text[j - 1].isalpha():
            j -= 1
        if j == k or j <= lo:
            return None
        c = text[j - 1]
        if c.isalnum() or c == "_" or c in "'’ʼ-":
            return None
        if end - j > 60:
            return out  # a word with its separators longer than the limit: the regex stops there too
        out.append((text[j:k], text[k:end]))
        end = j
    return out


def _elided(word: str) -> str:
    """A word as written, folded, without the elided article or preposition before its apostrophe
    ("L'avenue" -> "avenue")."""
    if word.isalpha():
        return fold(word)  # letters alone: no apostrophe (most words)
    for apostrophe in "'’ʼ":
        if apostrophe in word:
            head, _, rest = word.rpartition(apostrophe)
            if rest and fold(head) in data()["elided_words"]:
                return fold(rest)
    return fold(word)


def next_word(text: str, end: int) -> tuple[str, str] | None:
    """The word after ``end`` and what separates it from the mention."""
    global _last_next
    last = _last_next
    if last[0] is text and last[1] == end:  # asked twice for one mention (the tagger, then features)
        return last[2]
    m = NEXT_WORD_RE.match(text, end, end + 60)
    got = None if m is None else (m.group(2), m.group(1))
    _last_next = (text, end, got)
    return got


#: the last answer of :func:`next_word`: (text, end, answer)
_last_next: tuple[str | None, int, tuple[str, str] | None] = (None, -1, None)


def adjective_stems(word: str) -> list[str]:
    """What a folded place adjective may be formed from: the word less a case ending, when that
    leaves a name in -sk ("покровському" -> "покровськ", "kupianskim" -> "kupiansk"); a word
    with no such ending is its own stem ("kupiansk")."""
    out = []
    inflected = False
    for end in data()["adjective_endings"]:
        if word.endswith(end) and len(word) - len(end) >= 4:
            stem = word[: -len(end)]
            if stem.endswith(("ськ", "зьк", "цьк", "ск", "зк", "цк", "sk", "ck")):
                inflected = True
                if stem not in out:
                    out.append(stem)
    if not inflected:
        out.append(word)
    return out


def _is_adjective_like(word: str) -> bool:
    low = word.lower()
    return low.endswith(("e", "en", "er", "es", "em", "ue", "ien"))


def _is_german_adjective(word: str) -> bool:
    """Can a German word stand as an adjective between a determiner and a noun: a lower-case word
    with an adjective's ending ("ukrainische"), or a capitalized one in -er formed from a place
    ("Moskauer"); a capitalized word with another ending is a noun ("Grenzorte", "Stadt")."""
    if word[:1].isupper():
        return word.endswith("er")
    return _is_adjective_like(word)


def agrees(word: str, nxt: str) -> bool:
    """Do the folded ``word`` and ``nxt`` end like an adjective and a noun agreeing with it
    (``adjective_agreement``)?"""
    if len(nxt) < 3:
        return False
    rules, adjectives = _agreement()
    if not word.endswith(adjectives):  # no rule's adjective ending: none can apply
        return False
    for adj, noun, longest in rules:
        if word.endswith(adj) and nxt.endswith(noun) and len(word) > longest + 2:
            return True
    return False


@lru_cache(maxsize=1)
def _agreement() -> tuple[list[tuple[tuple[str, ...], tuple[str, ...], int]], tuple[str, ...]]:
    """``adjective_agreement`` as (adjective endings, noun endings, the longest adjective ending), and
    every adjective ending."""
    rules = [(adj, noun, max(map(len, adj))) for adj, noun in data()["agreement"]]
    return rules, tuple(e for adj, _, _ in rules for e in adj)


def features(text: str, start: int, end: int, lang: str | None, size: float, repeated: bool = False) -> dict[str, float]:
    """The features of the mention ``text[start:end]`` (see the module docstring); ``repeated``:
    one of its places is named earlier in the text by a mention that was kept."""
    return dict(zip(_DECIDE_KEYS, feature_values(text, start, end, lang, size, repeated)))


def feature_values(text: str, start: int, end: int, lang: str | None, size: float,
                   repeated: bool = False) -> tuple[float, ...]:
    """The values of :func:`features`, in its order (``FEATURES``, then the size), without the
    dict: what :func:`decide_values` reads (the tagger weighs every weak mention so and makes the
    dict only for a mention it logs or turns down)."""
    d = data()
    initial_f = determiner = agreement = memorial = feature = preposition = lower_next = 0.0
    # is_sentence_initial, inlined (it is asked for every weak mention)
    i = start - 1
    while True:
        if i < 0:
            initial = True
            break
        c = text[i]
        if c not in _OPENERS:
            initial = c in _SENTENCE_ENDS and not (c == "." and abbreviation_at(text, i)) or c == ":"
            break
        if c == "\n":
            initial = True
            break
        i -= 1
    # only German reads past the word just before (adjectives between a determiner and the name)
    links = d["memorial_links"].get(lang or "")
    prev = _prev_words(text, start, 3 if lang == "de" else 2 if links else 1, span=3)
    nxt = next_word(text, end)
    # the words next to the mention with only spaces between (memorial and feature words)
    near0 = near1 = near2 = None
    if prev:
        w0 = _elided(prev[0][0])
        sep0 = prev[0][1]
        if not initial:
            # a determiner just before, or before adjectives only ("der Moskauer", "die ukrainische"); not
            # in English, where a place name is often a noun's attribute ("the Saky airfield")
            dets = d["determiners"].get(lang or "", ())
            if dets:
                for k, (w, sep) in enumerate(prev):
                    if sep.strip() and sep.strip() not in ("'", "’"):
                        break  # punctuation between: another phrase
                    if (w0 if k == 0 else fold(w)) in dets:
                        determiner = 1.0
                        break
                    # German puts adjectives between ("die ukrainische Marine", "der Moskauer Börse"), but
                    # a capitalized noun between is an apposition ("die Grenzorte Schebekino", "die Stadt X")
                    if lang != "de" or not _is_german_adjective(w) or k == 2:
                        break
            stripped = sep0.strip()
            if not stripped or stripped in ("'", "’"):
                preps = d["place_prepositions"].get(lang or "", d["place_prepositions_any"]) if lang \
                    else d["place_prepositions_any"]
                if w0 in preps:
                    preposition = 1.0
        if not sep0.strip(" \xa0"):
            near0 = w0
            if links and w0 in links and len(prev) > 1 and not prev[1][1].strip(" \xa0") \
                    and _elided(prev[1][0]) in d["memorial_words_any"]:
                # "statue de Lénine", "monument à Pouchkine": the preposition joins the thing to its name
                near2 = _elided(prev[1][0])
                preposition = 0.0
    if nxt is not None and nxt[1] in _POSSESSIVE_SEPS and nxt[0] in ("s", "S"):
        near1 = _after_possessive(text, end + 2)  # "Lenin's statue": the thing named after a person
    elif nxt is not None and not nxt[1].strip(" \xa0"):
        nword = nxt[0]
        near1 = fold(nword)
        if nword[:1].islower() and _same_script(nword, text[start:end]):
            lower_next = 1.0
            initial_f = float(initial)
            if agrees(fold(text[start:end]), near1):
                agreement = 1.0
    if near0 is not None or near1 is not None:
        words = d["memorial_words_any"]
        if near0 in words or near1 in words or near2 is not None:
            memorial = 1.0  # near2 is set only when it is a memorial word
        words = d["feature_words_any"]
        if near0 in words or near1 in words or near2 in words:
            feature = 1.0
    # in the order of FEATURES, then the size (not a feature of the model: shown in the reason)
    return (initial_f, float(lang == "de"), determiner, agreement, memorial, feature, preposition, lower_next,
            float(repeated), size)


#: the apostrophes of an English possessive ("Lenin's", "Lenin’s")
_POSSESSIVE_SEPS: Final = frozenset(("'", "’"))


def _after_possessive(text: str, pos: int) -> str | None:
    """The word (folded) right after a possessive's "'s" ending at ``pos``, with only spaces between:
    "Lenin's statue" reads "statue" as "Lenin statue" does, for the memorial and feature words (a
    lower-case word after a possessive says nothing: "Kupiansk's outskirts")."""
    m = NEXT_WORD_RE.match(text, pos, pos + 60)
    if m is None or m.group(1).strip(" \xa0"):
        return None
    return fold(m.group(2))


_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


def _same_script(a: str, b: str) -> bool:
    """Are both words Cyrillic (a letter of U+0400-U+04FF in each), or neither?"""
    # an ASCII word holds no Cyrillic letter: no search needed
    return (a.isascii() or _CYRILLIC_RE.search(a) is None) == (b.isascii() or _CYRILLIC_RE.search(b) is None)


def decide(f: dict[str, float]) -> tuple[bool, float]:
    """``(keep, probability)`` of the evidence model for features ``f``."""
    d = data()
    memo = _DECIDED
    if _DECIDED_FROM[0] is not d:  # other data (a test's): forget what the model decided
        memo.clear()
        _DECIDED_FROM[:] = [d, "size" not in d["weights"]]
    # the answer depends on the features' values, in order: most mentions share a few patterns
    # (the size, when it has no weight, is left out of the key)
    values = tuple(f.values())
    if _DECIDED_FROM[1] and len(values) == len(_DECIDE_KEYS) and tuple(f) == _DECIDE_KEYS:
        key: Any = values[:-1]
    else:
        key = (tuple(f), values)
    got = memo.get(key)
    if got is None:
        got = _decided(d, key, f.items())
    return got


def decide_values(values: tuple[float, ...]) -> tuple[bool, float]:
    """:func:`decide` of the features whose values :func:`feature_values` gives, in that order
    (the same answers, the same remembered ones)."""
    d = data()
    if _DECIDED_FROM[0] is not d:
        _DECIDED.clear()
        _DECIDED_FROM[:] = [d, "size" not in d["weights"]]
    key: Any = values[:-1] if _DECIDED_FROM[1] else (_DECIDE_KEYS, values)
    got = _DECIDED.get(key)
    if got is None:
        got = _decided(d, key, zip(_DECIDE_KEYS, values))
    return got


def _decided(d: dict[str, Any], key: Any, items: Iterable[tuple[str, float]]) -> tuple[bool, float]:
    """The model's answer for the features ``items`` (name, value), remembered under ``key``."""
    w = d["weights"]
    get = w.get
    z = get("bias", 0.0) + sum([get(k, 0.0) * v for k, v in items if v])  # a feature at 0 adds nothing
    p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
    got = (p >= d["threshold"], p)
    if len(_DECIDED) > 4096:
        _DECIDED.clear()
    _DECIDED[key] = got
    return got


#: what :func:`decide` answered, by the features' values
_DECIDED: dict[Any, tuple[bool, float]] = {}
#: the data those answers came from, and whether its model leaves the size out
_DECIDED_FROM: list[Any] = [None, False]
#: the keys of :func:`features`, in its order: the last, ``size``, has no weight
_DECIDE_KEYS = (*FEATURES, "size")


def reason(f: dict[str, float], p: float) -> str:
    """A short account of a rejection: the features that spoke against the mention."""
    w = data()["weights"]
    against = [k for k in FEATURES if k != "size" and f.get(k) and w.get(k, 0.0) < 0]
    size = f.get("size", 0.0)
    head = ", ".join(against) if against else "no evidence"
    return f"{head}; place size {size:.1f}; p={p:.2f}"


@lru_cache(maxsize=1 << 16)
def names_foreign_place(word: str) -> bool:
    """Whether ``word`` (folded) is a well-known place elsewhere, as written or in a case form
    (``foreign_places`` and ``foreign_place_endings``: 'берлине', 'londynie', 'warszawie')."""
    return reads_foreign_place(word)


def reads_foreign_place(word: str) -> bool:
    """:func:`names_foreign_place`, worked out each time: for a caller that remembers the answer
    under its own key (the tagger, by the word as written), where a second memo would only grow."""
    d = data()
    known = d["foreign_places"]
    if word in known:
        return True
    endings = d["foreign_place_endings"]
    for size in d["foreign_place_ending_sizes"]:
        stem = word[:-size]
        replacements = endings.get(word[-size:])
        if replacements and len(stem) >= 4 and any(stem + r in known for r in replacements):
            return True
    return False
