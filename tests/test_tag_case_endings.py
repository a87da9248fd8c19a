"""Case endings a language adds to a name as written (normalize/tagger/endings.py): German genitive -s.

A small lexicon made here; each rule is checked both ways.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger

DE = "Die Regierung teilte am Montag mit, dass die Lage ernst sei und sich nicht bessere. "


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:zelensky", "person", (Name("Володимир Зеленський", "uk"), Name("Wolodymyr Selenskyj", "de")),
               gender="m"),
        Entity("test:klitschko", "person", (Name("Віталій Кличко", "uk"), Name("Vitali Klitschko", "de")), gender="m"),
        Entity("test:kyiv", "place", (Name("Київ", "uk"), Name("Kiew", "de")), population=2_900_000),
        Entity("test:marin", "place", (Name("Marin"),), population=300),
        Entity("test:donezk", "place", (Name("Donezk", "de"),), population=900_000),
        Entity("test:marius", "place", (Name("Marius"),), population=900_000),
    ])
    return Tagger(lex, cache=False)


def ids(mentions: list) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in mentions]


def test_german_genitive_of_people_and_places(tagger: Tagger) -> None:
    got = ids(tagger.tag(DE + "Kiews Bürgermeister Vitali Klitschko widersprach Selenskyjs Sprecher."))
    assert got == [("Kiews", "test:kyiv"), ("Vitali Klitschko", "test:klitschko"),
                   ("Selenskyjs", "test:zelensky")]
    assert ids(tagger.tag(DE + "Klitschkos Team widersprach.")) == [("Klitschkos", "test:klitschko")]


def test_only_where_the_language_takes_it(tagger: Tagger) -> None:
    # English writes the possessive with an apostrophe: a bare -s is another word
    assert ids(tagger.tag("The Kiews were mentioned by the officials, who said that it was over.")) == []
    assert ids(tagger.tag("Kyiv's mayor and Kiew's officials said it was over.")) == [("Kyiv", "test:kyiv"), ("Kiew", "test:kyiv")]


def test_not_a_weak_place_nor_a_blocked_stem(tagger: Tagger) -> None:
    # a village called like a word is no more a mention with an ending than without it
    assert ids(tagger.tag(DE + "Marins Hafen ist klein.")) == []
    assert ids(tagger.tag(DE + "Donezks Zentrum wurde beschossen.")) == [("Donezks", "test:donezk")]
    # a name in -s, -x, -z takes an apostrophe in German, never a bare -s
    assert ids(tagger.tag(DE + "Mariuss Hafen ist klein.")) == []


def test_a_word_that_is_itself_a_key_is_left_to_the_exact_pass(tagger: Tagger) -> None:
    got = tagger.tag(DE + "In Kiew und Kiews Umgebung.")
    assert ids(got) == [("Kiew", "test:kyiv"), ("Kiews", "test:kyiv")]
    assert got[1].start == len(DE + "In Kiew und ")


@pytest.fixture(scope="module")
def orgs() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:institute", "org", (Name("Institut für Kriegsstudien", "de"),)),
        Entity("test:committee", "org", (Name("Komitee für Staatssicherheit", "de"),)),
        Entity("test:guard", "org", (Name("Russische Nationalgarde", "de"),)),
        Entity("test:navy", "org", (Name("ukrainische Marine", "de"),)),
    ])
    return Tagger(lex, cache=False)


def test_the_declined_head_of_a_longer_name(orgs: Tagger) -> None:
    """A name whose first word, a noun, takes the genitive ending while the words after it do not."""
    got = ids(orgs.tag(DE + "Nach Einschätzung des Instituts für Kriegsstudien und des Komitees für "
                            "Staatssicherheit wurde gewarnt."))
    assert got == [("Instituts für Kriegsstudien", "test:institute"),
                   ("Komitees für Staatssicherheit", "test:committee")]
    # only where the language declines: an English -s is another word
    assert ids(orgs.tag("The Instituts für Kriegsstudien were mentioned by the officials, who said it was over.")) == []
    # no ending, or an ending the noun does not take, names nothing
    assert ids(orgs.tag(DE + "Das Institutx für Kriegsstudien warnte.")) == []


def test_a_lower_case_adjective_made_from_a_name(orgs: Tagger) -> None:
    """'der russischen Nationalgarde': a declined lower-case adjective in -isch before the noun."""
    got = ids(orgs.tag(DE + "Der Chef der russischen Nationalgarde und ein Sprecher der ukrainischen Marine "
                            "sagten nichts."))
    assert got == [("russischen Nationalgarde", "test:guard"), ("ukrainischen Marine", "test:navy")]
    # an adjective not made from a name does not start one: "der großen Nationalgarde"
    assert ids(orgs.tag(DE + "Der Chef der großen Nationalgarde sagte nichts.")) == []


PL = "Rząd poinformował w poniedziałek, że sytuacja jest poważna i nie poprawia się od tygodnia. "
CS = "Vláda v pondělí uvedla, že situace je vážná a že se od minulého týdne nezlepšila. "


@pytest.fixture(scope="module")
def latin() -> Tagger:
    """Names the lexicon holds only as written in Latin letters, which no declension of a Cyrillic name reaches."""
    lex = Lexicon.from_entities([
        Entity("test:lukoil", "org", (Name("Lukoil", "en"),)),
        Entity("test:duma", "org", (Name("Duma", "en"),)),
        Entity("test:bellingcat", "org", (Name("Bellingcat", "en"),)),
        Entity("test:kosa", "place", (Name("Kosa"),), population=200),
    ])
    return Tagger(lex, cache=False)


@pytest.mark.parametrize(("text", "want"), [
    (PL + "Akcje Łukoilu spadły, a prezes Łukoilem nie kieruje.", [("Łukoilu", "test:lukoil"), ("Łukoilem", "test:lukoil")]),
    (PL + "Zarząd przekazał Łukoilowi dane z Bellingcatu.", [("Łukoilowi", "test:lukoil"), ("Bellingcatu", "test:bellingcat")]),
    # a feminine name in -a: the ending stands for the nominative's -a
    (PL + "Przewodniczący Dumy i deputowani w Dumie głosowali.", [("Dumy", "test:duma"), ("Dumie", "test:duma")]),
    (CS + "Předseda Dumy a akcie Lukoilu klesly, řekl šéf Lukoilem jmenovaný.",
     [("Dumy", "test:duma"), ("Lukoilu", "test:lukoil"), ("Lukoilem", "test:lukoil")]),
    (CS + "O Dumu se zajímá i Bellingcat, který s Dumou mluvil.",
     [("Dumu", "test:duma"), ("Bellingcat", "test:bellingcat"), ("Dumou", "test:duma")]),
])
def test_polish_and_czech_endings_on_latin_names(latin: Tagger, text: str, want: list[tuple[str, str]]) -> None:
    assert ids(latin.tag(text)) == want


@pytest.mark.parametrize("text", [
    # a weak place is no more a mention with an ending than without it
    PL + "Mieszkańcy Kosy i Kosie narzekali na drogi.",
    # English, whose press adds no such ending
    "The Dumy and the Lukoilu were mentioned by the officials, who said it was over.",
    # lower case: no name
    PL + "Wszyscy mówili o dumy i o lukoilu.",
])
def test_polish_and_czech_endings_not_elsewhere(latin: Tagger, text: str) -> None:
    assert ids(latin.tag(text)) == []


@pytest.fixture(scope="module")
def towns() -> Tagger:
    """Small towns (weak keys): the Czech press spelling of a Ukrainian one, and one every press writes alike."""
    lex = Lexicon.from_entities([
        Entity("test:orikhiv", "place", (Name("Оріхів", "uk"), Name("Orikhiv", "en")), subtype="city", country="UA",
               population=14_000),
        Entity("test:kostiantynivka", "place", (Name("Костянтинівка", "uk"), Name("Kostiantynivka", "en")),
               subtype="city", country="UA", population=67_000),
        Entity("test:marin", "place", (Name("Marin"),), population=300),
    ])
    return Tagger(lex, cache=False)


def test_czech_case_forms_of_a_czech_press_spelling_of_a_small_town(towns: Tagger) -> None:
    got = ids(towns.tag(CS + "Ruská armáda znovu ostřelovala okolí Orichivu a v Kosťantynivce zahynuli dva lidé."))
    assert got == [("Orichivu", "test:orikhiv"), ("Kosťantynivce", "test:kostiantynivka")]


@pytest.mark.parametrize("text", [
    # a spelling every press writes: the ending adds nothing to a village's weak name
    CS + "Ruská armáda znovu ostřelovala okolí Marinu.",
    # English: no such ending
    "The army shelled the outskirts of Orichivu again, the officials said on Monday.",
])
def test_no_case_form_of_a_weak_name_elsewhere(towns: Tagger, text: str) -> None:
    assert ids(towns.tag(text)) == []
