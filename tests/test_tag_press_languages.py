"""Which languages write a key (:mod:`normalize.matcher.press_langs`): a spelling only another
language's press makes is no mention of a small place in a text of a language that does not write it
(:meth:`normalize.tagger.doubt.WeakMentions.other_press`). A small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.index import compile_index
from normalize.lexicon import Entity, Lexicon, Name
from normalize.matcher import Matcher
from normalize.matcher.press_langs import ANY, add_key_langs, press_bit, press_languages, rendering_masks
from normalize.tagger import Tagger
from normalize.tagger.doubt import confident_language

#: a village whose Russified form (Полици) the Polish press writes "Policy"; a town whose
#: German press spelling "Pokrowsk" only the German and Polish presses write
ENTITIES = [
    Entity("test:polytsi", "place", (Name("Поліці", "uk"), Name("Polytsi", "en")), population=300,
           country="UA", admin1="02", subtype="populated place"),
    Entity("test:kivertsi", "place", (Name("Ківерці", "uk"), Name("Kivertsi", "en")), population=800,
           country="UA", admin1="02", subtype="populated place"),
]


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.from_entities(ENTITIES)


@pytest.fixture(scope="module")
def tagger(lex: Lexicon) -> Tagger:
    return Tagger(lex, cache=False)


def test_a_scheme_counts_for_its_press_language_or_for_any() -> None:
    assert "pl" in press_languages() and "de" in press_languages() and "en" not in press_languages()
    assert press_bit("en") == 0 and press_bit("pl") & ANY == 0
    masks = rendering_masks(["Policy", "Polici", "Polici"], ["ru_press_pl", "ru_iso9", "ru_press_cs"])
    assert masks == {"Policy": press_bit("pl"), "Polici": ANY | press_bit("cs")}


def test_a_key_any_derivation_writes_for_any_language_stays_any() -> None:
    exact: dict[str, list[object]] = {}
    press: dict[str, int] = {}
    add_key_langs(press, exact, "policy", press_bit("pl"))
    exact["policy"] = []
    add_key_langs(press, exact, "policy", press_bit("cs"))
    assert press == {"policy": press_bit("pl") | press_bit("cs")}
    add_key_langs(press, exact, "policy", ANY)  # a later name or scheme for any reader
    assert press == {}
    add_key_langs(press, exact, "policy", press_bit("pl"))  # (already in the table, as any)
    assert press == {}


def test_the_matcher_records_every_scheme_of_a_key_not_only_the_first(lex: Lexicon) -> None:
    m = Matcher(lex, cache=False).build_tables(jobs=1)
    assert m._press_only["policy"] == press_bit("pl")
    assert "polytsi" not in m._press_only and "politsi" not in m._press_only  # names, BGN, national
    assert "polici" not in m._press_only  # ISO 9 and GOST write it too (through the Russian form)
    for key, mask in m._press_only.items():
        assert key in m._exact and mask and not mask & ANY


def test_a_compiled_table_and_a_fresh_build_agree(lex: Lexicon) -> None:
    m = Matcher(lex, cache=False).build_tables(jobs=1)
    table = compile_index(lex).tagger().table
    got = {k: table.press_langs(i) for i, k in enumerate(table.keys)}
    assert {k: v for k, v in got.items() if v != ANY} == {k: v for k, v in m._press_only.items() if k in got}
    assert got["polytsi"] == ANY


def test_another_press_spelling_in_an_english_text_is_no_mention(tagger: Tagger) -> None:
    text = "He works at the Foreign Policy Research Institute, which was founded in Philadelphia in 1955."
    assert [m.id for m in tagger.tag(text)] == []
    rejected = [(m.text, m.id, m.rejected) for m in tagger.tag(text, all=True) if m.rejected]
    assert rejected == [("Policy", "test:polytsi", "a spelling only the press of pl writes, in a text in en")]


def test_in_german_and_french_text_too(tagger: Tagger) -> None:
    for text in ("Er arbeitet für die Foreign Policy Group und ist der Sprecher der Stiftung.",
                 "Il dirige le centre Policy Lab et il est le porte-parole de la fondation dans la ville."):
        assert [m.rejected for m in tagger.tag(text, all=True) if m.text == "Policy"] == [
            f"a spelling only the press of pl writes, in a text in {'de' if ' der ' in text else 'fr'}"]


@pytest.mark.parametrize("text", [
    # too little of the language to be sure of it
    "He works at the Foreign Policy Research Institute.",
    # a language the detector does not know, whose short words other languages share
    "As tropas russas atacaram as casas de Policy e a escola, segundo as autoridades locais.",
    # a short Czech sentence whose short words are Polish ones too (na, do, po)
    "Ruské drony v noci zaútočily na vesnici Policy a na školu, do rána po útoku hořelo.",
])
def test_only_in_a_text_surely_of_a_language_whose_press_does_not_write_it(tagger: Tagger, text: str) -> None:
    assert confident_language(text) is None
    assert "a spelling only the press" not in str([m.rejected for m in tagger.tag(text, all=True)])


def test_in_italian_and_czech_text_now_that_the_detector_knows_them(tagger: Tagger) -> None:
    # neither the Italian nor the Czech press writes Поліці "Policy" (theirs: Polizi, Polici)
    for text, lang in (("Le truppe russe hanno colpito le case di Policy e la scuola, secondo le autorità.", "it"),
                       (("Ruské drony podle místních úřadů zasáhly vesnici Policy, když se obyvatelé vraceli "
                         "z práce, a také školu, která byla před válkou největší v okrese."), "cs")):
        assert confident_language(text) == lang
        assert [m.rejected for m in tagger.tag(text, all=True) if m.text == "Policy"] == [
            f"a spelling only the press of pl writes, in a text in {lang}"]


def test_its_own_press_still_writes_it(tagger: Tagger) -> None:
    text = "W nocy rosyjskie drony zaatakowały wieś Policy na Wołyniu, podała policja."
    assert "a spelling only the press" not in str([m.rejected for m in tagger.tag(text, all=True)])
    assert [(m.text, m.id) for m in tagger.tag(text)] == [("Policy", "test:polytsi")]


def test_a_spelling_for_any_reader_counts_in_every_language(tagger: Tagger) -> None:
    text = "Russian drones struck the village of Polytsi and the town of Kivertsi overnight, officials said."
    assert [(m.text, m.id) for m in tagger.tag(text)] == [("Polytsi", "test:polytsi"), ("Kivertsi", "test:kivertsi")]
