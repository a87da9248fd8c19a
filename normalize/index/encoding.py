"""How a compiled index stores values: interned strings, small floats, shared strings.

The pieces every table of an index is written with (:class:`Pool`,
:func:`write_small_floats`) and read with (:class:`SmallFloats`,
:class:`SharedStrings`): the entity columns, the Matcher's tables and the
Tagger's key table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from normalize.index.container import IndexFileError, Reader, Writer

__all__ = ["SEP", "Lookup", "Pool", "SharedStrings", "SmallFloats", "strings_of", "write_small_floats"]

#: joins the parts of a composite key, or the items of a list, stored as one string
SEP = "\x1f"


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

    __slots__ = ("_i", "_t")

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


class SharedStrings:
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


def strings_of(r: Reader) -> SharedStrings:
    """The shared strings of an index (``s.str``, ``s.vias``)."""
    return SharedStrings(r)


class Lookup:
    """A read-only table that answers :meth:`get`; ``table[key]`` raises KeyError where ``get`` gives None."""

    __slots__ = ()

    def get(self, key: Any, default: Any = None) -> Any:
        raise NotImplementedError

    def __getitem__(self, key: Any) -> Any:
        got = self.get(key)
        if got is None:
            raise KeyError(key)
        return got
