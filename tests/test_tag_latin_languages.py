"""Spanish, Italian, Czech and Slovak text: the tagger tells their language
(``language_words`` in normalize/data/tagging.json, :func:`normalize.evidence.document_language`,
:func:`normalize.tagger.doubt.confident_language`) and its language-aware rules read their words
(``feature_name_words``, ``town_articles``, ``shared_press``). The sentences are written for
these tests; a small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize import evidence
from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger
from normalize.tagger.doubt import confident_language

SENTENCES = [
    ("es", "El Gobierno aseguró que los ataques con drones continuaron durante la noche y que no hubo víctimas."),
    ("es", "Según el alcalde, las tropas se retiraron tras varios días de combates cerca de la frontera."),
    ("it", "Secondo il ministero, le truppe sono state ritirate dopo tre giorni di combattimenti nella regione."),
    ("it", "Il governo ha detto che gli attacchi con i droni sono continuati anche durante la notte."),
    ("cs", "Podle ministerstva byly jednotky staženy, když boje u hranice trvaly už tři dny a noci."),
    ("cs", "Vláda uvedla, že útoky dronů pokračovaly i v noci, ale nikdo nebyl zraněn."),
    # function words Polish and Slovak write otherwise (przez, cez; ich; kiedy, keď): a short Czech text is known
    ("cs", "Ruský Gazprom po skončení tranzitu přes Ukrajinu přišel o zákazníky, proto letos vykáže ztrátu."),
    ("sk", "Podľa ministerstva boli jednotky stiahnuté, keď boje pri hranici trvali už tri dni a noci."),
    ("sk", "Vláda uviedla, že útoky dronov pokračovali aj v noci, ale nikto nebol zranený."),
    # the languages known before keep their answers
    ("en", "The government said that the drone attacks continued through the night and that no one was hurt."),
    ("de", "Die Regierung sagte, dass die Angriffe mit Drohnen auch in der Nacht weitergingen."),
    ("fr", "Le gouvernement a déclaré que les attaques de drones se sont poursuivies pendant la nuit."),
    ("pl", "Rząd poinformował, że ataki dronów trwały przez całą noc i nikt nie został ranny."),
]


@pytest.mark.parametrize(("lang", "text"), SENTENCES)
def test_the_language_of_a_sentence(lang: str, text: str) -> None:
    assert evidence.document_language(text) == lang
    assert confident_language(text) == lang


def test_slovak_and_czech_apart() -> None:
    # the words the two languages share (a, v, je, už, že) decide nothing; sa/se, podľa/podle, aj/i do
    assert evidence.document_language("Je to už tak, že v noci a ráno prší.") == "cs"  # ties: the earlier language
    assert evidence.document_language("Je to už tak, že sa v noci aj ráno podľa všetkého rozprší.") == "sk"


def test_letters_only_one_language_writes() -> None:
    # Czech shares its short words with Polish (o, na, do, po): its own letters (ř, ě, ů) tell them apart
    cz = "Podle firmy podepsal Gazprom smlouvu o dodávkách na zimu, ale vývoz do Evropy klesl po roce na třetinu předválečného objemu."
    assert evidence.document_language(cz) == "cs"
    pl = "Według firmy Gazprom podpisał umowę o dostawach na zimę, ale eksport do Europy spadł po roku o jedną trzecią."
    assert evidence.document_language(pl) == "pl"
    # a Czech name in a Polish text decides nothing: Polish letters are there too
    assert evidence.document_language(pl + " Rozmawiał z nim Jiří Dvořák.") == "pl"
    # letters alone, with no function word of their language, do not make a text of it
    assert evidence.document_language("The minister met Jiří Dvořák and Łukasz in the capital.") == "en"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:dnipro", "place", (Name("Dnipro", "en"), Name("Dněpr", "cs"), Name("Dnipró", "es"),
                                        Name("Дніпро", "uk")),
               population=980_000, country="UA", admin1="04", subtype="populated place"),
        Entity("test:polytsi", "place", (Name("Поліці", "uk"), Name("Polytsi", "en")), population=300,
               country="UA", admin1="02", subtype="populated place"),
        Entity("test:chornukhy", "place", (Name("Чорнухи", "uk"), Name("Chornukhy", "en")), population=2_000,
               country="UA", admin1="18", subtype="populated place"),
    ])
    return Tagger(lex, cache=False)


def ids(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


@pytest.mark.parametrize("text", [
    "Střela podle záchranářů dopadla nedaleko břehu řeky Dněpr, kde stály obytné domy.",
    "Los vecinos de la orilla del río Dnipró oyeron varias explosiones durante la noche.",
    "Sulla riva del fiume Dnipro i soccorritori hanno lavorato per tutta la notte.",
    "Podľa hasičov sa požiar rozšíril až k brehu rieky Dnipro a zasiahol aj sklady.",
])
def test_a_river_its_bank_or_an_island_before_the_name(tagger: Tagger, text: str) -> None:
    assert ids(tagger, text) == []
    assert [m.rejected for m in tagger.tag(text, all=True) if m.rejected] == [
        "after a river, its bank or an island: the feature's name"]


@pytest.mark.parametrize("text", [
    "Il Dnipro è cresciuto di due metri secondo i tecnici della diga, che hanno detto di temere altre piogge.",
    "Según los técnicos, el Dnipró ha crecido dos metros y las autoridades han cerrado el puerto.",
])
def test_a_town_takes_no_article_in_spanish_and_italian(tagger: Tagger, text: str) -> None:
    assert ids(tagger, text) == []
    assert [m.rejected for m in tagger.tag(text, all=True) if m.rejected] == [
        "after an article, which a town's name never takes"]


def test_the_town_without_article_stands(tagger: Tagger) -> None:
    assert ids(tagger, "Secondo il sindaco, a Dnipro i missili hanno colpito un palazzo e anche una scuola.") == [
        ("Dnipro", "test:dnipro")]
    assert ids(tagger, "Según el alcalde, los misiles alcanzaron en Dnipró un edificio y también una escuela.") == [
        ("Dnipró", "test:dnipro")]


def test_slovak_text_reads_the_czech_press_spellings(tagger: Tagger) -> None:
    # Чорнухи as only the Czech press writes it (Čornuchy) is at home in a Slovak text (no Slovak press
    # scheme: ``shared_press``); the Polish press's Policy for Поліці is not
    slovak = "Podľa miestnych úradov ruské drony zasiahli obec {} a tiež školu, ktorá bola pred vojnou najväčšia."
    assert confident_language(slovak) == "sk"
    assert ids(tagger, slovak.format("Čornuchy")) == [("Čornuchy", "test:chornukhy")]
    assert [m.rejected for m in tagger.tag(slovak.format("Policy"), all=True) if m.text == "Policy"] == [
        "a spelling only the press of pl writes, in a text in sk"]
    # and in Italian text, whose press is another, the Czech spelling is no mention
    italian = "Secondo le autorità locali, i droni russi hanno colpito il villaggio di Čornuchy e anche una scuola."
    assert [m.rejected for m in tagger.tag(italian, all=True) if m.text == "Čornuchy"] == [
        "a spelling only the press of cs writes, in a text in it"]


@pytest.mark.parametrize(("text", "span", "region"), [
    ("Drony v noci létaly nad Oděskou oblastí.", "Oděskou oblastí", "place:ua-odesa-oblast"),
    ("Ostřelování pokračovalo v Kurské oblasti.", "Kurské oblasti", "place:ru-kursk-oblast"),
    ("Drony zasiahli sklady v Luhanskej oblasti.", "Luhanskej oblasti", "place:ua-luhansk-oblast"),
    ("Nad Charkovskou oblasťou zostrelili dva drony.", "Charkovskou oblasťou", "place:ua-kharkiv-oblast"),
])
def test_a_czech_or_slovak_region_adjective_in_any_case(text: str, span: str, region: str) -> None:
    # the adjective's case ending (-skou, -ské, -skej) gives its nominative (-ská: romanized_adjective_endings),
    # and the two words are one mention of the region
    assert [(m.text, m.id) for m in Tagger().tag(text)] == [(span, region)]


@pytest.mark.parametrize(("text", "want"), [
    ("Ruská armáda podle generálního štábu v noci znovu útočila.", []),
    ("Běloruská opozice podle svých mluvčích jednání odmítla.", []),
    ("Podle Ruska i Běloruska jde o provokaci.", [("Ruska", "place:ru"), ("Běloruska", "place:by")]),
    ("Olena Zelenská podle kanceláře navštívila nemocnici.", [("Olena Zelenská", "person:olena-zelenska")]),
])
def test_a_czech_adjective_is_not_the_genitive_it_folds_to(text: str, want: list[tuple[str, str]]) -> None:
    # Ruská (adjective) and Ruska (genitive of Rusko) share one light key: written_adjective_endings
    assert [(m.text, m.id) for m in Tagger().tag(text)] == want


@pytest.mark.parametrize(("text", "want"), [
    ("Secondo l'Aiea la centrale è stata colpita, e il direttore ha chiesto all'Onu di intervenire.",
     [("Aiea", "org:international-atomic-energy-agency"), ("Onu", "org:united-nations")]),
    # not in a language whose press writes acronyms so: a capitalized word stays a word
    ("The Onu Lounge said that the party was over and that all the guests had left.", []),
])
def test_the_italian_press_writes_acronyms_with_one_capital(text: str, want: list[tuple[str, str]]) -> None:
    assert [(m.text, m.id) for m in Tagger().tag(text)] == want


@pytest.mark.parametrize(("text", "org"), [
    ("Il portavoce del Cremlino ha parlato con i giornalisti.", "org:kremlin"),
    ("El Instituto para el Estudio de la Guerra publicó su informe.", "org:institute-for-the-study-of-war"),
    ("Evropská unie schválila nový balík sankcí.", "org:european-union"),
])
def test_organizations_as_spanish_italian_and_czech_write_them(text: str, org: str) -> None:
    assert org in [m.id for m in Tagger().tag(text)]
