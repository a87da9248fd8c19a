"""What every step of one tagger reads: its compiled index, key table and per-entity arrays.

Made once per :class:`~normalize.tagger.Tagger` and shared by its scanner
(:mod:`normalize.tagger.scan`), ranker (:mod:`normalize.tagger.rank`) and resolver
(:mod:`normalize.tagger.resolve`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from normalize.tagger.rank import Cand, size, standing
from normalize.tagger.table import ACRO, FULL_ANY, FULL_CAP, KeyTable

if TYPE_CHECKING:  # pragma: no cover
    from normalize.matcher import Matcher

__all__ = ["TaggerState"]


class TaggerState:
    """A tagger's tables: ``compiled`` (a :class:`~normalize.index.CompiledIndex` or a layered
    index), its key ``table`` (:class:`~normalize.tagger.table.KeyTable`, or the layered
    index's table of the same interface), the key ``flags``, and per entity number
    ``is_person``, ``is_place`` (bytes), ``sizes`` (:func:`~normalize.tagger.rank.size`, places
    only) and ``standing`` (:func:`~normalize.tagger.rank.standing`).

    ``matcher``: the matcher over the same index (built with it, or opened on first use).
    """

    def __init__(self, compiled: Any, matcher: Matcher | None = None) -> None:
        self.compiled = compiled
        table: KeyTable = compiled.tagger_table()
        self.table = table
        ents = compiled.entities
        types = [ents.type_of(e) for e in range(len(ents))]
        self.is_person = bytes(t == "person" for t in types)
        self.is_place = bytes(t == "place" for t in types)
        rows = table.entities
        self.sizes = [size(rows[e]) if t == "place" else 0.0 for e, t in enumerate(types)]
        priors = ents.prior
        self.standing = [standing(priors[e]) for e in range(len(types))]
        self.flags = bytes(table.flags)
        self._matcher = matcher
        self._cand_cache: dict[tuple[int, int], list[Cand]] = {}

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
        """The full-name candidates of a key."""
        e = self.table.solo[kid]
        return [e] if e >= 0 else [h[0] for h in self.table.hits(kid)[0]]
