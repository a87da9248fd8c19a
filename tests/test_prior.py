"""Priors: the lexicon field, the derived prior, the compiled column, and the curated rule."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from normalize.index import compile_index
from normalize.lexicon import Entity, Lexicon, Name
from normalize.matcher import Matcher
from normalize.prior import entity_prior
from tests.conftest import REPO


def _check(tmp_path: Path, line: str) -> list[str]:
    path = tmp_path / "x.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    _, problems = Lexicon.check([path])
    return [f"{p.line}: {p.message}" for p in problems if p.severity == "error"]


@pytest.mark.parametrize("value", ['"high"', "1.5", "-0.1", "true", "NaN", "[0.5]"])
def test_a_bad_prior_is_an_error_naming_the_line(tmp_path: Path, value: str) -> None:
    errors = _check(tmp_path, f'{{"id": "person:x", "type": "person", "names": ["X"], "prior": {value}}}')
    assert len(errors) == 1 and errors[0].startswith("1: prior must be a number from 0 to 1"), errors


@pytest.mark.parametrize("value", ["0", "1", "0.35"])
def test_a_prior_loads_and_round_trips(tmp_path: Path, value: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(f'{{"id": "person:x", "type": "person", "names": ["X"], "prior": {value}}}\n', encoding="utf-8")
    entity = Lexicon.load([path])["person:x"]
    assert entity.prior == float(value)
    assert entity.to_json()["prior"] == float(value)


def test_a_bad_prior_in_code_raises() -> None:
    with pytest.raises(TypeError):
        Entity("person:x", "person", ("X",), prior="high")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Entity("person:x", "person", ("X",), prior=1.5)
    assert Entity("person:x", "person", ("X",), prior=1).prior == 1


def test_derived_prior_from_population_subtype_and_type() -> None:
    def prior(**kw: object) -> float:
        return entity_prior(Entity("x:1", kw.pop("type", "place"), ("X",), **kw))  # type: ignore[arg-type]

    assert prior(population=1_000) == 0.2 and prior(population=100_000) == 0.6 and prior(population=10**8) == 1.0
    assert prior(population=50) == 0.0  # below the floor, clipped
    assert prior(subtype="oblast") == 0.8 and prior(subtype="raion") == 0.5
    assert prior(subtype="oblast", population=1_000) == 0.8  # the higher of the two
    assert prior(subtype="populated place") == 0.15  # a gazetteer record without a population
    assert prior(type="person") == 0.5 and prior(type="org") == 0.5 and prior(type="event") == 0.3
    assert prior(type="person", prior=0.9) == 0.9 and prior(population=10**7, prior=0.1) == 0.1  # the lexicon's own wins


def test_compiled_index_carries_the_prior(tmp_path: Path) -> None:
    lex = Lexicon.from_entities([
        Entity("place:a", "place", (Name("Покровськ", "uk"),), population=60_127),
        Entity("person:b", "person", (Name("Дмитро Кулеба", "uk"),), prior=0.9),
        Entity("person:c", "person", (Name("Олексій Кулеба", "uk"),)),
    ])
    compiled = compile_index(lex, tmp_path / "x.nidx")
    assert [compiled.entities[i].prior for i in range(3)] == [entity_prior(e) for e in lex]
    fresh, indexed = Matcher(lex, cache=False), Matcher.from_index(tmp_path / "x.nidx")
    for q in ("Kuleba", "Pokrovsk", "Кулеба"):
        assert [(m.id, m.score, m.prior, m.ambiguous) for m in fresh.match(q)] == \
            [(m.id, m.score, m.prior, m.ambiguous) for m in indexed.match(q)]
    assert fresh.best("Kuleba").id == "person:b"  # type: ignore[union-attr]


def test_curated_people_and_organizations_follow_the_documented_rule() -> None:
    """Every curated person and organization has a prior, the one scripts/assign_priors.py gives."""
    res = subprocess.run([sys.executable, str(REPO / "scripts" / "assign_priors.py"), "--check"],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stdout + res.stderr
    for name in ("people.jsonl", "orgs.jsonl"):
        for line in (REPO / "lexicons" / name).read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            assert 0.0 <= obj["prior"] <= 1.0, obj["id"]
    places = [json.loads(line) for line in (REPO / "lexicons" / "places.jsonl").read_text(encoding="utf-8").splitlines()]
    assert not any("prior" in p for p in places)  # places derive theirs from population and subtype


def test_match_json_marks_ambiguity_and_explains_the_order() -> None:
    lex = Lexicon.from_entities([
        Entity("person:b", "person", (Name("Дмитро Кулеба", "uk"),), prior=0.9),
        Entity("person:c", "person", (Name("Олексій Кулеба", "uk"),), prior=0.8),
        Entity("place:v", "place", (Name("Кулебівка", "uk"),), population=900),
    ])
    m = Matcher(lex, cache=False)
    got = m.match("Kuleba")
    assert [(r.id, r.ambiguous) for r in got] == [("person:b", True), ("person:c", True)]
    assert got[0].to_json()["ambiguous"] is True and "prior" in got[0].to_json(explain=True)
    text = m.explain("Kuleba")
    assert "person:b is the clear winner by its prior" in text and "rank" in text


def test_cli_match_json_has_the_ambiguous_mark(tmp_path: Path) -> None:
    path = tmp_path / "lex.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in [
        {"id": "person:v", "type": "person", "names": [{"text": "Віталій Кличко", "lang": "uk"}]},
        {"id": "person:w", "type": "person", "names": [{"text": "Володимир Кличко", "lang": "uk"}]},
    ]) + "\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "normalize", "match", "--lexicon", str(path), "Klitschko", "Kyiv"],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr
    first, second = (json.loads(line) for line in res.stdout.splitlines())
    assert [(r["id"], r["ambiguous"]) for r in first["matches"]] == [("person:v", True), ("person:w", True)]
    assert second["matches"] == []


def test_a_latin_label_does_not_prefer_its_country_for_a_cyrillic_name() -> None:
    """Волчанск: the label of the smaller Russian town (its Russian name romanized) and the
    Russian name of the larger Ukrainian one; between two countries the label says only which
    language the name is in, so the prior decides. Within one country the label still counts."""
    ru = Entity("place:ru", "place", ("Volchansk", "Волчанск"), label="Volchansk", country="RU", population=10_000)
    ua = Entity("place:ua", "place", ("Vovchansk", "Вовчанськ", "Волчанск"), label="Vovchansk", country="UA",
                population=17_000)
    m = Matcher(Lexicon.from_entities([ru, ua]))
    assert m.best("Волчанск").id == "place:ua"  # type: ignore[union-attr]
    assert m.best("Volchansk").id == "place:ru"  # type: ignore[union-attr]  # the label itself, same script
    former = Entity("place:n", "place", ("Nikopol", "Нікополь", "Слов'янськ"), label="Nikopol", country="UA",
                    population=105_160)
    current = Entity("place:s", "place", ("Slovyansk", "Слов'янськ"), label="Slovyansk", country="UA",
                     population=105_141)
    m = Matcher(Lexicon.from_entities([former, current]))
    assert m.best("Слов'янськ").id == "place:s"  # type: ignore[union-attr]
    assert "its label" in m.explain("Слов'янськ")


def test_a_surname_met_only_through_its_skeleton_gets_no_surname_bonus() -> None:
    """"Kijiva" (Latvian for Kyiv) shares the skeleton "kiva" with the surname Кива, but no
    spelling of the surname is written so: the city's inflected form wins; "Kyva" stays the person."""
    city = Entity("place:kyiv", "place", (Name("Київ", "uk"), "Kyiv"), label="Kyiv", population=2_952_301)
    person = Entity("person:kyva", "person", (Name("Ілля Кива", "uk"),), prior=0.7)
    m = Matcher(Lexicon.from_entities([city, person]))
    assert m.best("Kyva").id == "person:kyva"  # type: ignore[union-attr]
    got = m.match("Kijiva", min_score=0)
    assert got[0].id == "place:kyiv", m.explain("Kijiva")
    assert "skeleton" in next(r.via for r in got if r.id == "person:kyva")
