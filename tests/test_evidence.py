"""Evidence from running text (normalize/evidence.py) and what the tagger does with it.

Small lexicons made here; each behaviour is checked both ways (turned down where the
text says the word is no place, kept where it says nothing or says it is one).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from normalize import evidence
from normalize.fold import fold
from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:progress", "place", (Name("Progress"),), population=300),
        Entity("test:lenin", "place", (Name("Ленин", "ru"),), population=600),
        Entity("test:marine", "place", (Name("Marine"),), population=400),
        Entity("test:robotyne", "place", (Name("Роботине", "uk"),), population=500),
        Entity("test:oskil", "place", (Name("Oskil"),), population=2000),
        Entity("test:maiske", "place", (Name("Майское", "ru"),), population=800),
        Entity("test:pokrovske", "place", (Name("Покровське", "uk"),), population=700),
        Entity("test:pokrovsk", "place", (Name("Покровськ", "uk"),), population=60000),
        Entity("test:engels", "place", (Name("Engels"),), population=200000),
        Entity("test:okha", "place", (Name("Osze"),), population=900),
        Entity("test:ru", "place", (Name("Россия", "ru"), Name("Russie", "fr")), subtype="country", country="RU"),
        Entity("test:ua", "place", (Name("Ukraine", "en"),), subtype="country", country="UA"),
        Entity("test:mfa-ru", "org", (Name("МИД", "ru", "acronym"),), country="RU"),
        Entity("test:mfa-ua", "org", (Name("МИД", "ru", "acronym"),), country="UA"),
        Entity("test:sumy-oblast", "place", (Name("Сумська область", "uk"), Name("Sumy Oblast", "en")), subtype="oblast"),
        Entity("test:poltava-oblast", "place", (Name("Полтавська область", "uk"), Name("Poltava Oblast", "en")),
               subtype="oblast"),
        Entity("test:kursk-oblast", "place", (Name("Курская область", "ru"),), subtype="oblast"),
        Entity("test:sumy", "place", (Name("Суми", "uk"), Name("Sumy", "en")), population=20000),
        Entity("test:poltava", "place", (Name("Полтава", "uk"), Name("Poltava", "en")), population=20000),
        Entity("test:akhmat", "org", (Name("Ахмат", "ru"), Name("спецназ «Ахмат»", "ru"))),
    ])
    return Tagger(lex, cache=False)


def ids(mentions: list) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in mentions]


def test_common_words_turned_down_names_kept(tagger: Tagger) -> None:
    assert ids(tagger.tag("Progress on a ceasefire was minimal.")) == []
    assert ids(tagger.tag("Talks made no progress in Progress, a village.")) == [("Progress", "test:progress")]
    assert ids(tagger.tag("Памятник Ленину снесли.")) == []
    assert ids(tagger.tag("Die ukrainische Marine meldete, dass ein Schiff der Flotte getroffen wurde.")) == []
    assert ids(tagger.tag("Russian forces failed to reach the Oskil river.")) == []
    assert ids(tagger.tag("Майское утро началось с тревоги.")) == []
    assert ids(tagger.tag("Бої тривають біля Роботиного.")) == [("Роботиного", "test:robotyne")]
    assert ids(tagger.tag("Fighting near Oskil went on.")) == [("Oskil", "test:oskil")]


def test_capitals_read_as_an_acronym(tagger: Tagger) -> None:
    assert ids(tagger.tag("Die OSZE warnte.")) == []
    assert ids(tagger.tag("Villagers of Osze left.")) == [("Osze", "test:okha")]
    assert ids(tagger.tag("OSZE VILLAGE SHELLED")) == [("OSZE", "test:okha")]  # a headline in capitals


def test_direction_adjective_is_its_town_or_nothing(tagger: Tagger) -> None:
    got = tagger.tag("Бої на Покровському напрямку.")
    assert ids(got) == [("Покровському", "test:pokrovsk")]
    assert ids(tagger.tag("Бої в Покровському тривають.")) == [("Покровському", "test:pokrovske")]


def test_category_word_shared_and_after(tagger: Tagger) -> None:
    assert ids(tagger.tag("Outages in the Sumy and Poltava regions.")) == [
        ("Sumy", "test:sumy-oblast"), ("Poltava regions", "test:poltava-oblast")]
    assert ids(tagger.tag("Відключення в Сумській та Полтавській областях.")) == [
        ("Сумській", "test:sumy-oblast"), ("Полтавській областях", "test:poltava-oblast")]
    assert ids(tagger.tag("Ataki w obwodzie kurskim.")) == [("obwodzie kurskim", "test:kursk-oblast")]
    assert ids(tagger.tag("Outages in Sumy and Poltava.")) == [("Sumy", "test:sumy"), ("Poltava", "test:poltava")]


def test_organization_with_its_country_and_quotes(tagger: Tagger) -> None:
    got = tagger.tag("Официальный представитель МИД России заявила.")
    assert ids(got) == [("МИД России", "test:mfa-ru")]
    assert ids(tagger.tag("бойцы спецназа «Ахмат» переброшены")) == [("Ахмат", "test:akhmat")]


def test_french_elision(tagger: Tagger) -> None:
    assert ids(tagger.tag("la base aérienne d'Engels et l’Ukraine")) == [("Engels", "test:engels"), ("Ukraine", "test:ua")]


def test_all_shows_what_was_turned_down(tagger: Tagger) -> None:
    text = "Progress on talks. Fighting near Oskil."
    kept = tagger.tag(text)
    every = tagger.tag(text, all=True)
    assert ids(kept) == [("Oskil", "test:oskil")]
    down = [m for m in every if m.rejected]
    assert [(m.text, m.id) for m in down] == [("Progress", "test:progress")]
    assert "initial" in down[0].rejected and down[0].to_json()["rejected"] == down[0].rejected
    assert [m for m in every if not m.rejected] == kept
    assert "rejected" not in kept[0].to_json()


def test_features_and_decision() -> None:
    text = "Pomniki Lenina zniknęły."
    f = evidence.features(text, 8, 14, "pl", 2.0)
    assert f["memorial"] == 1.0 and f["lower_next"] == 1.0
    assert tuple(f) == (*evidence.FEATURES, "size")  # every feature of the model, in its order
    assert evidence.decide(f)[0] is False
    neutral = dict.fromkeys(evidence.FEATURES, 0.0)
    assert evidence.decide(neutral)[0] is True  # nothing said either way: kept
    assert evidence.document_language("Der Chef des Geheimdienstes und die Armee") == "de"
    assert evidence.document_language("Le chef de la diplomatie et les autres") == "fr"
    assert evidence.is_sentence_initial("Done. Progress", 6) and not evidence.is_sentence_initial("no Progress", 3)
    assert evidence.adjective_stems("покровському") == ["покровськ"]
    assert evidence.adjective_stems("kupiansk") == ["kupiansk"]


def _prev_words_whole(text: str, start: int, n: int, span: int) -> list[tuple[str, str]]:
    """The specification of evidence._prev_words: every word of the look-back, then the chain before ``start``."""
    import re

    word_sep = re.compile(r"([^\W\d_](?:[\w'’ʼ-]*\w)?)([^\w]*)")
    found = list(word_sep.finditer(text, max(0, start - 60 * span), start))
    out: list[tuple[str, str]] = []
    end = start
    for m in reversed(found):
        if m.end() != end or len(out) == n or end - m.start(1) > 60:
            break
        out.append((m.group(1), m.group(2)))
        end = m.start(1)
    return out


@given(st.lists(st.sampled_from(["a", "Ж", "ab", "word", "x" * 45, "1", "12", "_", "'", "’", "-", " ", "  ", ". ",
                                 ", ", "\n", "²", " " * 40, "1" * 70]), max_size=30),
       st.integers(0, 400), st.integers(1, 3), st.integers(0, 3))
@settings(max_examples=400, deadline=None)
def test_previous_words_as_read_from_the_whole_look_back(parts: list[str], start: int, n: int, span: int) -> None:
    # the words before a mention are read from a short window that widens when it cuts a word
    # or holds too few: always the words of the whole look-back of ``span`` words (0: ``n``)
    text = "".join(parts)
    start = min(start, len(text))
    assert evidence._prev_words(text, start, n, span) == _prev_words_whole(text, start, n, span or n)


def test_cli_all(tmp_path: Path) -> None:
    lex = tmp_path / "lex.jsonl"
    lex.write_text(json.dumps({"id": "test:progress", "type": "place", "names": ["Progress"], "population": 300}) + "\n",
                   encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO), NORMALIZE_CACHE_DIR=str(tmp_path / "cache"))
    text = "Progress on talks. People of Progress left.\n"
    run = subprocess.run([sys.executable, "-m", "normalize", "tag", "--lexicon", str(lex), "--all"],
                         input=text.encode(), capture_output=True, env=env, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    objs = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert [(o["text"], o["start"], "rejected" in o) for o in objs] == [("Progress", 0, True), ("Progress", 29, False)]
    plain = subprocess.run([sys.executable, "-m", "normalize", "tag", "--lexicon", str(lex)],
                           input=text.encode(), capture_output=True, env=env, timeout=120, check=False)
    assert [json.loads(line)["start"] for line in plain.stdout.decode().splitlines()] == [29]


def test_things_named_after_a_person_and_german_appositions() -> None:
    # a museum, a theatre, a prize is named after a person, not a village
    text = "Il a parlé devant le musée Pouchkine hier."
    s = text.index("Pouchkine")
    assert evidence.features(text, s, s + 9, "fr", 4.9)["memorial"] == 1.0
    # German: a capitalized noun between the article and the name is an apposition, not an adjective
    text = "Beschossen wurden die Grenzorte Schebekino und Graiworon."
    s = text.index("Schebekino")
    assert evidence.features(text, s, s + 10, "de", 4.6)["determiner"] == 0.0
    for text, word in (("Die Aktie fiel an der Moskauer Börse deutlich.", "Börse"),
                       ("Wie die ukrainische Marine mitteilte, war es ruhig.", "Marine")):
        s = text.index(word)
        assert evidence.features(text, s, s + len(word), "de", 3.0)["determiner"] == 1.0, text


def test_a_well_known_place_elsewhere_is_turned_down() -> None:
    from normalize.lexicon import Entity, Lexicon, Name

    lex = Lexicon.from_entities([
        Entity("test:berlin", "place", (Name("Berlin"),), population=600),
        Entity("test:sumy", "place", (Name("Sumy"),), population=260_000),
    ])
    t = Tagger(lex, cache=False)
    every = t.tag("Treffen in Berlin und in Sumy, sagte er.", all=True)
    assert [(m.text, bool(m.rejected)) for m in every] == [("Berlin", True), ("Sumy", False)]
    assert "well-known place" in every[0].rejected


def test_capitals_and_large_cities_of_geonames_are_well_known_places_too() -> None:
    # not in the hand-written foreign_places: GeoNames' names of large cities elsewhere
    # (normalize/data/world_cities.json); the bundled gazetteer has a village once called Edmonton
    from normalize.lexicon import Entity, Lexicon, Name

    known = evidence.data()["foreign_places"]
    assert {"edmonton", "ottawa", "abuja", "berlin"} <= known
    assert "kharkiv" not in known and "kolyvan" not in known  # only the preferred names, never old ones
    lex = Lexicon.from_entities([
        Entity("test:andriivka", "place", (Name("Andriivka"), Name("Edmonton")), population=1200),
        Entity("test:sumy", "place", (Name("Sumy"),), population=260_000),
    ])
    every = Tagger(lex, cache=False).tag("Officials in Edmonton and in Sumy said so.", all=True)
    assert [(m.text, bool(m.rejected)) for m in every] == [("Edmonton", True), ("Sumy", False)]


@pytest.mark.parametrize(("word", "known"), [
    ("Берлине", True), ("Варшаве", True), ("Лондоне", True), ("Berlinie", True), ("Londynie", True),
    ("Warszawie", True), ("Paryżu", True), ("Berlin", True),
    ("Poznaniu", True), ("Poznania", True), ("Wrocławiu", True),  # a Polish soft stem: Poznań, Wrocław
    ("Berlinka", False), ("Сумах", False), ("Riga", True), ("Rigi", False), ("Риме", False),  # Рим: too short a stem
])
def test_well_known_places_elsewhere_in_their_case_forms(word: str, known: bool) -> None:
    assert evidence.names_foreign_place(fold(word)) is known
    assert evidence.reads_foreign_place(fold(word)) is known  # the same, not remembered (the tagger's)


def test_the_hand_list_of_foreign_places_holds_only_what_geonames_lacks() -> None:
    import json
    from importlib import resources

    generated = {fold(n) for n in json.loads(
        (resources.files("normalize.data") / "world_cities.json").read_text(encoding="utf-8"))["names"]}
    raw = json.loads((resources.files("normalize.data") / "tagging.json").read_text(encoding="utf-8"))
    repeated = [w for words in raw["foreign_places"].values() for w in words if fold(w) in generated]
    assert not repeated, f"already in world_cities.json: {repeated}"


_PIECES = ["Progress", "Marine", "Oskil", "Ленин", "Майское", "Роботине", "near", "in", "the", "river", "on", "talks",
           "statue", "de", "la", "die", "памятник", "под", "утро", "жизнь", "новая", "and", "Fighting", ".", ",", ":", "\n"]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30), st.sampled_from(["", "Le chef de la ", "Der Chef der "]))
@example(["near", "Oskil", ".", "Oskil", "on", "talks"], "")  # turned down at a sentence start, but named before
@example(["Oskil", "on", "talks", ".", "Oskil", "on", "talks"], "")  # turned down twice
@settings(max_examples=300, deadline=None)
def test_kept_mentions_do_not_depend_on_showing_the_rejected(tagger: Tagger, words: list[str], head: str) -> None:
    """The mentions kept are those of ``all=True`` without a rejection: whatever shortcut the scan
    takes when no reason is shown (e.g. not asking whether a place was named before when the model's
    answer cannot depend on it) must not change which weak mentions are kept."""
    text = head + " ".join(words)
    kept = tagger.tag(text)
    every = tagger.tag(text, all=True)
    assert [m for m in every if not m.rejected] == kept


def test_a_thing_named_after_a_person_behind_a_possessive(tagger: Tagger) -> None:
    # "Marine's statue" reads as "Marine statue": a memorial word after the possessive's "'s"
    for text in ("Vandals damaged Marine's statue overnight.", "Vandals damaged Marine’s bust overnight."):
        s = text.index("Marine")
        assert evidence.features(text, s, s + 6, "en", 2.6)["memorial"] == 1.0, text
        assert ids(tagger.tag(text)) == [], text
    # English joins a memorial to its person with "to", which is otherwise a place preposition
    text = "Workers dismantled a monument to Marine in the park."
    s = text.index("Marine")
    f = evidence.features(text, s, s + 6, "en", 2.6)
    assert (f["memorial"], f["preposition"]) == (1.0, 0.0)
    assert ids(tagger.tag(text)) == []
    assert ids(tagger.tag("Refugees travelled to Oskil in the spring.")) == [("Oskil", "test:oskil")]
    # any other word after a possessive says nothing, as before: the place stays
    text = "Shells fell on Oskil's outskirts. Oskil's mayor left."
    assert ids(tagger.tag(text)) == [("Oskil", "test:oskil")] * 2
    f = evidence.features(text, text.index("Oskil"), text.index("Oskil") + 5, "en", 3.3)
    assert f["memorial"] == f["lower_next"] == 0.0


def test_a_place_named_before_outweighs_a_sentence_start(tagger: Tagger) -> None:
    text = "Fighting near Oskil. Oskil on the map. Progress on talks."
    assert ids(tagger.tag(text)) == [("Oskil", "test:oskil")] * 2
    assert [m.text for m in tagger.tag(text, all=True) if m.rejected] == ["Progress"]


def test_sentence_bounds_end_at_sentence_ends_and_line_breaks() -> None:
    # the sentence a generic organization name stands in (its country evidence comes from it first)
    text = "Kursk was shelled. Côté ukrainien, la Garde nationale a riposté… Puis: calme.\nFin"
    s = text.index("Garde")
    a, b = evidence.sentence_bounds(text, s, s + 5)
    assert text[a:b].strip() == "Côté ukrainien, la Garde nationale a riposté…"
    c = text.index("calme")
    assert text[slice(*evidence.sentence_bounds(text, c, c + 5))].strip() == "Puis: calme."  # a colon ends nothing
    f = text.index("Fin")
    assert evidence.sentence_bounds(text, f, f + 3) == (f, len(text))
    assert evidence.sentence_bounds("U.S.A", 0, 1) == (0, 5)  # no space after the full stops: one sentence


def test_abbreviations_and_initials_end_no_sentence() -> None:
    # a rank, a title or "St." before a name: the sentence goes on, the name is not at its start
    text = "Officials met Gen. Ivan Petrenko and Lt. Col. Olha Marchuk in St. Anna. Maj. Hale left. Talks went on."
    for word, sentence in (("Ivan", "Officials met Gen. Ivan Petrenko and Lt. Col. Olha Marchuk in St. Anna."),
                           ("Olha", "Officials met Gen. Ivan Petrenko and Lt. Col. Olha Marchuk in St. Anna."),
                           ("Anna", "Officials met Gen. Ivan Petrenko and Lt. Col. Olha Marchuk in St. Anna."),
                           ("Hale", "Maj. Hale left.")):
        s = text.index(word)
        assert not evidence.is_sentence_initial(text, s), word
        assert text[slice(*evidence.sentence_bounds(text, s, s + len(word)))].strip() == sentence, word
    assert evidence.is_sentence_initial(text, text.index("Maj."))  # after "Anna." a new sentence begins
    assert evidence.is_sentence_initial(text, text.index("Talks"))
    # a lone capital letter is an initial, in any script; the last letter of "U.S." may end a sentence
    text = "Speaking of В. Путин, M. Barrot said the aid came from the U.S. Kyiv thanked him."
    for word in ("Путин", "Barrot"):
        assert not evidence.is_sentence_initial(text, text.index(word)), word
    assert evidence.is_sentence_initial(text, text.index("Kyiv"))
    # in other languages, in lower case too; an ordinary word before a full stop still ends its sentence
    text = "Спикер ген. Олег Иванов выступил на ул. Мира. Полк. Вечер."
    assert not evidence.is_sentence_initial(text, text.index("Олег"))
    assert not evidence.is_sentence_initial(text, text.index("Мира"))
    assert evidence.is_sentence_initial(text, text.index("Вечер"))
    s = text.index("Полк")
    assert evidence.is_sentence_initial(text, s)


def test_a_weak_place_after_a_title_is_not_at_a_sentence_start() -> None:
    # the evidence model's sentence-start feature reads the same abbreviations
    for text, word, initial in (("Crews reached St. Progress on time.", "Progress", 0.0),
                                ("Crews left. Progress on time.", "Progress", 1.0)):
        s = text.index(word)
        assert evidence.features(text, s, s + len(word), "en", 2.5)["initial"] == initial, text


def test_a_city_district_formed_from_an_adjective_needs_its_region_named_before() -> None:
    # two cities' Kyivskyi districts, and a district with a name of its own
    lex = Lexicon.from_entities([
        Entity("test:north", "place", (Name("Northgrad"),), population=900_000, subtype="populated place",
               country="UA", admin1="07"),
        Entity("test:east", "place", (Name("Eastgrad"),), population=800_000, subtype="populated place",
               country="UA", admin1="05"),
        Entity("test:east-kyivskyi", "place", (Name("Kyivskyi"), Name("Kyivskyi District")), population=139_000,
               subtype="populated place", country="UA", admin1="05"),
        Entity("test:south-kyivskyi", "place", (Name("Kyivskyi"), Name("Kyivskyi District")), population=110_000,
               subtype="populated place", country="UA", admin1="18"),
        Entity("test:south", "place", (Name("Southgrad"),), population=300_000, subtype="populated place",
               country="UA", admin1="18"),
        Entity("test:east-tsentralnyi", "place", (Name("Tsentralnyi"), Name("Tsentralnyi District")),
               population=180_000, subtype="populated place", country="UA", admin1="05"),
        Entity("test:east-obolon", "place", (Name("Obolon"), Name("Obolon District")), population=240_000,
               subtype="populated place", country="UA", admin1="05"),
    ])
    tagger = Tagger(lex, cache=False)
    # another city's district of that name: neither the district nor the adjective inside it
    text = "Bombs hit Northgrad's Kyivskyi district overnight."
    assert ids(tagger.tag(text)) == [("Northgrad", "test:north")]
    assert [m.rejected for m in tagger.tag(text, all=True) if m.text == "Kyivskyi district"] == [
        "a city district's name, no place of its region named before"]
    assert ids(tagger.tag("The Kyivskyi district lost power.")) == []
    # a city of its region named before: that city's district
    assert ids(tagger.tag("Shelling of Eastgrad hit the Kyivskyi district.")) == [
        ("Eastgrad", "test:east"), ("Kyivskyi district", "test:east-kyivskyi")]
    assert ids(tagger.tag("In Southgrad, the Kyivskyi District lost power.")) == [
        ("Southgrad", "test:south"), ("Kyivskyi District", "test:south-kyivskyi")]
    # its city named after it: left to the category words, as before
    assert ("Kyivskyi district", "test:east-kyivskyi") in ids(tagger.tag("The Kyivskyi district of Eastgrad was shelled."))
    # a district named with another adjective, as many cities' are
    assert ids(tagger.tag("In Northgrad the city's Tsentralnyi district was hit.")) == [("Northgrad", "test:north")]
    assert ids(tagger.tag("In Eastgrad the city's Tsentralnyi district was hit.")) == [
        ("Eastgrad", "test:east"), ("Tsentralnyi district", "test:east-tsentralnyi")]
    # a district's own name is not a name every city has: left alone
    assert ids(tagger.tag("Debris fell on the Obolon district.")) == [("Obolon district", "test:east-obolon")]


@pytest.mark.parametrize(("text", "word", "lang"), [
    # "named after": the name that follows is the person a plant, a school or a unit honours
    ("Після втрати комбінату імені Ілліча в Маріуполі компанія скоротила виплавку.", "Ілліча", "uk"),
    ("Металлургический комбинат имени Ильича в Мариуполе остановлен.", "Ильича", "ru"),
])
def test_a_name_after_named_after_is_a_person(text: str, word: str, lang: str) -> None:
    # one word list (eponym_words) and one rule: the scan turns the name down before the evidence model weighs it
    assert [(m.text, m.rejected) for m in Tagger().tag(text, all=True) if m.text == word] == [
        (word, "after 'имени' or an order's noun: whom or what it is named after")]
