"""The Tagger's key table over the layers of a :class:`~normalize.index.layers.LayeredIndex`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from normalize.index.entities import ancestors_of
from normalize.index.layer_views import ConcatStrings

if TYPE_CHECKING:  # pragma: no cover
    from normalize.index.layers import LayeredIndex

__all__ = ["LayeredTable"]


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
        self._number = number
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
        self.strings = ConcatStrings([t.strings for t in self._tables])
        self.entities = _EntityRows(index.entities)
        self._ents = index.entities
        self._parsed: dict[int, Any] = {}
        self._ancestors: dict[int, tuple[int, ...]] = {}
        self.solo = _Solo(self)
        self.solo_score = _SoloScore(self)
        self.solo_via = _SoloVia(self)
        self.given = _PersonValue(self, "given")
        self.initials = _PersonValue(self, "initials")

    def number(self, key: str) -> int:
        """The number of ``key``, -1 when no layer has it."""
        return self._number.get(key, -1)

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

    def press_langs(self, kid: int) -> int:
        """Which languages write a key: the union over the layers that hold it."""
        places = self._where.get(kid)
        if places is None:
            return int(self._tables[0].press_langs(kid))
        m = 0
        for li, local in places:
            m |= self._tables[li].press_langs(local)
        return m

    def short(self, kid: int) -> list[int]:
        return self.hits(kid)[2]

    def ancestors(self, e: int) -> tuple[int, ...]:
        got = self._ancestors.get(e)
        if got is None:
            got = self._ancestors[e] = ancestors_of(self._ents.parent, e)
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
    __slots__ = ("_memo", "_t")

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

    def __getitem__(self, kid: int) -> int:
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
