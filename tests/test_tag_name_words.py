"""A word of another name is no mention alone (normalize/tagger/unlisted.py).

"Kim Jong Un ... Kim praised", "Klitschko's brother Wladimir", "Andriy Shevchenko ...
Shevchenko said", "the Moscow Times": a lexicon surname that starts a longer name, a given
name after a kinship noun, an unlisted person's surname before a verb of saying and a place
inside a name that an article introduces are neither the lexicon's person nor its place. The
lexicon's own mentions stay: "Kim said", "Vitali Klitschko", "Kyiv said", "in Moscow". A small
lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:vitaliy-kim", "person", (Name("Vitaliy Kim", "en"), Name("Віталій Кім", "uk")), gender="m"),
        Entity("test:klitschko", "person", (Name("Vitali Klitschko", "en"),), gender="m"),
        Entity("test:vladimir", "place", (Name("Vladimir", "en"), Name("Wladimir", "de")), subtype="city",
               country="RU", population=357_000),
        Entity("test:shevchenkivskyi", "place", (Name("Shevchenkivskyi", "en"), Name("Shevchenko", "en")),
               subtype="city district", country="UA", population=220_000),
        Entity("test:moscow", "place", (Name("Moscow", "en"),), subtype="city", country="RU",
               population=10_000_000),
        Entity("test:kyiv", "place", (Name("Kyiv", "en"),), subtype="city", country="UA", population=2_900_000),
    ])
    return Tagger(lex, cache=False)


def tags(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


def rejected(tagger: Tagger, text: str) -> dict[str, str]:
    """The first reason each word was turned down for."""
    out: dict[str, str] = {}
    for m in tagger.tag(text, all=True):
        if m.rejected:
            out.setdefault(m.text, m.rejected)
    return out


def test_a_surname_that_starts_a_longer_name_and_its_later_mentions(tagger: Tagger) -> None:
    text = "Kim Jong Un hosted a delegation in Pyongyang. Kim praised the army."
    assert tags(tagger, text) == []
    assert "longer name" in rejected(tagger, text)["Kim"]
    assert tags(tagger, "Defence Minister Kim Yong-hyun resigned. Kim apologized.") == []
    assert tags(tagger, "Kim Jong Un's sister Kim Yo Jong warned Seoul.") == []


def test_the_lexicon_person_by_surname_stays(tagger: Tagger) -> None:
    assert tags(tagger, "Kim said the port was hit.") == [("Kim", "test:vitaliy-kim")]
    assert tags(tagger, "Governor Vitaliy Kim spoke. Kim said Mykolaiv held.")[-1] == ("Kim", "test:vitaliy-kim")
    # one capitalized word after the surname may start the next clause
    assert tags(tagger, "According to Kim Russians shelled the port.") == [("Kim", "test:vitaliy-kim")]


def test_a_given_name_after_a_kinship_noun_is_no_place(tagger: Tagger) -> None:
    text = "Klitschko's brother Wladimir joined the army."
    assert ("Wladimir", "test:vladimir") not in tags(tagger, text)
    assert rejected(tagger, text)["Wladimir"].startswith("a given name after a kinship noun")
    assert tags(tagger, "Her son Vladimir lives in Kyiv.") == [("Kyiv", "test:kyiv")]
    assert tags(tagger, "A drone hit Vladimir overnight.") == [("Vladimir", "test:vladimir")]


def test_an_unlisted_persons_surname_before_a_verb_of_saying(tagger: Tagger) -> None:
    text = "Andriy Shevchenko visited the troops. Shevchenko said football must help the army."
    assert tags(tagger, text) == []
    assert tags(tagger, "Andriy Shevchenko visited the troops. Shevchenko's schools were hit.") \
        == [("Shevchenko", "test:shevchenkivskyi")]  # a big place without a verb of saying stays
    assert tags(tagger, "Shevchenko was shelled overnight.") == [("Shevchenko", "test:shevchenkivskyi")]


def test_a_place_inside_a_name_an_article_introduces(tagger: Tagger) -> None:
    text = "The Moscow Times reported the talks."
    assert tags(tagger, text) == []
    assert "longer name" in rejected(tagger, text)["Moscow"]
    assert tags(tagger, "the Kyiv Tractor Works closed") == []
    assert tags(tagger, "The Moscow government and the Kyiv authorities spoke.") \
        == [("Moscow", "test:moscow"), ("Kyiv", "test:kyiv")]
    assert tags(tagger, "In Moscow Putin met envoys.")[0] == ("Moscow", "test:moscow")


def test_a_place_between_capitalized_words_no_mention_covers() -> None:
    lex = Lexicon.from_entities([
        Entity("test:polytsi", "place", (Name("Polytsi", "en"), Name("Policy", "en")), subtype="village",
               country="UA", population=900),
        Entity("test:kharkiv", "place", (Name("Kharkiv", "en"),), subtype="city", country="UA",
               population=1_400_000),
    ])
    tagger = Tagger(lex, cache=False)
    assert tags(tagger, "He joined the Foreign Policy Research Institute in March.") == []
    # a sentence's first word, a function word or a day before it: the place stays
    assert tags(tagger, "On Monday Kharkiv Governor Oleh Syniehubov said more.") == [("Kharkiv", "test:kharkiv")]
    assert tags(tagger, "Yesterday Kharkiv Mayor Ihor Terekhov spoke.") == [("Kharkiv", "test:kharkiv")]
    assert tags(tagger, "Shelling hit Policy on Monday.") == [("Policy", "test:polytsi")]
    # after a mention, two more capitalized words: a longer name ("Kharkiv Human Rights Protection Group")
    assert tags(tagger, "The Kharkiv Policy Research Group said so.") == [("Kharkiv", "test:kharkiv")]
    assert tags(tagger, "Roads from Kharkiv Policy and Sumy were shut.")[:2] == [
        ("Kharkiv", "test:kharkiv"), ("Policy", "test:polytsi")]


def test_a_romanized_adjective_and_its_noun_are_a_longer_name() -> None:
    lex = Lexicon.from_entities([
        Entity("test:krasnaya", "place", (Name("Krasnaya", "en"),), subtype="village", country="RU", population=700),
        Entity("test:zvezda", "org", (Name("Zvezda", "en"),), subtype="television channel", country="RU"),
    ])
    tagger = Tagger(lex, cache=False)
    assert tags(tagger, "The army daily Krasnaya Zvezda printed the speech.") == []
    assert tags(tagger, "Zvezda aired the speech.") == [("Zvezda", "test:zvezda")]
    assert tags(tagger, "The speech aired on Zvezda.") == [("Zvezda", "test:zvezda")]


@pytest.fixture(scope="module")
def french_tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:donetsk", "place", (Name("Donetsk", "en"),), subtype="city", country="UA", population=900_000),
        Entity("test:kyiv", "place", (Name("Kyiv", "en"), Name("Kiev", "fr")), subtype="city", country="UA",
               population=2_900_000),
        Entity("test:peskov", "person", (Name("Dmitri Peskov", "fr"), Name("Дмитрий Песков", "ru")), gender="m"),
    ])
    return Tagger(lex, cache=False)


@pytest.mark.parametrize("text", [
    "En football, le Chakhtar Donetsk continue de jouer ses matchs à l'étranger.",
    "Le Chakhtar Donetsk a battu le club de la capitale.",
    "Les supporters du Dynamo Kiev ont rempli le stade de Lublin.",
])
def test_a_town_after_an_article_and_a_capitalized_word_is_a_longer_name(french_tagger: Tagger, text: str) -> None:
    # a club or a firm named after its town: the town takes no article in French
    assert tags(french_tagger, text) == []
    assert "longer name" in next(iter(rejected(french_tagger, text).values()))


@pytest.mark.parametrize(("text", "want"), [
    # the town itself: no article before the capitalized word, or a mention there, or a given name
    ("Le club ne peut plus jouer à Donetsk, occupée depuis 2014.", [("Donetsk", "test:donetsk")]),
    ("Le Kiev Post et la ville de Donetsk sont cités dans le rapport.", [("Donetsk", "test:donetsk")]),
    ("Après Kiev Donetsk a été frappée par des drones.", [("Kiev", "test:kyiv"), ("Donetsk", "test:donetsk")]),
    # German capitalizes every noun: "die Hafenstadt Odessa" is the town
    ("Die Bergbaustadt Donetsk ist seit 2014 besetzt, sagte der Sprecher der Armee.", [("Donetsk", "test:donetsk")]),
])
def test_the_town_after_other_words_stays(french_tagger: Tagger, text: str, want: list[tuple[str, str]]) -> None:
    assert tags(french_tagger, text) == want


def test_a_given_name_after_an_elided_word_introduces_someone_else(french_tagger: Tagger) -> None:
    text = "Les juges ont rejeté le recours d'Elizaveta Peskova, la fille du porte-parole."
    assert tags(french_tagger, text) == []
    assert rejected(french_tagger, text)["Peskova"] == "the surname of someone else after a given name"
    # the person of the lexicon, named in full after the same elision, stays
    assert tags(french_tagger, "Les juges ont cité les propos de Dmitri Peskov et d'un avocat.") \
        == [("Dmitri Peskov", "test:peskov")]


def test_an_outlets_quoted_name_after_a_noun_for_a_facility_or_craft_is_that_things() -> None:
    lex = Lexicon.from_entities([
        Entity("test:zvezda", "org", (Name("Звезда", "ru"), Name("Зірка", "uk")), subtype="television channel",
               country="RU"),
    ])
    tagger = Tagger(lex, cache=False)
    # an outlet owns no shipyard, module or film: the quoted name after such a noun is that thing's
    assert tags(tagger, "Танкеры заказали на верфи «Звезда» в Приморье.") == []
    assert tags(tagger, "Космонавты перешли в модуль «Звезда» после утечки.") == []
    assert tags(tagger, "Глядачі побачили фільм «Зірка» у неділю.") == []
    # after an outlet's own noun, or with no noun before it, the outlet stays
    assert tags(tagger, "Телеканал «Звезда» показал репортаж.") == [("Звезда", "test:zvezda")]
    assert tags(tagger, "Репортаж показала «Звезда».") == [("Звезда", "test:zvezda")]
