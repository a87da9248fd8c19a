"""Layered indexes: the bundled lexicons' index and a user's, answering as one.

``--lexicon my.jsonl --lexicon bundled`` (or ``Matcher(["my.jsonl", "bundled"])``)
should not recompile the bundled lexicons whenever ``my.jsonl`` changes. So the
two are compiled apart and combined when opened:

* the **bundled layer** is the bundled lexicons' own index (installed with the
  package, else cached once);
* the **user layer** holds the user's entities, as the whole set merges them
  (``same_as`` groups: an entity of the user's that is the same as a bundled one
  takes that one's names and answers for it); it is compiled (and cached, keyed
  by every file's content and their order) from the full lexicon set, which is
  read and checked as a whole, so every error is what loading them together gives;
* the bundled entities a user entity absorbed are **masked** in the bundled
  layer: their keys answer nothing there (the user layer has their names), and a
  bundled entity whose parent was absorbed points to the user entity instead.

The union views of the Matcher's tables are in :mod:`normalize.index.layer_views`,
the Tagger's key table over the layers in :mod:`normalize.index.layer_tagger`.

Entities are numbered layer after layer in the order the lexicons were named.
Answers are those of one index compiled from all the files, up to ties between
entities of equal score and population (which one is listed first), and the
near-miss model's view of names both layers hold (it sees each layer's key).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normalize.index.container import IndexFileError
from normalize.index.layer_views import (
    ByEntity,
    ConcatStrings,
    UnionHits,
    UnionInts,
    UnionLists,
    UnionPersons,
    UnionPids,
    UnionSets,
)

if TYPE_CHECKING:  # pragma: no cover
    from normalize.index import CompiledIndex
    from normalize.index.source import LexiconSource
    from normalize.lexicon import Entity, Lexicon
    from normalize.matcher import Matcher

__all__ = ["LayeredIndex", "split", "user_layer_entities"]

#: bump when the user layer's derivation changes
LAYER_VERSION = "user-layer-1"


def split(paths: Sequence[Path], bundled: Sequence[Path]) -> tuple[bool, list[Path]] | None:
    """``(bundled first?, the user's files)`` when ``paths`` hold the whole bundled set in one
    run beside other files; None otherwise (one index for everything)."""
    n = len(bundled)
    if not n or len(paths) <= n:
        return None
    real = [Path(p).resolve() for p in paths]
    want = [Path(p).resolve() for p in bundled]
    for start in range(len(real) - n + 1):
        if real[start : start + n] == want:
            if start and start + n < len(real):
                return None  # the user's files on both sides of the bundled set: one index
            return start == 0, list(paths[:start]) + list(paths[start + n :])
    return None


def user_layer_entities(full: Lexicon, user_paths: Sequence[Path]) -> list[Entity]:
    """The entities of the merged full set that the user layer holds.

    An entity of the merged set belongs to the user layer when it comes from a
    user file or absorbed an entity of one (its ``same_as`` names a user entity).
    """
    user_files = {str(p) for p in user_paths}
    user_ids = {e.id for e in full if e.source in user_files}
    out = []
    for e in full.merged():
        if e.id in user_ids or any(x in user_ids for x in (getattr(e, "same_as", ()) or ())):
            out.append(e)
    return out


def layer_stamp_lexicon(source: LexiconSource) -> str:
    """What the user layer is keyed by: every file, in order, and this derivation."""
    return hashlib.sha256(f"{LAYER_VERSION}\0{source.content_hash}".encode()).hexdigest()


# -- the combined view ------------------------------------------------------------------------


class LayeredIndex:
    """Compiled indexes answering as one (see the module docstring)."""

    def __init__(self, layers: Sequence[CompiledIndex]) -> None:
        self.layers = list(layers)
        self.path = None
        self.stamp = {"layers": [dict(x.stamp) for x in self.layers]}
        self.meta = {"entities": sum(len(x.entities) for x in self.layers), "layers": [x.meta for x in self.layers]}
        self._matcher: Matcher | None = None
        self._resolve()

    def __repr__(self) -> str:
        return f"<LayeredIndex of {len(self.layers)}: {', '.join(str(x.path) for x in self.layers)}>"

    def _resolve(self) -> None:
        """Offsets, masks (entities another layer answers for) and parent redirects."""
        self.offsets: list[int] = []
        total = 0
        for layer in self.layers:
            self.offsets.append(total)
            total += len(layer.entities)
        self.size = total
        #: global entity -> the global entity answering for it (masked ones only)
        self.redirect: dict[int, int] = {}
        self.masked: list[frozenset[int]] = [frozenset() for _ in self.layers]
        for li, layer in enumerate(self.layers):
            if not layer.meta.get("user_layer"):
                continue
            ents = layer.entities
            for i in range(len(ents)):
                ids = (ents.ids[i], *ents.same_as_of(i))
                for lj, other in enumerate(self.layers):
                    if lj == li or other.meta.get("user_layer"):
                        continue
                    for x in ids:
                        j = other.entities.find(x)
                        if j >= 0:
                            self.redirect[self.offsets[lj] + j] = self.offsets[li] + i
        for lj in range(len(self.layers)):
            lo, hi = self.offsets[lj], self.offsets[lj] + len(self.layers[lj].entities)
            self.masked[lj] = frozenset(g - lo for g in self.redirect if lo <= g < hi)

    def locate(self, g: int) -> tuple[int, int]:
        """(layer, local number) of global entity ``g``."""
        for li in range(len(self.layers) - 1, -1, -1):
            if g >= self.offsets[li]:
                return li, g - self.offsets[li]
        raise IndexError(g)

    def verify(self, purpose: str | None = None) -> LayeredIndex:
        for layer in self.layers:
            layer.verify(purpose)
        return self

    @property
    def entities(self) -> UnionEntities:
        got = getattr(self, "_entities", None)
        if got is None:
            got = self._entities = UnionEntities(self)
        return got

    # -- the matcher -----------------------------------------------------------------------

    def attach(self, matcher: Matcher) -> None:
        """Point a Matcher's tables at the union of the layers' tables."""
        from normalize.index.tables import MatcherTables

        parts = []
        for layer in self.layers:
            strings, _ = layer._shared()
            layer.reader.verify("m.")
            parts.append(MatcherTables(layer.reader, strings))
        offs = self.offsets
        masks = self.masked
        m = matcher
        m.entities = self.entities  # type: ignore[assignment]
        m._exact = UnionHits([(p.exact, o, k) for p, o, k in zip(parts, offs, masks)])  # type: ignore[assignment]
        m._skel = UnionHits([(p.skel, o, k) for p, o, k in zip(parts, offs, masks)])  # type: ignore[assignment]
        m._bag = UnionHits([(p.bag, o, k) for p, o, k in zip(parts, offs, masks)])  # type: ignore[assignment]
        m._acronyms = UnionHits([(p.acro, o, k) for p, o, k in zip(parts, offs, masks)])  # type: ignore[assignment]
        m._core = UnionHits([(p.core, o, k) for p, o, k in zip(parts, offs, masks)])  # type: ignore[assignment]
        m._concepts = UnionHits([(p.concept, o, k) for p, o, k in zip(parts, offs, masks)])  # type: ignore[assignment]
        persons = UnionPersons([(p.persons, o, k) for p, o, k in zip(parts, offs, masks)])
        m._persons = persons  # type: ignore[assignment]
        m._surnames = UnionPids([(p.surnames, base) for p, base in zip(parts, persons.bases)], persons)  # type: ignore[assignment]
        m._token_forms = UnionSets([p.tokforms for p in parts])  # type: ignore[assignment]
        m._surname_keys = ByEntity(self, [p.surkeys for p in parts])  # type: ignore[assignment]
        m._surname_del1 = UnionLists([p.sdel1 for p in parts])  # type: ignore[assignment]
        kbases = []
        total = 0
        for p in parts:
            kbases.append(total)
            total += len(p.skel_keys)
        m._skel_keys = ConcatStrings([p.skel_keys for p in parts])
        m._buckets = UnionLists([p.buckets for p in parts])  # type: ignore[assignment]
        m._compact_keys = UnionLists([p.ckeys for p in parts])  # type: ignore[assignment]
        m._tails = UnionLists([p.tails for p in parts])  # type: ignore[assignment]
        m._grams = UnionInts([(p.grams, b) for p, b in zip(parts, kbases)])  # type: ignore[assignment]
        m._cons = UnionInts([(p.cons, b) for p, b in zip(parts, kbases)])  # type: ignore[assignment]
        m._owner = parts[0].owner  # type: ignore[assignment]
        m._place_words_t = parts[0].place_words
        m._fuzzy_ready = True
        m._engine_words()
        m._compiled = self

    def matcher(self, *, threshold: float | None = None) -> Matcher:
        from normalize.matcher import Matcher

        return Matcher.over_index(self, threshold=threshold)

    def shared_matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = self.matcher()
        return self._matcher

    def tagger(self, *, fuzzy: bool = False) -> Any:
        from normalize.tagger import Tagger

        return Tagger._from_compiled(self, fuzzy=fuzzy)

    def tagger_table(self) -> Any:
        from normalize.index.layer_tagger import LayeredTable

        return LayeredTable(self)

    def lexicon(self) -> Lexicon:
        """The entities of every layer, those a user entity answers for left out."""
        from normalize.lexicon import Lexicon

        out: list[Entity] = []
        for li, layer in enumerate(self.layers):
            masked = self.masked[li]
            out.extend(e for i, e in enumerate(layer.lexicon()) if i not in masked)
        stamp = hashlib.sha256(json.dumps(self.stamp, sort_keys=True).encode()).hexdigest()
        return Lexicon(out, content_hash=stamp).as_merged()

    def spec(self) -> tuple[Any, ...] | None:
        if any(x.path is None for x in self.layers):
            return None  # a layer lives in memory only
        return ("layered", [str(x.path) for x in self.layers])


class UnionEntities:
    """The entities of every layer by global number (``EntityRecord``, parents global)."""

    def __init__(self, index: LayeredIndex) -> None:
        self._ix = index
        self._memo: dict[int, Any] = {}
        self.parent = _GlobalParents(self)
        self.prior = _GlobalColumn(self, "prior")
        self.haslabel = _GlobalColumn(self, "haslabel")

    def __len__(self) -> int:
        return self._ix.size

    def __iter__(self) -> Iterator[Any]:
        return (self[g] for g in range(self._ix.size))

    def _layer(self, g: int) -> tuple[Any, int, int]:
        li, i = self._ix.locate(g)
        return self._ix.layers[li].entities, li, i

    def types(self) -> set[str]:
        return set().union(*(layer.entities.types() for layer in self._ix.layers))

    def type_of(self, g: int) -> str:
        ents, _, i = self._layer(g)
        return ents.type_of(i)  # type: ignore[no-any-return]

    def parent_of(self, g: int) -> int:
        ents, li, i = self._layer(g)
        p = ents.parent[i]
        if p >= 0:
            gp = self._ix.offsets[li] + p
        else:
            pid = ents.parent_id[i]
            gp = -1
            if pid:  # a parent in another layer
                for lj, other in enumerate(self._ix.layers):
                    j = other.entities.find(pid) if lj != li else -1
                    if j >= 0:
                        gp = self._ix.offsets[lj] + j
                        break
        return int(self._ix.redirect.get(gp, gp))

    def same_as_of(self, g: int) -> tuple[str, ...]:
        ents, _, i = self._layer(g)
        return ents.same_as_of(i)  # type: ignore[no-any-return]

    def find(self, entity_id: str) -> int:
        for li, layer in enumerate(self._ix.layers):
            j = layer.entities.find(entity_id)
            if j >= 0:
                g = self._ix.offsets[li] + j
                return int(self._ix.redirect.get(g, g))
        return -1

    def __getitem__(self, g: int) -> Any:
        got = self._memo.get(g)
        if got is None:
            from copy import copy

            ents, _, i = self._layer(g)
            got = copy(ents[i])
            got.parent = self.parent_of(g)
            self._memo[g] = got
        return got


class _GlobalColumn:
    """An entity column (``prior``, ``haslabel``) by global number."""

    __slots__ = ("_name", "_u")

    def __init__(self, union: UnionEntities, name: str) -> None:
        self._u, self._name = union, name

    def __getitem__(self, g: int) -> Any:
        ents, _, i = self._u._layer(g)
        return getattr(ents, self._name)[i]

    def __len__(self) -> int:
        return len(self._u)


class _GlobalParents:
    __slots__ = ("_u",)

    def __init__(self, union: UnionEntities) -> None:
        self._u = union

    def __getitem__(self, g: int) -> int:
        return self._u.parent_of(g)

    def __len__(self) -> int:
        return len(self._u)


def reopen(spec: tuple[Any, ...]) -> Any:
    """A compiled index (single or layered) from what :meth:`spec` gave, in another process."""
    from normalize.index import CompiledIndex
    from normalize.index.container import Reader

    kind, value = spec[0], spec[1]
    if kind == "index":
        return CompiledIndex(Reader.open(value), Path(value))
    if kind == "layered":
        return LayeredIndex([CompiledIndex(Reader.open(p), Path(p)) for p in value])
    raise IndexFileError(f"unknown index spec {kind!r}")
