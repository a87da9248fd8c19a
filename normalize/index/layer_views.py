"""Union views of the Matcher's tables over the layers of a :class:`~normalize.index.layers.LayeredIndex`.

Each view answers as the Matcher's table of one index compiled from every
layer would: entities and persons numbered layer after layer (global
numbers), the entities another layer answers for (masked) dropped.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from normalize.index.encoding import Lookup

if TYPE_CHECKING:  # pragma: no cover
    from normalize.index.layers import LayeredIndex
    from normalize.matcher.hits import Hit as _Hit
    from normalize.matcher.hits import PersonKeys as _Person

__all__ = ["ByEntity", "ConcatStrings", "UnionHits", "UnionInts", "UnionLists", "UnionPersons", "UnionPids", "UnionSets"]


class UnionHits(Lookup):
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

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        return sum(len(v) for v, _, _ in self._parts)

    def __bool__(self) -> bool:
        return any(len(v) for v, _, _ in self._parts)

    def keys(self) -> Iterator[str]:
        seen: set[str] = set()
        for view, _, _ in self._parts:
            for k in view:
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


class UnionPersons:
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


class UnionPids:
    """surname skeleton -> persons of every layer (global person numbers, masked ones dropped)."""

    def __init__(self, parts: list[tuple[Any, int]], persons: UnionPersons) -> None:
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
            for k in view:
                if k not in seen:
                    seen.add(k)
                    yield k


class UnionSets:
    def __init__(self, parts: list[Any]) -> None:
        self._parts = parts

    def get(self, key: str, default: Any = None) -> Any:
        out: set[str] | None = None
        for view in self._parts:
            got = view.get(key)
            if got:
                out = set(got) if out is None else out | got
        return out if out is not None else default


class UnionLists(Lookup):
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

    def __contains__(self, key: object) -> bool:
        return any(key in view for view in self._parts)


class UnionInts:
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


class ConcatStrings(Sequence[str]):
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


class ByEntity:
    """global entity -> the value its layer keeps for it (surname keys of a person)."""

    def __init__(self, index: LayeredIndex, parts: list[Any]) -> None:
        self._ix = index
        self._parts = parts

    def get(self, g: int, default: Any = None) -> Any:
        li, i = self._ix.locate(g)
        return self._parts[li].get(i, default)
