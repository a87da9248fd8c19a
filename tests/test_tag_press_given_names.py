"""Given names of the press languages (``press_given_names`` in tagging.json) tell another person.

A surname right after a given name that is not the lexicon person's is someone else's
(normalize/tagger/unlisted.py): "ze Zbigniewem Nowakiem" is not Alexander Novak, "Thomas
Müller" not a Müller the lexicon holds. The rule knew only East Slavic given names; the common
given names of Polish, Czech, Slovak, German, French, English, Spanish and Italian now count,
in their case forms too (the case endings of ``given_name_case_endings``, and its ``fleeting``
vowel: Marek, Markiem; Paweł, Pawła; Karel, Karla). The lexicon person named with their own
given name, in whatever spelling, stays. A small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:novak", "person", (Name("Александр Новак", "ru"), Name("Alexander Novak", "en"),
                                        Name("Aleksandr Nowak", "pl"), Name("Alexandr Novak", "cs")), gender="m"),
        Entity("test:senkevych", "person", (Name("Олександр Сенкевич", "uk"), Name("Oleksandr Senkevych", "en"),
                                            Name("Ołeksandr Sienkiewicz", "pl")), gender="m"),
        Entity("test:muller", "person", (Name("Gerd Müller", "de"), Name("Gerd Muller", "en")), gender="m"),
        Entity("test:scholz", "person", (Name("Olaf Scholz", "de"), Name("Olaf Scholz", "en")), gender="m"),
        Entity("test:zelensky", "person", (Name("Володимир Зеленський", "uk"), Name("Volodymyr Zelensky", "en"),
                                           Name("Wołodymyr Zełenski", "pl")), gender="m"),
    ])
    return Tagger(lex, cache=False)


def ids(tagger: Tagger, text: str) -> list[str | None]:
    return [m.id for m in tagger.tag(text)]


@pytest.mark.parametrize("text", [
    # Polish, in the instrumental, genitive, dative and locative, with a fleeting vowel too
    "Premier spotkał się ze Zbigniewem Nowakiem.",
    "Rozmawiał z Bartłomiejem Sienkiewiczem.",
    "List Grzegorza Nowaka trafił do sądu.",
    "Sąd przyznał rację Piotrowi Nowakowi.",
    "Mówiono o Tomaszu Nowaku.",
    "Wywiad z Markiem Nowakiem.",
    "Córka Pawła Nowaka zeznawała.",
    "Jacka Nowaka nie było.",
    # Czech and Slovak
    "Ministr Karel Novák řekl, že souhlasí.",
    "Mluvil s Karlem Novákem.",
    "Dopis Petrovi Novákovi.",
    "Minister Juraj Novák povedal.",
    # German, French, English, Spanish, Italian
    "Der Stürmer Thomas Müller traf zweimal.",
    "Der Kanzler sprach mit Wolfgang Scholz.",
    "Le maire Jean Novak a démissionné.",
    "Analyst John Novak said prices would rise.",
    "El alcalde Juan Novak dimitió.",
    "Il sindaco Giuseppe Novak si è dimesso.",
])
def test_a_press_given_name_before_a_lexicon_surname_is_someone_else(tagger: Tagger, text: str) -> None:
    assert ids(tagger, text) == []


@pytest.mark.parametrize(("text", "want"), [
    ("Olaf Scholz sprach mit der Presse.", "test:scholz"),
    ("Gerd Müller traf zweimal.", "test:muller"),
    ("Alexander Novak said output would fall.", "test:novak"),
    ("Premier rozmawiał z Wołodymyrem Zełenskim.", "test:zelensky"),
])
def test_the_lexicon_person_named_with_their_own_given_name_stays(tagger: Tagger, text: str, want: str) -> None:
    assert want in ids(tagger, text)
