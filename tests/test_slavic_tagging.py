"""Polish, Ukrainian and Russian news forms the tagger must read (issue 16).

Small lexicons made here hold only the nominative (Ukrainian/Russian) names; the
forms the press writes are derived by the engine's data: Polish region adjectives
of a region's centre (obwodzie zaporoskim, biełgorodzkim), Polish soft feminine
nouns (Białorusi). Each rule is also checked where it must not fire.
"""

from __future__ import annotations

import pytest

from normalize.inflect.adjectives import adjective_variants
from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:zaporizhzhia-oblast", "place", (Name("Запорізька область", "uk"), Name("Запорожская область", "ru")),
               subtype="oblast"),
        Entity("test:belgorod-oblast", "place", (Name("Белгородская область", "ru"), Name("Бєлгородська область", "uk")),
               subtype="oblast"),
        Entity("test:kyiv-oblast", "place", (Name("Київська область", "uk"), Name("Киевская область", "ru")),
               subtype="oblast"),
        Entity("test:kursk-oblast", "place", (Name("Курская область", "ru"),), subtype="oblast"),
        Entity("test:belgorod-district", "place", (Name("Белгородский район", "ru"),), subtype="district"),
        Entity("test:shebekino-district", "place", (Name("Шебекинский район", "ru"),), subtype="district"),
        Entity("test:chernivtsi-oblast", "place", (Name("Чернівецька область", "uk"),), subtype="oblast"),
        Entity("test:kursk", "place", (Name("Курск", "ru"),), population=450000),
        Entity("test:by", "place", (Name("Беларусь", "ru"), Name("Białoruś", "pl")), subtype="country", country="BY"),
        Entity("test:kharkiv-oblast", "place", (Name("Харківська область", "uk"), Name("Charkowszczyzna", "pl")),
               subtype="oblast"),
    ])
    return Tagger(lex, cache=False)


def ids(mentions: list) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in mentions]


def test_adjective_variants_rewrite_toward_the_east_slavic_stem() -> None:
    assert "zaporozhskim" in adjective_variants("zaporoskim")
    assert "biełgorodskiego" in adjective_variants("Biełgorodzkiego")
    assert "kiivskim" in adjective_variants("kijowskim") or "kijivskim" in adjective_variants("kijowskim")
    assert "czernivetskim" in adjective_variants("czerniowieckim")
    assert adjective_variants("kurskim") == ()  # nothing to rewrite
    assert len(adjective_variants("dniepropetrowskiego")) <= 48


@pytest.mark.parametrize(("text", "span", "entity"), [
    ("Walki trwają w obwodzie zaporoskim.", "obwodzie zaporoskim", "test:zaporizhzhia-oblast"),
    ("Gubernator obwodu biełgorodzkiego powiedział.", "obwodu biełgorodzkiego", "test:belgorod-oblast"),
    ("Alarm w obwodzie kijowskim.", "obwodzie kijowskim", "test:kyiv-oblast"),
    ("Ostrzał obwodu czerniowieckiego.", "obwodu czerniowieckiego", "test:chernivtsi-oblast"),
    ("Ataki w obwodzie kurskim.", "obwodzie kurskim", "test:kursk-oblast"),
])
def test_polish_region_adjectives(tagger: Tagger, text: str, span: str, entity: str) -> None:
    assert ids(tagger.tag(text)) == [(span, entity)]


def test_a_rewrite_that_names_no_region_tags_nothing(tagger: Tagger) -> None:
    assert ids(tagger.tag("Ostrzał w obwodzie tarnopolskim i lubelskim.")) == []


def test_polish_soft_feminine_nouns(tagger: Tagger) -> None:
    assert ids(tagger.tag("Granica z Białorusią; prezydent Białorusi; na Białorusi.")) == [
        ("Białorusią", "test:by"), ("Białorusi", "test:by"), ("Białorusi", "test:by")]
    assert ids(tagger.tag("Białoruś milczy.")) == [("Białoruś", "test:by")]
    assert ids(tagger.tag("Alarm na Charkowszczyźnie; z Charkowszczyzny.")) == [
        ("Charkowszczyźnie", "test:kharkiv-oblast"), ("Charkowszczyzny", "test:kharkiv-oblast")]


# ---------------------------------------------------------------- ordinals written with numerals

def test_ordinal_suffixes_decline_with_their_noun() -> None:
    from normalize.inflect import name_forms

    uk = name_forms("47-ма окрема механізована бригада", lang="uk", type="org")
    assert uk["47-ї окремої механізованої бригади"] == "gen"
    assert "dat" in uk["47-й окремій механізованій бригаді"]
    assert uk["47-ю окремою механізованою бригадою"] == "ins"
    third = name_forms("3-тя окрема штурмова бригада", lang="uk", type="org")
    assert third["3-ї окремої штурмової бригади"] == "gen" and third["3-тю окрему штурмову бригаду"] == "acc"
    ru = name_forms("155-я отдельная бригада морской пехоты", lang="ru", type="org")
    assert "gen" in ru["155-й отдельной бригады морской пехоты"]
    assert ru["155-ю отдельную бригаду морской пехоты"] == "acc"
    corps = name_forms("3-й армійський корпус", lang="uk", type="org")
    assert corps["3-му армійському корпусу"].startswith("dat")
    # a compound adjective before its noun declines its last part
    assert "128-ї окремої гірсько-штурмової бригади" in name_forms(
        "128-ма окрема гірсько-штурмова бригада", lang="uk", type="org")
    # digits inside a longer token are no ordinal; places keep what they had
    assert set(name_forms("Су-25", lang="ru", type="org")) == {"Су-25"}
    assert "Ростова-на-Дону" in name_forms("Ростов-на-Дону", lang="ru", type="place")


def test_ordinal_brigades_in_running_text() -> None:
    lex = Lexicon.from_entities([
        Entity("test:47", "org", (Name("47-ма окрема механізована бригада", "uk"),
                                  Name("47-я отдельная механизированная бригада", "ru"))),
    ])
    tagger = Tagger(lex, cache=False)
    assert ids(tagger.tag("Бійці 47-ї окремої механізованої бригади знищили танк.")) == [
        ("47-ї окремої механізованої бригади", "test:47")]
    assert ids(tagger.tag("Бойцы 47-й отдельной механизированной бригады отошли.")) == [
        ("47-й отдельной механизированной бригады", "test:47")]


def test_soft_feminine_places_in_ukrainian_and_russian() -> None:
    from normalize.inflect import name_forms

    assert name_forms("Білорусь", lang="uk", type="place")["Білорусі"] == "gen dat loc"
    assert name_forms("Білорусь", lang="uk", type="place")["Білоруссю"] == "ins"
    assert name_forms("Беларусь", lang="ru", type="place")["Беларуси"] == "gen dat loc"
    assert name_forms("Умань", lang="uk", type="place")["Умані"] == "gen dat loc"
    assert name_forms("Волинь", lang="uk", type="place")["Волині"] == "gen dat loc"
    assert name_forms("Волынь", lang="ru", type="place")["Волыни"] == "gen dat loc"
    assert name_forms("Воронеж", lang="uk", type="place")["Воронежі"] == "loc"
    assert set(name_forms("Керч", lang="uk", type="place")) == {"Керч"}  # f or m: not guessed


def test_russian_places_in_ukrainian_grammar() -> None:
    from normalize.inflect import name_forms

    forms = name_forms("Шебекино", lang="uk", type="place")
    assert {"Шебекині", "Шебекиному", "Шебекіного", "Шебекине"} <= set(forms)
    assert {"Глушкові", "Глушковому", "Глушкове"} <= set(name_forms("Глушково", lang="uk", type="place"))
    assert "Шебекиному" not in name_forms("Шебекино", lang="ru", type="place")  # Russian keeps its own


def test_shared_category_word_after_locative_adjectives(tagger: Tagger) -> None:
    assert ids(tagger.tag("В Белгородском и Шебекинском районах обстрелы.")) == [
        ("Белгородском", "test:belgorod-district"), ("Шебекинском районах", "test:shebekino-district")]


def test_polish_organisation_names_decline_their_head() -> None:
    from normalize.inflect.press import press_forms

    assert "Grupy Wagnera" in press_forms("Grupa Wagnera", lang="pl", type="org")  # not an adjective before Wagnera
    assert "Rady Najwyższej" in press_forms("Rada Najwyższa", lang="pl", type="org")
    assert "Zaporoskiej Elektrowni Jądrowej" in press_forms("Zaporoska Elektrownia Jądrowa", lang="pl", type="org")
    assert "Nowej Kachowce" in press_forms("Nowa Kachowka", lang="pl", type="place")  # a real adjective still is one


def test_ukrainian_locative_with_consonant_alternation() -> None:
    from normalize.inflect import name_forms

    assert "loc" in name_forms("Кременчук", lang="uk", type="place")["Кременчуці"]
    assert "loc" in name_forms("Таганрог", lang="uk", type="place")["Таганрозі"]
    assert "Краматорсці" not in name_forms("Краматорськ", lang="uk", type="place")
    assert "Ковальчуці" not in name_forms("Ковальчук", lang="uk", type="person", gender="m")


def test_polish_adjective_agrees_with_a_feminine_noun_in_iew() -> None:
    from normalize.inflect.press import press_forms

    forms = press_forms("Biała Cerkiew", lang="pl", type="place")
    assert forms["Białej Cerkwi"] == "pl gen dat loc"
    assert forms["Białą Cerkwią"] == "pl ins"
    assert "Biały Cerkiew" not in forms  # not a feminine noun Biała before an indeclinable word


def test_an_ordinal_written_with_a_dot_in_running_text() -> None:
    from normalize.tagger.view import build_view, view_reference

    for text in ("Żołnierze 95. Brygady walczą", "w 2022. Kijów", "24.02. Kijów", "a 5.  B", "95.", "x 7. y 8. Z"):
        view = view_reference(text)[0]
        assert build_view(text)[0] == view
    assert view_reference("Żołnierze 95. Brygady")[0] == "zholnierze 95 brygady"
    assert view_reference("w 2022. Kijów")[0] == "w 2022  kijow"  # a year ends a sentence
    lex = Lexicon.from_entities([
        Entity("test:95", "org", (Name("95. Brygada Desantowo-Szturmowa", "pl"),
                                  Name("95-та окрема десантно-штурмова бригада", "uk"))),
    ])
    tagger = Tagger(lex, cache=False)
    text = "Żołnierze 95. Brygady Desantowo-Szturmowej odparli atak."
    assert ids(tagger.tag(text)) == [("95. Brygady Desantowo-Szturmowej", "test:95")]
    assert ids(tagger.tag("W 1995. Brygada Desantowo-Szturmowa")) == []


def test_st_with_a_dot_before_a_name_is_one_separator() -> None:
    """"St. Petersburg" as the key "st petersburg" is written; not "1st." nor "Est."."""
    from normalize.tagger.view import build_view, fast_view, view_reference

    for text in ("in St. Petersburg.", "ST. PETERSBURG", "the 1st. Army", "Est. 1990", "Mt. Elbrus", "Gen. Syrskyi"):
        assert build_view(text)[0] == view_reference(text)[0] == (fast_view(text) or build_view(text))[0]
    assert view_reference("in St. Petersburg.")[0] == "in st petersburg "
    assert view_reference("the 1st. Army")[0] == "the 1st  army"
    lex = Lexicon.from_entities([
        Entity("test:spb", "place", (Name("Санкт-Петербург", "ru"), Name("St. Petersburg", "en"),
                                     Name("St Petersburg", "en")), subtype="city", population=5_000_000),
    ])
    tagger = Tagger(lex, cache=False)
    assert ids(tagger.tag("Talks in St. Petersburg ended.")) == [("St. Petersburg", "test:spb")]


def test_ukrainian_case_forms_of_a_russian_town_named_only_in_russian() -> None:
    from normalize.matcher.variants import corresponding

    assert corresponding("Новороссийск", "ru") == (("uk", "новоросійськ"),)
    assert corresponding("Жуковский", "ru") == (("uk", "жуковський"),)  # -ий stays
    assert corresponding("Ейск", "ru") == (("uk", "єйськ"),)
    lex = Lexicon.from_entities([
        Entity("test:novorossiysk", "place", ("Новороссийск",), country="RU", population=241856),
        Entity("test:hamlet", "place", ("Лесогорск",), country="RU", population=300),
    ])
    tagger = Tagger(lex, cache=False)
    assert ids(tagger.tag("Пожежа у Новоросійську, удар по Новоросійську.")) == [
        ("Новоросійську", "test:novorossiysk"), ("Новоросійську", "test:novorossiysk")]
    assert ids(tagger.tag("Удар по Новороссийску.")) == [("Новороссийску", "test:novorossiysk")]
    # a small place keeps its own forms only: no Ukrainian case forms made for it
    assert ids(tagger.tag("Біля Лісогорську.")) == []


def test_a_country_is_no_small_town_of_an_old_name() -> None:
    lex = Lexicon.from_entities([
        Entity("test:aleksandrovsk", "place", ("Александровск", "Лытва"), country="RU", population=15486),
    ])
    tagger = Tagger(lex, cache=False)
    assert ids(tagger.tag("Він погрожував Польщі та Литві.")) == []
    assert ids(tagger.tag("Удар по Александровску.")) == [("Александровску", "test:aleksandrovsk")]


def test_an_acronym_of_two_words_as_running_text_writes_it() -> None:
    lex = Lexicon.from_entities([
        Entity("test:navy", "org", (Name("Військово-морські сили ЗСУ", "uk"), Name("ВМС ЗСУ", "uk", "acronym"))),
        Entity("test:afu", "org", (Name("Збройні сили України", "uk"), Name("ЗСУ", "uk", "acronym"))),
    ])
    tagger = Tagger(lex, cache=False)
    assert ids(tagger.tag("У ВМС ЗСУ від коментарів утрималися, а ЗСУ наступають.")) == [
        ("ВМС ЗСУ", "test:navy"), ("ЗСУ", "test:afu")]
    assert ids(tagger.tag("вмс зсу")) == []  # an acronym only in capitals


def test_belarusian_names_as_the_polish_press_writes_them() -> None:
    from normalize.translit import translit

    assert translit("Аляксандр Лукашэнка", "be_press_pl") == "Alaksandr Łukaszenka"
    lex = Lexicon.from_entities([
        Entity("test:lukashenko", "person", (Name("Аляксандр Рыгоравіч Лукашэнка", "be"),
                                             Name("Александр Григорьевич Лукашенко", "ru")), gender="m"),
        Entity("test:tsikhanouskaya", "person", (Name("Святлана Ціханоўская", "be"),), gender="f"),
    ])
    tagger = Tagger(lex, cache=False)
    assert ids(tagger.tag("Rozmawiał z Alaksandrem Łukaszenką, a potem ze Swiatłaną Cichanouską.")) == [
        ("Alaksandrem Łukaszenką", "test:lukashenko"), ("Swiatłaną Cichanouską", "test:tsikhanouskaya")]


def test_ukrainian_adjectival_place_in_nna_and_locative_of_burg() -> None:
    from normalize.inflect import name_forms

    forms = name_forms("Кремінна", lang="uk", type="place")
    assert forms["Кремінній"] == "dat loc" and forms["Кремінної"] == "gen"
    assert "Кремінни" not in forms
    assert name_forms("Україна", lang="uk", type="place")["Україні"] == "dat loc"  # a noun stays one
    assert "loc" in name_forms("Санкт-Петербург", lang="uk", type="place")["Санкт-Петербурзі"]


def test_ukrainian_bridge_with_the_i_o_alternation() -> None:
    from normalize.inflect import name_forms

    forms = name_forms("Кримський міст", lang="uk", type="place")
    assert "Кримського мосту" in forms and "Кримському мості" in forms
    assert "Кримського міста" not in forms  # міста is a city's genitive


def test_a_country_in_a_case_form_is_no_village() -> None:
    lex = Lexicon.from_entities([
        Entity("test:kytai", "place", ("Китай",), country="UA", population=300),
    ])
    tagger = Tagger(lex, cache=False)
    assert ids(tagger.tag("Переговори в Китае. Делегація у Китаї.")) == []


@pytest.fixture(scope="module")
def river_city() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:dnipro", "place", (Name("Дніпро", "uk"), Name("Днепр", "ru"), Name("Dniepr", "pl"), Name("Dnipro", "en")),
               population=968000),
        Entity("test:kherson", "place", (Name("Херсон", "uk"), Name("Херсон", "ru")), population=280000),
        Entity("test:group", "org", (Name("Хортиця", "uk"), Name("Хортица", "ru"))),
        Entity("test:island", "place", (Name("Зміїний", "uk"),), subtype="island"),
    ])
    return Tagger(lex, cache=False)


@pytest.mark.parametrize("text", [
    "Wróg ostrzeliwał Nikopol z drugiego brzegu Dniepru.",
    "Окупанти відступили на лівому березі Дніпра.",
    "Позиции на левом берегу Днепра обстреляли.",
    "Troops dug in on the east bank Dnipro side.",
    "Туристи відвідали острів Хортиця.",
    "Рыбаки вышли к реке Днепр.",
    "Rosjanie ostrzelali miasto zza Dniepru.",  # 'zza' (from beyond) puts a river or a border after it
])
def test_a_name_after_a_river_its_bank_or_an_island_is_the_features(river_city: Tagger, text: str) -> None:
    assert ids(river_city.tag(text)) == []


@pytest.mark.parametrize(("text", "span"), [
    ("Rosyjskie drony zaatakowały w nocy Dniepr.", "Dniepr"),
    ("Ewakuowano ludzi z Dniepru.", "Dniepru"),
    ("У Дніпрі зруйновано будинок біля берега.", "Дніпрі"),
    ("Береговая охрана Херсона сообщила.", "Херсона"),
])
def test_the_city_is_still_tagged_elsewhere(river_city: Tagger, text: str, span: str) -> None:
    assert (span, "test:dnipro" if "Дн" in span or "Dn" in span else "test:kherson") in ids(river_city.tag(text))


@pytest.mark.parametrize(("text", "span", "entity"), [
    ("Десант висадився на острові Зміїний.", "Зміїний", "test:island"),  # an island's own name after "island"
    ("Командование группировки «Хортица» сообщило.", "Хортица", "test:group"),
])
def test_a_feature_or_an_unrelated_word_before_a_name_does_not_turn_it_down(
        river_city: Tagger, text: str, span: str, entity: str) -> None:
    assert (span, entity) in ids(river_city.tag(text))


def test_a_case_form_of_a_well_known_place_elsewhere_is_not_a_big_place_here() -> None:
    """Люблино (a Moscow district of 170,000) declines in Polish as Lublin does (w Lublinie, z
    Lublina): the press's own city, not the district. The district's own name stays, and so does
    a big place whose case forms name nothing elsewhere."""
    lex = Lexicon.from_entities([
        Entity("test:lyublino", "place", (Name("Люблино", "ru"),), subtype="district", country="RU",
               population=170_000),
        Entity("test:kursk", "place", (Name("Курск", "ru"),), country="RU", population=450_000),
    ])
    tagger = Tagger(lex, cache=False)
    assert ids(tagger.tag("Konferencja odbyła się w Lublinie, a goście z Lublina pojechali do Kurska.")) == [
        ("Kurska", "test:kursk")]
    assert ids(tagger.tag("Mieszkańcy moskiewskiej dzielnicy Lublino protestowali.")) == [("Lublino", "test:lyublino")]
