"""Several lexicons together: `bundled` in a list of lexicons, `same_as` links, one answer per entity."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from normalize.lexicon import (
    Entity,
    Lexicon,
    LexiconError,
    Name,
    _source_ranks,
    bundled_paths,
    lexicon_paths,
)

ROOT = Path(__file__).resolve().parents[1]


def write(path: Path, *entries: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries), encoding="utf-8")
    return path


def problems(*paths: Path) -> list[tuple[str, int, str, str]]:
    _, found = Lexicon.check(list(paths))
    return [(Path(p.path).name, p.line, p.severity, p.message) for p in found if "is shared by" not in p.message]


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "normalize", *args], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=300, check=False)


KYIV_GEO = {"id": "geonames:703448", "type": "place", "names": ["Kyiv", "Киев"], "country": "UA", "admin1": "12",
            "population": 2952301}
KYIV = {"id": "place:ua-kyiv", "type": "place", "label": "Kyiv", "names": ["Київ", "Kiev"], "subtype": "city",
        "country": "UA", "same_as": ["geonames:703448"]}


# -- the format -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("same_as", "message"), [
    ("geonames:703448", 'same_as must be a non-empty list of ids, got string "geonames:703448"'),
    ([], "same_as must be a non-empty list of ids, got list []"),
    (["a b"], 'same_as 1 must be an id (a string without spaces), got string "a b"'),
    ([7], "same_as 1 must be an id (a string without spaces), got integer 7"),
    (["place:x"], "same_as 1 is the entity itself"),
])
def test_malformed_same_as_is_an_error_at_its_line(tmp_path: Path, same_as: object, message: str) -> None:
    path = write(tmp_path / "x.jsonl", {"id": "place:x", "type": "place", "names": ["X"], "same_as": same_as})
    assert problems(path) == [("x.jsonl", 1, "error", message)]


def test_same_as_links_are_checked_across_files(tmp_path: Path) -> None:
    a = write(tmp_path / "a.jsonl",
              {"id": "p:1", "type": "person", "names": ["A"], "gender": "m", "same_as": ["q:1", "q:1"]},
              {"id": "p:2", "type": "person", "names": ["B"], "same_as": ["q:2"]},
              {"id": "p:3", "type": "place", "names": ["C"], "country": "UA", "same_as": ["q:3"]},
              {"id": "p:4", "type": "place", "names": ["D"], "same_as": ["q:44", "geonames:703448"]},
              {"id": "p:5", "type": "place", "names": ["E"], "parent": "q:5", "same_as": ["q:5"]})
    b = write(tmp_path / "b.jsonl",
              {"id": "q:1", "type": "person", "names": ["A"], "gender": "f"},
              {"id": "q:2", "type": "org", "names": ["B"]},
              {"id": "q:3", "type": "place", "names": ["C"], "country": "RU"},
              {"id": "q:4", "type": "place", "names": ["D"]},
              {"id": "q:5", "type": "place", "names": ["E"]})
    assert problems(a, b) == [
        ("a.jsonl", 1, "warning", "same_as 2 ('q:1') repeats an earlier id"),
        ("a.jsonl", 1, "error", "same_as links entities of different genders: p:1 (m), q:1 (f)"),
        ("a.jsonl", 2, "error", "same_as 'q:2' is an org, this entity a person"),
        ("a.jsonl", 3, "warning", "same_as links entities of different countries: p:3 (UA), q:3 (RU)"),
        # an ID of another lexicon may simply not be loaded: a warning, with a hint where one helps
        ("a.jsonl", 4, "warning", "same_as 'q:44' is not an id of the loaded lexicons (did you mean 'q:4'?): ignored"),
        ("a.jsonl", 4, "warning", ("same_as 'geonames:703448' is in the bundled lexicons, which are not loaded: "
                                   "ignored (load them too: --lexicon bundled)")),
        ("a.jsonl", 5, "error", "parent 'q:5' is this same entity (same_as)"),
    ]


def test_a_parent_cycle_closed_only_by_a_merge_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl",
                 {"id": "x:a", "type": "place", "names": ["A"], "parent": "x:b"},
                 {"id": "x:b", "type": "place", "names": ["B"]},
                 {"id": "x:c", "type": "place", "names": ["C"], "parent": "x:a", "same_as": ["x:b"]})
    assert problems(path) == [("c.jsonl", 3, "error", "same_as closes a parent cycle through x:c, x:b")]
    with pytest.raises(LexiconError):
        Lexicon.load(path)


def test_from_entities_checks_same_as_too() -> None:
    with pytest.raises(LexiconError, match="is an org, this entity a place"):
        Lexicon.from_entities([Entity("a", "place", ("A",), same_as=("b",)), Entity("b", "org", ("B",))])
    lexicon = Lexicon.from_entities([Entity("a", "place", ("A",), same_as=("zz",))])
    assert [p.message for p in lexicon.warnings] == ["same_as 'zz' is not an id of the loaded lexicons: ignored"]


# -- which ID answers -------------------------------------------------------------------------------


def test_the_first_lexicon_named_gives_the_id(tmp_path: Path) -> None:
    geo = write(tmp_path / "geo.jsonl", KYIV_GEO)
    mine = write(tmp_path / "mine.jsonl", {"id": "mine:kyiv", "type": "place", "names": ["Kyjiw"],
                                           "same_as": ["geonames:703448"]})
    assert Lexicon.load([geo, mine]).same_as_groups() == [("geonames:703448", "mine:kyiv")]
    assert Lexicon.load([mine, geo]).same_as_groups() == [("mine:kyiv", "geonames:703448")]


def test_within_one_lexicon_the_entity_that_lists_wins_then_file_order(tmp_path: Path) -> None:
    path = write(tmp_path / "one.jsonl", KYIV_GEO, KYIV,
                 {"id": "x:kyiv", "type": "place", "names": ["Kyiw"], "same_as": ["place:ua-kyiv"]})
    lexicon = Lexicon.load(path)
    # place:ua-kyiv and x:kyiv both list; place:ua-kyiv comes first; the GeoNames record is only listed
    assert lexicon.same_as_groups() == [("place:ua-kyiv", "x:kyiv", "geonames:703448")]
    assert lexicon.canonical_id("geonames:703448") == "place:ua-kyiv"
    assert lexicon.canonical_id("x:kyiv") == "place:ua-kyiv"


def test_the_bundled_lexicons_count_as_one_in_their_place(tmp_path: Path) -> None:
    files = bundled_paths()
    sources = [str(tmp_path / "a.jsonl"), *map(str, files), str(tmp_path / "b.jsonl")]
    ranks = _source_ranks(sources)
    assert [ranks[s] for s in sources] == [0] + [1] * len(files) + [2]
    # `bundled` and `+` expand in place; a file named twice is read once
    assert lexicon_paths(["a.jsonl", "+", "b.jsonl"]) == [Path("a.jsonl"), *files, Path("b.jsonl")]
    assert lexicon_paths(["bundled", str(files[0])]) == files
    assert lexicon_paths(None) == files and lexicon_paths("x.jsonl") == [Path("x.jsonl")]


# -- the merged view -----------------------------------------------------------------------------------


def test_merged_entity_keeps_every_name_and_fills_fields_from_the_others(tmp_path: Path) -> None:
    path = write(tmp_path / "m.jsonl", KYIV_GEO, KYIV,
                 {"id": "x:district", "type": "place", "names": ["Podil"], "parent": "geonames:703448"})
    lexicon = Lexicon.load(path)
    merged = lexicon.merged()
    assert merged.is_merged and merged.merged() is merged and len(merged) == 2
    assert merged["place:ua-kyiv"].to_json() == {
        "id": "place:ua-kyiv", "type": "place", "subtype": "city", "label": "Kyiv",
        "names": ["Київ", "Kiev", "Kyiv", "Киев"], "country": "UA", "admin1": "12", "population": 2952301,
        "same_as": ["geonames:703448"],
    }
    assert merged["x:district"].parent == "place:ua-kyiv"  # a parent merged away points to its group's ID
    assert merged.content_hash != lexicon.content_hash and merged.paths == lexicon.paths
    # the file's own view is unchanged: check and show see each line as written
    assert len(lexicon) == 3 and lexicon["geonames:703448"].same_as == ()


def test_no_links_no_merge() -> None:
    lexicon = Lexicon.from_entities([Entity("a", "place", ("A",)), Entity("b", "place", ("A",))])
    assert lexicon.merged() is lexicon and lexicon.same_as_groups() == []


def test_linked_entities_are_not_homonyms(tmp_path: Path) -> None:
    path = write(tmp_path / "h.jsonl", KYIV_GEO, KYIV, {"id": "x:other", "type": "place", "names": ["Kyiv"]})
    assert Lexicon.load(path).shared_names() == {"Kyiv": ["place:ua-kyiv", "x:other"]}


# -- the matcher and the tagger answer once, with the other IDs ------------------------------------------

PEOPLE = [
    {"id": "mine:1", "type": "person", "names": ["Роман Абрамович"], "same_as": ["person:roman-abramovich"]},
    {"id": "mine:2", "type": "person", "names": ["Ivan Petrov"]},
]
BUNDLED_LIKE = [
    {"id": "person:roman-abramovich", "type": "person", "label": "Roman Abramovich",
     "names": [{"text": "Роман Аркадьевич Абрамович", "lang": "ru"}], "gender": "m"},
    {"id": "person:ivan-petrov", "type": "person", "names": ["Ivan Petrov", "Иван Петров"]},
]


@pytest.fixture(scope="module")
def two_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("lexicons")
    return write(tmp / "mine.jsonl", *PEOPLE), write(tmp / "theirs.jsonl", *BUNDLED_LIKE)


def test_matcher_answers_once_under_the_first_lexicons_id(two_files: tuple[Path, Path]) -> None:
    from normalize.matcher import Matcher

    mine, theirs = two_files
    first = Matcher(Lexicon.load([mine, theirs]), cache=False)
    (hit,) = first.match("Roman Abramovich")
    assert (hit.id, hit.same_as, hit.label) == ("mine:1", ("person:roman-abramovich",), "Roman Abramovich")
    assert hit.to_json()["same_as"] == ["person:roman-abramovich"]
    (hit,) = Matcher([theirs, mine], cache=False).match("Абрамович")
    assert (hit.id, hit.same_as) == ("person:roman-abramovich", ("mine:1",))
    # two entities that only share a name stay two candidates
    assert sorted(m.id for m in first.match("Ivan Petrov")) == ["mine:2", "person:ivan-petrov"]
    assert "same_as" not in first.match("Ivan Petrov")[0].to_json()


def test_tagger_answers_once_from_a_lexicon_and_from_files_cold_and_warm(two_files: tuple[Path, Path],
                                                                        tmp_path: Path) -> None:
    from normalize.tagger import Tagger

    mine, theirs = two_files
    text = "Роман Абрамович met Ivan Petrov."
    os.environ["NORMALIZE_CACHE_DIR"], old = str(tmp_path), os.environ.get("NORMALIZE_CACHE_DIR")
    try:
        runs = [Tagger(Lexicon.load([mine, theirs]), cache=False).tag(text)]
        runs += [Tagger([mine, theirs]).tag(text) for _ in range(2)]  # cold, then from the cache
    finally:
        if old is not None:
            os.environ["NORMALIZE_CACHE_DIR"] = old
    for mentions in runs:
        abramovich, petrov = mentions
        assert (abramovich.id, abramovich.same_as) == ("mine:1", ("person:roman-abramovich",))
        assert abramovich.to_json()["same_as"] == ["person:roman-abramovich"]
        assert petrov.id is None and sorted(c.id for c in petrov.candidates) == ["mine:2", "person:ivan-petrov"]


# -- the bundled lexicons -------------------------------------------------------------------------------


def test_bundled_links_are_exactly_what_the_rule_derives() -> None:
    """Curated places and their GeoNames records: regenerate with `python -m normalize.gazetteer_links --write`."""
    from normalize.gazetteer_links import GAZETTEER_PREFIX, derive_links

    lexicon = Lexicon.load(None)
    derived = derive_links(lexicon)
    written = {e.id: [x for x in e.same_as if x.startswith(GAZETTEER_PREFIX)] for e in lexicon
               if any(x.startswith(GAZETTEER_PREFIX) for x in e.same_as)}
    assert written == {cid: [gid] for cid, gid in derived.items()}
    assert derived == {"place:by-minsk": "geonames:625144", "place:ua-kyiv": "geonames:703448",
                       "place:ua-sevastopol": "geonames:694423"}
    # the list in lexicons/README.md is the same
    readme = (ROOT / "lexicons" / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `(place:[^`]+)` \| `(geonames:\d+)` \|", readme, re.MULTILINE))
    assert listed == derived
    for cid, gid in derived.items():  # and every link is a settlement and its populated record
        assert lexicon[gid].population and lexicon[cid].country == lexicon[gid].country
    # the bundled set answers as one for each link
    assert {e.id: e.same_as for e in lexicon.merged() if e.same_as} == {cid: (gid,) for cid, gid in derived.items()}
    assert lexicon.merged()["place:ua-kyiv"].population == lexicon["geonames:703448"].population


def test_the_rule_needs_one_record_in_the_same_region() -> None:
    from normalize.gazetteer_links import derive_links

    country = Entity("place:ua", "place", ("Україна",), subtype="country", country="UA")
    city = Entity("place:ua-x", "place", (Name("Хутір", "uk"),), subtype="city with special status",
                  parent="place:ua", country="UA")
    big = Entity("geonames:1", "place", ("Хутір",), country="UA", admin1="01", population=9000)
    small = Entity("geonames:2", "place", ("Хутір",), country="UA", admin1="02", population=50)
    bigger = Entity("geonames:3", "place", ("Інше",), country="UA", admin1="02", population=90000)
    assert derive_links(Lexicon.from_entities([country, city, big, small, bigger])) == {"place:ua-x": "geonames:1"}
    twin = Entity("geonames:4", "place", ("Хутір",), country="UA", admin1="03", population=70)
    assert derive_links(Lexicon.from_entities([country, city, big, twin])) == {}  # two records pass: no link
    with_admin1 = Entity("place:ua-x", "place", ("Хутір",), subtype="city", country="UA", admin1="02")
    assert derive_links(Lexicon.from_entities([with_admin1, big, small])) == {"place:ua-x": "geonames:2"}
    oblast = Entity("place:ua-x", "place", ("Хутір",), subtype="oblast", country="UA")
    assert derive_links(Lexicon.from_entities([oblast, big])) == {}


def test_bundled_may_be_named_on_every_command() -> None:
    stats = cli("lexicon", "stats", "--json", "--lexicon", "bundled")
    assert json.loads(stats.stdout)["files"] == [str(p) for p in bundled_paths()]
    show = cli("lexicon", "show", "place:ua-kyiv", "--json", "-l", "+")
    assert json.loads(show.stdout)["same_as"] == ["geonames:703448"], show.stderr
    match = cli("match", "--lexicon", "+", "--top", "1", "Kiev")
    assert json.loads(match.stdout)["matches"][0]["same_as"] == ["geonames:703448"], match.stderr
    tag = cli("tag", "--lexicon", "bundled", "-", stdin="Київ\n")
    assert [(m["id"], m["same_as"]) for m in map(json.loads, tag.stdout.splitlines())] == [
        ("place:ua-kyiv", ["geonames:703448"])], tag.stderr


def test_show_and_batch_with_linked_lexicons(two_files: tuple[Path, Path], tmp_path: Path) -> None:
    mine, theirs = two_files
    show = cli("lexicon", "show", "person:roman-abramovich", "-l", str(mine), "-l", str(theirs))
    assert "  answers as: mine:1 (same_as)\n" in show.stdout, show.stderr
    show = cli("lexicon", "show", "mine:1", "-l", str(mine), "-l", str(theirs))
    assert "  same_as: person:roman-abramovich\n  answers for: person:roman-abramovich (same_as)\n" in show.stdout
    table = tmp_path / "t.csv"
    table.write_text("who\nRoman Abramovich\n", encoding="utf-8")
    batch = cli("batch", str(table), "--column", "who", "--lexicon", str(theirs), "--lexicon", str(mine), "-o", "-")
    assert batch.stdout.splitlines()[1].startswith("Roman Abramovich,person:roman-abramovich,Roman Abramovich,"), \
        batch.stderr
