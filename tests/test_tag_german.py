"""German running text (issue 16): the genitive of a category word, and function words that
GeoNames also lists as villages' names. Small lexicons made here."""

from __future__ import annotations

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


def test_the_genitive_gebiets_is_a_category_word() -> None:
    # 'des Gebiets Charkiw': the region, not the city of that name (tagging.json category_words)
    lex = Lexicon.from_entities([
        Entity("test:kharkiv-oblast", "place", (Name("Харківська область", "uk"),), subtype="oblast"),
        Entity("test:kharkiv", "place", (Name("Харків", "uk"), Name("Charkiw", "de")), population=1_400_000),
    ])
    got = [(m.text, m.id) for m in Tagger(lex, cache=False).tag(
        "Der Gouverneur des Gebiets Charkiw sprach am Montag von zwei Toten nach dem Angriff in der Nacht.")]
    assert got == [("Gebiets Charkiw", "test:kharkiv-oblast")]


def test_german_function_words_are_no_one_word_mentions() -> None:
    # common_words: 'Laut' (according to) is also a village's name by transliteration
    lex = Lexicon.from_entities([
        Entity("test:laut", "place", (Name("Laut", "en"),), population=2500),
        Entity("test:peskov", "person", (Name("Dmitri Peskow", "de"),)),
    ])
    got = [(m.text, m.id) for m in Tagger(lex, cache=False).tag(
        "Laut Dmitri Peskow ist die Lage in der Region ruhig und die Gespräche werden fortgesetzt.")]
    assert got == [("Dmitri Peskow", "test:peskov")]


def test_a_category_word_joined_by_a_hyphen_names_the_region() -> None:
    # 'die Charkiw-Region', 'im Donezk-Gebiet': the name before the hyphen is the region's centre;
    # a word that names no region's core or centre leaves the category word alone ('Nord-Region')
    lex = Lexicon.from_entities([
        Entity("test:kharkiv-oblast", "place", (Name("Харківська область", "uk"),), subtype="oblast"),
        Entity("test:kharkiv", "place", (Name("Харків", "uk"), Name("Charkiw", "de")), population=1_400_000),
        Entity("test:donetsk-oblast", "place", (Name("Донецька область", "uk"),), subtype="oblast"),
        Entity("test:donetsk", "place", (Name("Донецьк", "uk"), Name("Donezk", "de")), population=900_000),
    ])
    tagger = Tagger(lex, cache=False)
    got = [(m.text, m.id) for m in tagger.tag(
        "Die Angriffe auf die Charkiw-Region und im Donezk-Gebiet gingen weiter, meldete die Nord-Region.")]
    assert got == [("Charkiw-Region", "test:kharkiv-oblast"), ("Donezk-Gebiet", "test:donetsk-oblast")]
    # without the category word, the name is still the city
    assert [(m.text, m.id) for m in tagger.tag("Die Angriffe auf Charkiw gingen weiter.")] == \
        [("Charkiw", "test:kharkiv")]


def test_a_compound_of_an_operation_names_the_region_of_its_centre() -> None:
    # 'die Kursk-Offensive' (tagging.json area_compound_heads): the region whose centre the name is;
    # the name alone is the mention. A name that is no region's centre stays the place, and keeps
    # its weak evidence: the article before it is the compound's ('die Bachmut-Offensive')
    lex = Lexicon.from_entities([
        Entity("test:kursk-oblast", "place", (Name("Курская область", "ru"), Name("Kursk Oblast", "en")),
               subtype="oblast"),
        Entity("test:kursk", "place", (Name("Курск", "ru"), Name("Kursk", "de")), population=440_000),
        Entity("test:bakhmut", "place", (Name("Бахмут", "uk"), Name("Bachmut", "de")), population=70_000),
    ])
    tagger = Tagger(lex, cache=False)
    got = [(m.text, m.id) for m in tagger.tag(
        "Die Kursk-Offensive der ukrainischen Armee begann im August, die Bachmut-Offensive endete im Mai.")]
    assert got == [("Kursk", "test:kursk-oblast"), ("Bachmut", "test:bakhmut")]
    # the city itself, and a compound whose head names no operation
    got = [(m.text, m.id) for m in tagger.tag("In Kursk trafen sich die Kursk-Delegierten am Montag.")]
    assert got == [("Kursk", "test:kursk"), ("Kursk", "test:kursk")]


def test_a_famous_surname_is_no_town_after_a_work_or_before_a_memorial() -> None:
    # towns named after writers (Pushkin, Lermontov, Chekhov): 'Gedichte von Lermontow und Puschkin'
    # (authored_works, author_links) and 'Puschkin-Denkmal' (memorial_words) name the writers;
    # 'in Tschechow' is the town; every turned-down mention keeps its reason (all=True)
    lex = Lexicon.from_entities([
        Entity("test:pushkin", "place", (Name("Пушкин", "ru"), Name("Puschkin", "de")), population=92_000),
        Entity("test:lermontov", "place", (Name("Лермонтов", "ru"), Name("Lermontow", "de")), population=23_000),
        Entity("test:chekhov", "place", (Name("Чехов", "ru"), Name("Tschechow", "de")), population=75_000),
    ])
    tagger = Tagger(lex, cache=False)
    text = ("Vor dem Puschkin-Denkmal lasen Studenten Gedichte von Lermontow und Puschkin. "
            "In Tschechow bei Moskau fiel am Abend der Strom aus.")
    assert [(m.text, m.id) for m in tagger.tag(text)] == [("Tschechow", "test:chekhov")]
    reasons = [(m.text, m.rejected) for m in tagger.tag(text, all=True) if m.rejected]
    assert [t for t, _ in reasons] == ["Puschkin", "Lermontow", "Puschkin"]
    assert "hyphen" in reasons[0][1] and all("works" in r for _, r in reasons[1:])


def test_a_city_name_right_after_a_german_article_is_no_mention() -> None:
    # GeoNames lists 'Tor' as an old name of Sloviansk, a city too big for the evidence model:
    # 'das Tor', 'ein Tor' are the German noun, 'über den Dnipro' the river; a town takes no
    # article unless an adjective stands between; English text is left alone
    lex = Lexicon.from_entities([
        Entity("test:sloviansk", "place", (Name("Слов'янськ", "uk"), Name("Slowjansk", "de"), Name("Tor", "en")),
               population=105_000, subtype="populated place"),
        Entity("test:dnipro", "place", (Name("Дніпро", "uk"), Name("Dnipro", "de")), population=960_000,
               subtype="populated place"),
    ])
    tagger = Tagger(lex, cache=False)
    text = ("Die Soldaten öffneten das Tor zum Werk in Slowjansk, danach zogen sie sich über den Dnipro "
            "zurück. In Dnipro wurde ein Tor beschädigt.")
    assert [(m.text, m.id) for m in tagger.tag(text)] == [("Slowjansk", "test:sloviansk"), ("Dnipro", "test:dnipro")]
    reasons = [m.rejected for m in tagger.tag(text, all=True) if m.rejected]
    assert len(reasons) == 3 and all("article" in r for r in reasons)
    assert [m.text for m in tagger.tag("Soldiers opened the Tor gate near Sloviansk.")] == ["Tor", "Sloviansk"]


def test_a_neuter_article_and_an_agreeing_adjective_before_a_town_keep_it() -> None:
    # a German town's name is neuter: 'das zerstörte Bachmut', 'des umkämpften Pokrowsk' are the towns;
    # 'ein großer Bär' (masculine) and 'die ukrainische Marine' (feminine) stay common nouns
    lex = Lexicon.from_entities([
        Entity("test:bakhmut", "place", (Name("Бахмут", "uk"), Name("Bachmut", "de")), population=70_000),
        Entity("test:pokrovsk", "place", (Name("Покровськ", "uk"), Name("Pokrowsk", "de")), population=60_000),
        Entity("test:bar", "place", (Name("Бар", "uk"), Name("Bar", "en")), population=15_000),
        Entity("test:marine", "place", (Name("Марине", "uk"), Name("Marine", "en")), population=600),
    ])
    tagger = Tagger(lex, cache=False)
    text = ("Das zerstörte Bachmut liegt in Trümmern, die Verteidiger des umkämpften Pokrowsk halten stand. "
            "Ein großer Bär lief durch das Dorf, die ukrainische Marine meldete Treffer.")
    assert [(m.text, m.id) for m in tagger.tag(text)] == [("Bachmut", "test:bakhmut"), ("Pokrowsk", "test:pokrovsk")]
