"""The name matcher, driven by tests/cases/match.json over a small lexicon.

The fixture lexicon (tests/fixtures/match_lexicon.jsonl) gives only ids, types
and native-script names (plus gender for people): every variant the cases use
must come from the engine, not from the file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.lexicon import Entity, Lexicon, Name
from normalize.matcher import DEFAULT_THRESHOLD, Matcher

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "match_lexicon.jsonl"
CASES = json.loads((HERE / "cases" / "match.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(Lexicon.load([FIXTURE]))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['group']}:{c['query']}" for c in CASES])
def test_case(matcher: Matcher, case: dict) -> None:
    results = matcher.match(case["query"])
    best = matcher.best(case["query"])  # the one answer: none for a tie without a clear winner
    got = best.id if best else None
    assert got == case["expect"], matcher.explain(case["query"])
    for other in case.get("not", []):
        assert other not in [r.id for r in results], matcher.explain(case["query"])


def test_result_fields(matcher: Matcher) -> None:
    (r, *_) = matcher.match("Kharkov")
    assert (r.id, r.type, r.alias) == ("place:kharkiv", "place", "Харьков")
    assert 0 <= r.score <= 100 and r.score >= DEFAULT_THRESHOLD
    assert r.via and all(isinstance(step, str) for step in r.via)
    assert r.label


def test_homonyms_ranked_by_population_and_all_available(matcher: Matcher) -> None:
    results = matcher.match("Ivanivka", top=10)
    assert [r.id for r in results] == ["place:ivanivka-2", "place:ivanivka-3", "place:ivanivka-1"]


def test_surname_alone_scores_lower_than_full_name(matcher: Matcher) -> None:
    full = matcher.match("Volodymyr Zelensky")[0]
    alone = matcher.match("Zelensky")[0]
    assert full.id == alone.id and alone.score < full.score


def test_ambiguous_surname_is_not_guessed(matcher: Matcher) -> None:
    """Two persons of one surname and no prior between them: both returned, marked, none chosen."""
    both = matcher.match("Klitschko")
    assert {r.id for r in both} == {"person:vitali-klitschko", "person:wladimir-klitschko"}
    assert all(r.ambiguous for r in both) and both[0].score == both[1].score >= DEFAULT_THRESHOLD
    assert matcher.best("Klitschko") is None
    assert [r.to_json()["ambiguous"] for r in both] == [True, True]
    assert "no clear winner" in matcher.explain("Klitschko")
    assert not matcher.match("Kharkiv")[0].ambiguous and "ambiguous" not in matcher.match("Kharkiv")[0].to_json()


def test_types_filter(matcher: Matcher) -> None:
    assert matcher.match("Kharkiv", types=["person"]) == []
    assert matcher.match("Kharkiv", types="place")[0].id == "place:kharkiv"


def test_explain_names_the_steps(matcher: Matcher) -> None:
    text = matcher.explain("Charkiw")
    assert "place:kharkiv" in text and "scheme:" in text


def test_engine_not_file_makes_variants() -> None:
    """Native names alone (uk and ru, no Latin) still match the press spellings."""
    m = Matcher(Lexicon.from_entities([Entity("place:x", "place", (Name("Запоріжжя", "uk"), Name("Запорожье", "ru")))]))
    for q in ("Zaporizhzhia", "Saporischschja", "Zaporoże"):
        assert [r.id for r in m.match(q)] == ["place:x"], m.explain(q)
    assert m.match("Kramatorsk") == []


# -- the index agrees with brute force ----------------------------------------------


def query_skeleton(query: str) -> str:
    from normalize.fold import fold, has_cyrillic, skeleton
    from normalize.matcher.variants import canonical_latin

    text = canonical_latin(query) if has_cyrillic(query) else query
    return skeleton(fold(text)).replace(" ", "")


def brute_force_keys(matcher: Matcher, compact: str) -> set[str]:
    """Plain reference: every skeleton key of every entity within one edit of the query."""
    from rapidfuzz.distance import Levenshtein

    return {key for key in matcher._skel if Levenshtein.distance(compact, key.replace(" ", "")) <= 1}


def brute_force(matcher: Matcher, compact: str) -> set[str]:
    return {matcher.entities[h.entity].id for key in brute_force_keys(matcher, compact) for h in matcher._skel[key]}


ALPHABET = "abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщьюяієї '-"


def test_brute_force_reference_finds_the_lexicon_names() -> None:
    """The reference is not empty-handed: each case query's own skeleton has neighbours."""
    matcher = _shared_matcher().build()
    found = [q for q in (c["query"] for c in CASES) if len(query_skeleton(q)) >= 4 and brute_force(matcher, query_skeleton(q))]
    assert len(found) >= 50


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([c["query"] for c in CASES]), st.integers(0, 30), st.sampled_from(ALPHABET + "#"))
def test_index_finds_what_brute_force_finds(query: str, pos: int, ch: str) -> None:
    """Every key within one edit of a (mutated) query is a fuzzy candidate; the match reports its entity.

    ``#`` deletes the character at ``pos``; any other character replaces it.
    """
    matcher = _shared_matcher().build()
    mutated = query[:pos] + ("" if ch == "#" else ch) + query[pos + 1 :]
    compact = query_skeleton(matcher._clean(mutated))
    if len(compact) < 4:
        return  # too short for the fuzzy stage by design: no near miss of three letters is trusted
    expected_keys = {k.replace(" ", "") for k in brute_force_keys(matcher, compact)}
    got_keys = {k.replace(" ", "") for k in matcher._fuzzy_keys(compact)}
    assert expected_keys <= got_keys, (mutated, expected_keys - got_keys)
    if not any(s >= 95 for s, _, _ in matcher._candidates(mutated, fuzzy=False).values()):
        got = {r.id for r in matcher.match(mutated, top=0, min_score=0)}
        assert brute_force(matcher, compact) <= got, matcher.explain(mutated)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_never_raises(text: str) -> None:
    results = _shared_matcher().match(text)
    assert all(0 <= r.score <= 100 for r in results)


_MATCHER: Matcher | None = None


def _shared_matcher() -> Matcher:
    global _MATCHER
    if _MATCHER is None:
        _MATCHER = Matcher(Lexicon.load([FIXTURE]))
    return _MATCHER


# -- CLI -----------------------------------------------------------------------------


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "normalize", *args], input=stdin, capture_output=True, timeout=120,
                          check=False)


def test_cli_one_line_per_input_line_in_order() -> None:
    stdin = "Kharkov\n\nKramatorsk\nV. Zelensky\r\nТёткине\n".encode()
    proc = run_cli("match", "--lexicon", str(FIXTURE), stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["query"] for r in rows] == ["Kharkov", "", "Kramatorsk", "V. Zelensky", "Тёткине"]
    assert [r["matches"][0]["id"] if r["matches"] else None for r in rows] == [
        "place:kharkiv", None, None, "person:volodymyr-zelensky", "place:tyotkino"]
    assert set(rows[0]["matches"][0]) >= {"id", "label", "type", "score", "alias"}


def test_cli_options() -> None:
    proc = run_cli("match", "--lexicon", str(FIXTURE), "--top", "2", "--min-score", "0", "--explain", "--type", "place", stdin=b"Ivanivka\n")
    row = json.loads(proc.stdout)
    assert len(row["matches"]) == 2 and all(m["type"] == "place" for m in row["matches"])
    assert "via" in row["matches"][0]


def test_cli_bad_utf8_keeps_line_count() -> None:
    proc = run_cli("match", "--lexicon", str(FIXTURE), stdin=b"Kharkov\n\xff\xfe bad\nKyiv\n")
    assert proc.returncode == 1  # the rule of every command: read as U+FFFD, reported, exit 1
    assert proc.stderr == b"<stdin>:2: invalid UTF-8: byte 0xff at column 1 (read as U+FFFD)\n"
    assert len(proc.stdout.decode().splitlines()) == 3


def test_cli_usage_errors() -> None:
    assert run_cli("match", "--lexicon", str(FIXTURE), "--min-score", "200").returncode == 2
    assert run_cli("match", "--lexicon", "/nonexistent.jsonl").returncode == 2


def test_huge_query_is_cheap(matcher: Matcher) -> None:
    assert matcher.match("Zelensky" * 200_000) == []
    assert matcher.match("a " * 500_000) == []


def test_cli_results_do_not_depend_on_the_hash_seed() -> None:
    """Near misses tie often; every tie must break the same way in every process."""
    import os

    names = ("Kharkow", "Charkiw", "Kharkivv", "Zaporizja", "Tyotkin", "Ivanivka", "Belgorot",
             "Zelensky", "Volodimir Zelenski", "Bachmut", "Kiyv", "Navalnaja", "Kramatorsk")
    queries = "".join(f"{name}\n" for name in names)
    outs = []
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, "-m", "normalize", "match", "--lexicon", str(FIXTURE), "--top", "3",
                               "--min-score", "0", "--explain"], input=queries.encode(), capture_output=True,
                              timeout=120, env=env, check=False)
        assert proc.returncode == 0, proc.stderr
        outs.append(proc.stdout)
    assert outs[0] == outs[1] == outs[2]
    assert len(outs[0].splitlines()) == 13


def test_fuzzy_model_weighs_exactly_the_features_the_matcher_computes(matcher: Matcher) -> None:
    """A misspelt feature name in matching.json would silently weigh nothing."""
    from normalize.matcher.nearmiss import fuzzy_model

    matcher.build()
    compact = "harkiw"
    feats = {name for f, _ in matcher._fuzzy_features(compact, matcher._fuzzy_keys(compact)).values() for name in f}
    model = fuzzy_model()
    if model.get("kind") == "trees":
        assert feats and set(model["features"]) == feats
        used = {j for tree in model["trees"] for _, j, _ in tree["splits"]}
        assert used <= set(range(len(model["features"]))) and len(model["trees"]) >= 50
        if "others" not in model:
            return
        model = model["others"]  # the logistic weights people and organisations are scored with
    weights = model["weights"]
    parts = {part for name in weights for part in name.split("*")}
    assert feats and parts <= feats and set(weights) >= parts  # products only of computed features
    assert "population*population" not in weights  # scoring takes z as linear in population


def test_tree_model_is_read_as_the_calibration_writes_it() -> None:
    """A node goes left (2n + 1) below its threshold; a leaf adds its value; the offset comes off."""
    from normalize.matcher.nearmiss import fuzzy_trees, tree_value

    model = {"trees": [{"splits": [[0, 1, 0.5], [2, 0, 0.9]], "leaves": [[1, -1.0], [5, 0.25], [6, 2.0]]}]}
    tree = fuzzy_trees(model)[0]
    assert tree_value(tree, [0.0, 0.1]) == -1.0
    assert tree_value(tree, [0.5, 0.7]) == 0.25 and tree_value(tree, [0.95, 0.7]) == 2.0


def test_near_miss_scores_follow_similarity(matcher: Matcher) -> None:
    """One slip in a long name still matches; the same slip in a short name scores lower."""
    long_slip = matcher.match("Zaborizhzhia", min_score=0)[0]
    assert long_slip.id == "place:zaporizhzhia" and long_slip.score >= DEFAULT_THRESHOLD
    assert any(step.startswith("fuzzy:1") for step in long_slip.via)
    short_slip = matcher.match("Kharkib", min_score=0)[0]
    assert short_slip.id == "place:kharkiv" and short_slip.score < long_slip.score
    worse = matcher.match("Zaporzhzhxa", min_score=0)
    assert not worse or worse[0].score < DEFAULT_THRESHOLD


def test_a_case_form_met_only_through_its_skeleton_is_below_the_threshold() -> None:
    """The Polish genitive of Воля is "Woli": written so it is an answer; "Voly", which only shares
    its skeleton, is a candidate below the threshold (on GeoNames such hits were right 3 times in 4)."""
    m = Matcher(Lexicon.from_entities([Entity("place:v", "place", (Name("Воля", "ru"),))]))
    assert [r.id for r in m.match("Woli")] == ["place:v"]
    assert m.match("Voly") == []
    (low,) = m.match("Voly", min_score=0)
    assert low.id == "place:v" and low.score < DEFAULT_THRESHOLD and "skeleton" in low.via


@pytest.mark.parametrize(("query", "expect"), [
    ("Murom am Oka", "place:murom"),                   # German: the river dropped
    ("Rostov-sur-le-Don", "place:rostov-on-don"),       # the place named with its river
    ("Rostów nad Donem", "place:rostov-on-don"),
    ("Rostov-on-Don", "place:rostov-on-don"),
    ("Komsomolsk del Amur", "place:komsomolsk-on-amur"),
])
def test_a_place_with_its_river_in_another_language(query: str, expect: str) -> None:
    lex = Lexicon.from_entities([
        Entity("place:murom", "place", (Name("Муром", "ru"),)),
        Entity("place:rostov-on-don", "place", (Name("Ростов-на-Дону", "ru"),)),
        Entity("place:rostov", "place", (Name("Ростов", "ru"),)),
        Entity("place:komsomolsk-on-amur", "place", (Name("Комсомольск-на-Амуре", "ru"),)),
        Entity("place:komsomolsk", "place", (Name("Комсомольск", "ru"),)),
        Entity("person:x", "person", (Name("Иван Дон", "ru"),)),
    ])
    m = Matcher(lex)
    best = m.best(query)
    assert best is not None and best.id == expect, m.explain(query)
    assert "river part" in best.via
    other_river = m.best("Komsomolsk on the Volga")  # no Комсомольск-на-Волге: the bare name, not the Amur one
    assert other_river is not None and other_river.id == "place:komsomolsk"
