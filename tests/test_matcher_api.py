"""The matcher's public surface after its split (issue 15): structured explanations and steps,
one meaning of ``match_many``, named scores, state set up in ``__init__``, old import paths.

A small lexicon written here (no shared data, no cache).
"""

from __future__ import annotations

import pytest

import normalize
from normalize import scores
from normalize.lexicon import Entity, Lexicon, Name
from normalize.matcher import DEFAULT_THRESHOLD, Explanation, Match, Matcher, Step

ENTITIES = [
    Entity("place:kharkiv", "place", (Name("Харків", "uk"), Name("Харьков", "ru")), population=1_400_000),
    Entity("place:ivanivka-1", "place", (Name("Іванівка", "uk"),), population=900),
    Entity("place:ivanivka-2", "place", (Name("Іванівка", "uk"),), population=3000),
    Entity("org:sbu", "org", (Name("Служба безпеки України", "uk"), Name("Security Service of Ukraine", "en"),
                              Name("SBU", kind="acronym"))),
    Entity("person:kuleba", "person", (Name("Дмитро Кулеба", "uk"),), gender="m"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(Lexicon.from_entities(ENTITIES), cache=False)


QUERIES = ["Kharkiv", "Kharkov", "Charkiw", "Харкова", "Kharkib", "Ivanivka", "SBU", "Security Service of Ukraine",
           "Dmytro Kuleba", "Kuleba", "Kuleba, Dmytro", "Nowhere", ""]


# -- steps and the structured explanation -------------------------------------------------------

@pytest.mark.parametrize("text, kind, detail", [
    ("scheme:uk_national", "scheme", "uk_national"),
    ("inflection:gen", "inflection", "gen"),
    ("correspondence:uk>ru", "correspondence", "uk>ru"),
    ("fuzzy:1 edit(s)", "fuzzy", "1 edit(s)"),
    ("adjective:velyka=bolshaia", "adjective", "velyka=bolshaia"),
    ("generic words: same", "generic words", "same"),
    ("surname~kuleba", "near surname", "kuleba"),
    ("skeleton", "skeleton", None),
    ("lexicon name", "lexicon name", None),
    ("Ministry: of Defence", "Ministry: of Defence", None),  # a name in a step is not split at its colon
])
def test_step_parse(text: str, kind: str, detail: str | None) -> None:
    step = Step.parse(text)
    assert (step.kind, step.detail, step.text) == (kind, detail, text)


@pytest.mark.parametrize("query", QUERIES)
def test_steps_are_the_via_structured(matcher: Matcher, query: str) -> None:
    for m in matcher.match(query, top=0, min_score=0):
        assert tuple(s.text for s in m.steps) == m.via
        assert all(isinstance(s, Step) and s.kind for s in m.steps)


@pytest.mark.parametrize("query", QUERIES)
def test_structured_explanation_is_the_text(matcher: Matcher, query: str) -> None:
    how = matcher.explain(query, structured=True)
    assert isinstance(how, Explanation)
    assert str(how) == matcher.explain(query)
    assert how.query == query
    ranked = matcher.match(query, top=5, min_score=0)
    assert [c.match for c in how.candidates] == ranked
    for c in how.candidates:
        assert c.matched == (c.match.score >= matcher.threshold)
        assert c.steps == c.match.steps
        assert c.rank >= c.match.score  # the bonuses only add


def test_explanation_parts(matcher: Matcher) -> None:
    how = matcher.explain("Kuleba", structured=True)
    (first,) = how.candidates
    assert first.match.id == "person:kuleba" and first.surname_bonus is not None and first.label_bonus is None
    assert [s.kind for s in first.steps] == ["person", "surname", "alone"]
    ivan = matcher.explain("Ivanivka", structured=True)
    assert {c.match.id for c in ivan.candidates} == {"place:ivanivka-1", "place:ivanivka-2"}
    assert any(note.startswith("ambiguous:") for note in ivan.notes)
    none = matcher.explain("Nowhere", structured=True)
    assert none.candidates == () and str(none).endswith("no candidate")


# -- match_many: one meaning -----------------------------------------------------------------------

def test_match_many_is_normalize_match_many(matcher: Matcher) -> None:
    names = ["Kharkov", "Nowhere", "Kharkov", "  SBU ", "Kuleba", "x" * 10_000]
    got = matcher.match_many(names)
    assert got == normalize.match_many(names, matcher=matcher)
    assert len(got) == len(names) and got[1] is None and got[-1] is None
    assert got[0] is not None and got[0].id == "place:kharkiv" and got[0] == got[2]
    assert matcher.match_many(["Kharkov"], types="person") == [None]
    assert matcher.match_many(["Kharkov"], types=["place"]) == normalize.match_many(["Kharkov"], matcher=matcher,
                                                                                    types=["place"])
    assert matcher.match_many(["Kharkov"], min_score=99.9) == normalize.match_many(["Kharkov"], matcher=matcher,
                                                                                   min_score=99.9)


def test_match_each_gives_every_candidate_lazily(matcher: Matcher) -> None:
    names = ["Ivanivka", "Nowhere", "Ivanivka", "Kharkov"]
    each = matcher.match_each(names, top=0, min_score=0)
    assert not isinstance(each, list)  # a generator: a long list is matched as it is read
    assert list(each) == [matcher.match(n, top=0, min_score=0) for n in names]
    assert [len(r) for r in matcher.match_each(["Ivanivka"], top=1)] == [1]
    with pytest.raises(ValueError):
        list(matcher.match_each(["Kharkov"], top=-1))


# -- named scores ----------------------------------------------------------------------------------

def test_scores_the_matcher_gives_are_the_named_ones(matcher: Matcher) -> None:
    assert DEFAULT_THRESHOLD == scores.DEFAULT_THRESHOLD
    exact = matcher.match("Харків")[0]
    assert exact.score == round(scores.EXACT * scores.Q_NAME, 1)
    scheme = matcher.match("Kharkiv")[0]
    assert scheme.score == round(scores.EXACT * scores.Q_NAME * scores.Q_SCHEME, 1)
    acronym = matcher.match("SBU")[0]
    assert acronym.id == "org:sbu" and acronym.score == round(scores.ACRONYM * scores.Q_LEXICON_ACRONYM, 1)


def test_scores_are_ordered_as_their_meaning_says() -> None:
    assert 0 < scores.DEFAULT_THRESHOLD < scores.CONFIDENT < scores.EXACT == 100.0
    assert scores.SURNAME_ALONE_NEAR < scores.DEFAULT_THRESHOLD  # a near surname alone is never an answer
    assert scores.PERSON_NEAR_SURNAME < scores.PERSON_SURNAME
    caps = [scores.PERSON_INITIAL, scores.PERSON_PATRONYMIC_NOT_GIVEN, scores.PERSON_NEAR_PATRONYMIC,
            scores.PERSON_SAME_FATHER, scores.PERSON_GIVEN_AS_INITIAL]
    assert all(c.near < c.exact <= scores.PERSON_SURNAME for c in caps)
    assert scores.ORG_CORE_SCORES["same"] > scores.ORG_CORE_SCORES["one side"] > scores.ORG_CORE_SCORES[
        "query distinctive"]
    qualities = [getattr(scores, n) for n in scores.__all__ if n.startswith("Q_") and n != "Q_ACRONYM_SCHEME_DROP"]
    assert qualities and all(0 < q <= 1 for q in qualities)


# -- state and imports -------------------------------------------------------------------------------

def test_every_attribute_is_set_up_in_init() -> None:
    """No state is created later and probed with hasattr: building and matching add no attribute."""
    m = Matcher(Lexicon.from_entities(ENTITIES), cache=False)
    before = set(vars(m))
    m.match("Kharkib")
    m.explain("Kuleba")
    _ = m.entity_types
    m.build()
    assert set(vars(m)) == before


def test_public_names_are_exported() -> None:
    from normalize.tagger import Candidate

    assert normalize.Candidate is Candidate
    assert normalize.Step is Step and normalize.Explanation is Explanation and normalize.Match is Match


def test_names_imported_before_the_split_still_import() -> None:
    from normalize.matcher import (  # noqa: F401
        MAX_QUERY_LENGTH,
        PARALLEL_MIN_ENTITIES,
        _canonical_latin,
        _engine_data,
        _fork,
        _fuzzy_model,
        _fuzzy_trees,
        _gc_paused,
        _Hit,
        _is_given_name,
        _name_skeleton,
        _parallel_ok,
        _Person,
        _place_words,
        _ranking,
        _romanize_all,
        _tree_value,
        check_known_types,
        check_lexicon_arg,
        check_match_options,
        check_score,
    )
    from normalize.matcher.variants import canonical_latin

    assert _canonical_latin is canonical_latin


# -- a well-known place elsewhere -------------------------------------------------------------

ELSEWHERE = [
    Entity("place:berlin-village", "place", (Name("Берлин", "ru"), Name("Berlin", "en")), population=300),
    Entity("place:paris-village", "place", (Name("Париж", "ru"), Name("Paris", "en")), population=1200),
    Entity("place:new-york-town", "place", (Name("Нью-Йорк", "uk"), Name("New York", "en")), population=1000),
    Entity("place:tetkino", "place", (Name("Тёткино", "ru"),), population=4000),
]


@pytest.fixture(scope="module")
def small_places() -> Matcher:
    return Matcher(Lexicon.from_entities(ELSEWHERE), cache=False)


@pytest.mark.parametrize("query, entity_id", [
    ("Berlin", "place:berlin-village"), ("BERLIN", "place:berlin-village"),
    ("Paris", "place:paris-village"), ("New York", "place:new-york-town"),
])
def test_a_well_known_name_elsewhere_is_marked_and_not_the_answer(small_places: Matcher, query: str,
                                                                   entity_id: str) -> None:
    first = small_places.match(query)[0]
    assert (first.id, first.elsewhere) == (entity_id, True)
    assert first.to_json()["elsewhere"] is True
    assert "a well-known place elsewhere" in small_places.explain(query)
    assert small_places.best(query) is None
    assert normalize.match_many([query], matcher=small_places) == [None]
    rows = list(normalize.match_records([{"place": query}], columns="place", matcher=small_places))
    assert rows[0]["place_id"] is None


@pytest.mark.parametrize("query, entity_id", [
    ("Tetkino", "place:tetkino"), ("Berlyn", "place:berlin-village"), ("Parizh", "place:paris-village"),
])
def test_other_names_of_small_places_are_not_marked(small_places: Matcher, query: str, entity_id: str) -> None:
    # a transliteration of the village's own name is no name of the capital
    first = small_places.match(query)[0]
    assert (first.id, first.elsewhere) == (entity_id, False)
    assert "elsewhere" not in first.to_json()
    assert small_places.best(query) == first


def test_a_lexicon_that_holds_the_big_place_answers_with_it() -> None:
    # the flag is about small places: a user's lexicon with the capital itself gets it
    m = Matcher(Lexicon.from_entities([
        Entity("place:berlin", "place", (Name("Berlin", "de"),), population=3_600_000)]), cache=False)
    first = m.match("Berlin")[0]
    assert (first.id, first.elsewhere) == ("place:berlin", False)
    assert m.best("Berlin") == first


def test_bundled_lexicons_mark_berlin_not_kyiv() -> None:
    m = normalize.Matcher()
    assert m.match("Berlin")[0].elsewhere and m.best("Berlin") is None
    assert m.best("Kyiv") is not None and not m.best("Kyiv").elsewhere  # type: ignore[union-attr]
