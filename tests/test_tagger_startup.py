"""What a tagger builds at start-up: the automaton only when text is first scanned, and before
``tag -j N`` forks its workers (so they share one)."""

from __future__ import annotations

from normalize.lexicon import Entity, Lexicon, Name
from normalize.pool import forks
from normalize.tagger import Tagger
from normalize.tagger.runner import tag_texts


def _tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("t:kharkiv", "place", (Name("Харків", "uk"), Name("Kharkiv", "en")), population=1_400_000),
        Entity("t:sumy", "place", (Name("Суми", "uk"), Name("Sumy", "en")), population=260_000),
    ])
    return Tagger(lex, cache=False)


def test_the_automaton_is_built_when_text_is_first_scanned() -> None:
    tagger = _tagger()
    assert not tagger._scanner._automaton.is_built  # opening a tagger builds no automaton
    assert tagger.tag("") == [] and not tagger._scanner._automaton.is_built  # nor does an empty text
    assert [(m.text, m.id) for m in tagger.tag("Kharkiv and Суми.")] == [("Kharkiv", "t:kharkiv"), ("Суми", "t:sumy")]
    assert tagger._scanner._automaton.is_built


def test_workers_share_the_parents_automaton() -> None:
    tagger = _tagger()
    docs = [(None, "Kharkiv, Sumy. " * 50), ("b", "Харків і Суми.")]
    two = list(tag_texts(tagger, docs, jobs=2))
    assert tagger._scanner._automaton.is_built is forks()  # built before the workers were forked (spawned ones open their own)
    assert two == list(tag_texts(_tagger(), docs, jobs=1)) and two[1].count('"id": "t:') == 2
