"""Named scores of the matcher (and of the tagger, which reuses them).

A match score is 0-100; a hit's *quality* is 0-1 and multiplies the score of the
layer that found it (``score x quality``), so a name reached through more steps
scores a little lower than the name itself. Each constant says in one line why
it has its value; :data:`DEFAULT_THRESHOLD` is calibrated on the development set
(``benchmarks/match_quality.py``) for a precision of at least 99%.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "ACRONYM",
    "ACRONYM_AS_WORD",
    "ACRONYM_INFLECTION",
    "BRAND_SPELLING_PENALTY",
    "CASE_FORM_SKELETON",
    "CONFIDENT",
    "CYRILLIC_INFLECTION",
    "DEFAULT_THRESHOLD",
    "EXACT",
    "FOREIGN_CASE_ENDING",
    "GENERIC_WORDS",
    "ORG_CORE_SCORES",
    "PARENTHESIS_BONUS",
    "PERSON_GIVEN_AS_INITIAL",
    "PERSON_INITIAL",
    "PERSON_NEAR_GIVEN",
    "PERSON_NEAR_PATRONYMIC",
    "PERSON_NEAR_SURNAME",
    "PERSON_PATRONYMIC_NOT_GIVEN",
    "PERSON_SAME_FATHER",
    "PERSON_SURNAME",
    "PLACE_ADJECTIVE",
    "PLACE_CATEGORY_CORE",
    "Q_ACRONYM_SCHEME_DROP",
    "Q_CATEGORY",
    "Q_CORRESPONDENCE",
    "Q_CORRESPONDENCE_SCHEME",
    "Q_COUNTRY_DROPPED",
    "Q_DERIVED",
    "Q_DERIVED_ACRONYM",
    "Q_FORMER",
    "Q_GENERIC_WORDS",
    "Q_INFLECTION",
    "Q_LEXICON_ACRONYM",
    "Q_NAME",
    "Q_ORG_CORE",
    "Q_OTHER_KIND",
    "Q_SCHEME",
    "Q_SKELETON",
    "Q_WORD_ORDER",
    "RIVER_PART",
    "SETTLEMENT_WORD",
    "SURNAME_ALONE_NEAR",
    "Cap",
]

# -- match scores (0-100) --------------------------------------------------------------

#: default minimum score of a returned match: the calibrated point of 99% precision
DEFAULT_THRESHOLD = 80.0
#: the query's light key, skeleton or word bag is a key of the entity: nothing is guessed
EXACT = 100.0
#: a candidate this good stops the fallbacks (foreign endings, generic words, fuzzy): they only guess
CONFIDENT = 95.0

#: a query in capitals that is an acronym of the entity (NATO): sure, but an acronym has namesakes
ACRONYM = 96.0
#: a long lexicon acronym the press writes as a word (Nato, Otan): likelier a plain word than in capitals
ACRONYM_AS_WORD = 92.0
#: a query in capitals whose exact key is only an inflected form ("OSZE" is not a case form of Okha)
ACRONYM_INFLECTION = 90.0
#: a Cyrillic query whose words are inflected forms of a lexicon name's words, token by token
CYRILLIC_INFLECTION = 97.0
#: the same generic words in another language around the same distinctive word ("Wagner-Gruppe")
GENERIC_WORDS = 97.0
#: a Latin name with a Baltic or Czech case ending taken off (Charkivas): a rule, not a lexicon form
FOREIGN_CASE_ENDING = 95.0
#: a place's core after its category word and adjective ending ("Kharkivska oblast" = Kharkiv region)
PLACE_CATEGORY_CORE = 99.0
#: a place adjective in another language ("Bol'shaya Pavlovka" = Велика Павлівка): one word swapped
PLACE_ADJECTIVE = 96.0
#: a settlement word before a place name ("Poselok Krasnolesnyy"): it may be part of another name
SETTLEMENT_WORD = 93.0
#: a place's name before its river in another language ("Murom am Oka"): the river part is dropped
RIVER_PART = 92.0
#: a Latin query whose skeleton is only that of a case form of the name (Polish, Czech, Slovak
#: genitives...): 3 in 4 right on the GeoNames development split, below the threshold
CASE_FORM_SKELETON = 79.0

#: an organization's core by how the generic words compare (see org_names.generic_verdict): the
#: same words (PJSC Gazprom), words on one side only (Rosneft Oil Company), or a distinctive word
#: only the query has (Gazprom Bank: likely another company of the group)
ORG_CORE_SCORES = {"same": 99.0, "one side": 94.0, "query distinctive": 78.0}
#: an organization core met only after reading an English brand's c as k (Sovcomflot): a guess more
BRAND_SPELLING_PENALTY = 2.0
#: both the name and its part in parentheses name the entity ("Security Service of Ukraine (SBU)")
PARENTHESIS_BONUS = 3.0


class Cap(NamedTuple):
    """The highest score a person match keeps after one of its words, by how its surname was met."""

    #: the surname is one of the person's (all renderings and case forms)
    exact: float
    #: the surname is one edit from one of theirs
    near: float


#: the surname is the person's (and nothing contradicts): as sure as a name with one rule applied
PERSON_SURNAME = 97.0
#: the surname is one edit from the person's: a spelling not seen, with another word to confirm it
PERSON_NEAR_SURNAME = 90.0
#: an initial that fits the person's given name or patronymic: it fits many others too
PERSON_INITIAL = Cap(92.0, 85.0)
#: a patronymic the lexicon does not give, of the person's gender: plausible, unchecked
PERSON_PATRONYMIC_NOT_GIVEN = Cap(95.0, 88.0)
#: a patronymic one edit from the person's
PERSON_NEAR_PATRONYMIC = Cap(93.0, 86.0)
#: the same father's name in another language (Рыгоравіч, Grigoryevich)
PERSON_SAME_FATHER = Cap(94.0, 87.0)
#: a given name where the lexicon gives only its initial (Абрамович Р. А.): only the letter is checked
PERSON_GIVEN_AS_INITIAL = Cap(86.0, 82.0)
#: a given name one edit from the person's (and not another known given name)
PERSON_NEAR_GIVEN = 88.0
#: a near spelling of a surname alone: a guess (an exact surname alone scores ``ranking.surname_score``)
SURNAME_ALONE_NEAR = 70.0

# -- hit qualities (0-1): how directly a key comes from a lexicon name ------------------

#: a name of a kind that names the entity as such (official, short, alias, alternate, exonym)
Q_NAME = 1.0
#: a name of another kind (historical, colloquial, ...): a little less sure
Q_OTHER_KIND = 0.96
#: a former name: still meant, less often than the current one
Q_FORMER = 0.97
#: a name derived from a lexicon name (press order, legal form removed): a little below it
Q_DERIVED = 0.99
#: and further, a name derived by leaving the country off its end ("Минюст" from "Минюст России"):
#: far enough below any lexicon name (beyond the tagger's homonym window) that another
#: entity's own "Минобороны" wins outright, while two such names stay tied
Q_COUNTRY_DROPPED = 0.95
#: a transliteration scheme's rendering of a Cyrillic name
Q_SCHEME = 0.99
#: an inflected (case) form of a name
Q_INFLECTION = 0.97
#: the other East Slavic language's regular form of a name (Августівка -> Августовка)
Q_CORRESPONDENCE = 0.97
#: a scheme's rendering of that corresponding form: two rules applied
Q_CORRESPONDENCE_SCHEME = 0.96
#: a key met only by its skeleton (y/j/i, kh/h/g, w/v ... merged)
Q_SKELETON = 0.98
#: the same content words in another order or with other function words
Q_WORD_ORDER = 0.96
#: an organization met by its generic words in any language (see GENERIC_WORDS)
Q_GENERIC_WORDS = 0.95
#: a place met by its core without its category word
Q_CATEGORY = 0.97
#: an acronym the lexicon writes: surer than one derived from a name, and kept when both agree
Q_LEXICON_ACRONYM = 0.98
#: an acronym derived from the initials of a name
Q_DERIVED_ACRONYM = 0.97
#: taken from an acronym's quality for a romanization of a Cyrillic acronym
Q_ACRONYM_SCHEME_DROP = 0.02
#: an organization met by its core (legal forms, generic words and countries set aside)
Q_ORG_CORE = 0.98

# -- the tagger's scores for what only running text shows ---------------------------------

#: a name whose category word follows another name it is coordinated with ("Kursk and Belgorod regions")
TAG_SHARED_CATEGORY = 95.0
#: an organization followed by the country it belongs to ("the Defence Ministry of Russia")
TAG_ORG_OF_COUNTRY = 96.0
#: a name with its category word after it, the category agreeing with the entity's type
TAG_CATEGORY_AFTER = 96.0
#: a given name just before the surname of a person of that given name
TAG_GIVEN_AND_SURNAME = 95.0
#: a person named in a press spelling no key holds, found by the matcher (normalize.tagger.spellings)
TAG_PRESS_SPELLING = 93.0
#: a surname alone that refers back to the person named in full earlier in the document
TAG_SURNAME_COREFERENCE = 90.0
#: a surname alone that several persons share, or the persons it was not resolved to
TAG_SURNAME_OTHERS = SURNAME_ALONE_NEAR
