"""Weak mentions: a one-word key whose candidates are all small places, weighed by the text around it.

"Progress", "Майское", "Lenin": such a word names a village, but is more often
something else. :meth:`WeakMentions.doubt` asks :mod:`normalize.evidence` (the
evidence model over the words around it) and turns an adjective before a front's
"direction" into the town it is formed from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Any

from normalize import evidence
from normalize.evidence import NEXT_WORD_RE
from normalize.fold import fold
from normalize.matcher.data import engine_data
from normalize.matcher.press_langs import ANY, press_bit, press_languages
from normalize.tagger.results import Raw
from normalize.tagger.state import TaggerState, UsesState
from normalize.tagger.table import ACRO, FULL_ANY, FULL_CAP
from normalize.tagger.unlisted import folded_given_names
from normalize.tagger.words import HYPHENS, among_capitals, title_case_line

__all__ = ["AFTER_CROSSING", "AFTER_EPONYM", "AFTER_FEATURE", "AFTER_STREET", "BEFORE_ARTICLE", "BEFORE_CLUB", "BEFORE_FEATURE", "BEFORE_LINK", "BEFORE_THING",
           "BEFORE_WATER", "STRONG",
           "WEAK", "EvidenceRow", "WeakMentions", "compound_modifier", "confident_language", "named_after_person",
           "names_a_thing", "neuter_article_before"]

#: what :meth:`WeakMentions.weakness` finds for a key (0: not yet known)
WEAK, STRONG = 1, 2
#: the bits of :meth:`WeakMentions.word_before_tests`: which rules on the word before a mention may apply
BEFORE_FEATURE, BEFORE_WATER, BEFORE_ARTICLE, BEFORE_THING = 1, 2, 4, 8
#: more of them: a link word ("of", "de", an elided "d'") that may follow a water body's noun, a sports society's name
BEFORE_LINK, BEFORE_CLUB = 16, 32
#: what :meth:`WeakMentions.after_feature` finds before a mention: a river's, bank's or island's noun, a street's
AFTER_FEATURE, AFTER_STREET = 1, 2
#: more of them: "имени", an order's noun (whom a thing is named after); a bridge's noun and "через" (the river)
AFTER_EPONYM, AFTER_CROSSING = 3, 4
#: a weak mention weighed: (start, end, key index, its features: see :func:`normalize.evidence.features`)
EvidenceRow = tuple[int, int, int, dict[str, float]]


#: the names of :func:`normalize.evidence.feature_values`' values, in order, and where the determiner's stands
_FEATURE_KEYS = (*evidence.FEATURES, "size")
_DETERMINER = _FEATURE_KEYS.index("determiner")

#: a word after spaces (the words between a town opening a sentence and its verb)
_SPACED_WORD = re.compile(r"[ \xa0]+([^\W\d_]+)")


def _foreign_case_form(key: str) -> bool:
    """Whether ``key`` (folded) is a case form of a well-known place elsewhere, not that name as
    written (``foreign_place_endings``: 'lublinie', 'lublina'): the name itself stays strong."""
    return key not in evidence.data()["foreign_places"] and evidence.names_foreign_place(key)


def _adjective_shaped(key: str) -> bool:
    """Is a key one word ending like a place adjective (``adjective_name_endings``: -ський, -ский, -ski)?"""
    return " " not in key and key.endswith(evidence.data()["adjective_name_endings"])


def _heads_common_list(chunk: str, s: int, e: int, nxt: tuple[str, str]) -> bool:
    """Does the word at a sentence start head a list of lower-case words joined by commas and a
    coordinator ("Bar, cafés et restaurants", "Mir, peace and quiet")? Then its capital is the
    sentence's and it is one of those common nouns. A name has names or an apposition after it
    ("Pokrovsk, Myrnohrad et Kostiantynivka", "Pokrovsk, ville clé du front")."""
    if not evidence.is_sentence_initial(chunk, s):
        return False
    coordinators = evidence.data()["coordinators"]
    pos = e
    got: tuple[str, str] | None = nxt
    for _ in range(6):
        if got is None or not got[0][:1].islower():
            return False
        word, sep = got
        pos += len(sep) + len(word)
        if sep.strip(" \xa0") not in (",", ""):
            return False
        if not sep.strip(" \xa0") and fold(word) in coordinators:
            after = evidence.next_word(chunk, pos)
            return after is not None and not after[1].strip(" \xa0") and after[0][:1].islower()
        got = evidence.next_word(chunk, pos)
        if got is not None and not got[1].strip(" \xa0") and fold(got[0]) not in coordinators:
            return False  # two words in a row, no coordinator: a phrase ("ville clé")
    return False


def _given_name_opening(chunk: str, s: int, e: int, nxt: tuple[str, str] | None) -> bool:
    """Is the word a given name (``given_names.json``) opening a sentence, a comma after it ("Olga,
    mieszkanka Kijowa, ...", "Anna, his wife, ...")? News introduces a person so, by the given name
    and an apposition; a village that shares the name is a weak place, rarely written so."""
    if nxt is None or nxt[1].strip(" \xa0") != "," or not evidence.is_sentence_initial(chunk, s):
        return False
    return fold(chunk[s:e]).replace(" ", "") in folded_given_names()


def named_after_person(chunk: str, s: int, e: int, lang: str | None) -> str | None:
    """Why a weak place's name is a person's surname in this text, or None.

    Joined by a hyphen to a thing named after a person (``memorial_words``:
    "Puschkin-Denkmal", "Lomonossow-Universität", "Gagarin-Park"), or after a noun for
    a writer's or composer's works and a preposition that joins it to its author
    (``authored_works``, ``author_links``: "Gedichte von Lermontow", also the names
    coordinated after the first: "Gedichte von Lermontow und Puschkin"), the word is the
    person's, not the town named after them.
    """
    d = evidence.data()
    if e + 1 < len(chunk) and chunk[e] in HYPHENS:
        m = NEXT_WORD_RE.match(chunk, e + 1, e + 61)
        if m is not None and not m.group(1) and fold(m.group(2)) in d["memorial_words_any"]:
            return "joined by a hyphen to a thing named after a person: the person's name"
    raw = d["raw"]
    works = raw["authored_works"].get(lang or "")
    if not works or s < 2 or chunk[s - 1] not in " \xa0,":
        return None
    links = raw["author_links"].get(lang or "", ())
    coordinators = d["coordinators"]
    words = evidence.words_before(chunk, max(0, s - 240), s, 8, 60)
    name = False  # the word last read is a coordinated name
    for k, m in enumerate(words):
        word, sep = m.group(1), m.group(2).strip(" \xa0")
        w = fold(word)
        if sep not in ("", ","):
            return None  # another phrase
        if not sep and w in links:
            if k + 1 < len(words) and not words[k + 1].group(2).strip(" \xa0"):
                head = fold(words[k + 1].group(1))
                if head in works:
                    return "after a noun for an author's works and its preposition: the author's name"
                if head in _birthplace_words(lang) and not _possessed(words, k + 2, lang):
                    return "after a word for someone's birthplace and its preposition: that person's name"
                if head in coordinators and not name:
                    continue  # the link repeated after a coordinator: "de Gogol et de Boulgakov"
            return None
        if not sep and w in coordinators and not name:
            name = True
            continue
        if word[:1].isupper() and (name or sep == ","):
            name = False  # an earlier name of the list: "Lermontow und", "Lermontow,"
            continue
        return None
    return None


@lru_cache(maxsize=1)
def _all_author_links() -> frozenset[str]:
    """``author_links`` of every language, folded."""
    return frozenset(fold(w) for words in evidence.data()["raw"]["author_links"].values() for w in words)


@lru_cache(maxsize=16)
def _birthplace_words(lang: str | None) -> frozenset[str]:
    """``birthplace_words`` of a language, folded."""
    return frozenset(fold(w) for w in evidence.data()["raw"]["birthplace_words"].get(lang or "", ()))


@lru_cache(maxsize=16)
def _possessives(lang: str | None) -> frozenset[str]:
    """The ``determiners`` of a language that are no ``town_articles`` (possessives, demonstratives:
    "sa", "cette", "seine"), folded."""
    raw = evidence.data()["raw"]
    articles = {fold(w) for w in raw["town_articles"].get(lang or "", ())}
    return frozenset(fold(w) for w in raw["determiners"].get(lang or "", ())) - articles


def _possessed(words: Sequence[re.Match[str]], k: int, lang: str | None) -> bool:
    """Does a possessive or demonstrative stand among the two words ``words[k]``, ``words[k + 1]``
    (read backwards from a birthplace word: "sa ville natale", "seiner Heimatstadt")? Then the
    name after it is the birthplace itself ("sa ville natale de Vovtchansk")."""
    own = _possessives(lang)
    return any(fold(m.group(1)) in own for m in words[k : k + 2])


def compound_modifier(chunk: str, e: int) -> bool:
    """Is the word ending at ``e`` the first part of a German compound of two, joined by a hyphen
    to a capitalized noun ("Bachmut-Offensive")? Not of a longer chain of names
    ("Rosa-Luxemburg-Stiftung"), whose first word is a given name."""
    if e + 1 >= len(chunk) or chunk[e] not in HYPHENS or not chunk[e + 1].isupper():
        return False
    m = NEXT_WORD_RE.match(chunk, e + 1, e + 61)
    return m is not None and not m.group(1) and m.group(2).isalpha()


#: a space and the word after it, digits and hyphens allowed ("MS-31"): see :func:`names_a_thing`
_NEXT_TOKEN_RE = re.compile(r"[ \xa0]([^\W_][\w'’-]*)")


@lru_cache(maxsize=2)
def _thing_nouns(village: bool) -> frozenset[str]:
    """The nouns of :func:`names_a_thing`: ``thing_nouns``, with ``facility_nouns`` after a village's name."""
    d = evidence.data()
    nouns: frozenset[str] = d["thing_nouns_any"]
    return nouns | d["facility_nouns_any"] if village else nouns


def names_a_thing(chunk: str, e: int, size: float = 0.0) -> bool:
    """Is the word ending at ``e`` the name of a made thing (``thing_nouns``: a craft, a vessel, a plant,
    an outlet), by the noun for it after the name ("a Progress cargo ship", "the Progress MS-31 cargo
    ship", "the Mayak reprocessing plant") or in an apposition after a comma and a short determiner
    ("Mayak, the nuclear plant near Ozyorsk", "Mayak, a local bakery chain")? A model's code may stand
    between, and up to two lower-case words of three letters or more that are no function words; a
    function word, a capitalized word or a third such word ends the search ("Progress was slow").
    A plant, a reactor or a shipyard (``facility_nouns``) often bears its town's name ("the Burshtyn
    power plant"): it counts only when the place's ``size`` (log10 of a population) is a village's,
    below ``facility_village_size``."""
    pos = e
    if chunk.startswith(",", e):
        m = _NEXT_TOKEN_RE.match(chunk, e + 1)
        if m is None or len(m.group(1)) > 3 or not m.group(1).islower():
            return False  # an apposition starts with an article or a short determiner ("the", "a", "its")
        pos = m.end()
    elif e >= len(chunk) or chunk[e] not in " \xa0":
        return False
    village = size < evidence.data()["raw"]["facility_village_size"]  # read after the cheap tests above
    modifiers = 0
    for _ in range(4):
        m = _NEXT_TOKEN_RE.match(chunk, pos)
        if m is None:
            return False
        pos = m.end()
        what = _thing_word(m.group(1), village)
        if what == _CODE:
            continue  # a model's code ("MS-31")
        if what == _NOUN:
            return True
        if what == _STOP:
            return False
        modifiers += 1
        if modifiers > 2 or what == _LAST_MODIFIER:
            return False
    return False


#: what :func:`_thing_word` says of a word after a name: a model's code, the noun for a thing, a word
#: that ends the search, a lower-case modifier that may be followed by more, one that ends it
_CODE, _NOUN, _STOP, _MODIFIER, _LAST_MODIFIER = range(5)


@lru_cache(maxsize=8192)
def _thing_word(word: str, village: bool) -> int:
    """One word after a name, as :func:`names_a_thing` reads it (the answer depends on the word alone,
    and on whether the place is a village's size: remembered)."""
    if not word.isalpha() and any(c.isdigit() for c in word):
        return _CODE
    if not word.islower():
        return _STOP
    w = fold(word)
    if w in _thing_nouns(village):
        return _NOUN
    d = evidence.data()
    if len(w) < 3 or w in d["common_words_any"] or w in d["place_prepositions_any"] or w in d["speech_verbs_any"]:
        return _LAST_MODIFIER
    return _MODIFIER


#: German articles a neuter noun takes in the singular, each with the ending of an adjective between
#: it and the noun: a town's name is neuter ("das zerstörte Bachmut", "des umkämpften Pokrowsk");
#: "die", "der" or "ein ...er" put a feminine or masculine noun after them ("die ukrainische
#: Marine", "der Moskauer Börse", "ein großer Bär")
_NEUTER_ARTICLES = {"das": "e", "ein": "es", "des": "en", "dem": "en", "eines": "en", "einem": "en"}


def neuter_article_before(chunk: str, s: int) -> bool:
    """Are the words before ``s`` a German article of a neuter noun and one or two lower-case
    adjectives declined to agree with it ("das zerstörte Bachmut", "des umkämpften Pokrowsk"),
    with spaces only between?"""
    words = evidence.words_before(chunk, max(0, s - 120), s, 3, 60)
    adjectives: list[str] = []
    for m in words:
        word, sep = m.group(1), m.group(2)
        if sep.strip(" \xa0"):
            return False
        ending = _NEUTER_ARTICLES.get(word.lower())
        if ending is not None and adjectives:
            return all(a.endswith(ending) for a in adjectives)
        if not word.islower() or not word.isalpha():
            return False
        adjectives.append(word)
    return False


@lru_cache(maxsize=1)
def _untranscribed() -> re.Pattern[str]:
    """One of the ``untranscribed_letters`` of normalize/data/tagging.json (either case) before a letter."""
    letters: str = evidence.data()["raw"]["untranscribed_letters"]
    return re.compile("[" + re.escape(letters.lower() + letters.upper()) + r"](?=[^\W\d_])")


def untranscribed_inside(word: str) -> bool:
    """Has ``word`` a letter no press spelling of an East Slavic name writes (``untranscribed_letters``:
    the Polish nasal vowels) before another letter? Then it is a word of that language ("Sąd
    Najwyższy", "Dąb"), not a village whose name folds alike (Sad, Dub); a nasal vowel ending a
    word is a case ending ("Odessę", "Wełyką Nowosiłkę")."""
    return _untranscribed().search(word) is not None


def _word_end(chunk: str, s: int) -> int:
    """Where the word of letters starting at ``s`` ends."""
    e = s
    while e < len(chunk) and chunk[e].isalpha():
        e += 1
    return e


def _word_before(chunk: str, s: int, longest: int) -> str | None:
    """The word right before position ``s``, one space between, when it has at most ``longest``
    characters (None: no such word, or a longer one)."""
    if s < 2 or chunk[s - 1] != " ":
        return None
    j = chunk.rfind(" ", max(0, s - longest - 2), s - 1)
    if j < 0 and s > longest + 1:
        return None
    return chunk[j + 1 : s - 1]


def _capitalized_in_body(chunk: str, s: int, e: int) -> bool:
    """Does the text after the headline's line write the word ``chunk[s:e]`` (or a word starting as it
    does, less a case ending: "POKROVSKU" and "Pokrovsk") with a capital and the rest in lower case,
    not at a sentence start? Then the body names it, and the headline's word is that name."""
    word = chunk[s:e]
    if not all(c.isalpha() or c in "'’ʼ-" for c in word):
        return False
    stem = word[: max(4, len(word) - 2)]
    if len(stem) < 4:
        return False
    body = chunk.find("\n", e)
    if body < 0:
        return False
    tail = len(word) - len(stem) + 2  # a case ending of its own, not a longer word ("Головнокомандувача")
    pattern = re.compile(r"(?<!\w)" + re.escape(stem[0].upper() + stem[1:].lower()) + rf"[\w'’ʼ]{{0,{tail}}}(?!\w)")
    for m in pattern.finditer(chunk, body):
        before = chunk[max(body, m.start() - 3) : m.start()].rstrip(" \t\xa0\u202f«„“\"'(")
        if before and (before[-1].isalnum() or before[-1] in ",;:"):
            return True  # not at a sentence start, where every word has a capital
    return False


_LETTERS_RE = re.compile(r"[^\W\d_]+")


def confident_language(text: str) -> str | None:
    """The Latin text's language (:func:`normalize.evidence.document_language`) when the text shows at least
    two distinct words of three letters or more of that language's ``language_words``, else None.

    Short articles and prepositions are shared by languages (Italian "le", "la" with French; Czech
    "na", "do", "po" with Polish; Portuguese, which the detector does not know, with several): a rule
    that turns down another press's spelling must not take a short text for the language whose press
    does not write it.
    """
    lang = evidence.document_language(text)
    if lang is None or lang in ("ru", "uk"):
        return None
    vocab = evidence.data()["language_words"][lang]
    seen = {w for w in map(fold, _LETTERS_RE.findall(text[:4000])) if len(w) >= 3 and w in vocab}
    return lang if len(seen) >= 2 else None


#: the bits of :func:`_span_tests`
_FOREIGN, _UNTRANSCRIBED, _CAPITALIZED_WORDS = 1, 2, 4


def _span_tests(span: str) -> int:
    """What :meth:`WeakMentions.doubt` reads from a weak mention's written form alone (bits): ``_FOREIGN``
    it names a well-known place elsewhere (:func:`normalize.evidence.names_foreign_place`),
    ``_UNTRANSCRIBED`` it has a letter no press spelling writes inside (:func:`untranscribed_inside`),
    ``_CAPITALIZED_WORDS`` it is several words, one after the first capitalized ("Chasiv Yar")."""
    got = 0
    if evidence.reads_foreign_place(fold(span)):  # remembered by the caller, by span
        got |= _FOREIGN
    if untranscribed_inside(span):
        got |= _UNTRANSCRIBED
    if not span.isalpha() and any(c.isspace() for c in span) and any(w[:1].isupper() for w in span.split()[1:]):
        got |= _CAPITALIZED_WORDS
    return got


class WeakMentions(UsesState):
    """Which keys are weak (``known``: one byte per key, 0 until looked at) and what the text says of them.

    ``evidence_log``: when a list, every weak mention weighed is logged there as
    ``(start, end, key, features)`` (``benchmarks/fit_mention_evidence.py``).
    """

    def __init__(self, state: TaggerState) -> None:
        super().__init__(state)
        self._sizes = state.sizes
        self.known = bytearray(len(state.table))
        self._weak_size: dict[int, float] = {}
        self._feature_words: frozenset[str] = evidence.data()["feature_name_words_any"]
        # the words seen before a mention, folded once -> 1 a feature's noun, 2 a street's, 3 a street's after its
        # preposition ("на вулиці"), 0 neither
        self._is_feature_word: dict[str, int] = {}
        raw_words = evidence.data()["raw"]
        # a street's noun, or a microdistrict's, station's or platform's: the name after it is what it is named after
        self._street_nouns: frozenset[str] = evidence.data()["street_nouns_any"] | frozenset(
            fold(w) for ws in raw_words["kind_nouns_before_name"].values() for w in ws)
        self._eponyms: frozenset[str] = frozenset(fold(w) for ws in raw_words["eponym_words"].values() for w in ws)
        self._crossing_links: frozenset[str] = frozenset(
            fold(w) for ws in raw_words["crossing_links"].values() for w in ws)
        self._crossing_nouns: frozenset[str] = frozenset(
            fold(w) for ws in raw_words["crossing_nouns"].values() for w in ws)
        self._street_after: frozenset[str] = frozenset(w.rsplit(" ", 1)[1] for w in self._street_nouns if " " in w)
        self._thing_words: frozenset[str] = evidence.data()["thing_nouns_before_any"]
        # the adjective endings of Cyrillic words (two letters or more), and the nouns of a street after its
        # adjective: see :meth:`adjective_of_a_name`
        ends = {e for e in evidence.data()["adjective_endings"] if len(e) > 1}
        ends.update(e for adj, _ in evidence.data()["agreement"] for e in adj if len(e) > 1)
        self._adjective_ends: tuple[str, ...] = tuple(sorted(e for e in ends if e.isalpha() and not e.isascii()))
        self._adjective_last: frozenset[str] = frozenset(e[-1] for e in self._adjective_ends)
        #: per key, 2 when it is one word with such an ending, 1 when not, 0 until looked at (:meth:`adjective_key`):
        #: the scan asks :meth:`adjective_of_a_name` only of the first
        self.adjective_keys = bytearray(len(state.table))
        self._street_nouns_after: frozenset[str] = frozenset(
            fold(w) for k in ("street_nouns_after", "name_nouns_after")
            for ws in evidence.data()["raw"][k].values() for w in ws)
        self._after_adjective: dict[str, str] = {}  # a lower-case word after a mention -> see adjective_of_a_name
        # one adjective ending as Russian spells it after different letters (-ий, -ый, -ой): see adjective_of_a_name
        self._ending_spellings: dict[str, str] = evidence.data()["adjective_ending_spellings"]
        self._before_tests: dict[str, int] = {}  # word before a mention -> word_before_tests' bits
        self._generic_links: frozenset[str] = evidence.data()["generic_links_any"]
        self._water_links: frozenset[str] = evidence.data()["category_links"]
        self._water_nouns: frozenset[str] = evidence.data()["water_link_nouns_any"]
        self._club_words: frozenset[str] = evidence.data()["club_words_any"]
        self._club_written: frozenset[str] = frozenset(w for ws in evidence.data()["raw"]["club_words"].values() for w in ws)
        #: the club names as written (:meth:`opens_club_name` asks first whether the mention is one; the scan reads
        #: it before the call, which most mentions then never make)
        self.club_written = self._club_written
        raw = evidence.data()["raw"]
        # a definite article -> the languages in which it never stands before a town's name
        self._town_articles: dict[str, frozenset[str]] = {}
        for lang, words in raw["town_articles"].items():
            for w in words:
                self._town_articles[w] = self._town_articles.get(w, frozenset()) | {lang}
        self._town_subtypes: frozenset[str] = frozenset(raw["town_subtypes"])
        self._written_adjective_endings: tuple[str, ...] = tuple(raw["written_adjective_endings"])
        self._shared_press: dict[str, str] = raw["shared_press"]  # "sk" -> "cs": whose press spellings it shares
        self._coordinators: frozenset[str] = evidence.data()["coordinators"]
        self._object_first: frozenset[str] = frozenset(raw["object_first_languages"])
        self._district_words: frozenset[str] = frozenset(fold(w) for w in engine_data()["categories"].get("district", ()))
        self._district_regions: dict[int, frozenset[tuple[str, str]]] = {}
        #: 1 for a key known to be no city district's (the scan's cheap test before :meth:`district_elsewhere`)
        self.not_district = bytearray(len(state.table))
        self.evidence_log: list[EvidenceRow] | None = None
        self._lang_of: tuple[str | None, str | None] = (None, None)  # the last chunk and its confident_language
        self._span_tests: dict[str, int] = {}  # a weak mention as written -> _span_tests' bits
        located = raw["located_in"]
        self._locating: frozenset[str] = frozenset(fold(w) for w in located["prepositions"])
        self._locative_ends: tuple[str, ...] = tuple(fold(w) for w in located["endings"])
        self._region_subtypes: frozenset[str] = frozenset(located["region_subtypes"])
        near = raw["located_near"]
        self._near_words: frozenset[str] = frozenset(fold(w) for w in near["prepositions"])
        self._district_nouns: frozenset[str] = frozenset(fold(w) for w in near["district_nouns"])

    def weakness(self, kid: int) -> int:
        """WEAK for a key whose candidates are all places, none of them big; else STRONG."""
        got = STRONG
        if self._flags[kid] & (FULL_CAP | FULL_ANY):
            ents = self._state.entities_of(kid)
            if ents and all(map(self._is_place.__getitem__, ents)):  # C loops: a key may name dozens of villages
                size = max(map(self._sizes.__getitem__, ents))
                d = evidence.data()
                if size < d["big_place"] or (size < d["big_adjective_place"] and _adjective_shaped(self._t.keys[kid])):
                    # a name shaped like an adjective ("Київський", a city district) is weighed up to
                    # a larger size: "Київський мер" is Kyiv's mayor
                    got = WEAK
                    self._weak_size[kid] = size
                elif _foreign_case_form(self._t.keys[kid]):
                    # "w Lublinie": a case form of a well-known place elsewhere that is also a
                    # case form of a big place here (Люблино, a Moscow district): weighed as weak,
                    # so the foreign place's name turns it down
                    got = WEAK
                    self._weak_size[kid] = size
        self.known[kid] = got
        return got

    def doubt(self, chunk: str, s: int, e: int, kid: int, lang: str | None,
              earlier: Sequence[Raw] = (), named: dict[str, Any] | None = None) -> tuple[str | None, int]:
        """What the text says about a weak one-word place mention: ``(reason to reject or None, key)``.

        The name of a well-known place elsewhere (``foreign_places``: Berlin, Paris) is
        turned down. Before a direction word ("на Покровському напрямку"), an adjective names
        the town of its stem, whose key replaces the mention's; with no such town
        it is rejected. Otherwise the evidence model decides
        (:func:`normalize.evidence.decide`).
        """
        span = chunk[s:e]
        # what the written word alone says (the tests below, on the span only): worked out once per spelling
        tests = self._span_tests.get(span)
        if tests is None:
            tests = _span_tests(span)
            if len(self._span_tests) > 50_000:
                self._span_tests.clear()
            self._span_tests[span] = tests
        if tests & _FOREIGN:
            # "in Berlin", "à Paris", "в Берлине": the well-known place, not a village so named
            return "the name of a well-known place outside the lexicons' region", kid
        if not self._t.press_langs(kid) & ANY:  # the common case (any press writes it) without a call
            why = self.other_press(chunk, kid)
            if why is not None:
                return why, kid
        if tests & _UNTRANSCRIBED:
            return "a letter no spelling of an East Slavic name writes inside the word: a common word", kid
        # a word of a headline, in capitals ("KHERSON", "HAT") or in Title Case ("Warns Of Longer Blackouts")? There
        # every word has a capital letter, so a small place's name has lost the evidence its capital gives elsewhere
        if span.isupper():  # a text of one line in capitals has no body to set it apart: its style
            headline = "\n" in chunk and among_capitals(chunk, s, e)
        else:
            headline = chunk[s].isupper() and title_case_line(chunk, s)
        if headline and _capitalized_in_body(chunk, s, e):
            return None, kid  # "ATTACK ON KHERSON" over a text that writes "Kherson"
        if not headline and tests & _CAPITALIZED_WORDS:
            return None, kid  # a name of several words, capitalized after its first: "Chasiv Yar"
        nxt = evidence.next_word(chunk, e)
        # what separates the next word, spaces left out ("": spaces only), read once for the rules below
        sep = None if nxt is None else nxt[1].strip(" \xa0")
        # the next word folded, when only spaces separate it (read by two rules below)
        after = fold(nxt[0]) if sep == "" else ""  # type: ignore[index]
        if after and after in evidence.data()["direction_words_any"]:
            town = self._town_of_adjective(span)
            if town is None:
                return "an adjective before a direction word, of no town in the lexicon", kid
            return None, town
        if sep == ",":  # both rules need a comma after the word
            if _heads_common_list(chunk, s, e, nxt):  # type: ignore[arg-type]
                return "the first of coordinated lower-case words at a sentence start: a common noun", kid
            if _given_name_opening(chunk, s, e, nxt):
                return "a given name opening a sentence, a comma after it: a person introduced by name", kid
        if lang != "de" and self._in_unknown_name(chunk, s, e, nxt):
            return "an adjective and its noun, both capitalized: a longer name not in the lexicon", kid
        why = named_after_person(chunk, s, e, lang)
        if why is not None:
            return why, kid
        if after in self._locating and self.located_elsewhere(chunk, e + len(nxt[1]) + len(nxt[0]), kid):  # type: ignore[index]
            return "a village placed in a region none of its namesakes lies in: a place the lexicon lacks", kid
        if sep == "" and nxt is not None and (after in self._near_words or nxt[0][:1].isupper()) \
                and self.placed_by_next_elsewhere(chunk, e + len(nxt[1]) + len(nxt[0]), nxt[0], after, kid):
            return "a village placed by the district or town after it in a region none of its namesakes lies in", kid
        size = self._weak_size.get(kid, 0.0)
        if names_a_thing(chunk, e, size):
            return "a noun for a craft, vessel, plant or outlet after it: that thing's name, not the village", kid
        if sep == "" and lang is not None and self._subject_of_linking_verb(chunk, s, kid, lang, nxt, e):  # type: ignore[arg-type]
            return None, kid  # "Enerhodar pozostaje pod okupacją": the town is the sentence's subject
        if nxt is not None and lang in self._object_first and self._oblique_opening(chunk, s, kid, lang, nxt):
            return None, kid  # "Konstantynówkę od kilku dni ostrzeliwują drony": the object put first
        # the features' values in their order (evidence.features makes them a dict: made here only for a
        # mention logged or turned down)
        v = evidence.feature_values(chunk, s, e, lang, size,
                                    self._named_before(kid, earlier, {} if named is None else named))
        if headline:
            v = (1.0, *v[1:])  # in a headline, as at a sentence start, the capital tells nothing
        if self.evidence_log is not None:
            self.evidence_log.append((s, e, kid, dict(zip(_FEATURE_KEYS, v))))
        keep, p = evidence.decide_values(v)
        if not keep and v[_DETERMINER] and lang == "de" and (compound_modifier(chunk, e)
                                                            or neuter_article_before(chunk, s)):
            # "die Bachmut-Offensive": the article is the compound's, whose head follows the name;
            # "das zerstörte Bachmut": a town is neuter and takes an article with an adjective
            keep, p = evidence.decide_values((*v[:_DETERMINER], 0.0, *v[_DETERMINER + 1 :]))
        if keep:
            return None, kid
        return ("a headline's word, " if headline else "") + "evidence: " + evidence.reason(dict(zip(_FEATURE_KEYS, v)), p), kid

    def _subject_of_linking_verb(self, chunk: str, s: int, kid: int, lang: str, nxt: tuple[str, str],
                                 e: int = -1) -> bool:
        """Is the weak town opening a sentence the subject of a linking verb ("Pokrowsk pozostaje ...",
        ``linking_verbs``), and a town of at least ``subject_town_size``? The verb is the next word,
        or comes within ``subject_verb_reach`` lower-case words, an adverbial or a noun joined to the
        town ("Kupiańsk od tygodni jest", "Kupiańsk i okoliczne wsie są"), with no punctuation."""
        verbs = evidence.data()["linking_verbs"].get(lang)
        if not verbs or nxt[1].strip(" \xa0"):
            return False
        if fold(nxt[0]) not in verbs and (e < 0 or not nxt[0][:1].islower()
                                          or not self._linking_verb_further(chunk, e, verbs)):
            return False
        if self._weak_size.get(kid, 0.0) < evidence.data()["raw"]["subject_town_size"]:
            return False
        return evidence.is_sentence_initial(chunk, s)

    def _oblique_opening(self, chunk: str, s: int, kid: int, lang: str, nxt: tuple[str, str]) -> bool:
        """Does a weak town open a sentence in an oblique case form of the text's language (its
        biggest place's derivation is ``inflection:LANG`` + cases, no nominative), a lower-case word
        after it, and is it at least ``subject_town_size``? A language of ``object_first_languages``
        puts the object first ("Konstantynówkę od kilku dni ostrzeliwują drony")."""
        if nxt[1].strip(" \xa0") or not nxt[0][:1].islower():
            return False
        size = self._weak_size.get(kid, 0.0)
        if size < evidence.data()["raw"]["subject_town_size"] or not evidence.is_sentence_initial(chunk, s):
            return False
        prefix = "inflection:" + lang + " "
        sizes, strings = self._sizes, self._t.strings
        for e, _score, via in self._t.hits(kid)[0]:
            if sizes[e] == size and via >= 0:
                how = strings[via]
                if how.startswith(prefix) and "nom" not in how[len(prefix):].split():
                    return True
        return False

    @staticmethod
    def _linking_verb_further(chunk: str, e: int, verbs: frozenset[str]) -> bool:
        """A linking verb among the next ``subject_verb_reach`` + 1 words after ``e``, every word
        before it in lower case, only spaces between them."""
        reach = evidence.data()["raw"]["subject_verb_reach"]
        for count, m in enumerate(_SPACED_WORD.finditer(chunk, e, e + 120)):
            if m.start() != e or count > reach:
                return False
            word = m.group(1)
            if fold(word) in verbs:
                return count > 0
            if not word[:1].islower():
                return False
            e = m.end()
        return False

    def other_press(self, chunk: str, kid: int) -> str | None:
        """Why a weak place key is no mention in this text, when only other languages' presses write it.

        A key no scheme for any reader makes, only ``X_press_L`` schemes (the Polish press's
        "Policy" for Поліці: :mod:`normalize.matcher.press_langs`), is that press's spelling;
        in a Latin text of a detected language (:func:`normalize.evidence.document_language`)
        whose press does not write it, the word is that language's own ("Foreign Policy
        Research Institute"). Press spellings in their own language's text count as before.
        """
        mask = self._t.press_langs(kid)
        if mask & ANY:
            return None
        if chunk is not self._lang_of[0]:
            self._lang_of = (chunk, confident_language(chunk))
        lang = self._lang_of[1]
        if lang is None or mask & press_bit(lang) or mask & press_bit(self._shared_press.get(lang)):
            return None
        writers = [code for i, code in enumerate(press_languages()) if mask & (2 << i)]
        return f"a spelling only the press of {', '.join(writers)} writes, in a text in {lang}"

    def author_word_before(self, chunk: str, s: int) -> bool:
        """Is the word before ``s`` a coordinator or comma ("Pouchkine et Tolstoï"), as in a list of
        authors? A cheap test before :meth:`coauthor`, which needs the text's language."""
        if s < 3 or chunk[s - 1] not in " \xa0":
            return False
        if chunk[s - 2] == ",":
            return True
        i = s - 1
        while i > 0 and chunk[i - 1].isalpha() and s - 1 - i < 4:
            i -= 1
        word = fold(chunk[i : s - 1])
        if word in _all_author_links() and i > 2 and chunk[i - 1] in " \xa0":
            return self.author_word_before(chunk, i)  # the link repeated: "Gogol et de Boulgakov"
        return word in self._coordinators

    def coauthor(self, chunk: str, s: int, e: int, lang: str | None, earlier: Sequence[Raw], base: int) -> str | None:
        """Why a lexicon person's surname alone is a writer's or composer's, or None.

        Coordinated after a name that no kept mention covers, in a list of authors after a noun
        for their works (:func:`named_after_person`: "citations de Pouchkine et Tolstoï",
        "Zitaten von Puschkin und Tolstoi"), the surname is another author's, not the
        lexicon's namesake (Pyotr Tolstoy). Not when the names before it are the lexicon's
        people ("Zitaten von Putin und Lawrow").
        """
        why = named_after_person(chunk, s, e, lang)
        if why is None:
            return None
        words = evidence.words_before(chunk, max(0, s - 80), s, 3, 60)
        if not words:
            return None
        if len(words) > 2 and fold(words[0].group(1)) in evidence.data()["raw"]["author_links"].get(lang or "", ()) \
                and fold(words[1].group(1)) in evidence.data()["coordinators"]:
            words = words[1:]  # the link repeated: "Gogol et de Boulgakov"
        if words[0].group(2).strip(" \xa0"):
            name = words[0]  # "Pouchkine, Tolstoï"
        elif len(words) > 1:
            name = words[1]  # "Pouchkine et Tolstoï"
        else:
            return None
        if not name.group(1)[:1].isupper():
            return None
        a, b = name.start(1) + base, name.end(1) + base
        if any(r[0] < b and a < r[1] for r in earlier[-3:]):
            return None
        return why

    def word_before_tests(self, chunk: str, s: int) -> int:
        """Which of the rules on the word right before a mention may apply (bits: ``BEFORE_FEATURE``
        for :meth:`after_feature`, ``BEFORE_WATER`` for :meth:`after_water_preposition`,
        ``BEFORE_ARTICLE`` for :meth:`after_article`, ``BEFORE_THING`` for :meth:`after_thing_noun`;
        0: none), from that word alone, read once and classified once per distinct word. A rule whose
        bit is clear would return False, so the scan asks only the others (most mentions: none); a set
        bit only means the rule must be asked."""
        if s < 2:
            return 0
        c = chunk[s - 1]
        if c != " ":
            if c not in "'’":
                return 0
            return BEFORE_ARTICLE | BEFORE_LINK if chunk[s - 2] in "dD" else BEFORE_ARTICLE  # "mer d'Azov"
        j = chunk.rfind(" ", max(0, s - 14), s - 1)  # as _word_before(chunk, s, 12)
        if j < 0 and s > 13:
            return BEFORE_ARTICLE  # a word of over 12 characters: its last letters may be an article ("(les")
        word = chunk[j + 1 : s - 1]
        got = self._before_tests.get(word)
        if got is None:
            if len(self._before_tests) > 50_000:
                self._before_tests.clear()
            got = 0
            n = len(word)
            w = fold(word)
            if (3 <= n <= 9 and w in self._feature_words) \
                    or (5 <= n <= 11 and (w in self._street_nouns or w in self._street_after or w in self._eponyms
                                          or w in self._crossing_links)):
                got |= BEFORE_FEATURE
            if 2 <= n <= 4 and w in evidence.data()["water_prepositions_any"]:
                got |= BEFORE_WATER
            q = n  # the letters that end the word, where an article would be
            while q > 0 and word[q - 1].isalpha():
                q -= 1
            if 0 < n - q <= 6 and word[q:].lower() in self._town_articles:
                got |= BEFORE_ARTICLE
            if 3 <= n <= 12 and word.islower() and w in self._thing_words:
                got |= BEFORE_THING
            elif 5 <= n <= 14 and ("'" in word or "’" in word):  # an elided article: "l'oleodotto Druzhba"
                noun = word[max(word.rfind("'"), word.rfind("’")) + 1 :]
                if 3 <= len(noun) and noun.islower() and fold(noun) in self._thing_words:
                    got |= BEFORE_THING
            if n <= 3 and w in self._water_links:
                got |= BEFORE_LINK
            if 3 <= n <= 13 and word[:1].isupper() and w in self._club_words:
                got |= BEFORE_CLUB
            self._before_tests[word] = got
        return got

    def after_feature(self, chunk: str, s: int, kid: int) -> int:
        """Is a mention of places or organizations right after a river, its bank or an island ("na lewym
        brzegu Dniepru", "на лівому березі Дніпра", "острів Хортиця": ``feature_name_words``)? Then it
        names the feature, not a town or a unit named after it: :data:`AFTER_FEATURE`. Or is a mention of
        places right after a street's, avenue's or square's noun in the singular ("вулицю Пушкіна", "на
        площади Победы": ``street_nouns``)? Then it names whom or what the street is named after, however
        big a place shares the name: :data:`AFTER_STREET`; a plural ("улицы Харькова", the streets of
        Kharkiv) is not one; so after a microdistrict's, station's or platform's noun (``kind_nouns_before_name``:
        "микрорайона Южный", "на станции Озерки"). Right after "имени" or an order's noun (``eponym_words``:
        "премии имени Королева", "орденом Ленина") a mention of places is the person a thing is named after:
        :data:`AFTER_EPONYM`. After "через" and a bridge's or crossing's noun before it (``crossing_links``,
        ``crossing_nouns``: "мост через Обь", "переправа через Днепр") it is the river crossed, not the town:
        :data:`AFTER_CROSSING`. 0: none of them (one look at the word before for all)."""
        word = _word_before(chunk, s, 12)
        if word is None:
            return 0
        got = self._is_feature_word.get(word)
        if got is None:
            if len(self._is_feature_word) > 50_000:
                self._is_feature_word.clear()
            w = fold(word)
            got = self._is_feature_word[word] = (
                1 if 3 <= len(word) <= 9 and w in self._feature_words
                else (2 if w in self._street_nouns else 3 if w in self._street_after else 4 if w in self._eponyms
                      else 5 if w in self._crossing_links else 0) if 5 <= len(word) <= 11
                else 0)
        if not got:
            return 0
        ents = self._state.entities_of(kid)
        if got == 4:  # "имени Королева", "орденом Ленина": the person, however big a town of the name
            return AFTER_EPONYM if ents and all(self._is_place[x] for x in ents) else 0
        if got == 5:  # "через": a river only after a bridge's or crossing's noun ("мост через Обь")
            noun = _word_before(chunk, s - len(word) - 1, 10)
            if noun is None or fold(noun) not in self._crossing_nouns:
                return 0
        elif got > 1:
            if got == 3:  # "на вулиці": singular only after its preposition
                prep = _word_before(chunk, s - len(word) - 1, 6)
                if prep is None or f"{fold(prep)} {fold(word)}" not in self._street_nouns:
                    return 0
            return AFTER_STREET if ents and all(self._is_place[x] for x in ents) else 0
        if not ents or any(self._is_person[x] for x in ents):
            return 0
        features = evidence.data()["raw"]["feature_subtypes"]
        rows = self._t.entities
        if any(rows[x][7] in features for x in ents):
            return 0  # "острова Зміїний": the island
        return AFTER_CROSSING if got == 5 else AFTER_FEATURE

    def after_water_link(self, chunk: str, s: int, kid: int) -> bool:
        """Is a mention of places or organizations the name of a sea, lake, gulf or strait written with
        its noun and a link word ("mer d'Azov", "the Sea of Azov", "mar de Azov", "lago di ...":
        ``water_link_nouns``, ``category_links``)? Then it names the water body, not the town or the
        unit named like it. A person keeps it (nobody's surname follows "the Sea of")."""
        if chunk[s - 1] == " ":
            link = _word_before(chunk, s, 3)
            if link is None:
                return False
            end = s - len(link) - 2
        else:  # an elided "d'"
            end = s - 3
        if end < 2 or chunk[end] != " ":
            return False
        noun = _word_before(chunk, end + 1, 10)
        if noun is None or fold(noun) not in self._water_nouns:
            return False
        ents = self._state.entities_of(kid)
        return bool(ents) and not any(self._is_person[x] for x in ents)

    def after_club_word(self, chunk: str, s: int, kid: int) -> bool:
        """Is a capitalized mention of places right after the name of a sports society that opens a club's
        name before its town ("Dynamo Kiew", "Schachtar Donezk", "Torpedo Nischni Nowgorod", "Zorya
        Luhansk": ``club_words``)? Then the town is a word of the club's name, which the lexicon lacks, and
        no mention of the town; with or without an article before the club, in every language."""
        if not chunk[s].isupper():
            return False
        ents = self._state.entities_of(kid)
        return bool(ents) and all(self._is_place[x] for x in ents)

    def opens_club_name(self, chunk: str, s: int, e: int) -> bool:
        """Is the mention itself a sports society's name as written (``club_words``: "Spartak", "Zorya", names
        of villages too) with a capitalized word right after it ("Spartak Moskau", "Zorya Luhansk")? Then it is
        the first word of a club's name, not the village. The written form is compared first: one set look-up."""
        if chunk[s:e] not in self._club_written:
            return False
        nxt = evidence.next_word(chunk, e)
        return nxt is not None and not nxt[1].strip(" \xa0") and nxt[0][:1].isupper()

    def after_thing_noun(self, chunk: str, s: int, kid: int) -> bool:
        """Is a capitalized mention of places right after a noun for a vessel, a craft or a work whose name
        follows it ("the tanker Vostok", "Zhadan's novel Voroshilovgrad": ``thing_nouns_before``)? Then it
        is that thing's name, not a place's, whatever the place's size."""
        if not chunk[s].isupper() or not self.word_before_tests(chunk, s) & BEFORE_THING:
            return False  # the word before, classified once (the scan has asked already: a dict look-up)
        ents = self._state.entities_of(kid)
        return bool(ents) and all(self._is_place[x] for x in ents)

    def written_adjective(self, chunk: str, s: int, e: int, kid: int) -> bool:
        """Is a one-word mention of places written with the ending of a Czech or Slovak adjective
        (``written_adjective_endings``, accents as written: "Ruská armáda", "Běloruská opozice")? Then
        it is the adjective, not the case form of a name its folded key shares (Ruska, Běloruska: the
        genitives of Rusko, Bělorusko). A person keeps it: Czech writes women's surnames so (Zelenská)."""
        word = chunk[s:e]
        if not word.isalpha() or not word.lower().endswith(self._written_adjective_endings):
            return False
        ents = self._state.entities_of(kid)
        return bool(ents) and all(self._is_place[x] for x in ents)

    def adjective_key(self, kid: int) -> int:
        """2 when key ``kid`` is one word with an adjective's ending (see :meth:`adjective_of_a_name`), else 1;
        worked out once per key."""
        key = self._t.keys[kid]
        # the last letter first: most keys end in none of the endings' last letters (a set look-up)
        got = self.adjective_keys[kid] = 2 if key[-1:] in self._adjective_last and " " not in key \
            and key.endswith(self._adjective_ends) else 1
        if key.isalpha():
            # one word of letters names no city district (_regions_of_district_key's first test): the scan, which asks
            # this first of a key, then never calls district_elsewhere for it
            self.not_district[kid] = 1
        return got

    def adjective_of_a_name(self, chunk: str, s: int, e: int, kid: int) -> bool:
        """Is a one-word mention of places written with an adjective's ending (``adjective_endings`` and the adjectives of
        ``adjective_agreement``, two letters or more: -ском, -ській, -ому) and followed by the noun of a street,
        road, square or bridge (``street_nouns_after``: "на Ленинском проспекте", "Хмельницьке шосе") or of a
        building or body named so (``name_nouns_after``: "в Успенському соборі"), or by a lower-case word ending
        in the same two letters, an adjective agreeing with it ("Київський політехнічний інститут", "Курская
        областная дума"; two letters of one group of ``adjective_ending_spellings`` are the same ending: "Ленинский
        районный суд")? Then it is an adjective of that street's or body's name, not the place it is formed
        from, however big. A town's own case form ("у Києві проспект ...") has no adjective's ending. The scan
        asks only when a space and a lower-case letter follow the mention and its key has an adjective's ending
        (:attr:`adjective_keys`)."""
        if self.adjective_key(kid) != 2:
            return False
        nxt = evidence.next_word(chunk, e)
        if nxt is None or nxt[1] != " ":
            return False
        got = self._after_adjective.get(nxt[0])
        if got is None:
            if len(self._after_adjective) > 50_000:
                self._after_adjective.clear()
            w = fold(nxt[0])
            # "*": a street's noun; the word's last two letters when it may be an agreeing adjective; "": neither
            got = "*" if w in self._street_nouns_after else (
                w[-2:] if len(w) >= 5 and nxt[0].islower() and w.endswith(self._adjective_ends) else "")
            got = self._ending_spellings.get(got, got)
            self._after_adjective[nxt[0]] = got
        if not got or (got != "*" and (end := self._t.keys[kid][-2:]) != got
                       and self._ending_spellings.get(end) != got):
            return False
        ents = self._state.entities_of(kid)
        return bool(ents) and all(self._is_place[x] for x in ents)

    def after_water_preposition(self, chunk: str, s: int, kid: int) -> bool:
        """Is a mention of towns named like a river right after a preposition that takes a river or a sea
        ("nad Dnieprem", "nad Desną": ``water_prepositions``, ``water_names``)? Then it names the river:
        the lexicon holds no rivers, and the town it would be is never meant. A town not named like a
        river keeps the preposition's other sense ("drony nad Kijowem": over the city), except in the
        locative (``water_locative_endings``: "на Дунаї"), which a town never takes after it."""
        word = _word_before(chunk, s, 4)
        if word is None:
            return False
        d = evidence.data()
        if not 2 <= len(word) <= 4:
            return False
        if fold(word) not in d["water_prepositions_any"]:
            return False
        endings = d["water_case_endings"][fold(word)]
        end = _word_end(chunk, s)
        if endings is not None and not chunk.endswith(endings, s, end):
            return False  # "наступ на Дніпро": toward the city; "на Дніпрі", "на Волге": the river
        ents = self._state.entities_of(kid)
        if not ents or not all(self._is_place[x] for x in ents):
            return False
        rows = self._t.entities
        if endings is not None and chunk.endswith(d["water_locative_endings"], s, end) \
                and all(rows[x][7] in self._town_subtypes for x in ents):
            return True  # "на Дунаї": a town is "у Дунаї"; whatever its name, a river (or another feature)
        names = d["water_names"]
        return any(rows[x][1] and fold(rows[x][1]) in names for x in ents)

    def after_article(self, chunk: str, s: int, kid: int) -> bool:
        """Is a mention of towns right after an article of a language whose towns take none ("les
        barrages du Dniepr", "le Dnipro", "au Kharkiv Palace", "über den Dnipro", "das Tor": GeoNames
        lists Tor as an old name of Sloviansk; ``town_articles``)? Then it names something else (a
        river, a club, a building, a common noun), not the town. Regions and countries take one ("la
        Crimée", "l'Ukraine", "die Krim") and are left alone: every candidate must be a town
        (``town_subtypes``). An adjective between article and town keeps the town ("das zerstörte
        Bachmut"), since the article is then not right before it."""
        if s < 2:
            return False
        c = chunk[s - 1]
        if c == " ":
            q = s - 1
            while q > 0 and chunk[q - 1].isalpha() and s - 1 - q < 6:
                q -= 1
            word = chunk[q : s - 1]
        elif c in "'’":
            q = s - 2
            word = chunk[q : s - 1]
        else:
            return False
        if not word or (q > 0 and (chunk[q - 1].isalpha() or chunk[q - 1] in "'’-")):
            return False
        langs = self._town_articles.get(word.lower())
        if langs is None:
            return False
        ents = self._state.entities_of(kid)
        if not ents:
            return False
        towns = self._town_subtypes
        rows = self._t.entities
        if not all(self._is_place[x] and rows[x][7] in towns for x in ents):
            return False
        return evidence.document_language(chunk) in langs

    def district_elsewhere(self, chunk: str, e: int, kid: int, earlier: Sequence[Raw]) -> bool:
        """Is this the name of a city's district formed from an adjective ("Kyivskyi district": a key of
        several words, an adjective, ``adjective_name_endings`` or ``district_adjective_endings``, before a district word,
        ``categories.district`` of matching.json, whose candidates are all towns, ``town_subtypes``:
        GeoNames' city districts) with no place of its candidates' regions (country and admin1) named
        before it? Many cities have a Kyivskyi or a Shevchenkivskyi district; the lexicon holds those of
        a few: "Kharkiv's Kyivskyi district" is not Donetsk's. A district's own name ("Obolon district")
        is left alone, and so is a district with its city after it ("the Kyivskyi district of Donetsk",
        ``category_links``). ``earlier``: the mentions kept before it in the chunk, each read as its
        biggest place."""
        regions = self._district_regions.get(kid)
        if regions is None:
            regions = self._regions_of_district_key(kid)
            if not regions:  # most keys: remembered in not_district alone, which the scan reads first
                self.not_district[kid] = 1
                return False
            self._district_regions[kid] = regions
        nxt = evidence.next_word(chunk, e)
        if nxt is not None and not nxt[1].strip(" \xa0") and fold(nxt[0]) in evidence.data()["category_links"]:
            return False  # "the Kyivskyi district of Donetsk": its city named after it
        rows = self._t.entities
        sizes = self._sizes
        for r in earlier:
            if r[4] != -1 or r[3] & ACRO:
                continue
            # the biggest of the places a mention may name ("Mykolaiv": the city, not a village of Donetsk Oblast)
            places = [x for x in self._state.entities_of(r[2]) if self._is_place[x]]
            if places:
                x = max(places, key=lambda y: sizes[y])
                if (rows[x][4], rows[x][5]) in regions:
                    return False
        return True

    def located_elsewhere(self, chunk: str, at: int, kid: int) -> bool:
        """Is the weak place before a locating preposition (``located_in.prepositions``: "на", "у",
        read by the caller) whose region follows in the locative ("Зелене на Черкащині", "у
        Черкаській області": a capitalized word with one of ``located_in.endings``, alone or with the
        lower-case word after it, a key whose places are all regions, ``located_in.region_subtypes``)
        while none of its own places lies in that region (country and admin1)? Then the text names a
        village the lexicon lacks, whose namesakes are elsewhere. ``at``: where the preposition ends.
        The accusative ("на Черкащину", toward the region) and a town after the preposition say
        nothing of where the village lies."""
        m = NEXT_WORD_RE.match(chunk, at, at + 60)
        if m is None or m.group(1) != " " or not m.group(2)[:1].isupper():
            return False
        word = fold(m.group(2))
        regions = self._regions_of(self._t.number(word)) if word.endswith(self._locative_ends) else None
        if regions is None:  # an adjective and its category word: "у Черкаській області"
            m2 = NEXT_WORD_RE.match(chunk, m.end(), m.end() + 60)
            if m2 is None or m2.group(1) != " " or not m2.group(2)[:1].islower():
                return False
            last = fold(m2.group(2))
            if not last.endswith(self._locative_ends):
                return False
            regions = self._regions_of(self._t.number(word + " " + last))
            if regions is None:
                return False
        return self._lies_outside(kid, regions)

    def placed_by_next_elsewhere(self, chunk: str, at: int, word: str, folded: str, kid: int) -> bool:
        """Does what follows the weak place say where it lies, none of its own places there? Its
        district's or community's name in the genitive, a capitalized adjective and a noun of
        ``located_near.district_nouns`` ("Веселе Коростенського району", "Ставки Солонянської
        громади": the region's key, else the town the adjective is formed from), or a preposition
        of nearness (``located_near.prepositions``) and a town ("Сонячне під Коростенем": the
        town's places, those within a tenth of its biggest). ``word``: the word right after the
        place, ``folded`` its light key; ``at``: where it ends."""
        m = NEXT_WORD_RE.match(chunk, at, at + 60)
        if m is None or m.group(1) != " ":
            return False
        rows = self._t.entities
        regions: set[tuple[str, str]] = set()
        if folded in self._near_words:
            if not m.group(2)[:1].isupper():
                return False
            k = self._t.number(fold(m.group(2)))
            if k < 0 or not self._flags[k] & (FULL_CAP | FULL_ANY):
                return False
            places = self._state.entities_of(k)
            if not places or not all(self._is_place[x] for x in places):
                return False
            top = max(self._sizes[x] for x in places)
            regions.update((rows[x][4], rows[x][5]) for x in places if self._sizes[x] >= top - 1.0)
        else:
            noun = fold(m.group(2))
            if noun not in self._district_nouns or not m.group(2)[:1].islower():
                return False
            got = self._regions_of(self._t.number(folded + " " + noun))
            if got is not None:
                regions.update(got)
            else:
                town = self._town_of_adjective(word)
                if town is None:
                    return False
                regions.update((rows[x][4], rows[x][5]) for x in self._state.entities_of(town))
        if any(not r[1] for r in regions) or not regions:
            return False  # where the town lies is not known
        return self._lies_outside(kid, regions)

    def _lies_outside(self, kid: int, regions: AbstractSet[tuple[str, str]]) -> bool:
        """Does none of the places of key ``kid`` lie in ``regions`` ((country, admin1) pairs), and is
        where each lies known? Then the text places a village the lexicon lacks."""
        rows = self._t.entities
        for x in self._state.entities_of(kid):
            row = rows[x]
            if not row[5] or (row[4], row[5]) in regions:
                return False  # one of its places lies there, or where one lies is not known
        return True

    def _regions_of(self, k: int) -> frozenset[tuple[str, str]] | None:
        """The (country, admin1) of a key whose places are all regions (``located_in.region_subtypes``),
        None for any other key."""
        if k < 0 or not self._flags[k] & (FULL_CAP | FULL_ANY):
            return None
        ents = self._state.entities_of(k)
        rows = self._t.entities
        got = set()
        for x in ents:
            # the subtype from its column first: most keys after a preposition are towns, whose rows are never made
            if not self._is_place[x] or self._subtype(x) not in self._region_subtypes:
                return None
            row = rows[x]
            if not row[5]:
                return None
            got.add((row[4], row[5]))
        return frozenset(got) if got else None

    def _regions_of_district_key(self, kid: int) -> frozenset[tuple[str, str]]:
        """The (country, admin1) of a city-district key's towns (see :meth:`district_elsewhere`);
        empty for any other key."""
        key = self._t.keys[kid]
        if key.isalpha():
            return frozenset()  # one word of letters: no district's name (the cheap test first)
        words = key.split()
        if len(words) < 2 or words[-1] not in self._district_words \
                or not words[-2].endswith(evidence.data()["district_adjective_endings"]):
            return frozenset()
        ents = self._state.entities_of(kid)
        rows = self._t.entities
        if not ents or not all(self._is_place[x] and rows[x][7] in self._town_subtypes and rows[x][5] for x in ents):
            return frozenset()
        return frozenset((rows[x][4], rows[x][5]) for x in ents)

    def generic_use(self, chunk: str, s: int, kid: int) -> bool:
        """Is a lower-case organization name a common noun's complement with no article ("chef
        d'état-major", "officiers de renseignement militaire": ``generic_links``)? Then it names a
        kind or a title, not the organization, which takes an article ("l'état-major")."""
        if s < 4 or not chunk[s].islower() or chunk[s - 1] not in " '’":
            return False
        end = q = s - 1  # the link ends at the space or at the apostrophe of its elision
        while q > 0 and chunk[q - 1].isalpha() and end - q < 3:
            q -= 1
        if q == end or fold(chunk[q:end]) not in self._generic_links:
            return False
        # a lower-case word, one space before the link: the noun the name complements
        if q < 2 or chunk[q - 1] != " " or not chunk[q - 2].isalpha() or not chunk[q - 2].islower():
            return False
        ents = self._state.entities_of(kid)
        rows = self._t.entities
        return bool(ents) and all(rows[x][2] == "org" for x in ents)

    @staticmethod
    def _in_unknown_name(chunk: str, s: int, e: int, nxt: tuple[str, str] | None) -> bool:
        """Is the word one of an adjective and its agreeing noun, both capitalized ("Ukraińska Prawda",
        "Новая Жизнь")? Then it is part of a longer name, which the lexicon lacks (else the
        longer key would have been found). Not in German, whose nouns all take a capital."""
        word = chunk[s:e]
        if nxt is not None and nxt[1] == " " and nxt[0][:1].isupper() and evidence.agrees(word, nxt[0]):
            return True
        if s < 2 or chunk[s - 1] != " " or not chunk[s - 2].isalpha():
            return False
        lo = max(0, s - 40)
        j = chunk.rfind(" ", lo, s - 1)
        prev = chunk[(j + 1 if j >= 0 else lo) : s - 1]
        return prev[:1].isupper() and prev.isalpha() and evidence.agrees(prev, word)

    def _named_before(self, kid: int, earlier: Sequence[Raw], named: dict[str, Any]) -> bool:
        """Is one of the key's places a candidate of a mention kept before it?

        ``named`` carries, from one call to the next within a scan, the entities the
        mentions of ``earlier`` name, so each kept mention is looked at once (the
        list only grows, but for the last mention or two replaced by a longer one:
        then the set is made again).
        """
        n = named.get("n", 0)
        ids: set[int] | None = named.get("ids")
        # the last mention compared by value (a replacement is longer): compiled by mypyc, a tuple read from
        # the list is a new object each time, so an identity test would start again on every call ("last" is
        # set whenever "n" is not 0); the set is made only when none is there or it starts again
        if ids is None or n > len(earlier) or (n and earlier[n - 1] != named["last"]):
            n = 0  # a kept mention was replaced: start again
            ids = named["ids"] = set()
        solo = self._t.solo  # a key of one entity: that entity, without entities_of's list of one
        if n < len(earlier):
            entities_of = self._state.entities_of
            for r in earlier[n:]:
                if r[4] == -1 and not r[3] & ACRO:
                    x = solo[r[2]]
                    if x >= 0:
                        ids.add(x)
                    else:
                        ids.update(entities_of(r[2]))
                elif r[4] < -1:
                    ids.add(-2 - r[4])
            named["n"] = len(earlier)
            named["last"] = earlier[-1]
        elif not earlier:
            named["n"] = 0
            named["last"] = None
        x = solo[kid]
        return x in ids if x >= 0 else not ids.isdisjoint(self._state.entities_of(kid))

    def _town_of_adjective(self, word: str) -> int | None:
        """The key of the place an adjective is formed from (Покровському -> покровськ), if a place key.

        A word that is no adjective is its own place (Kupiansk direction).
        """
        w = fold(word)
        for stem in evidence.adjective_stems(w):
            i = self._t.number(stem)
            if i >= 0 and self._flags[i] & (FULL_CAP | FULL_ANY):
                ents = self._state.entities_of(i)
                if ents and all(self._is_place[x] for x in ents):
                    return i
        return None

