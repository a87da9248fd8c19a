"""spaCy pipeline component ``normalize_entities`` (``pip install 'normalize[spacy]'``).

Registered through the ``spacy_factories`` entry point, so
``nlp.add_pipe("normalize_entities")`` works without importing ``normalize``.
spaCy imports this module whenever it creates a pipeline: it imports nothing
heavy, and the tagger is opened on the first document (from the compiled index:
the package's for the bundled lexicons, ``index`` when given, else the cache).

What it does to a doc: every mention ``normalize tag`` finds in ``doc.text``
becomes an entity, ``label_`` from ``labels`` (by entity type), ``kb_id_`` the
canonical ID (empty for an ambiguous mention), with ``span._.normalize_score``
and ``span._.normalize_candidates`` (the candidate entities, best first, as
``{"id", "label", "type", "score"}`` dicts: several for an ambiguous mention).

* Mention boundaries inside a token: the span grows to whole tokens
  (``Doc.char_span(..., alignment_mode="expand")``), so no mention is lost and
  no offset drifts; ``span.text`` may then hold a few more characters than the
  mention (a tokenizer that leaves "Kharkiv-based" whole gives that span the
  ID of Kharkiv). Two mentions that grow into the same tokens keep the first.
* Entities already set (a statistical NER earlier in the pipeline) are kept:
  one that contains exactly one mention is linked (gets its ``kb_id_`` and
  extensions), mentions overlapping no entity are added. With
  ``overwrite_ents`` the mentions win instead, and only the entities they do not
  overlap are kept.
* ``min_score`` drops weaker mentions. A text holding a lone surrogate gets no
  entities (spaCy's own tokenizer already refuses one with UnicodeEncodeError).
* ``nlp.to_disk`` saves the user's lexicons (as one JSON Lines file, readable
  by any version of normalize) or the compiled ``index`` file in the
  component's directory, so ``spacy.load`` works on another machine.
"""

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from normalize import _integration

DEFAULT_LABELS = {"person": "PERSON", "org": "ORG", "place": "GPE"}
_SAVED = "lexicon.jsonl"
_SAVED_INDEX = "index.nidx"


@Language.factory(
    "normalize_entities",
    default_config={
        "lexicons": None,
        "index": None,
        "min_score": None,
        "fuzzy": False,
        "labels": DEFAULT_LABELS,
        "overwrite_ents": False,
    },
)
def make_normalize_entities(
    nlp: Language,
    name: str,
    lexicons: str | list[str] | None,
    index: str | None,
    min_score: float | None,
    fuzzy: bool,
    labels: dict[str, str],
    overwrite_ents: bool,
) -> "NormalizeEntities":
    return NormalizeEntities(
        name, lexicons=lexicons, index=index, min_score=min_score, fuzzy=fuzzy, labels=labels,
        overwrite_ents=overwrite_ents,
    )


class NormalizeEntities:
    """The component (see the module doc); built by spaCy from its config."""

    def __init__(
        self,
        name: str = "normalize_entities",
        *,
        lexicons: str | list[str] | None = None,
        index: str | None = None,
        min_score: float | None = None,
        fuzzy: bool = False,
        labels: dict[str, str] | None = None,
        overwrite_ents: bool = False,
    ) -> None:
        _integration.check_source(lexicons, index, index_may_follow=True)
        self.name = name
        self.lexicons = lexicons
        self.index = index
        self.min_score = min_score
        self.fuzzy = fuzzy
        self.labels = dict(DEFAULT_LABELS if labels is None else labels)
        self.overwrite_ents = overwrite_ents
        self._saved: str | None = None  # the lexicon file read by from_disk
        self._saved_index: str | None = None  # the compiled index read by from_disk
        self._tagger: Any = None
        for ext in ("normalize_score", "normalize_candidates"):
            if not Span.has_extension(ext):
                Span.set_extension(ext, default=None)

    def __reduce__(self) -> Any:  # for n_process under spawn: the tagger is rebuilt, not pickled
        state = (self.name, self.lexicons, self.index, self.min_score, self.fuzzy, self.labels,
                 self.overwrite_ents, self._saved, self._saved_index)
        return (_restore, state)

    @property
    def tagger(self) -> Any:
        if self._tagger is None:
            index = self._saved_index or self.index
            lexicons = None if index is not None else (self._saved or self.lexicons)
            self._tagger = _integration.tagger(lexicons, index, fuzzy=self.fuzzy)
        return self._tagger

    def __call__(self, doc: Doc) -> Doc:
        text = _integration.text_or_none(doc.text)
        if not text:
            return doc
        ours: list[Span] = []
        for m in self.tagger.tag(text):
            if self.min_score is not None and m.score < self.min_score:
                continue
            label = self.labels.get(m.type or "") or (m.type or "entity").upper()
            span = doc.char_span(m.start, m.end, label=label, kb_id=m.id or "", alignment_mode="expand")
            if span is None or (ours and span.start < ours[-1].end):
                continue
            span._.normalize_score = m.score
            span._.normalize_candidates = [c.to_json() for c in m.candidates]
            ours.append(span)
        doc.ents = self._merge(doc, list(doc.ents), ours)
        return doc

    def _merge(self, doc: Doc, theirs: list[Span], ours: list[Span]) -> list[Span]:
        if not theirs:
            return ours
        if self.overwrite_ents:
            kept = [e for e in theirs if not any(o.start < e.end and e.start < o.end for o in ours)]
            return sorted(kept + ours, key=lambda s: s.start)
        out = []
        for e in theirs:
            inside = [o for o in ours if o.start < e.end and e.start < o.end]
            if len(inside) == 1 and e.start <= inside[0].start and inside[0].end <= e.end:
                o = inside[0]
                e = Span(doc, e.start, e.end, label=e.label, kb_id=o.kb_id)
                e._.normalize_score = o._.normalize_score
                e._.normalize_candidates = o._.normalize_candidates
            out.append(e)
        out += [o for o in ours if not any(o.start < e.end and e.start < o.end for e in theirs)]
        return sorted(out, key=lambda s: s.start)

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)

    # -- serialization: the user's lexicons travel with the pipeline -------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        index = self._saved_index or self.index
        if index is not None:  # a compiled index travels as it is
            import shutil

            if Path(index).resolve() != (path / _SAVED_INDEX).resolve():
                shutil.copyfile(index, path / _SAVED_INDEX)
            return
        source = self._saved or self.lexicons
        if source is None:
            return
        from normalize.index.source import LexiconSource

        lexicon = LexiconSource.of(source).load()
        with open(path / _SAVED, "w", encoding="utf-8") as f:
            f.writelines(_json(entity.to_json()) + "\n" for entity in lexicon)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "NormalizeEntities":
        saved = Path(path) / _SAVED
        self._saved = os.fspath(saved) if saved.exists() else None
        saved_index = Path(path) / _SAVED_INDEX
        self._saved_index = os.fspath(saved_index) if saved_index.exists() else None
        self._tagger = None
        return self


def _restore(name: str, lexicons: str | list[str] | None, index: str | None, min_score: float | None, fuzzy: bool, labels: dict[str, str],
             overwrite_ents: bool, saved: str | None, saved_index: str | None = None) -> NormalizeEntities:
    component = NormalizeEntities(name, lexicons=lexicons, index=index, min_score=min_score, fuzzy=fuzzy,
                                  labels=labels, overwrite_ents=overwrite_ents)
    component._saved, component._saved_index = saved, saved_index
    return component


def _json(obj: Any) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False)
