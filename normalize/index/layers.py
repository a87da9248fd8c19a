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

Entities are numbered layer after layer in the order the lexicons were named.
Answers are those of one index compiled from all the files, up to ties between
entities of equal score and population (which one is listed first), and the
near-miss model's view of names both layers hold (it sees each layer's key).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normalize.index.container import IndexFileError

if TYPE_CHECKING:  # pragma: no cover
    from normalize.index import CompiledIndex
    from normalize.index.source import LexiconSource
    from normalize.lexicon import Entity, Lexicon
    from normalize.matcher import Matcher, _Hit, _Person

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
        m._exact = _UnionHits([(p.exact, o, k) for p, o, k in zip(parts, offs, masks)])  # type: ignore[assignment]
        m._skel = _UnionHits([(p.skel, o, k) for p, o, k in zip(parts, offs, masks)])  # type: ignore[assignment]
        m._bag = _UnionHits([(p.bag, o, k) for p, o, k in zip(parts, offs, masks)])  # type: ignore[assignment]
        m._acronyms = _UnionHits([(p.acro, o, k) for p, o, k in zip(parts, offs, masks)])  # type: ignore[assignment]
        m._core = _UnionHits([(p.core, o, k) for p, o, k in zip(parts, offs, masks)])  # type: ignore[assignment]
        m._concepts = _UnionHits([(p.concept, o, k) for p, o, k in zip(parts, offs, masks)])  # type: ignore[assignment]
        persons = _UnionPersons([(p.persons, o, k) for p, o, k in zip(parts, offs, masks)])
        m._persons = persons  # type: ignore[assignment]
        m._surnames = _UnionPids([(p.surnames, base) for p, base in zip(parts, persons.bases)], persons)  # type: ignore[assignment]
        m._token_forms = _UnionSets([p.tokforms for p in parts])  # type: ignore[assignment]
        m._surname_keys = _ByEntity(self, [p.surkeys for p in parts])  # type: ignore[assignment]
        m._surname_del1 = _UnionLists([p.sdel1 for p in parts])  # type: ignore[assignment]
        kbases = []
        total = 0
        for p in parts:
            kbases.append(total)
            total += len(p.skel_keys)
        m._skel_keys = _ConcatStrings([p.skel_keys for p in parts])  # type: ignore[assignment]
        m._buckets = _UnionLists([p.buckets for p in parts])  # type: ignore[assignment]
        m._compact_keys = _UnionLists([p.ckeys for p in parts])  # type: ignore[assignment]
        m._tails = _UnionLists([p.tails for p in parts])  # type: ignore[assignment]
        m._grams = _UnionInts([(p.grams, b) for p, b in zip(parts, kbases)])  # type: ignore[assignment]
        m._cons = _UnionInts([(p.cons, b) for p, b in zip(parts, kbases)])  # type: ignore[assignment]
        m._owner = parts[0].owner
        m._place_words_t = parts[0].place_words
        m._fuzzy_ready = True
        m._engine_words()
        m._compiled = self

    def matcher(self, *, threshold: float | None = None) -> Matcher:
        from normalize.matcher import DEFAULT_THRESHOLD, Matcher

        m = Matcher.__new__(Matcher)
        m._init_state(DEFAULT_THRESHOLD if threshold is None else threshold, False)
        self.attach(m)
        m._built = True
        return m

    def shared_matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = self.matcher()
        return self._matcher

    def tagger(self, *, fuzzy: bool = False) -> Any:
        from normalize.tagger import Tagger

        return Tagger._from_compiled(self, fuzzy=fuzzy)

    def tagger_table(self) -> Any:
        return LayeredTable(self)

    def lexicon(self) -> Lexicon:
        """The entities of every layer, those a user entity answers for left out."""
        from normalize.lexicon import Lexicon

        out = []
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
        return self._ix.redirect.get(gp, gp)

    def same_as_of(self, g: int) -> tuple[str, ...]:
        ents, _, i = self._layer(g)
        return ents.same_as_of(i)  # type: ignore[no-any-return]

    def find(self, entity_id: str) -> int:
        for li, layer in enumerate(self._ix.layers):
            j = layer.entities.find(entity_id)
            if j >= 0:
                g = self._ix.offsets[li] + j
                return self._ix.redirect.get(g, g)
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

    __slots__ = ("_u", "_name")

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


# -- union views of the matcher's tables ------------------------------------------------------


class _UnionHits:
    """key -> the hits of every layer (global entity numbers; masked entities dropped)."""

    __slots__ = ("_parts",)

    def __init__(self, parts: list[tuple[Any, int, frozenset[int]]]) -> None:
        self._parts = parts

    def get(self, key: Any, default: Any = None) -> Any:
        out: list[_Hit] | None = None
        for view, off, masked in self._parts:
            hits = view.get(key)
            if not hits:
                continue
            if off or masked:
                hits = [h._replace(entity=h.entity + off) for h in hits if h.entity not in masked]
                if not hits:
                    continue
            out = hits if out is None else out + hits
        return out if out is not None else default

    def __getitem__(self, key: Any) -> Any:
        got = self.get(key)
        if got is None:
            raise KeyError(key)
        return got

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        return sum(len(v) for v, _, _ in self._parts)

    def __bool__(self) -> bool:
        return any(len(v) for v, _, _ in self._parts)

    def keys(self) -> Iterator[str]:
        seen: set[str] = set()
        for view, _, _ in self._parts:
            for k in view.keys():
                if k not in seen:
                    seen.add(k)
                    yield k

    __iter__ = keys

    def items(self) -> Iterator[tuple[str, Any]]:
        for k in self.keys():
            got = self.get(k)
            if got:
                yield k, got

    def values(self) -> Iterator[Any]:
        return (v for _, v in self.items())


class _UnionPersons:
    """Person records of every layer, numbered layer after layer; masked ones stay (numbers
    must not move) but no surname leads to them."""

    def __init__(self, parts: list[tuple[Any, int, frozenset[int]]]) -> None:
        self._parts = parts
        self.bases: list[int] = []
        total = 0
        for persons, _, _ in parts:
            self.bases.append(total)
            total += len(persons)
        self._n = total
        self._memo: dict[int, _Person] = {}

    def __len__(self) -> int:
        return self._n

    def __bool__(self) -> bool:
        return self._n > 0

    def masked(self, pid: int) -> bool:
        li = self._layer(pid)
        persons, _, masked = self._parts[li]
        return bool(masked) and persons[pid - self.bases[li]].entity in masked

    def _layer(self, pid: int) -> int:
        for li in range(len(self.bases) - 1, -1, -1):
            if pid >= self.bases[li]:
                return li
        raise IndexError(pid)

    def __getitem__(self, pid: int) -> _Person:
        got = self._memo.get(pid)
        if got is None:
            from dataclasses import replace

            li = self._layer(pid)
            persons, off, _ = self._parts[li]
            p = persons[pid - self.bases[li]]
            got = self._memo[pid] = replace(p, entity=p.entity + off) if off else p
        return got

    def __iter__(self) -> Iterator[_Person]:
        return (self[i] for i in range(self._n))


class _UnionPids:
    """surname skeleton -> persons of every layer (global person numbers, masked ones dropped)."""

    def __init__(self, parts: list[tuple[Any, int]], persons: _UnionPersons) -> None:
        self._parts = parts
        self._persons = persons

    def get(self, key: str, default: Any = None) -> Any:
        out: list[int] = []
        for view, base in self._parts:
            got = view.get(key)
            if got:
                out.extend(p + base for p in got if not self._persons.masked(p + base))
        return out if out else default

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for view, _ in self._parts:
            for k in view.keys():
                if k not in seen:
                    seen.add(k)
                    yield k


class _UnionSets:
    def __init__(self, parts: list[Any]) -> None:
        self._parts = parts

    def get(self, key: str, default: Any = None) -> Any:
        out: set[str] | None = None
        for view in self._parts:
            got = view.get(key)
            if got:
                out = set(got) if out is None else out | got
        return out if out is not None else default


class _UnionLists:
    """key -> the lists of every layer, concatenated without repeats (strings)."""

    def __init__(self, parts: list[Any]) -> None:
        self._parts = parts

    def get(self, key: Any, default: Any = None) -> Any:
        out: list[str] | None = None
        for view in self._parts:
            got = view.get(key)
            if got:
                out = list(got) if out is None else list(dict.fromkeys(out + list(got)))
        return out if out is not None else default

    def __getitem__(self, key: Any) -> Any:
        got = self.get(key)
        if got is None:
            raise KeyError(key)
        return got

    def __contains__(self, key: object) -> bool:
        return any(key in view for view in self._parts)


class _UnionInts:
    """key -> key numbers of every layer, shifted to the global numbering of skeleton keys."""

    def __init__(self, parts: list[tuple[Any, int]]) -> None:
        self._parts = parts

    def get(self, key: str, default: Any = None) -> Any:
        out: list[int] | None = None
        for view, base in self._parts:
            got = view.get(key)
            if got:
                shifted = [k + base for k in got] if base else list(got)
                out = shifted if out is None else out + shifted
        return out if out is not None else default


class _ConcatStrings(Sequence[str]):
    def __init__(self, parts: list[Sequence[str]]) -> None:
        self._parts = parts
        self._bases = []
        total = 0
        for p in parts:
            self._bases.append(total)
            total += len(p)
        self._n = total

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, k: int) -> str:  # type: ignore[override]
        for li in range(len(self._bases) - 1, -1, -1):
            if k >= self._bases[li]:
                return self._parts[li][k - self._bases[li]]
        raise IndexError(k)


class _ByEntity:
    """global entity -> the value its layer keeps for it (surname keys of a person)."""

    def __init__(self, index: LayeredIndex, parts: list[Any]) -> None:
        self._ix = index
        self._parts = parts

    def get(self, g: int, default: Any = None) -> Any:
        li, i = self._ix.locate(g)
        return self._parts[li].get(i, default)


# -- the tagger's table ------------------------------------------------------------------------


class LayeredTable:
    """The tagger's key table over every layer (the interface of ``normalize.tagger._Table``).

    Keys are numbered: the first layer's, then each later layer's keys that no
    earlier layer has. A key several layers hold merges their hits (masked
    entities dropped, global numbers, re-sorted as one table would).
    """

    def __init__(self, index: LayeredIndex) -> None:
        from normalize.tagger import _EntityRows, _Table

        self._ix = index
        self._tables = [_Table(layer) for layer in index.layers]
        first = self._tables[0]
        keys = list(first.keys)
        number = {k: i for i, k in enumerate(keys)}
        self._where: dict[int, list[tuple[int, int]]] = {}  # global key -> [(layer, local key)], if not only layer 0's
        for li, t in enumerate(self._tables[1:], 1):
            for local, k in enumerate(t.keys):
                g = number.get(k)
                if g is None:
                    g = number[k] = len(keys)
                    keys.append(k)
                    self._where[g] = [(li, local)]
                else:
                    self._where.setdefault(g, [(0, g)] if g < len(first) else []).append((li, local))
        self._keys = keys
        n = len(keys)
        flags = bytearray(first.flags) + bytearray(n - len(first))
        for g, places in self._where.items():
            f = 0
            for li, local in places:
                f |= self._tables[li].flags[local]
            flags[g] = f
        self.flags = bytes(flags)
        # via strings: each layer's numbers shifted past the earlier layers'
        self._via_base = []
        total = 0
        for t in self._tables:
            self._via_base.append(total)
            total += len(t.strings)
        self.strings = _ConcatStrings([t.strings for t in self._tables])
        self.entities = _EntityRows(index.entities)
        self._ents = index.entities
        self._parsed: dict[int, Any] = {}
        self._ancestors: dict[int, tuple[int, ...]] = {}
        self.solo = _Solo(self)
        self.solo_score = _SoloScore(self)
        self.solo_via = _SoloVia(self)
        self.given = _PersonValue(self, "given")
        self.initials = _PersonValue(self, "initials")

    @property
    def keys(self) -> list[str]:
        return self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def _order(self, h: tuple[int, float, int]) -> tuple[float, int, int]:
        return (-h[1], -(self._ents[h[0]].population or 0), h[0])

    def hits(self, kid: int) -> tuple[list[tuple[int, float, int]], list[tuple[int, float, int]], list[int]]:
        got = self._parsed.get(kid)
        if got is None:
            places = self._where.get(kid, [(0, kid)])
            full: list[tuple[int, float, int]] = []
            acro: list[tuple[int, float, int]] = []
            short: list[int] = []
            for li, local in places:
                off, masked, vb = self._ix.offsets[li], self._ix.masked[li], self._via_base[li]
                f, a, s = self._tables[li].hits(local)
                full += [(e + off, sc, w + vb) for e, sc, w in f if e not in masked]
                acro += [(e + off, sc, w + vb) for e, sc, w in a if e not in masked]
                short += [p + off for p in s if p not in masked]
            if len(places) > 1:
                full.sort(key=self._order)
                acro.sort(key=self._order)
                short.sort()
            got = self._parsed[kid] = (full, acro, short)
        return got

    def short(self, kid: int) -> list[int]:
        return self.hits(kid)[2]

    def ancestors(self, e: int) -> tuple[int, ...]:
        got = self._ancestors.get(e)
        if got is None:
            out: list[int] = []
            parent = self._ents.parent
            p = parent[e]
            while p >= 0 and p not in out and p != e:
                out.append(p)
                p = parent[p]
            got = self._ancestors[e] = tuple(out)
        return got

    def solo_of(self, kid: int) -> tuple[int, float, int]:
        """(entity, score, via) of a key with one full-name entity and nothing else, else (-1, 0, 0)."""
        places = self._where.get(kid)
        if places is None:  # the first layer's key alone: its own answer, unless that entity is masked
            t = self._tables[0]
            e = t.solo[kid]
            if e >= 0 and e in self._ix.masked[0]:
                return -1, 0.0, 0
            return e, t.solo_score[kid], t.solo_via[kid]
        full, acro, short = self.hits(kid)
        if len(full) == 1 and not acro and not short:
            return full[0]
        return -1, 0.0, 0


class _Solo:
    __slots__ = ("_t", "_memo")

    def __init__(self, table: LayeredTable) -> None:
        self._t = table
        self._memo: dict[int, tuple[int, float, int]] = {}

    def get(self, kid: int) -> tuple[int, float, int]:
        got = self._memo.get(kid)
        if got is None:
            got = self._memo[kid] = self._t.solo_of(kid)
        return got

    def __getitem__(self, kid: int) -> int:
        return self.get(kid)[0]

    def __len__(self) -> int:
        return len(self._t)


class _SoloScore(_Solo):
    __slots__ = ("_s",)

    def __init__(self, table: LayeredTable) -> None:
        self._s = table.solo

    def __getitem__(self, kid: int) -> float:  # type: ignore[override]
        return self._s.get(kid)[1]


class _SoloVia(_SoloScore):
    __slots__ = ()

    def __getitem__(self, kid: int) -> int:  # type: ignore[override]
        return self._s.get(kid)[2]


class _PersonValue:
    """global person entity -> its layer's given-name skeletons or initials."""

    __slots__ = ("_t", "_what")

    def __init__(self, table: LayeredTable, what: str) -> None:
        self._t = table
        self._what = what

    def get(self, person: int, default: Any = None) -> Any:
        li, i = self._t._ix.locate(person)
        return getattr(self._t._tables[li], self._what).get(i) or (default if default is not None else
                                                                     ("" if self._what == "initials" else frozenset()))


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


def _flatten(items: Iterable[Iterable[Any]]) -> list[Any]:
    return [x for it in items for x in it]
