"""The Matcher's tables and the lexicon's entities in a compiled index, written and read.

A built :class:`~normalize.matcher.Matcher` holds its tables as dictionaries;
:func:`write_matcher` stores each as a :class:`~normalize.index.container.KeyMap`
and :func:`attach_matcher` gives a Matcher read-only views of them with the same
interface (``get``, ``[]``, ``in``, ``len``, ``items``), so the matching code is
the same for a fresh build and a compiled index, and loading builds nothing.

Sections (``m.`` the matcher, ``e.`` the entities, ``s.`` shared strings):

* ``m.exact`` ``m.skel`` ``m.bag`` ``m.core`` ``m.acro`` ``m.concept``: key -> hits, each hit
  (entity, alias, via, quality) in columns ``e`` ``a`` ``w`` ``q``;
* ``m.persons``: one JSON array per person; ``m.surnames``: surname skeleton ->
  persons; ``m.sdel1``: one-deletion variant -> surname skeletons;
  ``m.tokforms``: inflected token -> its base tokens; ``m.surkeys``: person
  entity -> the light keys of its surname forms;
* ``m.buckets`` ``m.tails`` ``m.grams`` ``m.cons``: the fuzzy candidate indexes
  (over skeleton keys, numbered as the keys of ``m.skel``), ``m.ckeys``:
  compact skeleton -> skeleton keys;
* ``m.owner``: given-name skeleton -> its group; ``m.placewords``: settlement
  words and place-adjective groups (engine data, derived once here);
* ``e.*``: one column per entity field; ``s.str``: strings shared by number;
  ``s.vias``: derivations (JSON arrays); ``lexicon.jsonl.z``: the lexicon itself
  (zlib-compressed JSON Lines) for tools that need the full entities.
"""

from __future__ import annotations

import json
import zlib
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate, chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from normalize.index.container import IndexFileError, KeyMap, Reader, StrTable, Writer

if TYPE_CHECKING:  # pragma: no cover
    from normalize.lexicon import Entity, Lexicon
    from normalize.matcher import Matcher, _Hit, _Person

__all__ = ["EntityRecord", "EntityTable", "Pool", "attach_matcher", "write_entities", "write_lexicon", "write_matcher"]

_HIT_TABLES = (("exact", "_exact"), ("skel", "_skel"), ("bag", "_bag"), ("acro", "_acronyms"), ("concept", "_concepts"))
_SEP = "\x1f"


class Pool:
    """Strings interned by number, written as one :class:`StrTable`."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def __call__(self, s: str) -> int:
        got = self.ids.get(s)
        if got is None:
            got = self.ids[s] = len(self.ids)
        return got

    def many(self, strings: Iterable[str]) -> list[int]:
        """The numbers of many strings (interned in order of first appearance)."""
        strings = list(strings)
        ids = self.ids
        for s in dict.fromkeys(strings):
            if s not in ids:
                ids[s] = len(ids)
        return list(map(ids.__getitem__, strings))

    def opt(self, s: str | None) -> int:
        return -1 if s is None else self(s)

    def write(self, w: Writer, name: str) -> None:
        w.add_strings(name, list(self.ids))


# -- entities ------------------------------------------------------------------------------


def write_entities(w: Writer, entities: list[Entity], pool: Pool) -> None:
    from normalize.prior import entity_prior

    index = {e.id: i for i, e in enumerate(entities)}
    w.add_strings("e.id", [e.id for e in entities])
    w.add_strings("e.label", [e.display_label for e in entities])
    w.add_array("e.type", "i", [pool(e.type) for e in entities])
    w.add_array("e.subtype", "i", [pool.opt(e.subtype) for e in entities])
    w.add_array("e.country", "i", [pool.opt(e.country) for e in entities])
    w.add_array("e.admin1", "i", [pool.opt(e.admin1) for e in entities])
    w.add_array("e.gender", "i", [pool.opt(e.gender) for e in entities])
    w.add_array("e.parent", "i", [index.get(e.parent, -1) if e.parent else -1 for e in entities])
    w.add_array("e.population", "q", [-1 if e.population is None else e.population for e in entities])
    w.add_array("e.prior", "d", [entity_prior(e) for e in entities])  # given or derived (normalize/prior.py)
    w.add_array("e.haslabel", "b", [e.label is not None for e in entities])  # e.label is the display label
    w.add_strings("e.same_as", ["\n".join(getattr(e, "same_as", ()) or ()).replace("\n", _SEP) for e in entities])
    w.add_strings("e.parent_id", [e.parent or "" for e in entities])
    # every ID an entity answers to (its own, its same_as) -> its number, for layered indexes
    ids: dict[str, int] = {}
    for i, e in enumerate(entities):
        for x in (e.id, *(getattr(e, "same_as", ()) or ())):
            ids.setdefault(x, i)
    w.add_keymap("e.byid", list(ids), [[i] for i in ids.values()], (("e", "i"),))


def write_lexicon(w: Writer, entities: list[Entity]) -> None:
    text = "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in entities)
    w.add("lexicon.jsonl.z", zlib.compress(text.encode("utf-8", "surrogatepass"), 6))


class EntityRecord:
    """An entity of a compiled index: the fields matching and tagging use."""

    __slots__ = ("id", "label", "type", "subtype", "country", "admin1", "gender", "parent", "population", "same_as",
                 "prior", "label_given")

    def __init__(self, id: str, label: str, type: str, subtype: str | None, country: str | None,
                 admin1: str | None, gender: str | None, parent: int, population: int | None,
                 same_as: tuple[str, ...] = (), prior: float | None = None, label_given: bool = True) -> None:
        self.id, self.label, self.type, self.subtype = id, label, type, subtype
        self.country, self.admin1, self.gender, self.parent, self.population = country, admin1, gender, parent, population
        self.same_as = same_as
        self.prior = prior  # the entity's prior, given or derived (normalize/prior.py)
        self.label_given = label_given  # False: ``label`` is the first name (the lexicon gives no label)

    @property
    def display_label(self) -> str:
        return self.label

    @property
    def names(self) -> tuple[()]:
        return ()

    def __repr__(self) -> str:
        return f"EntityRecord({self.id!r}, {self.type!r}, {self.label!r})"


class EntityTable:
    """The entities of a compiled index by number, as :class:`EntityRecord` (made on access)."""

    def __init__(self, r: Reader, strings: StrTable) -> None:
        self.ids = r.strings("e.id")
        self.labels = r.strings("e.label")
        n = len(self.ids)
        self.type = r.array("e.type", "i")
        self.subtype = r.array("e.subtype", "i")
        self.country = r.array("e.country", "i")
        self.admin1 = r.array("e.admin1", "i")
        self.gender = r.array("e.gender", "i")
        self.parent = r.array("e.parent", "i")
        self.population = r.array("e.population", "q")
        self.prior = r.array("e.prior", "d")
        self.haslabel = r.array("e.haslabel", "b")
        self.same_as = r.strings("e.same_as")
        self.parent_id = r.strings("e.parent_id")
        self._byid = r.keymap("e.byid")
        self._byid_e = r.array("e.byid.e", "i")
        if not all(len(c) == n for c in (self.labels, self.type, self.subtype, self.country, self.admin1,
                                         self.gender, self.parent, self.population, self.prior, self.haslabel,
                                         self.same_as, self.parent_id)):
            raise IndexFileError(f"{r.where}: corrupt (entity columns differ in length)")
        self._strings = strings
        self._memo: dict[int, EntityRecord] = {}
        self._types: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def types(self) -> set[str]:
        """The distinct entity types (one pass in C over the type column)."""
        return {self._strings[t] for t in set(self.type)}

    def type_of(self, i: int) -> str:
        t = self.type[i]
        got = self._types.get(t)
        if got is None:
            got = self._types[t] = self._strings[t]
        return got

    def _opt(self, k: int) -> str | None:
        return None if k < 0 else self._strings[k]

    def find(self, entity_id: str) -> int:
        """The number of the entity answering to ``entity_id`` (its ID or one of its same_as), or -1."""
        k = self._byid.find(entity_id)
        return -1 if k < 0 else self._byid_e[self._byid.span(k)[0]]

    def same_as_of(self, i: int) -> tuple[str, ...]:
        """The other IDs of entity ``i`` (its ``same_as`` group, see :meth:`Lexicon.merged`)."""
        text = self.same_as[i]
        return tuple(text.split(_SEP)) if text else ()

    def __getitem__(self, i: int) -> EntityRecord:
        got = self._memo.get(i)
        if got is None:
            if not 0 <= i < len(self.ids):
                raise IndexError(i)
            pop = self.population[i]
            got = self._memo[i] = EntityRecord(
                self.ids[i], self.labels[i], self.type_of(i), self._opt(self.subtype[i]),
                self._opt(self.country[i]), self._opt(self.admin1[i]), self._opt(self.gender[i]),
                self.parent[i], None if pop < 0 else pop, self.same_as_of(i), self.prior[i], bool(self.haslabel[i]),
            )
        return got

    def __iter__(self) -> Iterator[EntityRecord]:
        return (self[i] for i in range(len(self.ids)))


# -- the matcher's tables -------------------------------------------------------------------


class _Vias:
    """Derivations (tuples of steps) numbered once each, stored as JSON arrays."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool
        self.ids: dict[tuple[str, ...], int] = {}

    def __call__(self, via: tuple[str, ...]) -> int:
        got = self.ids.get(via)
        if got is None:
            got = self.ids[via] = self.pool(json.dumps(list(via), ensure_ascii=False))
        return got

    def many(self, vias: Iterable[tuple[str, ...]]) -> list[int]:
        vias = list(vias)
        for v in dict.fromkeys(vias):
            self(v)
        return list(map(self.ids.__getitem__, vias))


def _write_hits(w: Writer, name: str, keys: list[str], buckets: list[list[_Hit]], pool: Pool, vias: _Vias) -> None:
    """A key -> hits table: the hits' fields as four columns (C-level passes over all hits)."""
    hits = list(chain.from_iterable(buckets))
    if hits:
        ents, aliases, via_tuples, quals = zip(*map(attrgetter("entity", "alias", "via", "quality"), hits))
    else:
        ents = aliases = via_tuples = quals = ()
    w.add_keymap(name, keys)
    offsets = array("I", [0])
    offsets.extend(accumulate(map(len, buckets)))
    w.add_array(f"{name}.#runs", "I", offsets)
    w.add_array(f"{name}.e", "i", ents)
    w.add_array(f"{name}.a", "i", pool.many(aliases))
    w.add_array(f"{name}.w", "i", vias.many(via_tuples))
    write_small_floats(w, f"{name}.q", quals)


def write_small_floats(w: Writer, name: str, values: Iterable[float]) -> None:
    """Floats of few distinct values (qualities, scores): the distinct ones (``name.t``), then
    each value as a 16-bit number into them (``name``); exact, and a quarter of the size."""
    values = list(values)
    table = {v: i for i, v in enumerate(dict.fromkeys(values))}
    if len(table) > 65535:  # pragma: no cover - qualities are products of a handful of factors
        raise ValueError(f"{name}: too many distinct values")
    w.add_array(f"{name}.t", "d", table)
    w.add_array(name, "H", map(table.__getitem__, values))


class SmallFloats:
    """Reads what :func:`write_small_floats` wrote: ``floats[i]``."""

    __slots__ = ("_t", "_i")

    def __init__(self, r: Reader, name: str) -> None:
        self._t = r.array(f"{name}.t", "d").tolist()
        self._i = r.array(name, "H")
        if len(self._i) and max(self._i) >= len(self._t):
            raise IndexFileError(f"{r.where}: corrupt (section {name})")

    def __len__(self) -> int:
        return len(self._i)

    def __getitem__(self, i: int) -> float:
        return self._t[self._i[i]]

    def slice(self, a: int, b: int) -> list[float]:
        t = self._t
        return [t[k] for k in self._i[a:b]]


def write_matcher(w: Writer, m: Matcher, pool: Pool, via_pool: Pool) -> None:
    """Every table of a built Matcher (fuzzy indexes included)."""
    from normalize.matcher import _place_words

    vias = _Vias(via_pool)
    for name, attr in _HIT_TABLES:
        table = getattr(m, attr)
        _write_hits(w, f"m.{name}", list(table), list(table.values()), pool, vias)
    core = m._core
    _write_hits(w, "m.core", [f"{c}{_SEP}{k}" for c, k in core], list(core.values()), pool, vias)
    w.add_strings("m.persons", [
        json.dumps([p.entity, p.gender, sorted(p.given_groups), sorted(p.given_skels), sorted(p.patronymic_skels),
                    sorted(p.initials), sorted(p.surname_skels), p.alias], ensure_ascii=False)
        for p in m._persons
    ])
    w.add_keymap("m.surnames", list(m._surnames), list(m._surnames.values()), (("p", "i"),))
    w.add_keymap("m.tokforms", list(m._token_forms), [[pool(s) for s in sorted(v)] for v in m._token_forms.values()],
                 (("s", "i"),))
    w.add_keymap("m.surkeys", [str(e) for e in m._surname_keys], [[pool(s) for s in sorted(v)] for v in m._surname_keys.values()],
                 (("s", "i"),))
    del1 = m._surname_del1_index()
    w.add_keymap("m.sdel1", list(del1), [[pool(s) for s in v] for v in del1.values()], (("s", "i"),))
    # fuzzy candidate indexes; skeleton keys are numbered as in m.skel (insertion order)
    kid = {k: i for i, k in enumerate(m._skel_keys)}
    cid = {c: i for i, c in enumerate(m._compact_keys)}  # a compact skeleton is named by its number in m.ckeys
    w.add_keymap("m.buckets", [f"{c}{_SEP}{n}" for c, n in m._buckets], [[cid[s] for s in v] for v in m._buckets.values()],
                 (("c", "i"),))
    w.add_keymap("m.ckeys", list(m._compact_keys), [[kid[k] for k in v] for v in m._compact_keys.values()], (("k", "i"),))
    w.add_keymap("m.tails", list(m._tails), [[cid[s] for s in v] for v in m._tails.values()], (("c", "i"),))
    w.add_keymap("m.grams", list(m._grams), list(m._grams.values()), (("k", "i"),))
    w.add_keymap("m.cons", list(m._cons), list(m._cons.values()), (("k", "i"),))
    owner = m._owner
    w.add_keymap("m.owner", list(owner), [[pool(g)] for g in owner.values()], (("g", "i"),))
    settlement, adjectives = _place_words()
    w.add_json("m.placewords", [sorted(settlement), {k: list(v) for k, v in adjectives.items()}])
    from normalize.org_names import org_types

    w.add_json("m.orgtypes", org_types().to_json())  # engine data, romanized once here
    w.add_json("m.meta", {"persons": len(m._persons), "entities": len(m.entities)})


class _Strings:
    """Shared strings and derivations, decoded once each."""

    def __init__(self, r: Reader) -> None:
        self.table = r.strings("s.str")
        self._vias_table = r.strings("s.vias")
        self._str: dict[int, str] = {}
        self._vias: dict[int, tuple[str, ...]] = {}

    def __getitem__(self, i: int) -> str:
        got = self._str.get(i)
        if got is None:
            got = self._str[i] = self.table[i]
        return got

    def via(self, i: int) -> tuple[str, ...]:
        got = self._vias.get(i)
        if got is None:
            try:
                got = self._vias[i] = tuple(json.loads(self._vias_table[i]))
            except ValueError:
                raise IndexFileError("corrupt index (a derivation is not JSON)") from None
        return got


class _View:
    """A read-only mapping over a KeyMap; subclasses decode the values."""

    __slots__ = ("_map", "_memo")

    def __init__(self, km: KeyMap) -> None:
        self._map = km
        self._memo: dict[Any, Any] = {}

    def _key(self, key: Any) -> str:
        return key  # type: ignore[no-any-return]

    def _values(self, k: int) -> Any:
        raise NotImplementedError

    def get(self, key: Any, default: Any = None) -> Any:
        memo = self._memo
        got = memo.get(key)
        if got is not None:
            return got
        k = self._map.find(self._key(key))
        if k < 0:
            return default
        got = self._values(k)
        if len(memo) > 50_000:
            memo.clear()
        memo[key] = got
        return got

    def __getitem__(self, key: Any) -> Any:
        got = self.get(key)
        if got is None:
            raise KeyError(key)
        return got

    def __contains__(self, key: object) -> bool:
        return self._map.find(self._key(key)) >= 0

    def __len__(self) -> int:
        return len(self._map)

    def __bool__(self) -> bool:
        return len(self._map) > 0

    def keys(self) -> Iterator[str]:
        return iter(self._map.keys.all()) if len(self._map) else iter(())

    __iter__ = keys

    def items(self) -> Iterator[tuple[str, Any]]:
        keys = self._map.keys
        for k in range(len(keys)):
            yield keys[k], self._values(k)

    def values(self) -> Iterator[Any]:
        for k in range(len(self._map)):
            yield self._values(k)


class _HitView(_View):
    __slots__ = ("_e", "_a", "_w", "_q", "_s", "_hit")

    def __init__(self, r: Reader, name: str, strings: _Strings) -> None:
        super().__init__(r.keymap(name))
        self._e, self._a = r.array(f"{name}.e", "i"), r.array(f"{name}.a", "i")
        self._w, self._q = r.array(f"{name}.w", "i"), SmallFloats(r, f"{name}.q")
        self._s = strings
        from normalize.matcher import _Hit

        self._hit = _Hit

    def _values(self, k: int) -> list[_Hit]:
        a, b = self._map.span(k)
        e, al, w, q, s, hit = self._e, self._a, self._w, self._q, self._s, self._hit
        return [hit(e[i], s[al[i]], s.via(w[i]), q[i]) for i in range(a, b)]


class _CoreView(_HitView):
    __slots__ = ()

    def _key(self, key: Any) -> str:
        return f"{key[0]}{_SEP}{key[1]}"


class _IntsView(_View):
    """key -> list of numbers (persons, key numbers)."""

    __slots__ = ("_col",)

    def __init__(self, r: Reader, name: str, col: str) -> None:
        super().__init__(r.keymap(name))
        self._col = r.array(f"{name}.{col}", "i")

    def _values(self, k: int) -> list[int]:
        a, b = self._map.span(k)
        return self._col[a:b].tolist()


class _StrsView(_IntsView):
    """key -> list of strings."""

    __slots__ = ("_s", "_wrap")

    def __init__(self, r: Reader, name: str, col: str, strings: _Strings, wrap: Any = list) -> None:
        super().__init__(r, name, col)
        self._s = strings
        self._wrap = wrap

    def _values(self, k: int) -> Any:
        a, b = self._map.span(k)
        s = self._s
        return self._wrap([s[i] for i in self._col[a:b]])


class _CompactsView(_IntsView):
    """key -> compact skeletons (named by their number in ``m.ckeys``)."""

    __slots__ = ("_names",)

    def __init__(self, r: Reader, name: str, names: StrTable) -> None:
        super().__init__(r, name, "c")
        self._names = names

    def _values(self, k: int) -> list[str]:
        a, b = self._map.span(k)
        names = self._names
        return [names[i] for i in self._col[a:b]]


class _BucketView(_CompactsView):
    __slots__ = ()

    def _key(self, key: Any) -> str:
        return f"{key[0]}{_SEP}{key[1]}"


class _IntKeyedStrs(_StrsView):
    __slots__ = ()

    def _key(self, key: Any) -> str:
        return str(key)


class _SkelKeysView(_IntsView):
    """compact skeleton -> the full skeleton keys (strings)."""

    __slots__ = ("_keys",)

    def __init__(self, r: Reader, name: str, keys: StrTable) -> None:
        super().__init__(r, name, "k")
        self._keys = keys

    def _values(self, k: int) -> list[str]:
        a, b = self._map.span(k)
        keys = self._keys
        return [keys[i] for i in self._col[a:b]]


class _OwnerView(_IntsView):
    __slots__ = ("_s",)

    def __init__(self, r: Reader, strings: _Strings) -> None:
        super().__init__(r, "m.owner", "g")
        self._s = strings

    def _values(self, k: int) -> str:
        return self._s[self._col[self._map.span(k)[0]]]


class _Persons:
    """The person table: decoded person by person, on first use."""

    def __init__(self, table: StrTable) -> None:
        self._table = table
        self._memo: dict[int, _Person] = {}

    def __len__(self) -> int:
        return len(self._table)

    def __bool__(self) -> bool:
        return len(self._table) > 0

    def __getitem__(self, pid: int) -> _Person:
        got = self._memo.get(pid)
        if got is None:
            from normalize.matcher import _Person

            try:
                e, g, gg, gs, ps, ini, ss, al = json.loads(self._table[pid])
            except (ValueError, TypeError):
                raise IndexFileError("corrupt index (a person record is not valid)") from None
            got = self._memo[pid] = _Person(entity=e, gender=g, given_groups=set(gg), given_skels=set(gs),
                                            patronymic_skels=set(ps), initials=set(ini), surname_skels=set(ss),
                                            alias=al)
        return got

    def __iter__(self) -> Iterator[_Person]:
        return (self[i] for i in range(len(self)))


class MatcherTables:
    """The views a Matcher uses, over the ``m.`` sections of an index."""

    def __init__(self, r: Reader, strings: _Strings) -> None:
        self.exact = _HitView(r, "m.exact", strings)
        self.skel = _HitView(r, "m.skel", strings)
        self.bag = _HitView(r, "m.bag", strings)
        self.acro = _HitView(r, "m.acro", strings)
        self.concept = _HitView(r, "m.concept", strings)
        self.core = _CoreView(r, "m.core", strings)
        self.persons = _Persons(r.strings("m.persons"))
        self.surnames = _IntsView(r, "m.surnames", "p")
        self.tokforms = _StrsView(r, "m.tokforms", "s", strings, set)
        self.surkeys = _IntKeyedStrs(r, "m.surkeys", "s", strings, set)
        self.sdel1 = _StrsView(r, "m.sdel1", "s", strings)
        self.skel_keys = self.skel._map.keys
        self.ckeys = _SkelKeysView(r, "m.ckeys", self.skel_keys)
        self.buckets = _BucketView(r, "m.buckets", self.ckeys._map.keys)
        self.tails = _CompactsView(r, "m.tails", self.ckeys._map.keys)
        self.grams = _IntsView(r, "m.grams", "k")
        self.cons = _IntsView(r, "m.cons", "k")
        self.owner = _OwnerView(r, strings)
        from normalize import org_names

        org_names.install(r.json("m.orgtypes"))
        settlement, adjectives = r.json("m.placewords")
        self.place_words = (frozenset(settlement), {k: tuple(v) for k, v in adjectives.items()})
        meta = r.json("m.meta")
        if meta.get("persons") != len(self.persons):
            raise IndexFileError(f"{r.where}: corrupt (person table)")


def attach_matcher(m: Matcher, r: Reader, strings: _Strings, entities: EntityTable) -> None:
    """Point a Matcher's tables at the compiled index ``r``."""
    t = MatcherTables(r, strings)
    m.entities = entities  # type: ignore[assignment]
    m._exact, m._skel, m._bag, m._acronyms, m._core = t.exact, t.skel, t.bag, t.acro, t.core  # type: ignore[assignment]
    m._concepts = t.concept  # type: ignore[assignment]
    m._persons, m._surnames = t.persons, t.surnames  # type: ignore[assignment]
    m._token_forms, m._surname_keys, m._surname_del1 = t.tokforms, t.surkeys, t.sdel1  # type: ignore[assignment]
    m._skel_keys = t.skel_keys  # type: ignore[assignment]
    m._buckets, m._compact_keys, m._tails, m._grams, m._cons = t.buckets, t.ckeys, t.tails, t.grams, t.cons  # type: ignore[assignment]
    m._owner = t.owner  # type: ignore[assignment]
    m._place_words_t = t.place_words
    m._fuzzy_ready = True


def lexicon_from(r: Reader) -> Lexicon:
    """The lexicon stored in a compiled index (parsed as a lexicon file is)."""
    from normalize.lexicon import Lexicon, _Loader

    try:
        text = zlib.decompress(r.raw("lexicon.jsonl.z")).decode("utf-8", "surrogatepass")
    except (zlib.error, UnicodeDecodeError):
        raise IndexFileError(f"{r.where}: corrupt (stored lexicon)") from None
    loader = _Loader()
    for i, line in enumerate(text.split("\n"), 1):
        if line:
            loader.parse_line(r.where, i, line)
    loader.finish()
    return Lexicon(loader.entities, content_hash=str(r.stamp.get("lexicon", "")))


def strings_of(r: Reader) -> _Strings:
    return _Strings(r)


def iter_ints(values: Iterable[int]) -> list[int]:
    return list(values)
