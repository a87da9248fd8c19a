"""Faster paths of the build and of index-backed queries give what the plain paths give."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.fold import fold, has_cyrillic, skeleton
from normalize.index import compile_index
from normalize.index.container import Reader, Writer
from normalize.lexicon import Entity, Lexicon, Name
from normalize.matcher import Matcher, concepts
from normalize.matcher.fuzzy import _GRAM_CAP
from normalize.matcher.variants import canonical_latin


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=12),
                max_size=40),
       st.data())
def test_strtable_many_equals_one_at_a_time(strings: list[str], data: st.DataObject) -> None:
    w = Writer()
    w.add_strings("t", strings)
    table = Reader(w.to_bytes({"engine": "x"}), "<test>").strings("t")
    ids = data.draw(st.lists(st.integers(0, len(strings) - 1), max_size=60)) if strings else []
    assert table.many(ids) == [table[i] for i in ids]


def _concept_word_by_scan(word: str) -> tuple[str, ...]:
    """The compound rule as first written: every head, longest first, tried with endswith."""
    forms, heads = concepts._generic_words()
    w = fold(word)
    if w in forms:
        return forms[w]
    m = concepts._ORDINAL_RE.fullmatch(w)
    if m:
        return (m.group(1),)
    if not has_cyrillic(w):
        for head, found in heads:
            if w.endswith(head) and len(w) - len(head) >= 3:
                return _concept_word_by_scan(w[: -len(head)]) + found
    return (skeleton(fold(canonical_latin(w))).replace(" ", ""),)


_HEADS = [h for h, _ in concepts._generic_words()[1]]


@settings(max_examples=300, deadline=None)
@given(st.text("abdeiklmnorstuwz", max_size=6), st.sampled_from(_HEADS + [""]), st.sampled_from(_HEADS + [""]))
def test_compound_heads_by_length_equal_the_scan(prefix: str, head: str, tail: str) -> None:
    word = prefix + head + tail
    assert concepts._concept_word(word) == _concept_word_by_scan(word)


def test_compound_heads_examples() -> None:
    for word in ("Wagnergruppen", "Sturmbrigade", "Gruppe", "Brigade", "Харків"):
        assert concepts._concept_word(word) == _concept_word_by_scan(word)
    assert concepts._concept_word("Wagnergruppen")[-1].startswith("#")


def _answers(m: Matcher, queries: list[str]) -> list[list[tuple[str, float, str, tuple[str, ...]]]]:
    return [[(r.id, r.score, r.alias, r.via) for r in m.match(q, top=0, min_score=0)] for q in queries]


def test_a_trigram_in_more_keys_than_the_search_reads_is_stored_cut(tmp_path: Path) -> None:
    """The fuzzy search ignores a trigram of more than _GRAM_CAP keys; the index stores such a
    list cut after one id more, alone and as a layer, and answers as the full list does."""
    letters = "bdfgklmnprstvz"
    names = [f"Ostr{a}{b}vka" for a in letters for b in letters][:180]  # "str" in every key
    lexicon = Lexicon([Entity(id=f"place:{i}", type="place", names=[Name(n)]) for i, n in enumerate(names)])
    fresh = Matcher(lexicon, cache=False).build()
    assert len(fresh._grams["str"]) > _GRAM_CAP + 1
    index = compile_index(lexicon, tmp_path / "cut.nidx")
    compiled = Matcher.from_index(tmp_path / "cut.nidx")
    compiled.build()
    assert len(compiled._grams.get("str")) == _GRAM_CAP + 1
    assert index.stamp["lexicon"] == lexicon.content_hash
    queries = ["Ostrbvka", "Astrdvka", "Ostrakvka", "Ostrovka", "Ustrzvkka", "Strbdvka", "Ostr", "Kharkiv"]
    assert _answers(compiled, queries) == _answers(fresh, queries)
