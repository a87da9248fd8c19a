"""The bundled lexicons' news-domain coverage and the press-spelling development set.

* tests/cases/bundled_match.json: what the bundled matcher answers for the curated
  entries (front-line villages, Russian regions, people and organizations), and for
  real names the lexicons do not hold (``"expect": null``); known failures are
  strict xfails, so a fix is noticed.
* The curated regions' GeoNames admin1 codes are the codes the bundled gazetteer
  gives their centres; curated places carry their region's code; a curated village
  is one the gazetteer lacks in its region.
* benchmarks/data/press_spellings.tsv and press_negatives.tsv are well formed and
  name only entities of the bundled lexicons (or, for negatives, none of them).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any

import pytest

from normalize.fold import fold
from normalize.lexicon import Entity, Lexicon
from normalize.matcher import Matcher
from tests.conftest import REPO, shared_file

CASES = json.loads((REPO / "tests" / "cases" / "bundled_match.json").read_text(encoding="utf-8"))
DATA = REPO / "benchmarks" / "data"

#: each curated region -> the gazetteer record of its administrative centre; where the
#: centre is a region of its own (Kyiv, Minsk), a large town of the region instead
CENTRES = {
    "place:ua-cherkasy-oblast": "710791", "place:ua-chernihiv-oblast": "710735", "place:ua-chernivtsi-oblast": "710719",
    "place:ua-crimea": "693805", "place:ua-dnipropetrovsk-oblast": "709930", "place:ua-donetsk-oblast": "709717",
    "place:ua-ivano-frankivsk-oblast": "707471", "place:ua-kharkiv-oblast": "706483", "place:ua-kherson-oblast": "706448",
    "place:ua-khmelnytskyi-oblast": "706369", "place:ua-kirovohrad-oblast": "705812", "place:ua-kyiv": "703448",
    "place:ua-kyiv-oblast": "712165", "place:ua-luhansk-oblast": "702658", "place:ua-lviv-oblast": "702550",
    "place:ua-mykolaiv-oblast": "700569", "place:ua-odesa-oblast": "698740", "place:ua-poltava-oblast": "696643",
    "place:ua-rivne-oblast": "695594", "place:ua-sevastopol": "694423", "place:ua-sumy-oblast": "692194",
    "place:ua-ternopil-oblast": "691650", "place:ua-vinnytsia-oblast": "689558", "place:ua-volyn-oblast": "702569",
    "place:ua-zakarpattia-oblast": "690548", "place:ua-zaporizhzhia-oblast": "687700", "place:ua-zhytomyr-oblast": "686967",
    "place:ru-astrakhan-oblast": "580497", "place:ru-bashkortostan": "479561", "place:ru-belgorod-oblast": "578072",
    "place:ru-bryansk-oblast": "571476", "place:ru-chechnya": "558418", "place:ru-dagestan": "532096",
    "place:ru-kaliningrad-oblast": "554234", "place:ru-kaluga-oblast": "553915", "place:ru-krasnodar-krai": "542420",
    "place:ru-kursk-oblast": "538560", "place:ru-leningrad-oblast": "561887", "place:ru-lipetsk-oblast": "535121",
    "place:ru-moscow-oblast": "542374", "place:ru-murmansk-oblast": "524305", "place:ru-nizhny-novgorod-oblast": "520555",
    "place:ru-oryol-oblast": "515012", "place:ru-pskov-oblast": "504341", "place:ru-rostov-oblast": "501175",
    "place:ru-ryazan-oblast": "500096", "place:ru-saratov-oblast": "498677", "place:ru-smolensk-oblast": "491687",
    "place:ru-tambov-oblast": "484646", "place:ru-tatarstan": "551487", "place:ru-tula-oblast": "480562",
    "place:ru-tver-oblast": "480060", "place:ru-volgograd-oblast": "472757", "place:ru-voronezh-oblast": "472045",
    "place:ru-adygea": "528293", "place:ru-altai-krai": "1510853", "place:ru-altai-republic": "1506271",
    "place:ru-amur-oblast": "2026609", "place:ru-arkhangelsk-oblast": "581049", "place:ru-buryatia": "2014407",
    "place:ru-chelyabinsk-oblast": "1508291", "place:ru-chukotka-autonomous-okrug": "2127202",
    "place:ru-chuvashia": "569696", "place:ru-ingushetia": "6313621", "place:ru-irkutsk-oblast": "2023469",
    "place:ru-ivanovo-oblast": "555312", "place:ru-jewish-autonomous-oblast": "2026643",
    "place:ru-kabardino-balkaria": "523523", "place:ru-kalmykia": "563514",
    "place:ru-kamchatka-krai": "2122104", "place:ru-karachay-cherkessia": "569154",
    "place:ru-karelia": "509820", "place:ru-kemerovo-oblast": "1503901", "place:ru-khabarovsk-krai": "2022890",
    "place:ru-khakassia": "1512236", "place:ru-khanty-mansi-autonomous-okrug": "1503772",
    "place:ru-kirov-oblast": "548408", "place:ru-komi": "485239", "place:ru-kostroma-oblast": "543878",
    "place:ru-krasnoyarsk-krai": "1502026", "place:ru-kurgan-oblast": "1501321",
    "place:ru-magadan-oblast": "2123628", "place:ru-mari-el": "466806", "place:ru-mordovia": "498698",
    "place:ru-nenets-autonomous-okrug": "523392", "place:ru-north-ossetia": "473249",
    "place:ru-novgorod-oblast": "519336", "place:ru-novosibirsk-oblast": "1496747",
    "place:ru-omsk-oblast": "1496153", "place:ru-orenburg-oblast": "515003", "place:ru-penza-oblast": "511565",
    "place:ru-perm-krai": "511196", "place:ru-primorsky-krai": "2013348", "place:ru-sakha": "2013159",
    "place:ru-sakhalin-oblast": "2119441", "place:ru-samara-oblast": "499099",
    "place:ru-stavropol-krai": "487846", "place:ru-sverdlovsk-oblast": "1486209",
    "place:ru-tomsk-oblast": "1489425", "place:ru-tuva": "1500973", "place:ru-tyumen-oblast": "1488754",
    "place:ru-udmurtia": "554840", "place:ru-ulyanovsk-oblast": "479123", "place:ru-vladimir-oblast": "473247",
    "place:ru-vologda-oblast": "472459", "place:ru-yamalo-nenets-autonomous-okrug": "1493197",
    "place:ru-yaroslavl-oblast": "468902", "place:ru-zabaykalsky-krai": "2025339",
    "place:by-brest-region": "629634", "place:by-gomel-region": "627907", "place:by-grodno-region": "627904",
    "place:by-minsk": "625144", "place:by-minsk-region": "630376", "place:by-mogilev-region": "625665",
    "place:by-vitebsk-region": "620127",
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture(scope="module")
def by_id(lexicon: Lexicon) -> dict[str, Entity]:
    return {e.id: e for e in lexicon}


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher()  # the bundled lexicons, from the session's index (the same entities as `lexicon`)


def key(text: str) -> str:
    return re.sub(r"[\W_]", "", fold(text))


# -- what the bundled matcher answers ------------------------------------------------


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
    return pytest.param(case, id=f"{case['group']}:{case['query']}", marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_bundled_match(matcher: Matcher, case: dict[str, Any]) -> None:
    results = matcher.match(case["query"])
    best = matcher.best(case["query"])  # the one answer: none for a tie without a clear winner
    got = best.id if best else None
    assert got == case["expect"], matcher.explain(case["query"])
    for other in case.get("not", []):
        assert other not in [r.id for r in results], matcher.explain(case["query"])


def test_cases_name_existing_entities(by_id: dict[str, Entity]) -> None:
    named = [c["expect"] for c in CASES if c["expect"]] + [n for c in CASES for n in c.get("not", [])]
    assert [i for i in named if i not in by_id] == []
    assert sum(c["expect"] is None for c in CASES) >= 10  # negatives are part of the cases


# -- GeoNames admin1 codes of the curated places ----------------------------------------


def test_region_admin1_is_the_code_of_its_centre(by_id: dict[str, Entity]) -> None:
    for region, centre in CENTRES.items():
        r, c = by_id[region], by_id[f"geonames:{centre}"]
        assert (r.country, r.admin1) == (c.country, c.admin1), (region, c.label)


def test_every_ukrainian_and_belarusian_admin1_has_one_curated_region(lexicon: Lexicon) -> None:
    for country in ("UA", "BY"):
        gazetteer = {e.admin1 for e in lexicon if e.id.startswith("geonames:") and e.country == country}
        regions = [by for by in CENTRES if by.startswith(f"place:{country.lower()}-")]
        codes = [e.admin1 for e in lexicon if e.id in regions]
        assert sorted(codes) == sorted(gazetteer), country
    ru = [e.admin1 for e in lexicon if e.id in CENTRES and e.country == "RU"]
    assert len(ru) == len(set(ru))


def test_every_russian_admin1_but_the_federal_cities_has_one_curated_region(lexicon: Lexicon) -> None:
    """Every federal subject of Russia is curated but Moscow and Saint Petersburg, which the gazetteer's
    own records of the two cities (524901, 498817: admin1 48 and 66) stand for."""
    gazetteer = {e.admin1 for e in lexicon if e.id.startswith("geonames:") and e.country == "RU"}
    codes = {e.admin1 for e in lexicon if e.id in CENTRES and e.country == "RU"}
    cities = {e.admin1 for e in lexicon if e.id in ("geonames:524901", "geonames:498817")}
    assert cities == {"48", "66"}
    assert codes == gazetteer - cities


def test_curated_places_carry_their_regions_admin1(lexicon: Lexicon, by_id: dict[str, Entity]) -> None:
    checked = 0
    for e in lexicon:
        if e.type != "place" or e.id.startswith("geonames:") or e.id in CENTRES or e.subtype == "country":
            continue
        up = e.parent
        while up is not None and up not in CENTRES:
            up = by_id[up].parent
        if up is None:
            assert e.admin1 is None, e.id  # no region, no code to carry
            continue
        assert e.admin1 == by_id[up].admin1, (e.id, up)
        checked += 1
    assert checked > 250


def test_curated_refs_name_the_same_gazetteer_place(lexicon: Lexicon, by_id: dict[str, Entity]) -> None:
    linked = [e for e in lexicon if not e.id.startswith("geonames:") and e.refs.get("geonames")]
    for e in linked:
        g = by_id.get(f"geonames:{e.refs['geonames']}")
        if g is None:
            assert e.subtype == "country", e.id  # countries are not populated places
            continue
        assert g.country == e.country and g.admin1 == e.admin1, e.id
        assert {key(n.text) for n in e.names} & {key(n.text) for n in g.names}, e.id
    assert {"place:ua-kyiv", "place:ua-sevastopol", "place:by-minsk"} <= {e.id for e in linked}


def test_curated_villages_are_missing_from_the_gazetteer_in_their_region(lexicon: Lexicon) -> None:
    """A village is curated only where cities500 lacks it; a homonym elsewhere is fine."""
    gazetteer: dict[tuple[str | None, str | None, str], list[str]] = {}
    for e in lexicon:
        if e.id.startswith("geonames:"):
            for n in e.names:
                gazetteer.setdefault((e.country, e.admin1, key(n.text)), []).append(e.id)
    villages = [e for e in lexicon if e.subtype == "village"]
    assert len(villages) >= 100
    for v in villages:
        assert v.admin1, v.id
        for n in v.names:
            assert (v.country, v.admin1, key(n.text)) not in gazetteer, (v.id, n.text, gazetteer.get((v.country, v.admin1, key(n.text))))


# -- the press-spelling development set ------------------------------------------------


def _rows(name: str, width: int) -> list[list[str]]:
    rows = []
    for no, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        assert len(parts) == width, f"{name}:{no}: {len(parts)} columns"
        assert parts[0] == parts[0].strip() and parts[0] == unicodedata.normalize("NFC", parts[0]), f"{name}:{no}"
        rows.append(parts)
    return rows


def _entity_split(entity_id: str) -> str:
    return "heldout" if int(hashlib.sha1(entity_id.encode()).hexdigest(), 16) % 2 else "dev"


def test_press_spellings_are_well_formed(by_id: dict[str, Entity]) -> None:
    rows = _rows("press_spellings.tsv", 5)
    queries = [r[0] for r in rows]
    assert len(queries) == len(set(queries)), "one gold id per spelling"
    for query, gold, split, lang, source in rows:
        assert query and gold in by_id, (query, gold)
        assert split in ("dev", "heldout") and source in ("seed", "news", "wiki"), query
        assert re.fullmatch(r"[a-z]{2}", lang), query
    types = {by_id[r[1]].type for r in rows}
    assert types == {"person", "place", "org"}
    assert len({r[3] for r in rows}) >= 16 and len(rows) >= 1000


def test_press_spellings_keep_their_split() -> None:
    """The old people rows keep theirs, seed rows are dev, every other row is split by entity."""
    old = {(r[0], r[1]): r[2] for r in _rows("press_people.tsv", 3)}
    for query, gold, split, _, source in _rows("press_spellings.tsv", 5):
        if (query, gold) in old:
            assert split == old[(query, gold)], query
        elif source == "seed":
            assert split == "dev", query
        else:
            assert split == _entity_split(gold), query
    assert set(old) <= {(r[0], r[1]) for r in _rows("press_spellings.tsv", 5)}


def test_seed_rows_are_spelled_as_in_the_seed_article() -> None:
    path = next(iter(sorted(shared_file("seed").glob("*.txt"))), None)
    assert path is not None, "no seed article in ../shared/seed"
    text = path.read_text(encoding="utf-8")
    seed = [r[0] for r in _rows("press_spellings.tsv", 5) if r[4] == "seed"]
    assert len(seed) >= 30
    assert [q for q in seed if not re.search(rf"(?<!\w){re.escape(q)}(?!\w)", text)] == []


def test_negatives_are_outside_the_lexicon(lexicon: Lexicon, by_id: dict[str, Entity]) -> None:
    rows = _rows("press_negatives.tsv", 6)
    names = {key(n.text) for e in lexicon for n in e.names}
    positives = {r[0] for r in _rows("press_spellings.tsv", 5)}
    assert len(rows) >= 100
    for query, kind, split, lang, near, _ in rows:
        assert kind in ("person", "place", "org") and split in ("dev", "heldout") and re.fullmatch(r"[a-z]{2}", lang)
        assert key(query) not in names and query not in positives, query
        assert not near or near in by_id, (query, near)
