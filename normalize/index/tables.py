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
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate, chain
from typing import TYPE_CHECKING, Any

from normalize.index.container import IndexFileError, KeyMap, Reader, StrTable, Writer
from normalize.index.encoding import SEP as _SEP
from normalize.index.encoding import Lookup, Pool, SharedStrings, SmallFloats, strings_of, write_small_floats
from normalize.index.entities import EntityRecord, EntityTable, lexicon_from, write_entities, write_lexicon

if TYPE_CHECKING:  # pragma: no cover
    from normalize.matcher import Matcher
    from normalize.matcher.hits import Hit as _Hit
    from normalize.matcher.hits import PersonKeys as _Person

__all__ = [
    "EntityRecord",  # (moved to normalize.index.entities; importable here as before)
    "EntityTable",
    "MatcherTables",
    "Pool",  # (moved to normalize.index.encoding; importable here as before)
    "SmallFloats",
    "attach_matcher",
    "lexicon_from",
    "strings_of",
    "write_entities",
    "write_key_maps",
    "write_lexicon",
    "write_matcher",
    "write_small_floats",
]

_HIT_TABLES = (("exact", "_exact"), ("skel", "_skel"), ("bag", "_bag"), ("acro", "_acronyms"), ("concept", "_concepts"))


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


def _write_hits(w: Writer, name: str, keys: list[str], buckets: list[list[_Hit]], pool: Pool, vias: _Vias,
                keys_apart: bool = False) -> None:
    """A key -> hits table: the hits' fields as four columns (C-level passes over all hits).

    ``keys_apart``: the key map's sections are only reserved (:func:`write_key_maps` writes them).
    """
    hits = list(chain.from_iterable(buckets))
    if hits:
        # a Hit is a named tuple (entity, alias, via, quality): its fields are its items
        ents, aliases, via_tuples, quals = zip(*hits)
    else:
        ents = aliases = via_tuples = quals = ()
    if keys_apart:
        w.reserve(Writer.keymap_sections(name))
    else:
        w.add_keymap(name, keys)
    offsets = array("I", [0])
    offsets.extend(accumulate(map(len, buckets)))
    w.add_array(f"{name}.#runs", "I", offsets)
    w.add_array(f"{name}.e", "i", ents)
    w.add_array(f"{name}.a", "i", pool.many(aliases))
    w.add_array(f"{name}.w", "i", vias.many(via_tuples))
    write_small_floats(w, f"{name}.q", quals)


#: the hit tables whose key maps :func:`write_key_maps` writes (they need no shared string)
_KEYS_APART = ("exact",)


def write_key_maps(w: Writer, m: Matcher) -> None:
    """The key maps ``write_matcher(..., keys_apart=True)`` leaves out (a compile has them
    written by the process that writes the tagger's table, which has time to spare)."""
    for name, attr in _HIT_TABLES:
        if name in _KEYS_APART:
            w.add_keymap(f"m.{name}", list(getattr(m, attr)))


def write_matcher(w: Writer, m: Matcher, pool: Pool, via_pool: Pool, *, keys_apart: bool = False) -> None:
    """Every table of a built Matcher (fuzzy indexes included).

    ``keys_apart``: the key maps of :func:`write_key_maps` are only reserved, for it to fill.
    """
    from normalize.matcher.fuzzy import _GRAM_CAP
    from normalize.matcher.places import place_words as _place_words

    vias = _Vias(via_pool)
    for name, attr in _HIT_TABLES:
        table = getattr(m, attr)
        _write_hits(w, f"m.{name}", list(table), list(table.values()), pool, vias,
                    keys_apart=keys_apart and name in _KEYS_APART)
    core = m._core
    _write_hits(w, "m.core", [f"{c}{_SEP}{k}" for c, k in core], list(core.values()), pool, vias)
    w.add_strings("m.persons", [
        json.dumps([p.entity, p.gender, sorted(p.given_groups), sorted(p.given_skels), sorted(p.patronymic_skels),
                    sorted(p.initials), sorted(p.surname_skels), p.alias], ensure_ascii=False)
        for p in m._persons
    ])
    surnames = sorted(m._surnames)  # sorted keys: the same file whatever the hash seed of the build
    w.add_keymap("m.surnames", surnames, [m._surnames[k] for k in surnames], (("p", "i"),))
    w.add_keymap("m.tokforms", list(m._token_forms), [[pool(s) for s in sorted(v)] for v in m._token_forms.values()],
                 (("s", "i"),))
    w.add_keymap("m.surkeys", [str(e) for e in m._surname_keys], [[pool(s) for s in sorted(v)] for v in m._surname_keys.values()],
                 (("s", "i"),))
    del1 = m._surname_del1_index()
    dels = sorted(del1)
    w.add_keymap("m.sdel1", dels, [[pool(s) for s in sorted(del1[d])] for d in dels], (("s", "i"),))
    # fuzzy candidate indexes; skeleton keys are numbered as in m.skel (insertion order)
    kid = {k: i for i, k in enumerate(m._skel_keys)}
    cid = {c: i for i, c in enumerate(m._compact_keys)}  # a compact skeleton is named by its number in m.ckeys
    w.add_keymap("m.buckets", [f"{c}{_SEP}{n}" for c, n in m._buckets], [[cid[s] for s in v] for v in m._buckets.values()],
                 (("c", "i"),))
    w.add_keymap("m.ckeys", list(m._compact_keys), [[kid[k] for k in v] for v in m._compact_keys.values()], (("k", "i"),))
    w.add_keymap("m.tails", list(m._tails), [[cid[s] for s in v] for v in m._tails.values()], (("c", "i"),))
    grams = sorted(m._grams)
    # a trigram in more keys than the fuzzy search reads (_GRAM_CAP) is never read: stored cut
    # after one id more, which keeps it too long (in a layered index's union of lists too)
    cut = _GRAM_CAP + 1
    w.add_keymap("m.grams", grams, [m._grams[g][:cut] for g in grams], (("k", "i"),))
    w.add_keymap("m.cons", list(m._cons), list(m._cons.values()), (("k", "i"),))
    owner = m._owner
    owners = sorted(owner)
    w.add_keymap("m.owner", owners, [[pool(owner[k])] for k in owners], (("g", "i"),))
    settlement, adjectives = _place_words()
    w.add_json("m.placewords", [sorted(settlement), {k: list(adjectives[k]) for k in sorted(adjectives)}])
    from normalize.org_names import org_types

    w.add_json("m.orgtypes", org_types().to_json())  # engine data, romanized once here
    w.add_json("m.meta", {"persons": len(m._persons), "entities": len(m.entities)})


class _View(Lookup):
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
    __slots__ = ("_a", "_e", "_hit", "_q", "_s", "_w")

    def __init__(self, r: Reader, name: str, strings: SharedStrings) -> None:
        super().__init__(r.keymap(name))
        self._e, self._a = r.array(f"{name}.e", "i"), r.array(f"{name}.a", "i")
        self._w, self._q = r.array(f"{name}.w", "i"), SmallFloats(r, f"{name}.q")
        self._s = strings
        from normalize.matcher.hits import Hit as _Hit

        self._hit = _Hit

    def _values(self, k: int) -> list[_Hit]:
        a, b = self._map.span(k)
        e, al, w, q, s, hit = self._e, self._a, self._w, self._q, self._s, self._hit
        return [hit(e[i], s[al[i]], s.via(w[i]), q[i]) for i in range(a, b)]


class _CoreView(_HitView):
    __slots__ = ()

    def _key(self, key: Any) -> str:
        return f"{key[0]}{_SEP}{key[1]}"


class _ColumnView(_View):
    """key -> a run of a number column, decoded by subclasses."""

    __slots__ = ("_col",)

    def __init__(self, r: Reader, name: str, col: str) -> None:
        super().__init__(r.keymap(name))
        self._col = r.array(f"{name}.{col}", "i")


class _IntsView(_ColumnView):
    """key -> list of numbers (persons, key numbers)."""

    __slots__ = ()

    def _values(self, k: int) -> list[int]:
        a, b = self._map.span(k)
        return self._col[a:b].tolist()


class _StrsView(_ColumnView):
    """key -> list of strings."""

    __slots__ = ("_s", "_wrap")

    def __init__(self, r: Reader, name: str, col: str, strings: SharedStrings, wrap: Any = list) -> None:
        super().__init__(r, name, col)
        self._s = strings
        self._wrap = wrap

    def _values(self, k: int) -> Any:
        a, b = self._map.span(k)
        s = self._s
        return self._wrap([s[i] for i in self._col[a:b]])


class _CompactsView(_ColumnView):
    """key -> compact skeletons (named by their number in ``m.ckeys``)."""

    __slots__ = ("_names",)

    def __init__(self, r: Reader, name: str, names: StrTable) -> None:
        super().__init__(r, name, "c")
        self._names = names

    def _values(self, k: int) -> list[str]:
        a, b = self._map.span(k)
        return self._names.many(self._col[a:b])  # (a bucket holds hundreds of names)


class _BucketView(_CompactsView):
    __slots__ = ()

    def _key(self, key: Any) -> str:
        return f"{key[0]}{_SEP}{key[1]}"


class _IntKeyedStrs(_StrsView):
    __slots__ = ()

    def _key(self, key: Any) -> str:
        return str(key)


class _SkelKeysView(_ColumnView):
    """compact skeleton -> the full skeleton keys (strings)."""

    __slots__ = ("_keys",)

    def __init__(self, r: Reader, name: str, keys: StrTable) -> None:
        super().__init__(r, name, "k")
        self._keys = keys

    def _values(self, k: int) -> list[str]:
        a, b = self._map.span(k)
        keys = self._keys
        return [keys[i] for i in self._col[a:b]]


class _OwnerView(_ColumnView):
    __slots__ = ("_s",)

    def __init__(self, r: Reader, strings: SharedStrings) -> None:
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
            from normalize.matcher.hits import PersonKeys as _Person

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

    def __init__(self, r: Reader, strings: SharedStrings) -> None:
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


def attach_matcher(m: Matcher, r: Reader, strings: SharedStrings, entities: EntityTable) -> None:
    """Point a Matcher's tables at the compiled index ``r``."""
    t = MatcherTables(r, strings)
    m.entities = entities  # type: ignore[assignment]
    m._exact, m._skel, m._bag, m._acronyms, m._core = t.exact, t.skel, t.bag, t.acro, t.core  # type: ignore[assignment]
    m._concepts = t.concept  # type: ignore[assignment]
    m._persons, m._surnames = t.persons, t.surnames  # type: ignore[assignment]
    m._token_forms, m._surname_keys, m._surname_del1 = t.tokforms, t.surkeys, t.sdel1  # type: ignore[assignment]
    m._skel_keys = t.skel_keys
    m._buckets, m._compact_keys, m._tails, m._grams, m._cons = t.buckets, t.ckeys, t.tails, t.grams, t.cons  # type: ignore[assignment]
    m._owner = t.owner  # type: ignore[assignment]
    m._place_words_t = t.place_words
    m._fuzzy_ready = True
