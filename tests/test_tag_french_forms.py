"""French forms in running text (issue 16): a capitalized elision at a sentence start, and an
organization's name used as a common noun's complement without an article.

"L'état-major a précisé..." names the general staff (the capital L is the sentence's, the
apostrophe an elision before a vowel), while "T'otkino" and "L'viv" keep their apostrophe
(a soft sign). "Le chef d'état-major" is a title: no article, so no organization. The
small lexicon here holds two general staffs, an intelligence service and a few places.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger

UA_STAFF, RU_STAFF, HUR = "test:ua-general-staff", "test:ru-general-staff", "test:hur"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity(UA_STAFF, "org", (Name("état-major ukrainien", "fr"), Name("état-major", "fr", "short")),
               country="UA"),
        Entity(RU_STAFF, "org", (Name("état-major russe", "fr"), Name("état-major", "fr", "short")),
               country="RU"),
        Entity(HUR, "org", (Name("renseignement militaire ukrainien", "fr"),), country="UA"),
        Entity("test:kyiv", "place", (Name("Kiev", "fr"),), subtype="city", country="UA", population=2_900_000),
        Entity("test:moscow", "place", (Name("Moscou", "fr"),), subtype="city", country="RU", population=10_000_000),
        Entity("test:bar", "place", (Name("Bar", "uk"),), subtype="town", country="UA", population=15_000),
        Entity("test:zhmerynka", "place", (Name("Jmerynka", "fr"),), subtype="town", country="UA", population=34_000),
        Entity("test:tyotkino", "place", (Name("T'otkino", "en"),), subtype="town", country="RU", population=200_000),
    ])
    return Tagger(lex, cache=False)


def pairs(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


def test_capitalized_elision_at_a_sentence_start(tagger: Tagger) -> None:
    got = pairs(tagger, "Kiev dément. L'état-major a précisé que les combats continuaient.")
    assert ("état-major", UA_STAFF) in got
    got = pairs(tagger, "Moscou dément. D'après l'état-major, les combats continuaient.")
    assert ("état-major", RU_STAFF) in got


def test_an_apostrophe_for_a_soft_sign_stays(tagger: Tagger) -> None:
    assert pairs(tagger, "T'otkino a été visée par des drones.") == [("T'otkino", "test:tyotkino")]


def test_a_name_without_article_after_a_noun_is_a_title_or_a_kind(tagger: Tagger) -> None:
    text = "À Kiev, le chef d'état-major a démissionné. Des officiers de renseignement militaire ukrainien sont arrivés."
    got = pairs(tagger, text)
    assert got == [("Kiev", "test:kyiv")], got
    why = {m.text: m.rejected for m in tagger.tag(text, all=True) if m.rejected}
    assert why["état-major"] == why["renseignement militaire ukrainien"] == "a common noun's complement with no article"


def test_the_organization_with_its_article_is_a_mention(tagger: Tagger) -> None:
    got = pairs(tagger, "À Kiev, le chef du renseignement militaire ukrainien et le porte-parole de l'état-major ont parlé.")
    assert ("renseignement militaire ukrainien", HUR) in got
    assert ("état-major", UA_STAFF) in got


def test_a_capital_heading_a_list_of_common_nouns_is_one_of_them(tagger: Tagger) -> None:
    text = "Bar, cafés et restaurants sont restés fermés."
    assert pairs(tagger, text) == []
    why = [m.rejected for m in tagger.tag(text, all=True)]
    assert why == ["the first of coordinated lower-case words at a sentence start: a common noun"]


@pytest.mark.parametrize("text", ["Bar, Jmerynka et Kiev ont été touchées.", "Bar, ville de la région, a été touchée.",
                                  "Les frappes ont visé Bar, Jmerynka et Kiev."])
def test_a_town_heading_names_or_an_apposition_stays(tagger: Tagger, text: str) -> None:
    assert ("Bar", "test:bar") in pairs(tagger, text)


def test_a_link_repeated_after_a_comma_in_coordinated_regions() -> None:
    # "les régions de Koursk, de Briansk et de Belgorod": each name after the plural category word is
    # its region, the "de" repeated after the comma as after "et"
    lex = Lexicon.from_entities([
        Entity("test:kursk-oblast", "place", (Name("Kursk Oblast", "en"),), subtype="oblast", country="RU", admin1="41"),
        Entity("test:bryansk-oblast", "place", (Name("Bryansk Oblast", "en"),), subtype="oblast", country="RU",
               admin1="10"),
        Entity("test:belgorod-oblast", "place", (Name("Belgorod Oblast", "en"),), subtype="oblast", country="RU",
               admin1="09"),
        Entity("test:kursk", "place", (Name("Kursk", "en"), Name("Koursk", "fr")), subtype="populated place",
               population=440_000, country="RU", admin1="41"),
        Entity("test:bryansk", "place", (Name("Bryansk", "en"), Name("Briansk", "fr")), subtype="populated place",
               population=400_000, country="RU", admin1="10"),
    ])
    tagger = Tagger(lex, cache=False)
    want = [("régions de Koursk", "test:kursk-oblast"), ("Briansk", "test:bryansk-oblast"),
            ("Belgorod", "test:belgorod-oblast")]
    assert pairs(tagger, "Des drones ont visé les régions de Koursk, de Briansk et de Belgorod.") == want
    assert pairs(tagger, "Des drones ont visé les régions de Koursk, Briansk et Belgorod.") == want
    assert pairs(tagger, "Des drones ont visé les régions de Koursk et de Belgorod.") == [want[0], want[2]]
    # a comma and "de" after one region name, then no name: the town stands alone
    assert pairs(tagger, "La région de Koursk, de loin la plus touchée, et Briansk.") == [
        ("région de Koursk", "test:kursk-oblast"), ("Briansk", "test:bryansk")]
