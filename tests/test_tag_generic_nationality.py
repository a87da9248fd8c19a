"""A generic organization name with a country word next to it (issue 16).

"L'état-major français", "der französische Generalstab", "the US General Staff": a name
that several countries' organizations share, with a nationality adjective or a country's
name beside it, names that country's body. When the lexicon holds that country's
organization, it wins (whatever the document's other places say); when it does not, the
mention is turned down, with its reason under ``all=True``. Small lexicons of their own,
one per language, each with a Ukrainian and a Russian body of one generic name.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger
from normalize.tagger.generic import GenericNames, nationality_words

UA, RU = "test:ua-staff", "test:ru-staff"

_GENERIC = {"fr": "état-major", "de": "Generalstab", "en": "General Staff", "pl": "Sztab Generalny"}
_KYIV = {"fr": "Kiev", "de": "Kiew", "en": "Kyiv", "pl": "Kijów"}
_MOSCOW = {"fr": "Moscou", "de": "Moskau", "en": "Moscow", "pl": "Moskwa"}


def _lexicon(lang: str) -> Lexicon:
    generic = _GENERIC[lang]
    return Lexicon.from_entities([
        Entity(UA, "org", (Name(generic, lang, "short"),), country="UA"),
        Entity(RU, "org", (Name(generic, lang, "short"),), country="RU"),
        Entity("test:kyiv", "place", (Name(_KYIV[lang], lang),), subtype="city", country="UA", population=2_900_000),
        Entity("test:moscow", "place", (Name(_MOSCOW[lang], lang),), subtype="city", country="RU",
               population=10_000_000),
    ])


@pytest.fixture(scope="module", params=sorted(_GENERIC))
def tagger(request: pytest.FixtureRequest) -> tuple[str, Tagger]:
    lang: str = request.param
    return lang, Tagger(_lexicon(lang), cache=False)


#: by language: (text, the generic name's ID or None when it must be turned down, the country word)
CASES: dict[str, list[tuple[str, str | None, str]]] = {
    "fr": [
        ("Selon l'état-major français, la situation reste calme à Kiev.", None, "français"),
        ("À Kiev, l'état-major de la France a démenti.", None, "France"),
        ("L'état-major des armées a démenti toute présence de soldats à Kiev.", None, "armées"),
        ("L'état-major britannique s'inquiète, selon des diplomates à Kiev.", None, "britannique"),
        ("L'état-major des forces armées russes a démenti à Kiev.", RU, "russes"),
        ("À Moscou, l'état-major des armées ukrainiennes affirme le contraire.", UA, "ukrainiennes"),
    ],
    "de": [
        ("Der französische Generalstab bestätigte in Kiew die Lieferung.", None, "französische"),
        ("In Kiew äußerte sich der Generalstab der Bundeswehr zurückhaltend.", None, "Bundeswehr"),
        ("Der polnische Generalstab verlegte Truppen, hieß es in Kiew.", None, "polnische"),
        ("In Moskau meldete der ukrainische Generalstab neue Angriffe.", UA, "ukrainische"),
    ],
    "en": [
        ("The US General Staff sent officers to Kyiv.", None, "US"),
        ("In Kyiv, the French General Staff confirmed the talks.", None, "French"),
        ("In Kyiv, the General Staff of Poland confirmed the talks.", None, "Poland"),
        ("In Kyiv, the Russian General Staff was blamed for the strike.", RU, "Russian"),
    ],
    "pl": [
        ("Francuski Sztab Generalny potwierdził w Kijowie rozmowy.", None, "Francuski"),
        ("Sztab Generalny Francji potwierdził rozmowy, podano w Kijowie.", None, "Francji"),
        ("W Moskwie ukraiński Sztab Generalny potwierdził atak.", UA, "ukraiński"),
    ],
}


def test_a_country_word_next_to_a_generic_name_decides(tagger: tuple[str, Tagger]) -> None:
    lang, t = tagger
    generic = _GENERIC[lang]
    for text, want, word in CASES[lang]:
        found = [m for m in t.tag(text, all=True) if m.text.lower().endswith(generic.lower())]
        assert len(found) == 1, (text, found)
        m = found[0]
        if want is None:
            assert m.rejected and word in m.rejected, (text, m)
            assert not any(k.text.lower().endswith(generic.lower()) for k in t.tag(text)), text
        else:
            assert not m.rejected and m.id == want, (text, m)


def test_without_a_country_word_the_document_still_decides(tagger: tuple[str, Tagger]) -> None:
    lang, t = tagger
    text = {"fr": "À Kiev, l'état-major a annoncé 120 combats.",
            "de": "In Kiew meldete der Generalstab 120 Gefechte.",
            "en": "In Kyiv, the General Staff reported 120 clashes.",
            "pl": "W Kijowie Sztab Generalny podał, że doszło do 120 starć."}[lang]
    found = [m for m in t.tag(text) if m.type == "org"]
    assert [m.id for m in found] == [UA]


@pytest.mark.parametrize(("text", "code"), [
    ("état-major français", "FR"), ("état-major des armées", "FR"), ("état-major des armées ukrainiennes", "UA"),
    ("état-major de la Russie", "RU"), ("état-major, français", None), ("état-major a dit", None),
    ("état-major Ukraine's", "UA"),
])
def test_the_word_after_a_name_across_links(text: str, code: str | None) -> None:
    got = GenericNames.country_word(text, 0, len("état-major"))
    assert (got[0] if got else None) == code


def test_one_word_before_a_name_with_only_spaces_between() -> None:
    text = "the US General Staff"
    assert GenericNames.country_word(text, 7, len(text)) == ("US", "US", 4)
    assert GenericNames.country_word("the US, General Staff", 8, 21) is None
    assert GenericNames.country_word("us General Staff", 3, 16) is None  # a pronoun, not the country


def test_words_name_one_country_each() -> None:
    words, weak, links = nationality_words()
    assert words["français"] == words["Frankreichs"] == words["francuskiego"] == words["French"] == "FR"
    assert words["ukrainiennes"] == words["ukrainischen"] == "UA"
    assert not set(weak) & set(words) and "de" in links


@pytest.mark.parametrize("text", ["Ukraine's General Staff said so.", "Officials said Ukraine’s General Staff said so."])
def test_a_name_with_a_possessive_is_found_whole(text: str) -> None:
    lex = Lexicon.from_entities([
        Entity(UA, "org", (Name("Ukraine's General Staff", "en"),), country="UA"),
        Entity("test:ua", "place", (Name("Ukraine", "en"),), subtype="country", country="UA"),
    ])
    got = [(m.text, m.id) for m in Tagger(lex, cache=False).tag(text)]
    assert got == [(text[text.index("Ukraine"):text.index(" said so")], UA)]
