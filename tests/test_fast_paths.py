"""Fast paths give exactly what their plain forms give: the batch forms of folding (what an index
build uses), the near-miss trees summed without a call per tree, and as one compiled function."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.fold import fold, fold_many, skeleton, skeleton_many
from normalize.matcher.hits import Hit
from normalize.matcher.nearmiss import _tree_roots, fuzzy_trees, tree_value, trees_function, trees_sum

# letters that fold, compose, change case in context or repair look-alikes, and separators
_ALPHABET = st.sampled_from(list(
    "aAeEiIoOkKhHxXcCsSzZwWyYjJqQ тТеЕёЁкКиИнНоОсСхХаАрР ΣσςΑα çČšŽłŁßİı'’-\u0301\u0308\u0327\n\t\u00a0.,«»0"
))
_TEXT = st.text(_ALPHABET, max_size=14) | st.text(max_size=8)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TEXT, max_size=8))
def test_fold_many_is_fold_of_each(texts: list[str]) -> None:
    assert fold_many(texts) == [fold(t) for t in texts]


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=8))
def test_skeleton_many_is_skeleton_of_each(texts: list[str]) -> None:
    keys = [fold(t) for t in texts] + texts  # light keys, and anything else
    assert skeleton_many(keys) == [skeleton(k) for k in keys]


def test_batches_of_known_words() -> None:
    words = ["Тёткино", "ΟΔΟΣ", "Charków", "Kharkov", "", "  two  words ", "Зеленський", "line\nbreak", "ss"]
    assert fold_many(words) == [fold(w) for w in words]
    keys = fold_many(words)
    assert skeleton_many(keys) == [skeleton(k) for k in keys]
    assert fold_many([]) == [] and skeleton_many([]) == []


def test_hit_columns_are_its_fields() -> None:
    # index writing transposes hits as plain tuples (normalize.index.tables._write_hits)
    assert Hit._fields == ("entity", "alias", "via", "quality")


_SMALL_MODEL = {"trees": [
    {"splits": [[0, 0, 0.5], [1, 1, 0.25], [2, 0, 0.9]], "leaves": [[3, -1.0], [4, 0.5], [5, 2.0], [6, 0.125]]},
    {"splits": [[0, 1, 0.0]], "leaves": [[1, 0.3]]},  # a missing leaf is 0.0
]}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(-2, 2, allow_nan=False), min_size=2, max_size=2))
def test_trees_sum_is_the_sum_of_tree_values(x: list[float]) -> None:
    model = dict(_SMALL_MODEL)
    assert trees_sum(_tree_roots(model), x) == sum(tree_value(t, x) for t in fuzzy_trees(model))
    assert trees_function(model)(x) == trees_sum(_tree_roots(model), x)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_trees_sum_on_the_engine_model(data: st.DataObject) -> None:
    from normalize.matcher.nearmiss import fuzzy_model

    model = fuzzy_model()
    assert model.get("kind") == "trees"  # (the engine data's model; the test of a logistic one is elsewhere)
    x = data.draw(st.lists(st.floats(-1, 5, allow_nan=False), min_size=len(model["features"]),
                           max_size=len(model["features"])))
    assert trees_sum(_tree_roots(model), x) == sum(tree_value(t, x) for t in fuzzy_trees(model))
    assert trees_function(model)(x) == trees_sum(_tree_roots(model), x)  # bit for bit


def test_a_threshold_met_exactly_goes_right_in_every_form() -> None:
    model = dict(_SMALL_MODEL)
    for x in ([0.5, 0.25], [0.0, 0.0], [0.5, 0.0], [0.4999999999999999, 0.25], [1e-300, -0.0]):
        plain = sum(tree_value(t, x) for t in fuzzy_trees(model))
        assert trees_sum(_tree_roots(model), x) == plain and trees_function(model)(x) == plain, x


# the tagger's whole-text scans, each against the plain pattern it replaces (a look-behind first)
_SCAN_ALPHABET = st.sampled_from(list("1234567890 .aASsTtMmFfOoł_-'’ʼ\u0661\u00b2\nÉé"))
_SCAN_TEXT = st.text(_SCAN_ALPHABET, max_size=24)


@settings(max_examples=600, deadline=None)
@given(_SCAN_TEXT)
def test_ordinal_dots_are_the_plain_pattern_s(low: str) -> None:
    import re

    from normalize.tagger.view import _ORDINAL_DOT_RE, _ordinal_dots

    assert _ordinal_dots(low) == [m.span(1) for m in _ORDINAL_DOT_RE.finditer(low)]
    assert re.compile(_ORDINAL_DOT_RE.pattern).pattern == r"(?<![\w.])(?:\d{1,3}|[SsMmFf][Tt])(\. )(?=\w)"


# plain and special characters of the view: Cyrillic that cp1251 holds and lacks (ә, ҷ, ӏ), Latin with
# accents, quotes, cp1251's own punctuation, a lone surrogate and a character beyond the BMP
_VIEW_ALPHABET = st.sampled_from(list("az09_ абяёєіїґўђәҷӏѣóżł'’«»—–…№•·\u00a0\u2009\u3000\u1680?\ud800\U0001f600"))


@settings(max_examples=600, deadline=None)
@given(st.text(_VIEW_ALPHABET, max_size=24) | st.text(max_size=12))
def test_special_runs_are_the_plain_pattern_s(asc: str) -> None:
    from normalize.tagger.view import _SPECIAL_RE, _special_runs

    assert [m.span() for m in _special_runs(asc)] == [m.span() for m in _SPECIAL_RE.finditer(asc)]
    assert [m.group() for m in _special_runs(asc)] == [m.group() for m in _SPECIAL_RE.finditer(asc)]


@settings(max_examples=600, deadline=None)
@given(st.text(_VIEW_ALPHABET, max_size=24) | st.text(max_size=12))
def test_spaces_found_in_cp1251_are_the_plain_pattern_s(asc: str) -> None:
    from normalize.tagger.view import _UNI_SPACE_RE, _has_unispace

    raw = asc.encode("cp1251", "replace")
    assert _has_unispace(asc, raw) == (_UNI_SPACE_RE.search(asc) is not None)
    many = "ó" * 5000 + asc  # many characters cp1251 lacks: the pattern reads the text
    assert _has_unispace(many, many.encode("cp1251", "replace")) == (_UNI_SPACE_RE.search(asc) is not None)


@settings(max_examples=600, deadline=None)
@given(_SCAN_TEXT)
def test_first_name_scan_is_the_plain_pattern_s(text: str) -> None:
    import re

    from normalize.tagger.spellings import _FIRST_RE

    plain = re.compile(r"(?<![\w'’ʼ-])[A-Z\u00c0-\u00de\u0100-\u017f][a-z\u00df-\u00ff\u0100-\u017f]+ (?=[A-Z\u00c0-\u00de\u0100-\u017f])")
    assert [m.span() for m in _FIRST_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_known_ordinals_and_first_names() -> None:
    from normalize.tagger.spellings import _FIRST_RE
    from normalize.tagger.view import _ordinal_dots

    low = "die 95. brygada, st. petersburg; 1234. x, 24.02. y, 1st. z, a.12. b, 3. armee"
    assert [low[low.rfind(" ", 0, a) + 1 : b + 1] for a, b in _ordinal_dots(low)] == ["95. b", "st. p", "3. a"]
    text = "Oleksandr Syrskyi met Anna Łoś, O'Neill Tom and x-Maria Petrova"
    assert [m.group() for m in _FIRST_RE.finditer(text)] == ["Oleksandr ", "Anna "]


_BEFORE_WORDS = st.sampled_from(["les", "Les", "du", "au", "l", "den", "DAS", "nad", "Nad", "NAD", "brzegu",
                                 "Brzeg", "bank", "(les", "x-du", "'du", "bardzolesdu", "abcdefghijkles",
                                 "a", "", "ville", "Dnipro", "über", ",", "«", "’"])
_GLUE = st.sampled_from([" ", "  ", "'", "’", "", "\n", " (", "-"])


def _text_tagger() -> Any:
    from normalize.lexicon import Entity, Lexicon, Name
    from normalize.tagger import Tagger

    return Tagger(Lexicon.from_entities([
        Entity("test:dnipro", "place", (Name("Dnipro", "en"), Name("Dniepr", "fr")), population=980_000,
               country="UA", admin1="04", subtype="populated place"),
        Entity("test:mala", "place", (Name("Mala", "en"),), population=300, country="UA", admin1="04",
               subtype="populated place"),
    ]), cache=False)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_BEFORE_WORDS, _GLUE), max_size=4), st.sampled_from(["Dnipro", "Dniepr", "Mala"]))
def test_a_clear_bit_of_the_word_before_means_the_rule_says_no(words: list[tuple[str, str]], name: str) -> None:
    from normalize.fold import fold
    from normalize.tagger.doubt import BEFORE_ARTICLE, BEFORE_FEATURE, BEFORE_WATER

    tagger = _TAGGER.setdefault("t", _text_tagger())
    weak = tagger._scanner.weak
    chunk = "".join(w + g for w, g in words) + name + " a"
    s = len(chunk) - len(name) - 2
    kid = tagger.table.number(fold(name))
    assert kid >= 0
    bits = weak.word_before_tests(chunk, s)
    for bit, rule in ((BEFORE_FEATURE, weak.after_feature), (BEFORE_WATER, weak.after_water_preposition),
                      (BEFORE_ARTICLE, weak.after_article)):
        if not bits & bit:
            assert not rule(chunk, s, kid), (chunk, rule.__name__)


_TAGGER: dict[str, Any] = {}


def test_the_word_before_tests_find_each_rule_s_words() -> None:
    from normalize.tagger.doubt import BEFORE_ARTICLE, BEFORE_FEATURE, BEFORE_WATER

    weak = _TAGGER.setdefault("t", _text_tagger())._scanner.weak
    cases = {"les ": BEFORE_ARTICLE, "nad ": BEFORE_WATER, "brzegu ": BEFORE_FEATURE, "(du ": BEFORE_ARTICLE,
             "l'": BEFORE_ARTICLE, "ville ": 0, "abcdefghijklmnop ": BEFORE_ARTICLE, "": 0}
    for before, bits in cases.items():
        assert weak.word_before_tests(before + "Dnipro", len(before)) == bits, before


_PREV_PARTS = st.sampled_from(["ab", "Аб", "é", "x", " ", " ", "  ", " " * 61, "-", "'", "’", "ʼ", ",", ".", ". ", "1",
                               "_", "\n", "\u0301", "«", "a" * 30, "b" * 59])


@settings(max_examples=600, deadline=None)
@given(st.lists(_PREV_PARTS, max_size=16), st.sampled_from([1, 2, 3]), st.sampled_from([1, 2, 3]))
def test_the_words_before_a_mention_read_without_a_regex_are_the_regex_s(parts: list[str], n: int, span: int) -> None:
    from normalize import evidence

    text = "".join(parts) + "Mala"
    start = len(text) - 4
    lo = max(0, start - 60 * span)
    plain = [(m.group(1), m.group(2)) for m in evidence.words_before(text, lo, start, n, 60)]
    assert evidence._prev_words(text, start, n, span=span) == plain


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Klitschko", "Warns", "of", "Longer", "Blackouts", "in", "kyiv", "KYIV", " ", " ",
                                 "\n", ".", ";", "a" * 40]), max_size=30), st.data())
def test_a_line_s_title_case_is_remembered_per_line_without_changing_the_answer(words: list[str],
                                                                                data: st.DataObject) -> None:
    from normalize.tagger import words as w

    text = "".join(words)
    if not text:
        return
    positions = data.draw(st.lists(st.integers(0, len(text) - 1), max_size=12))
    for s in positions:  # in any order, on the same line or not
        a = text.rfind("\n", max(0, s - w._HEADLINE_CHARS), s) + 1
        plain = False if a == 0 and s > w._HEADLINE_CHARS else w._title_case_line_at(text, s, a)
        assert w.title_case_line(text, s) == plain


def _names_a_thing_plain(chunk: str, e: int, size: float = 0.0) -> bool:
    """:func:`normalize.tagger.doubt.names_a_thing` as it read each word after the name before the
    per-word memory: every test on the word, every time."""
    from normalize import evidence
    from normalize.fold import fold
    from normalize.tagger.doubt import _NEXT_TOKEN_RE, _thing_nouns

    d = evidence.data()
    nouns = _thing_nouns(size < d["raw"]["facility_village_size"])
    pos = e
    if chunk.startswith(",", e):
        m = _NEXT_TOKEN_RE.match(chunk, e + 1)
        if m is None or len(m.group(1)) > 3 or not m.group(1).islower():
            return False
        pos = m.end()
    elif e >= len(chunk) or chunk[e] not in " \xa0":
        return False
    modifiers = 0
    for _ in range(4):
        m = _NEXT_TOKEN_RE.match(chunk, pos)
        if m is None:
            return False
        word = m.group(1)
        pos = m.end()
        if not word.isalpha() and any(c.isdigit() for c in word):
            continue
        if not word.islower():
            return False
        w = fold(word)
        if w in nouns:
            return True
        modifiers += 1
        if modifiers > 2 or len(w) < 3 or w in d["common_words_any"] or w in d["place_prepositions_any"] \
                or w in d["speech_verbs_any"]:
            return False
    return False


_AFTER_NAME = st.sampled_from(["cargo", "ship", "rocket", "plant", "power", "reprocessing", "nuclear", "local",
                               "bakery", "chain", "the", "a", "its", "was", "said", "near", "in", "MS-31", "Progress",
                               "Ship", "ab", "radio", "station", "tanker", "x1", "Ozyorsk", "corvette", "zavod"])
_AFTER_GLUE = st.sampled_from([" ", " ", " ", ", ", ",", "\xa0", ". ", "  ", "-"])


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(_AFTER_GLUE, _AFTER_NAME), max_size=6), st.sampled_from([0.0, 2.5, 3.9, 4.5, 6.0]))
def test_a_thing_s_noun_after_a_name_read_per_word_is_the_plain_reading(words: list[tuple[str, str]],
                                                                        size: float) -> None:
    from normalize.tagger.doubt import names_a_thing

    chunk = "Mayak" + "".join(g + w for g, w in words)
    assert names_a_thing(chunk, 5, size) == _names_a_thing_plain(chunk, 5, size), chunk


def test_kinds_and_generic_bodies_without_rows_are_the_rows_answers() -> None:
    """``UnlistedPeople._kind`` and ``GenericNames.by_country`` build an entity's row only for a candidate that
    is neither place nor person: their answers are those of the rows, for keys of the bundled lexicons."""
    from normalize.tagger import Tagger
    from normalize.tagger.table import ACRO, FULL_ANY, FULL_CAP

    tagger = Tagger()
    scanner = tagger._scanner
    state, t = scanner._state, scanner._t
    rows = t.entities
    for kid in range(0, len(t.keys), 17):  # a sample of the keys, every kind of them
        of = state.entities_of(kid)
        plain = (2 if t.short(kid) else 0) if not of else 0 if any(rows[x][2] == "org" for x in of) \
            else 1 if all(state.is_place[x] for x in of) else 2
        assert scanner.unlisted._kind(kid) == plain, t.keys[kid]
        for mask in (FULL_CAP, FULL_ANY, ACRO):
            got = None
            cands = state.candidates(kid, mask)
            if t.solo[kid] < 0 and len(cands) > 1:
                tied = [c[0] for c in cands if c[1] == cands[0][1]]
                by = {rows[e][4]: e for e in tied}
                if len(tied) > 1 and all(rows[e][2] == "org" and rows[e][4] for e in tied) and len(by) == len(tied):
                    got = by
            assert scanner.generic.by_country(kid, mask) == got, t.keys[kid]


def test_scan_key_countries_read_through_known_bits_are_the_rows_answers() -> None:
    """The scan remembers a key's organization country and its country as a body named without it in
    ``Scanner._known`` bits, the dicts holding only keys that have one: asked twice (worked out, then
    remembered), each answer is the rows' for keys of the bundled lexicons, "" or None alike meaning none."""
    from normalize.matcher.orgs import COUNTRY_DROPPED
    from normalize.tagger import Tagger

    scanner = Tagger()._scanner
    t = scanner._t
    rows = t.entities
    seen_org = seen_bare = 0
    for kid in [*range(0, len(t.keys), 13), *(k for k in range(len(t.keys)) if t.solo[k] >= 0
                                              and rows[t.solo[k]][2] == "org")][:40_000]:
        e = t.solo[kid]
        if e < 0:
            continue
        org = rows[e][4] if rows[e][2] == "org" and rows[e][4] else ""
        bare = org if t.strings[t.solo_via[kid]].startswith(COUNTRY_DROPPED) else ""
        assert scanner._solo_org_country(kid) == org, t.keys[kid]
        assert (scanner._org_country.get(kid) or "") == org, t.keys[kid]
        assert scanner._bare_body_country(kid) == bare, t.keys[kid]
        assert (scanner._bare_country.get(kid) or "") == bare, t.keys[kid]
        seen_org += bool(org)
        seen_bare += bool(bare)
    assert seen_org and seen_bare  # the sample holds keys of both kinds
    assert all(scanner._org_country.values()) and all(scanner._bare_country.values())


def _club_context_plain(chunk: str, s: int, e: int) -> bool:
    """club_context without the digit scan before the score pattern (the oracle)."""
    from normalize.tagger import teams

    lo = max(0, s - teams._WINDOW)
    hi = min(len(chunk), e + teams._WINDOW)
    nl = chunk.rfind("\n", lo, s)
    if nl >= 0:
        lo = nl + 1
    nl = chunk.find("\n", e, hi)
    if nl >= 0:
        hi = nl
    words, score, _, _ = teams._club_data()
    part = chunk[lo:hi]
    return not words.isdisjoint(teams._WORDS_RE.findall(part.lower())) or score.search(part) is not None


_SPORT_PARTS = st.sampled_from(["Shakhtar", "Donetsk", "beat", "league", "2-1", "12-10", "3–0", "1.2-3", "v", "x-2-1",
                                "٣-١", "in", "town", "\n", "-", ".", "0", "said", "coach", " ", "Footballers", "kick-off",
                                "matchday", "LEAGUE", "Derby", "semi-final", "scored."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPORT_PARTS, max_size=40), st.integers(0, 200))
def test_club_context_with_the_digit_scan_is_the_plain_reading(parts: list[str], at: int) -> None:
    from normalize.tagger.teams import club_context

    chunk = " ".join(parts) + " Donetsk " + "x " * (at % 7)
    s = chunk.index(" Donetsk ") + 1
    for a, b in ((s, s + 7), (0, 1), (max(0, len(chunk) - 1), len(chunk))):
        assert club_context(chunk, a, b) == _club_context_plain(chunk, a, b)


def test_the_digit_scan_is_used_only_for_a_score_pattern_that_needs_a_digit() -> None:
    from normalize.tagger.teams import _OPENS_WITH_DIGIT_RE, _score_needs_digit

    assert _score_needs_digit()  # the shipped score_shape
    needs = [r"(?<![\w.-])\d{1,2}[-–]\d{1,2}(?![\w.-])", r"(?<![a|b])\d-\d"]
    may_not = [r"\d+-\d+", r"(?<!x)a\d", r"(?<![\w.-])(\d|x)", r"(?<!x)\d?-\d", r"(?<!x)\d*", r"(?<!x)\d{0,2}",
               r"(?<!x)\d{,2}", r"(?<!x)\d-\d|foo"]
    assert [bool(_OPENS_WITH_DIGIT_RE.fullmatch(p)) for p in needs + may_not] == [True] * 2 + [False] * len(may_not)


def test_towns_read_from_the_subtype_column_are_the_rows_answers() -> None:
    """``UnlistedPeople._towns_only`` reads a compiled index's subtype column (``EntityRows.subtype``), not
    the entity's row: its answers are those of the entities' records, for keys of the bundled lexicons."""
    from normalize import evidence
    from normalize.tagger import Tagger
    from normalize.tagger.table import EntityRows

    tagger = Tagger()
    scanner = tagger._scanner
    state, t = scanner._state, scanner._t
    unlisted = scanner.unlisted
    rows, records = t.entities, state.compiled.entities
    assert isinstance(rows, EntityRows) and rows._columns is not None  # compiled: the column is read
    towns = frozenset(evidence.data()["raw"]["town_subtypes"])
    seen = set()
    for kid in range(0, len(t.keys), 13):
        of = state.entities_of(kid)
        assert all(rows.subtype(x) == records[x].subtype for x in of)
        plain = bool(of) and all(state.is_place[x] and records[x].subtype in towns for x in of)
        assert unlisted._towns_only(kid) == plain, t.keys[kid]
        seen.add(plain)
    assert seen == {True, False}


def test_what_the_index_says_of_labels_and_rows_is_the_plain_reading() -> None:
    """A compiled index stores, per hit of a key of several entities, whether the key spells that
    entity's label (``t.full.l``), and the tagger reads an entity's row from the entity columns:
    both give what the plain reading gives (name skeletons of key and label; the entity's record),
    for keys and entities of the bundled lexicons."""
    from normalize.matcher.variants import name_skeleton
    from normalize.tagger import Tagger
    from normalize.tagger.table import EntityRows, KeyTable

    tagger = Tagger()
    scanner = tagger._scanner
    state, t = scanner._state, scanner._t
    assert isinstance(t, KeyTable)
    ents = state.compiled.entities
    checked = 0
    for kid in range(0, len(t.keys), 7):
        full = t.hits(kid)[0]
        for e, _, _ in full:
            got = t.spells_label(kid, e)
            if len(full) < 2:
                assert got is None
                continue
            label = ents[e].label
            plain = bool(ents.haslabel[e]) and not state.is_person[e] and bool(label) \
                and name_skeleton(t.keys[kid]) == name_skeleton(label)
            assert got is plain, (t.keys[kid], e)
            checked += 1
    assert checked > 100 and t.spells_label(0, -5) is None
    rows = EntityRows(ents)
    for e in range(0, len(ents), 11):
        r = ents[e]
        assert rows[e] == [r.id, r.label, r.type, r.parent, r.country, r.admin1, r.population, r.subtype]


def test_an_entity_s_head_read_from_the_columns_is_its_row_s_first_fields() -> None:
    """``EntityRows.head`` (what a key that resolves alone is written from) reads id, label and type from a
    compiled index's columns without making the row, and from the row once it is made: the row's first three
    fields either way, for entities of the bundled lexicons and for rows of a table without columns."""
    from normalize.tagger import Tagger
    from normalize.tagger.table import EntityRows

    ents = Tagger()._scanner._state.compiled.entities
    rows = EntityRows(ents)
    assert rows._columns is not None
    for e in range(0, len(ents), 11):
        head = rows.head(e)
        assert e not in rows._memo  # read from the columns: no row made or kept
        assert head == tuple(rows[e][:3]) == rows.head(e)  # the same before and after the row is made
    plain = EntityRows([ents[e] for e in range(0, len(ents), 97)])  # no columns: the row's fields
    assert plain._columns is None
    assert all(plain.head(i) == tuple(plain[i][:3]) for i in range(len(plain)))


def test_whether_an_entity_has_same_as_read_from_the_offsets_is_the_decoded_answer() -> None:
    """``EntityTable.has_same_as`` (what a key that resolves alone asks before writing its fields) reads the
    column's offsets: true exactly when ``same_as_of`` gives IDs, for every entity of the bundled lexicons."""
    from normalize.tagger import Tagger

    ents = Tagger()._scanner._state.compiled.entities
    got = [ents.has_same_as(e) for e in range(len(ents))]
    assert got == [bool(ents.same_as_of(e)) for e in range(len(ents))]
    assert True in got and False in got


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([0.0, 1.0]), min_size=9, max_size=9), st.floats(0, 7, allow_nan=False))
def test_the_evidence_model_on_values_is_the_model_on_the_features_dict(bits: list[float], size: float) -> None:
    """The doubt chain weighs a mention from the features' values (``decide_values``); a dict of the
    same features in the same order (``decide``) gets the same answer, first asked or remembered."""
    from normalize import evidence

    keys = (*evidence.FEATURES, "size")
    values = (*bits, size)
    evidence._DECIDED.clear()
    first = evidence.decide_values(values)
    assert evidence.decide(dict(zip(keys, values))) == first
    evidence._DECIDED.clear()
    assert evidence.decide(dict(zip(keys, values))) == first == evidence.decide_values(values)


def test_the_features_dict_holds_the_values_in_order() -> None:
    from normalize import evidence

    text = "Він сказав, що в селі Майське нікого немає. Майське мовчить."
    for start in (text.index("Майське"), text.rindex("Майське")):
        end = start + len("Майське")
        for lang in ("uk", "de", "en", None):
            f = evidence.features(text, start, end, lang, 2.5, True)
            assert tuple(f) == (*evidence.FEATURES, "size")
            assert tuple(f.values()) == evidence.feature_values(text, start, end, lang, 2.5, True)


def test_sizes_read_from_the_columns_are_size_of_the_rows() -> None:
    """``_Sizes`` reads a place's population, and only when it is none its subtype (remembered per subtype),
    from a compiled index's columns: the answers are :func:`size` of the entities' rows."""
    from normalize.tagger import Tagger
    from normalize.tagger.state import _Sizes, size

    tagger = Tagger()
    state, t = tagger._scanner._state, tagger._scanner._t
    fresh = _Sizes(t.entities, state.is_place, state.compiled.entities)
    assert fresh._columns is not None  # compiled: the columns are read
    kinds = set()
    for e in range(0, len(state.is_place), 5):
        plain = size(t.entities[e]) if state.is_place[e] else 0.0
        assert fresh[e] == plain == state.sizes[e], e
        kinds.add((bool(state.is_place[e]), bool(state.is_place[e] and t.entities[e][6])))
    assert kinds == {(False, False), (True, False), (True, True)}  # no place, a population, a subtype only


def test_the_weak_mentions_fast_paths_are_the_plain_readings() -> None:
    """What ``WeakMentions`` works out once per spelling or key (``_span_tests``, ``adjective_key``, the city
    district's regions) is the plain reading of it, and ``_named_before`` with a key of one entity read
    without ``entities_of`` is the plain set test, the mentions before it added one at a time or replaced."""
    from normalize import evidence
    from normalize.fold import fold
    from normalize.tagger import Tagger
    from normalize.tagger import doubt as d
    from normalize.tagger.table import ACRO, FULL_CAP

    tagger = Tagger()
    weak = tagger._scanner.weak
    state, t = weak._state, weak._t
    for span in ["Berlin", "Lublinie", "Sąd", "Dąb", "Chasiv Yar", "Chasiv yar", "Novi Petrivtsi", "Bakhmut", "x-Y Z",
                 "Warszawie", "Odessę", "Kupiansk"]:
        plain = (d._FOREIGN if evidence.names_foreign_place(fold(span)) else 0) \
            | (d._UNTRANSCRIBED if d.untranscribed_inside(span) else 0) \
            | (d._CAPITALIZED_WORDS if not span.isalpha() and any(c.isspace() for c in span)
               and any(w[:1].isupper() for w in span.split()[1:]) else 0)
        assert d._span_tests(span) == plain, span
    assert d._span_tests("Berlin") & d._FOREIGN and d._span_tests("Chasiv Yar") == d._CAPITALIZED_WORDS
    keys = range(0, len(t.keys), 9)
    adjectives = marked = 0
    for kid in keys:
        key = t.keys[kid]
        plain = 2 if " " not in key and key.endswith(weak._adjective_ends) else 1
        assert weak.adjective_key(kid) == plain, key
        adjectives += plain == 2
        words = key.split()
        if len(words) < 2 or words[-1] not in weak._district_words:
            assert weak._regions_of_district_key(kid) == frozenset(), key
        # adjective_key marks a key no district's, so that the scan never asks district_elsewhere: only where the
        # plain reading finds no district's regions, and for every key of one word of letters
        if weak.not_district[kid]:
            assert weak._regions_of_district_key(kid) == frozenset(), key
            assert not weak.district_elsewhere(key, len(key), kid, []), key
        marked += weak.not_district[kid]
        assert weak.not_district[kid] or not key.isalpha(), key
    assert adjectives > 10 and 0 < marked < len(keys)
    # the mentions kept so far, as the scan makes them: (start, end, key, mask, person)
    sample = [kid for kid in keys][:400]
    raws = [(i, i + 1, kid, ACRO if i % 7 == 0 else FULL_CAP, -1 if i % 5 else -2 - (kid % 1000))
            for i, kid in enumerate(sample)]
    named: dict = {}
    for n in range(len(raws) + 1):
        earlier = raws[:n]
        if n % 11 == 3 and n > 1:
            earlier = [*raws[: n - 1], (raws[n - 1][0], raws[n - 1][1] + 5, sample[0], FULL_CAP, -1)]  # replaced
        ids: set[int] = set()
        for r in earlier:
            if r[4] == -1 and not r[3] & ACRO:
                ids.update(state.entities_of(r[2]))
            elif r[4] < -1:
                ids.add(-2 - r[4])
        for kid in sample[::37]:
            assert weak._named_before(kid, earlier, named) == (not ids.isdisjoint(state.entities_of(kid))), (n, kid)
    assert weak._named_before(sample[0], [], named) is False and named["n"] == 0


# capitals and lower case of the scripts the press writes, word characters the pattern joins, digits
_WORD_ALPHABET = st.sampled_from(list("AaZzÉéŁłЖжЁёІіЇїЄєҐґΣσ'’ʼ-_0 .\n«»"))


@settings(max_examples=400, deadline=None)
@given(st.text(_WORD_ALPHABET, max_size=30), st.integers(0, 30))
def test_capitalized_word_search_is_the_plain_pattern(text: str, lo: int) -> None:
    # spellings._WORD_RE tests the character before a word after its capital (a search for a class,
    # in C): the same matches as the pattern that opens with that test, from any start
    import re

    from normalize.tagger.spellings import _CAP, _WORD_RE

    plain = re.compile(rf"(?<![\w'’ʼ-]){_CAP}(?![\w'’ʼ-])")
    assert [m.span() for m in _WORD_RE.finditer(text, lo)] == [m.span() for m in plain.finditer(text, lo)]
    assert [bool(_WORD_RE.match(text, i)) for i in range(len(text))] == [bool(plain.match(text, i)) for i in range(len(text))]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_fold_collapses_spaces_as_the_plain_form(text: str) -> None:
    # fold() runs the regex only on a run of spaces: the plain form ran it on every white space
    import re
    import unicodedata

    from normalize.fold import _FOLD_TABLE, _LATIN_LOWER_RE, _repair_lookalikes

    out = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).lower().translate(_FOLD_TABLE)).strip()
    if not out.isascii() and _LATIN_LOWER_RE.search(out):
        out = " ".join(_repair_lookalikes(t) for t in out.split(" "))
    assert fold.__wrapped__(text) == out


def _plain_letter_words_before(text: str, lo: int, start: int, n: int) -> list[tuple[str, str]] | None:
    """evidence._letter_words_before read character by character only (its form before the fast path)."""
    out: list[tuple[str, str]] = []
    end = start
    for _ in range(n):
        k = end
        while k > lo and not (text[k - 1].isalnum() or text[k - 1] == "_"):
            k -= 1
        j = k
        while j > lo and text[j - 1].isalpha():
            j -= 1
        if j == k or j <= lo:
            return None
        c = text[j - 1]
        if c.isalnum() or c == "_" or c in "'’ʼ-":
            return None
        if end - j > 60:
            return out
        out.append((text[j:k], text[k:end]))
        end = j
    return out


def _plain_word_after(chunk: str, e: int) -> str:
    """unlisted._word_after read character by character only (its form before the fast path)."""
    if e + 1 >= len(chunk) or chunk[e] != " " or not chunk[e + 1].isalpha():
        return ""
    k = e + 1
    while k < len(chunk) and k - e < 40 and (chunk[k].isalpha() or chunk[k] in "'’ʼ-"):
        k += 1
    word = chunk[e + 1 : k].rstrip("'’ʼ-")
    return word[:-2] if word[-2:] in ("'s", "’s") else word


# letters, one space or more, separators and what stops a word; long words reach the 40 and 60 limits
_NEIGHBOURHOOD = st.lists(st.sampled_from(["a", "Жж", "é", " ", "  ", ", ", "'", "’s", "-", "1", "_", "\n",
                                           "x" * 35, "y" * 58]), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(_NEIGHBOURHOOD, st.integers(0, 3), st.integers(1, 3))
def test_words_before_and_after_are_the_plain_loops(text: str, lo: int, n: int) -> None:
    from normalize.evidence import _letter_words_before
    from normalize.tagger.unlisted import _word_after

    for start in range(len(text) + 1):
        assert _letter_words_before(text, min(lo, start), start, n) == _plain_letter_words_before(text, min(lo, start), start, n)
    for e in range(len(text)):
        assert _word_after(text, e) == _plain_word_after(text, e)


# letters that compose with a mark, marks (one NFC decomposes: U+0344), a singleton NFC replaces (U+212B),
# Hangul jamo that compose, line breaks between blocks
_NFC_ALPHABET = st.sampled_from(list("aeAEиИ \n\u0301\u0308\u0327\u0344\u212b\u1100\u1161Ω."))


@settings(max_examples=500, deadline=None)
@given(st.text(_NFC_ALPHABET, max_size=40), st.integers(0, 6))
def test_nfc_regions_read_by_blocks_are_the_plain_scan(text: str, block: int) -> None:
    # nfc_regions searches only the blocks of lines that are not in NFC: the same regions as a scan of
    # every run of the text (its form before), whatever the block size
    from unittest import mock

    from normalize.tagger import nfc

    def plain(text: str) -> list[tuple[int, int, str]] | None:
        with mock.patch.object(nfc, "_runs_outside_nfc_blocks", nfc.NFC_UNSAFE_RE.finditer):
            return nfc.nfc_regions(text)

    with mock.patch.object(nfc, "_NFC_BLOCK", block):
        got = nfc.nfc_regions(text)
    assert got == plain(text)
