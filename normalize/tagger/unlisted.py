"""People the lexicon does not hold, named by given name and surname: their names are not places.

News names ordinary people in full ("Olena Lozova, a resident of Kherson", "захисник Олег
Мирний", "Anna Lwowska, nauczycielka") and then by surname ("Lozova's brother", "а Мирного
повідомили"). A surname is often a place's name or a place adjective (Lozova, Мирний,
Курская, Pokrovsky) or the surname of someone the lexicon holds under another given name
("Ivan Kovalchuk" is not Yury Kovalchuk), and a given name may be a town's name (Anna). After
the exact pass, :meth:`UnlistedPeople.drop` turns down, within one chunk:

* a one-word mention right after a given name (``given_names.json``, in any script and
  case form: "Олега", "Івана", "Anny"; after an elided French word too: "d'Elizaveta",
  ``elided_words``) that names no organization: a place, or a surname
  whose persons have other given names, also given names the table lacks ("Adam Kadyrov" is
  not Ramzan Kadyrov; a person whose given name the scanner joined, or whose given names
  are not known at all, is kept);
* a one-word place mention that is a given name, or a given name's diminutive ("Stas
  Žyrkov"), right before a capitalized word that no mention covers ("Anna Lwowska");
* a one-word mention that is a given name right after a kinship noun (``kinship_words``:
  "Klitschko's brother Wladimir" is no city Vladimir);
* a lexicon person's surname alone right before a capitalized word that is no given name, no
  mention and no category word: the first word of a longer name the lexicon lacks ("Kim Jong
  Un" is not Vitaliy Kim);
* a one-word place right after an article that never stands before a town (``name_articles``)
  and before a capitalized word no mention covers: a word of a longer name ("the Moscow Times");
* a one-word place right after a capitalized word no mention covers that itself follows an
  article no town takes (``town_articles``; not German, which capitalizes every noun): the
  last word of a longer name, a club or a firm named after its town ("le Chakhtar Donetsk",
  "du Dynamo Kiev");
* a one-word place or surname before a street's noun or opening capitalized words that end in a
  company's legal form ("Kalinina Avenue", "Novorossiysk Shipping Ltd": :mod:`normalize.tagger.longer_names`);
* the same surname alone later in the paragraph, in any case form ("Мирного", "Lozova's"; a
  surname of three letters as written), unless the chunk names a person the lexicon holds under
  that surname in full between the two (the surname alone is the person's named last before it:
  "Daniil Medvedev ... Medvedev ... Dmitry Medvedev"), or it names a city of 100,000 people or more (``_CITY_SIZE``) and no
  verb of saying follows the surname (``speech_verbs``: "Shevchenko said" is the person).

Engine data only (the given names); nothing about one entity. Cheap: a look at the word
before (and after) each one-word mention, a dictionary look-up for each such word (kept).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Final

from normalize import evidence
from normalize.fold import fold, skeleton
from normalize.person_names import given_name_table, patronymic_gender
from normalize.tagger.longer_names import COMPANY, longer_name_after
from normalize.tagger.quotes import OPENERS
from normalize.tagger.results import VIA_SPELLING, Raw, Rejected
from normalize.tagger.state import TaggerState, UsesState
from normalize.tagger.table import SHORT
from normalize.tagger.teams import after_initials, club_context, feature_noun, heads_its_phrase, team_member_noun
from normalize.tagger.words import ELIDED, title_case_line

__all__ = ["UnlistedPeople", "folded_given_names", "given_name_groups"]

#: apostrophes and letters that may end a word ("Lozova's")
_WORD_CHARS: Final = "'’ʼ-"
_ONE_WORD_MAX = 40
#: why a mention right after a given name is turned down (the reason :mod:`normalize.tagger.spellings` gives too)
_AFTER_GIVEN: Final = "the surname of someone else after a given name"
#: a place at least this big (log10 of its population: 100,000) stays itself when a person
#: named before shares its name ("Olena Mykolaiv ... in Mykolaiv")
_CITY_SIZE: Final = 5.0
#: why a town right after a capitalized word is turned down in a text about sport (the word goes too, when tagged)
_CLUB: Final = "a town's name after a capitalized word in a text about sport: the club named after it"
#: how many first letters two case forms of one surname share at least (Мирний, Мирного)
_PREFIX: Final = 4
#: the shortest surname remembered (as written: "Kim" of "Kim Jong Un")
_SHORTEST: Final = 3


@lru_cache(maxsize=1)
def _case_endings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(case endings a given name may carry, what its nominative may end with instead):
    ``given_name_case_endings`` in normalize/data/tagging.json."""
    raw = evidence.data()["raw"]["given_name_case_endings"]
    return tuple(raw["endings"]), tuple(raw["nominative"])


@lru_cache(maxsize=1)
def _endings_by_last() -> dict[str, tuple[str, ...]]:
    """The case endings of :func:`_case_endings` by their last letter, each list in the data's order:
    a word is tried only with the endings it can end with."""
    out: dict[str, list[str]] = {}
    for end in _case_endings()[0]:
        if end:
            out.setdefault(end[-1], []).append(end)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _fleeting() -> tuple[str, ...]:
    """Vowels a given name's last syllable loses in its case forms (Marek: Marka, Markiem; Paweł: Pawła;
    Karel: Karla): ``fleeting`` of ``given_name_case_endings``."""
    return tuple(fold(v) for v in evidence.data()["raw"]["given_name_case_endings"]["fleeting"])


def _index(key: Callable[[str], str]) -> dict[str, frozenset[str]]:
    """``key`` of every spelling of a given name (``given_names.json``: Cyrillic and Latin) -> the
    groups (ids) it belongs to; a given name of the press languages (``press_given_names`` in
    tagging.json: Zbigniew, Thomas, Jean) that is no spelling of those is a group of its own
    ("=" and its key), one for every language that has it."""
    out: dict[str, set[str]] = {}
    for g in given_name_table():
        for field in ("ru", "uk", "be", "latin"):
            for name in g.get(field, []):
                out.setdefault(key(name), set()).add(g["id"])
    for names in evidence.data()["raw"]["press_given_names"].values():
        for name in names:
            k = key(name)
            if k not in out:
                out[k] = {"=" + k}
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def given_name_groups() -> dict[str, frozenset[str]]:
    """Skeleton of every spelling of a given name -> the groups it belongs to."""
    return _index(lambda name: skeleton(fold(name)).replace(" ", ""))


@lru_cache(maxsize=1)
def folded_diminutives() -> dict[str, frozenset[str]]:
    """Every diminutive of a given name (``diminutives`` of ``given_names.json``: Stas, Стас, Sasha), folded
    -> its groups. Read only where a place's name stands before a surname: some are words or towns
    elsewhere (Italian "Roma"), so they are no given names to the other rules."""
    out: dict[str, set[str]] = {}
    for g in given_name_table():
        for name in g.get("diminutives", []):
            out.setdefault(fold(name).replace(" ", ""), set()).add(g["id"])
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _diminutive_starts() -> frozenset[str]:
    """The first three letters of every diminutive, lower case as written and folded: the cheap first test of a word."""
    return frozenset({x for g in given_name_table() for name in g.get("diminutives", [])
                      for x in (name[:3].lower(), fold(name)[:3])})


@lru_cache(maxsize=1)
def folded_given_names() -> dict[str, frozenset[str]]:
    """Every spelling of a given name, folded (lower case, no diacritics) -> its groups."""
    return _index(lambda name: fold(name).replace(" ", ""))


@lru_cache(maxsize=1)
def _surname_tails() -> frozenset[str]:
    """What may follow a short surname's stem in its case forms: the case endings of
    ``given_name_case_endings`` and what a nominative ends with (nothing, -а, -о...)."""
    endings, nominative = _case_endings()
    return frozenset(endings) | frozenset(nominative)


def _same_surname(a: str, b: str) -> bool:
    """Are the folded words ``a`` and ``b`` one surname in two case forms (Мирний, Мирного)?
    A stem shorter than ``_PREFIX`` letters (Гора: Горою, Горі; Дуб: Дуба) counts when what
    follows it in both words is a case ending (so Дубно is not Дуб's)."""
    if a == b:
        return True
    n = min(len(a), len(b))
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    if p < _PREFIX:
        tails = _surname_tails()
        return p >= _SHORTEST and a[p:] in tails and b[p:] in tails
    return p >= n - 2 and abs(len(a) - len(b)) <= 3


#: why a lexicon surname before a capitalized word no mention covers is turned down
_LONGER_PERSON: Final = "a surname before a capitalized word no mention covers: a longer name the lexicon lacks"


@lru_cache(maxsize=8192)
def _patronymic(word: str) -> bool:
    """Does a capitalized word end like a patronymic (``person_names.json``: Миколайович, Олексіївна), also in
    another case (Ивановича, Ивановичем; Ивановны, Ивановной: one or two letters off, or for -а)?"""
    return any(patronymic_gender(w) is not None for w in (word, word[:-1], word[:-2], word[:-1] + "а", word[:-2] + "а"))


def _word_before(chunk: str, s: int) -> str:
    """The word right before position ``s`` with one space between ('' if none)."""
    if s < 2 or chunk[s - 1] != " " or not chunk[s - 2].isalpha():
        return ""
    return chunk[chunk.rfind(" ", max(0, s - 41), s - 1) + 1 : s - 1]


def _word_after(chunk: str, e: int) -> str:
    """The word right after position ``e`` with one space between ('' if none)."""
    if e + 1 >= len(chunk) or chunk[e] != " " or not chunk[e + 1].isalpha():
        return ""
    sp = chunk.find(" ", e + 1, e + 40)
    if sp >= 0 and chunk[e + 1 : sp].isalpha():
        return chunk[e + 1 : sp]  # letters alone up to the next space (most words): found in C
    k = e + 1
    while k < len(chunk) and k - e < 40 and (chunk[k].isalpha() or chunk[k] in _WORD_CHARS):
        k += 1
    word = chunk[e + 1 : k].rstrip(_WORD_CHARS)
    return word[:-2] if word[-2:] in ("'s", "’s") else word  # "Kim Jong Un's sister"


def _speaker_after(chunk: str, e: int) -> bool:
    """Does a verb of saying follow the word ending at ``e`` ("Shevchenko said")? ``speech_verbs``."""
    word = _word_after(chunk, e)
    return bool(word) and fold(word) in evidence.data()["speech_verbs_any"]


def _thing_noun_after(chunk: str, e: int) -> bool:
    """Is the word right after ``e`` (one space between) a noun for a made thing or a facility
    (``thing_nouns``, ``facility_nouns``: "the Zarya shipyard", "the Vostochny cosmodrome")?"""
    word = _word_after(chunk, e)
    if not word or not word.islower():
        return False
    w = fold(word)
    d = evidence.data()
    return w in d["thing_nouns_any"] or w in d["facility_nouns_any"]


@lru_cache(maxsize=1)
def _facility_words() -> frozenset[str]:
    """The nouns of :func:`_facility_further`."""
    d = evidence.data()
    nouns: frozenset[str] = d["thing_nouns_any"] | d["facility_nouns_any"] | d["named_facility_nouns_any"]
    return nouns


def _facility_further(chunk: str, e: int) -> str:
    """Is the word after ``e``, or one of the two after it, a noun for a facility, craft or outlet
    (``thing_nouns``, ``facility_nouns``, ``named_facility_nouns``), only lower-case words between that are
    no function words or place prepositions ("the Kurakhove power station", "its Burshtyn coal-fired plant"),
    or two words that make such a noun ("the Yuzhnoye design bureau")? The noun (folded), or "".
    Read only after a determiner that never stands before a town's name."""
    nouns = _facility_words()
    d = evidence.data()
    pos = e
    last = ""
    for _ in range(3):
        word = _word_after(chunk, pos)
        if not word or not word.islower():
            return ""
        w = fold(word)
        if w in nouns:
            return w
        if last and f"{last} {w}" in nouns:  # a noun of two words: "design bureau"
            return f"{last} {w}"
        last = w
        if w in d["common_words_any"] or w in d["place_prepositions_any"]:
            return ""
        pos += 1 + len(word)
    return ""


#: the farthest a quotation mark may stand from a mention in a quoted headline
_QUOTED_HEADLINE_REACH = 120
#: a word of a quoted headline (letters only)
_LETTERS_RE = re.compile(r"[^\W\d_]+")


def _in_title_case(chunk: str, s: int) -> bool:
    """Is position ``s`` in a headline written in Title Case, on a line of its own
    (:func:`~normalize.tagger.words.title_case_line`) or quoted in running text ('"Zelensky Meets
    Sybiha, Umerov Ahead Of Geneva Talks" was the top headline'): one line between quotation marks, every
    word of four letters or more capitalized, at least four of them? There the capital of the word after
    a surname says nothing of a longer name."""
    if title_case_line(chunk, s):
        return True
    lo = max(0, s - _QUOTED_HEADLINE_REACH)
    q = max(chunk.rfind('"', lo, s), chunk.rfind("\u201c", lo, s))
    if q < 0:
        return False
    hi = min(len(chunk), s + _QUOTED_HEADLINE_REACH)
    ends = [i for i in (chunk.find('"', s, hi), chunk.find("\u201d", s, hi)) if i >= 0]
    if not ends:
        return False
    part = chunk[q + 1 : min(ends)]
    if "\n" in part:
        return False
    long = [w for w in _LETTERS_RE.findall(part) if len(w) >= 4]
    return len(long) >= 4 and all(w[0].isupper() for w in long)


def _after_name_article(chunk: str, s: int) -> bool:
    """Does an article that never stands before a town's name stand right before ``s`` ("the")?
    ``name_articles``."""
    word = _word_before(chunk, s)
    return bool(word) and fold(word) in evidence.data()["name_articles_any"]


def _capitalized_before(chunk: str, s: int, starts: dict[int, int]) -> str:
    """The capitalized word no mention covers right before ``s`` ('' if none)."""
    prev = _word_before(chunk, s)
    if not prev or not prev[0].isupper() or s - 1 - len(prev) in starts or not _name_word(prev):
        return ""
    return prev


@lru_cache(maxsize=16)
def _town_articles_of(lang: str | None) -> frozenset[str]:
    """``town_articles`` of a language, lower case (empty for a language without; None: of every
    language)."""
    raw = evidence.data()["raw"]["town_articles"]
    if lang is None:
        return frozenset(w for words in raw.values() for w in words)
    return frozenset(raw.get(lang, ()))


def _without_elided(word: str) -> str:
    """``word`` without an elided French (Catalan, Italian) article or preposition before its
    apostrophe ("d'Elizaveta" -> "Elizaveta"; ``elided_words``); as written otherwise."""
    for q in ("'", "’"):
        k = word.find(q)
        if 0 < k < len(word) - 1 and word[:k].lower() in ELIDED:
            return word[k + 1 :]
    return word


def _name_word(word: str) -> bool:
    """Is ``word`` capitalized, lower case after its first letter (hyphens allowed: "Yong-hyun"),
    and no category word ("Oblast", "Region")?"""
    if len(word) < 2 or not word[0].isupper() or not word.replace("-", "").isalpha():
        return False
    if not word[1:].replace("-", "").islower():
        return False
    folded = fold(word)
    return not folded.startswith(evidence.data()["category_stems"])


def _after_agreeing_adjective(chunk: str, s: int, e: int, starts: dict[int, int]) -> str | None:
    """Why a one-word organization at ``s``-``e`` is the noun of a longer name, or None: a capitalized
    adjective no mention covers stands right before it and agrees with it (``adjective_agreement``:
    "Krasnaya Zvezda" is the army's newspaper, not the Zvezda channel)."""
    prev = _word_before(chunk, s)
    if not _name_word(prev) or s - 1 - len(prev) in starts:
        return None
    if not evidence.agrees(fold(prev), fold(chunk[s:e])):
        return None
    return "an agreeing adjective before it: the noun of a longer name the lexicon lacks"


class UnlistedPeople(UsesState):
    """Turns down places and namesakes that are the names of people the lexicon does not hold."""

    def __init__(self, state: TaggerState) -> None:
        super().__init__(state)
        self._groups_of: dict[str, frozenset[str]] = {}  # word as written -> its given-name groups (kept)
        self._person_groups: dict[int, frozenset[str]] = {}
        self._folds: dict[str, str] = {}
        #: key -> its kind plus one (0: not worked out yet); the kind is 0: names an organization (or nothing),
        #: 1: places only, 2: else. One byte per key, read for every one-word mention: no dict of int objects
        self._kinds = bytearray(len(state.table))
        self._towns: dict[int, bool] = {}  # key -> all its candidates are towns
        self._outlets: dict[int, bool] = {}  # key -> all its candidates are media outlets
        self._town_subtypes: frozenset[str] = frozenset(evidence.data()["raw"]["town_subtypes"])
        self._lang_chunk: str | None = None  # the chunk whose language ``_lang`` is
        self._lang: str | None = None

    def groups(self, word: str) -> frozenset[str]:
        """The given-name groups ``word`` (in any case form) is a spelling of; empty: not a given name."""
        got = self._groups_of.get(word)
        if got is None:
            if len(self._groups_of) > 100_000:
                self._groups_of.clear()
            got = self._groups_of[word] = self._lookup(fold(word).replace(" ", ""))
        return got

    @staticmethod
    def _lookup(w: str, skeletons: bool = False, diminutives: bool = False) -> frozenset[str]:
        """The groups of the folded word ``w`` (``skeletons``: ``w`` is a skeleton; ``diminutives``: look
        among the diminutives instead), as written or with a case ending taken off."""
        table = folded_diminutives() if diminutives else given_name_groups() if skeletons else folded_given_names()
        found = table.get(w)
        if found:
            return found
        if not w:
            return frozenset()
        nominative = _case_endings()[1]
        for end in _endings_by_last().get(w[-1], ()):
            if len(w) > len(end) + 2 and w.endswith(end):
                stem = w[: -len(end)]
                for nom in nominative:
                    found = table.get(stem + nom)
                    if found:
                        return found
                for vowel in _fleeting():  # Markiem, Pawła, Karla: the vowel back before the stem's last letter
                    found = table.get(stem[:-1] + vowel + stem[-1])
                    if found:
                        return found
        return frozenset()

    def _kind(self, kid: int) -> int:
        got = self._kinds[kid] - 1
        if got < 0:
            ents = self._t.entities
            of = self._state.entities_of(kid)
            if not of:
                got = 2 if self._t.short(kid) else 0  # a surname only
            elif all(self._is_place[x] for x in of):
                got = 1  # places only (most keys): no row is built to learn that none is an organization
            elif any(not self._is_place[x] and not self._is_person[x] and ents[x][2] == "org" for x in of):
                got = 0
            else:
                got = 2
            self._kinds[kid] = got + 1
        return got

    def _groups_of_person(self, p: int) -> frozenset[str]:
        got = self._person_groups.get(p)
        if got is None:
            table = given_name_groups()
            acc: set[str] = set()
            for sk in self._t.given.get(p):
                acc |= table.get(sk, frozenset()) or self._lookup(sk, skeletons=True)
            got = self._person_groups[p] = frozenset(acc)
        return got

    def _someone_else(self, r: Raw, given: frozenset[str]) -> bool:
        """Is the mention ``r``, right after a given name of the groups ``given``, the surname of
        someone the lexicon does not hold? A place, or a surname none of whose persons has that
        given name (persons whose given names are not known are kept)."""
        kind = self._kind(r[2])
        if kind == 1:
            return True
        if kind == 0:
            return False
        persons = self._t.short(r[2])
        if not persons:
            return False
        for p in persons:
            theirs = self._groups_of_person(p)
            if theirs & given:
                return False
            if not theirs and not self._t.given.get(p):
                return False  # nothing is known of their given names
            # else their given names are known, and none is one of ``given`` (one the table lacks,
            # "Ramzan", is not "Adam"): someone else
        return True

    def _not_a_name_alone(self, chunk: str, s: int, e: int, r: Raw, starts: dict[int, int]) -> str | None:
        """Why the one-word mention ``r`` at ``s``-``e`` is a word of another name than its own, or None:
        a given name after a kinship noun; a lexicon surname before a capitalized word no mention
        covers (``_LONGER_PERSON``); a place between an article for names and a capitalized word."""
        kind = self._kinds[r[2]] - 1
        if kind < 0:
            kind = self._kind(r[2])
        if kind == 0:
            if self._outlet_named_thing(chunk, s, e, r[2]):
                return "an outlet's name between 'the' and a noun for a craft or facility: that thing's name"
            if s > 2 and chunk[s - 1] in OPENERS and self._outlet_quoted_after_thing(chunk, s, r[2]):
                return "an outlet's quoted name after a noun for a craft, facility or work: that thing's name"
            if e + 2 < len(chunk) and chunk[e] == " " and chunk[e + 1].isupper() and e + 1 not in starts:
                # "Alabuga Logistics LLC": an organization's name (or a place's of the same key) opening a
                # company's name the lexicon lacks is a word of that name, as a town's is
                nxt = _word_after(chunk, e)
                if nxt and longer_name_after(chunk, e, nxt) == COMPANY:
                    return COMPANY
            return _after_agreeing_adjective(chunk, s, e, starts)
        if kind == 1 and e < len(chunk) and chunk[e] == "," and self._given_name_opening(chunk, s, e, r[2]):
            return "a given name opening a sentence, a comma after it, no place's own name: a person introduced by name"
        d = evidence.data()
        # the word before (_word_before, inlined: asked for nearly every one-word mention), read once for the rules
        # on the word before
        prev = "" if s < 2 or chunk[s - 1] != " " or not chunk[s - 2].isalpha() \
            else chunk[chunk.rfind(" ", max(0, s - 41), s - 1) + 1 : s - 1]
        folded_prev = ""  # prev folded, read by three rules
        if prev:
            folded_prev = fold(prev)
            if folded_prev in d["kinship_words_any"] and self.groups(chunk[s:e]):
                return "a given name after a kinship noun: a relative's, not a place"
            if kind == 1:
                if prev[0].isupper():
                    if s > 3 and self._after_article_and_name_word(chunk, s, starts):
                        return "a place after an article and a capitalized word no mention covers: a longer name the lexicon lacks"
                    if self._club_word_before(chunk, s, e, prev, r[2]):
                        return _CLUB
                low_prev = prev.lower()
                if low_prev in d["name_articles_any"]:
                    if self._towns_only(r[2]) and heads_its_phrase(chunk, e):
                        return "a town's name after 'the' that ends its phrase: a river's, a ship's or a club's"
                    if _thing_noun_after(chunk, e):
                        # "the Vostochny cosmodrome", "the Zarya shipyard": a town's name takes no article, the
                        # thing named so does, whatever the town's size ("the Burshtyn power plant", a modifier
                        # between, is the plant at Burshtyn)
                        return "a place's name between 'the' and a noun for a facility, craft or outlet: that thing's name"
                    if _facility_further(chunk, e):
                        # "the Kurakhove power station", "the Kremenchuk refinery": 'the' is the facility's
                        return "a place's name between 'the' and a facility's noun, lower-case words between: the facility's name"
                elif low_prev in d["facility_determiners_any"] and _facility_further(chunk, e):
                    # "its Kurakhove power station": a possessive never stands before a town's name
                    return "a place's name between a possessive and a facility's noun: the facility's name"
        if kind == 1 and e + 4 < len(chunk) and chunk[e] == " " and chunk[e + 1] in after_initials():
            nxt = _word_after(chunk, e)
            if nxt and nxt.islower() and self._towns_only(r[2]):
                if feature_noun(nxt):
                    return "a town's name before a river's, a lake's or a dam's noun: the feature's"
                if team_member_noun(nxt) and not (prev and folded_prev in d["place_prepositions_any"]):
                    return "a town's name before a word for a team's fans, players or staff: the team's"
        if e + 2 >= len(chunk) or chunk[e] != " " or not chunk[e + 1].isupper() or e + 1 in starts:
            return None  # the cheap test first: a capitalized word no mention covers follows
        nxt = _word_after(chunk, e)
        if nxt and (why := longer_name_after(chunk, e, nxt)) is not None:
            return why  # "Kalinina Avenue", "Novorossiysk Shipping Ltd": a street's or a company's name
        if not nxt or not _name_word(nxt) or self.groups(nxt):
            return None
        if kind == 2 and self._t.short(r[2]) and not _after_name_article(chunk, s) \
                and self._name_goes_on(chunk, e + 1 + len(nxt), nxt, starts) and not _in_title_case(chunk, s):
            return _LONGER_PERSON
        if kind == 1 and _after_name_article(chunk, s):
            return "a place between an article for names and a capitalized word: a longer name the lexicon lacks"
        if kind == 1 and prev and folded_prev in d["naming_words_any"]:
            return "a place after a verb of naming and before a capitalized word: a longer name the lexicon lacks"
        if kind == 1 and self._inside_capitalized_run(chunk, s, starts, e + 1 + len(nxt)):
            return "a place between capitalized words no mention covers: a longer name the lexicon lacks"
        return None

    def _outlet_named_thing(self, chunk: str, s: int, e: int, kid: int) -> bool:
        """Is the mention of key ``kid`` at ``s``-``e``, all of whose candidates are media outlets
        (``outlet_subtype_words``), between 'the' and a noun for a craft, a facility or an outlet no word
        of those subtypes ("the Zvezda module", "the Zvezda design bureau"; not "the Zvezda channel")?
        Then it names that thing: an outlet owns no module."""
        d = evidence.data()
        prev = _word_before(chunk, s)
        if not prev or prev.lower() not in d["name_articles_any"]:
            return False
        noun = _facility_further(chunk, e)
        words = d["outlet_subtype_words"]
        if not noun or any(w in words for w in noun.split()):
            return False
        return self._all_outlets(kid)

    def _all_outlets(self, kid: int) -> bool:
        """Are all the candidates of key ``kid`` media outlets (``outlet_subtype_words``)? Kept per key."""
        got = self._outlets.get(kid)
        if got is None:
            words = evidence.data()["outlet_subtype_words"]
            ents = self._state.entities_of(kid)
            rows = self._t.entities
            got = self._outlets[kid] = bool(ents) and not self._t.short(kid) and all(
                rows[x][2] == "org" and any(w in words for w in fold(self._subtype(x)).split()) for x in ents)
        return got

    def _outlet_quoted_after_thing(self, chunk: str, s: int, kid: int) -> bool:
        """Is the mention of key ``kid`` at ``s``, all of whose candidates are media outlets, quoted right after
        a lower-case noun for a facility, a craft or a work (``quoted_thing_nouns``, ``title_nouns_before``: "на
        верфи «Звезда»", "к модулю «Звезда»", "фильм «Дождь»")? Then it names that thing: an outlet owns no
        shipyard. "Телеканал «Звезда»" has an outlet's noun before it and stays."""
        noun = _word_before(chunk, s - 1)
        return bool(noun) and noun.islower() and fold(noun) in evidence.data()["quoted_thing_nouns_any"] \
            and self._all_outlets(kid)

    def _given_name_opening(self, chunk: str, s: int, e: int, kid: int) -> bool:
        """Is the place's name at ``s``-``e``, a comma after it, a given name opening a sentence ("Marina,
        una enfermera de Járkov, ..."), and the own name (label) of none of its places? The key then
        reached the places through another of their names (GeoNames "Mar'ina" of Mar'ino, the
        apostrophe folded away); news introduces a person so. A place whose own name the word is
        ("Vladimir, a city east of Moscow") keeps it. The weak places' rule is in doubt.py."""
        if not evidence.is_sentence_initial(chunk, s) or not self.groups(chunk[s:e]):
            return False
        word = fold(chunk[s:e])
        ents = self._t.entities
        return all(fold(ents[x][1]) != word for x in self._state.entities_of(kid))

    def _towns_only(self, kid: int) -> bool:
        """Are all the key's candidates towns (``town_subtypes``), no region or country?"""
        got = self._towns.get(kid)
        if got is None:
            ents = self._state.entities_of(kid)
            is_town = self._is_town
            got = self._towns[kid] = bool(ents) and all(self._is_place[x] and is_town(x) for x in ents)
        return got

    def _is_town(self, e: int) -> bool:
        """Is the subtype of the place ``e`` one of ``town_subtypes``? Read from the subtype column of a
        compiled index, without making the entity's row (:meth:`EntityRows.subtype`)."""
        return self._subtype(e) in self._town_subtypes

    def _club_word_before(self, chunk: str, s: int, e: int, prev: str, kid: int) -> bool:
        """Is the town at ``s``-``e`` the last word of a club's name, after a capitalized word that is no
        common word, place preposition or given name, in a text about sport ("Shakhtar Donetsk beat
        Dynamo Kyiv 2-1": :func:`normalize.tagger.teams.club_context`)? Not in German, which capitalizes
        every noun."""
        if not _name_word(prev):
            return False
        if not self._towns_only(kid):
            return False
        d = evidence.data()
        folded = fold(prev)
        if folded in d["common_words_any"] or folded in d["place_prepositions_any"] \
                or folded in d["name_articles_any"] or self.groups(prev):
            return False
        return self._language(chunk) != "de" and club_context(chunk, s, e)

    def _after_article_and_name_word(self, chunk: str, s: int, starts: dict[int, int]) -> bool:
        """Does a capitalized word no mention covers, no given name and no common word stand right
        before ``s``, itself right after an article no town's name takes (``town_articles``: "le
        Chakhtar Donetsk", "du Dynamo Kiev")? Not in German, which capitalizes every noun ("die
        Hafenstadt Odessa")."""
        prev = _capitalized_before(chunk, s, starts)
        if not prev:
            return False
        article = _word_before(chunk, s - 1 - len(prev))
        if not article or article.lower() not in _town_articles_of(None) or not article[1:].islower():
            return False  # the cheap test first: an article of some language; then the text's language
        lang = self._language(chunk)
        if lang is None or lang == "de" or article.lower() not in _town_articles_of(lang):
            return False
        folded = fold(prev)
        return folded not in evidence.data()["common_words_any"] and not self.groups(prev)

    def _inside_capitalized_run(self, chunk: str, s: int, starts: dict[int, int], end: int) -> bool:
        """Is the word before ``s`` (a place followed by a capitalized word no mention covers, which
        ends at ``end``) a capitalized word too, inside its sentence, that is no function word and no
        mention ("Foreign Policy Research Institute": not the village Polytsi)? A mention before it
        counts when two such words follow ("Kharkiv Human Rights Protection Group": GeoNames lists
        "Human" among Uman's names). Not in German, which capitalizes every noun; not after a
        sentence's first word ("In Kyiv Mayor ...")."""
        prev = _word_before(chunk, s)
        j = s - 1 - len(prev)
        if not _name_word(prev) or evidence.is_sentence_initial(chunk, j):
            return False
        if j in starts:
            second = _word_after(chunk, end)
            if not second or end + 1 in starts or not _name_word(second) or self.groups(second):
                return False
        d = evidence.data()
        folded = fold(prev)
        if folded in d["common_words_any"] or folded in d["place_prepositions_any"] or self.groups(prev):
            return False
        return self._language(chunk) != "de"

    def _name_goes_on(self, chunk: str, end: int, nxt: str, starts: dict[int, int]) -> bool:
        """Does the name go on after a surname with ``nxt`` (ending at ``end``): ``nxt`` joins two parts
        with a hyphen ("Kim Yong-hyun"), or a second capitalized word follows that is no given name and
        no mention ("Kim Jong Un")? One capitalized word alone may start the next clause ("Według
        Prokudina Rosjanie ostrzelali"), and German capitalizes every noun ("Selenskyjs Büro")."""
        if self._language(chunk) == "de":
            return False
        if "-" in nxt.strip("-"):
            return True
        second = _word_after(chunk, end)
        return bool(second) and end + 1 not in starts and _name_word(second) and not self.groups(second)

    def _language(self, chunk: str) -> str | None:
        """``evidence.document_language`` of the chunk, worked out once per chunk (the rules that ask
        may ask for many mentions of one chunk)."""
        if chunk is not self._lang_chunk:
            self._lang_chunk = chunk
            self._lang = evidence.document_language(chunk)
        return self._lang

    def _folded(self, word: str) -> str:
        got = self._folds.get(word)
        if got is None:
            if len(self._folds) > 100_000:
                self._folds.clear()
            got = self._folds[word] = fold(word)
        return got

    def _remember(self, surnames: dict[str, list[tuple[str, int, int]]], chunk: str, word: str, at: int) -> None:
        if len(word) >= _SHORTEST:
            end = chunk.find("\n", at)
            surnames.setdefault(word[:_SHORTEST].lower(), []).append((self._folded(word), at, len(chunk) if end < 0 else end))

    @staticmethod
    def _named_since(named: list[tuple[int, int]], persons: Sequence[int], since: int, at: int) -> bool:
        """Does one of ``persons`` stand in ``named`` ((person, where named in full)) after ``since``
        and before ``at``? The surname alone is the person's named last before it: "Daniil Medvedev
        ... Medvedev" is the tennis player's, when Dmitry Medvedev is named only later (or earlier)."""
        return any(since < q < at and p in persons for p, q in named)

    def drop(self, chunk: str, base: int, out: list[Raw], rejected: list[Rejected] | None = None) -> list[Raw]:
        """``out`` (raw mentions of ``chunk``, offsets shifted by ``base``, in text order) without the
        names of people the lexicon does not hold (see the module docstring); the mentions turned
        down go to ``rejected`` when given."""
        if not out:
            return out
        dropped: dict[int, str] = {}
        # folded surnames of unlisted people by their first letters -> (surname, where it stands,
        # where its paragraph ends): the surname alone counts only later in the same paragraph
        surnames: dict[str, list[tuple[str, int, int]]] = {}
        starts: dict[int, int] | None = None  # where each mention starts -> its index (made when first needed)
        n = len(chunk)
        groups = self.groups
        for i, r in enumerate(out):
            if r[4] != -1:
                continue
            s = r[0] - base
            if not chunk[s].isupper():
                continue
            e = r[1] - base
            if e - s > _ONE_WORD_MAX or chunk.find(" ", s, e) >= 0:
                continue
            if i not in dropped:
                if starts is None:
                    starts = {x[0] - base: k for k, x in enumerate(out)}
                why = self._not_a_name_alone(chunk, s, e, r, starts)
                if why is not None:
                    dropped[i] = why
                    if why == _CLUB:  # "Zorya Luhansk": the club's word before, when a village shares it
                        k = starts.get(s - 1 - len(_word_before(chunk, s)), -1)
                        if k >= 0 and out[k][4] == -1 and self._kind(out[k][2]) == 1:
                            dropped[k] = "a club's name before the town it is named after"
                    if why == _LONGER_PERSON:
                        self._remember(surnames, chunk, chunk[s:e], s)
                    continue
            # the word before, one space between: a given name?
            if s >= 3 and chunk[s - 1] == " " and chunk[s - 2].isalpha():
                j = chunk.rfind(" ", 0, s - 1) + 1
                word = chunk[j : s - 1]
                if not word.isalpha():
                    bare = _without_elided(word)  # "d'Elizaveta Peskova"
                    j += len(word) - len(bare)
                    word = bare
                if len(word) > 2 and word[0].isupper() and word.isalpha() and i not in dropped:
                    given = groups(word)
                    if not given and j >= 4 and chunk[j - 1] == " ":
                        # "Сергій Миколайович Коваль", "гр. Петренко": the given name stands before the patronymic;
                        # the given name is looked up first (a dict), the patronymic's ending (a romanization) last
                        first = chunk[chunk.rfind(" ", 0, j - 1) + 1 : j - 1]
                        if len(first) > 2 and first[0].isupper() and first.isalpha():
                            before = groups(first)
                            if before and _patronymic(word):
                                given = before
                    if given and self._someone_else(r, given):
                        dropped[i] = _AFTER_GIVEN
                        self._remember(surnames, chunk, chunk[s:e], s)
                        if i and out[i - 1][0] - base == j and out[i - 1][1] - base == s - 1 and out[i - 1][4] == -1 \
                                and self._kind(out[i - 1][2]) == 1:
                            dropped[i - 1] = "a given name before a surname"
                        continue
            # a given name tagged as a place before a capitalized word no mention covers ("Anna Lwowska")
            if e + 2 < n and chunk[e] == " " and chunk[e + 1].isupper() and self._kind(r[2]) == 1 \
                    and (groups(chunk[s:e]) or (chunk[s : s + 3].lower() in _diminutive_starts()
                                                and self._lookup(fold(chunk[s:e]), diminutives=True))):
                if starts is None:
                    starts = {x[0] - base: k for k, x in enumerate(out)}
                if e + 1 in starts:
                    continue
                k = e + 1
                while k < n and (chunk[k].isalpha() or chunk[k] in _WORD_CHARS):
                    k += 1
                nxt = chunk[e + 1 : k]
                if len(nxt) > 2 and nxt[1:].islower() and not groups(nxt):
                    dropped[i] = "a given name before a surname"
                    self._remember(surnames, chunk, nxt.rstrip(_WORD_CHARS), s)
        if surnames:
            # the persons the chunk names in full: their surnames alone stay theirs
            solo = self._t.solo
            sizes = self._state.sizes
            # (person, where the chunk names them in full)
            named = [(r[4], r[0] - base) for r in out if r[4] >= 0]
            named.extend((-2 - r[4], r[0] - base) for r in out if r[4] < -1 and r[3] & VIA_SPELLING)
            named.extend((solo[r[2]], r[0] - base) for r in out if r[4] == -1 and not r[3] & SHORT
                         and solo[r[2]] >= 0 and self._is_person[solo[r[2]]])
            for i, r in enumerate(out):
                if i in dropped or r[4] != -1:
                    continue
                s, e = r[0] - base, r[1] - base
                seen = surnames.get(chunk[s : min(e, s + _SHORTEST)].lower())
                if seen is None or e - s > _ONE_WORD_MAX or chunk.find(" ", s, e) >= 0:
                    continue
                w = self._folded(chunk[s:e])
                last = max((at for x, at, end in seen if at < s < end and _same_surname(w, x)), default=-1)
                if last < 0:
                    continue
                kind = self._kind(r[2])
                if kind == 0 or (kind == 2 and self._named_since(named, self._t.short(r[2]), last, s)):
                    continue
                if kind == 1 and max(sizes[x] for x in self._state.entities_of(r[2])) >= _CITY_SIZE \
                        and not _speaker_after(chunk, e):
                    continue
                dropped[i] = "the surname of someone the lexicon does not hold, named before"
        if not dropped:
            return out
        if rejected is not None:
            rejected.extend((*out[i][:5], why) for i, why in sorted(dropped.items()))
        return [r for i, r in enumerate(out) if i not in dropped]
