"""What every step of one tagger reads: its compiled index, key table and per-entity arrays.

Made once per :class:`~normalize.tagger.Tagger` and shared by its scanner
(:mod:`normalize.tagger.scan`), ranker (:mod:`normalize.tagger.rank`) and resolver
(:mod:`normalize.tagger.resolve`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from normalize.tagger.table import ACRO, FULL_ANY, FULL_CAP, EntityRows, KeyTableLike
from normalize.tagger.words import SUBTYPE_SIZE

if TYPE_CHECKING:  # pragma: no cover
    from normalize.index import CompiledIndex
    from normalize.index.layers import LayeredIndex
    from normalize.matcher import Matcher

__all__ = ["PRIOR_SPAN", "Cand", "TaggerState", "UsesState", "size", "standing"]

#: a candidate of a key: (entity, score, via string number)
Cand = tuple[int, float, int]


def size(entity: list[Any]) -> float:
    """How big a place is: log10 of its population (what the text's evidence weighs).

    Homonyms are ranked by :func:`standing` instead.
    """
    pop = entity[6]
    if pop:
        return math.log10(1 + pop)
    return SUBTYPE_SIZE.get(entity[7] or "", 0.0)


#: the prior's scale in standing units (log10 of a population: a prior is (log10(population) - 2) / 5)
PRIOR_SPAN, PRIOR_FLOOR = 5.0, 2.0


def standing(prior: float) -> float:
    """How big or prominent an entity is, for telling homonyms apart: its prior (given by the
    lexicon, else derived from population and subtype, see :mod:`normalize.prior`) on the scale
    of log10 of a population (a town of 10,000: 4).

    A homonym consistent with the document's other places (see
    :meth:`normalize.tagger.rank.Ranker.choose`) gets points on top of this: 8 for
    the same entity named unambiguously, 4 for a parent or child of a place named,
    1 for the same GeoNames admin1 region (2 more for a place with no parent in the lexicon when that
    region is itself named: "Степове на Миколаївщині"), 0.5 for the same country; so a town of 14,000 (4.2) in the same oblast as
    another place named does not beat the city of 470,000 (5.7) that shares its
    name, but a village beats an equal village elsewhere. A key that spells the
    entity's label (its preferred name, not an alternate or former one) adds what
    the matcher's label bonus is worth on this scale (``Pokrovsk`` is Pokrovsk,
    not Engels, formerly Pokrovsk).
    """
    return PRIOR_FLOOR + PRIOR_SPAN * prior


class TaggerState:
    """A tagger's tables: ``compiled`` (a :class:`~normalize.index.CompiledIndex` or a layered
    index), its key ``table`` (:class:`~normalize.tagger.table.KeyTable`, or the layered
    index's table of the same interface), the key ``flags``, and per entity number
    ``is_person``, ``is_place`` (bytes), ``sizes`` (:func:`size`, places only, computed on first use) and
    ``standing`` (:func:`standing`).

    ``matcher``: the matcher over the same index (built with it, or opened on first use).
    """

    def __init__(self, compiled: CompiledIndex | LayeredIndex, matcher: Matcher | None = None) -> None:
        self.compiled = compiled
        table: KeyTableLike = compiled.tagger_table()
        self.table = table
        ents = compiled.entities
        types = [ents.type_of(e) for e in range(len(ents))]
        self.is_person = bytes(t == "person" for t in types)
        self.is_place = bytes(t == "place" for t in types)
        self.sizes = _Sizes(table.entities, self.is_place, ents)
        priors = ents.prior
        self.standing = [standing(priors[e]) for e in range(len(types))]
        self.flags = bytes(table.flags)
        self._matcher = matcher
        self._cand_cache: dict[tuple[int, int], list[Cand]] = {}
        self._ents_of: dict[int, list[int]] = {}

    @property
    def matcher(self) -> Matcher:
        """The matcher over the same index (for category cores and the fuzzy pass); nothing is built."""
        if self._matcher is None:
            self._matcher = self.compiled.shared_matcher()
        return self._matcher

    def candidates(self, kid: int, mask: int) -> list[Cand]:
        """(entity, score, via) of the full and acronym hits valid for this mention, best first."""
        key = (kid, mask)
        got = self._cand_cache.get(key)
        if got is not None:
            return got
        t = self.table
        full, acro, _ = t.hits(kid)
        use_full = mask & (FULL_CAP | FULL_ANY)
        if use_full and not (mask & ACRO and acro):
            got = full
        elif not use_full:
            got = acro if mask & ACRO else []
        else:
            merged: dict[int, Cand] = {h[0]: h for h in full}
            for h in acro:
                if h[0] not in merged or merged[h[0]][1] < h[1]:
                    merged[h[0]] = h
            ents = t.entities
            got = sorted(merged.values(), key=lambda c: (-c[1], -(ents[c[0]][6] or 0), c[0]))
        if len(self._cand_cache) > 500_000:
            self._cand_cache.clear()
        self._cand_cache[key] = got
        return got

    def entities_of(self, kid: int) -> list[int]:
        """The full-name candidates of a key (those of a key of several entities are kept: the caller
        must not change the list)."""
        e = self.table.solo[kid]
        if e >= 0:
            return [e]
        got = self._ents_of.get(kid)
        if got is None:
            got = [h[0] for h in self.table.hits(kid)[0]]
            if len(self._ents_of) > 200_000:
                self._ents_of.clear()
            self._ents_of[kid] = got
        return got


class _Sizes:
    """:func:`size` by entity number (0 for anything but a place), each computed when first asked for:
    a warm start reads no entity it does not tag."""

    __slots__ = ("_columns", "_got", "_is_place", "_rows", "_subtype_size")

    def __init__(self, rows: Any, is_place: bytes, entities: Any = None) -> None:
        from normalize.index.entities import EntityTable

        self._rows = rows
        self._is_place = is_place
        self._got: dict[int, float] = {}
        # a compiled index's entity table: the population and subtype read from their columns, without
        # making the entity's whole row (most places weighed are never tagged: homonyms, rejected words)
        self._columns = entities if type(entities) is EntityTable else None
        self._subtype_size: dict[int, float] = {}  # subtype string number -> its size (a few dozen)

    def __len__(self) -> int:
        return len(self._is_place)

    def __getitem__(self, e: int) -> float:
        got = self._got.get(e)
        if got is None:
            if not self._is_place[e]:
                got = 0.0
            elif self._columns is not None:
                cols = self._columns
                pop = cols.population[e]
                # size() of the row [..., population (None when negative), subtype (None when -1)], without
                # making it: a population above 0 decides; else the subtype's size, worked out once per subtype
                if pop > 0:
                    got = math.log10(1 + pop)
                else:
                    sub = cols.subtype[e]
                    got = self._subtype_size.get(sub)
                    if got is None:
                        got = self._subtype_size[sub] = SUBTYPE_SIZE.get(cols._opt(sub) or "", 0.0)
            else:
                got = size(self._rows[e])
            self._got[e] = got
        return got


class UsesState:
    """A part of a tagger (scanner, ranker, resolver...): its state, and the tables it reads
    most, as attributes of its own (they are read in the hot loops)."""

    def __init__(self, state: TaggerState) -> None:
        self._state = state
        self._compiled = state.compiled
        self._t = state.table
        self._flags = state.flags
        self._is_person = state.is_person
        self._is_place = state.is_place
        self._standing = state.standing
        self._candidates = state.candidates

    def _subtype(self, x: int) -> str:
        """Entity ``x``'s subtype, "" for none: from a compiled index's column (:meth:`EntityRows.subtype`)
        without making the entity's row (most places the tagger weighs are never tagged), else from the row."""
        rows = self._t.entities
        return (rows.subtype(x) if isinstance(rows, EntityRows) else rows[x][7]) or ""
