"""The best match of a name, remembered: batches repeat the same names a lot.

:class:`NameCache` is the one memory of names a batch keeps (in-memory API,
integrations, file workers alike): bounded, and blind to texts too long to be
names. :class:`Resolver` answers a name with its best match through one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

from normalize.batch.base import MAX_NAME_LENGTH

if TYPE_CHECKING:  # pragma: no cover
    from normalize.lexicon import LexiconLike
    from normalize.matcher import Match, Matcher

__all__ = ["CACHE_SIZE", "NameCache", "Resolver", "get_matcher"]

#: distinct names remembered per process before the cache is cleared (bounds memory)
CACHE_SIZE = 100_000

V = TypeVar("V")


class NameCache(Generic[V]):
    """Name -> what was found for it. Cleared when it holds :data:`CACHE_SIZE` names.

    A name longer than :data:`~normalize.batch.base.MAX_NAME_LENGTH` is not
    kept (it is no name, and would only take memory). ``get(name)`` is the
    dict's own ``get`` (None when absent): the hot paths call it directly.
    """

    __slots__ = ("_items", "get")

    def __init__(self) -> None:
        self._items: dict[str, V] = {}
        self.get = self._items.get

    def __contains__(self, name: str) -> bool:
        return name in self._items

    def __getitem__(self, name: str) -> V:
        return self._items[name]

    def __len__(self) -> int:
        return len(self._items)

    def items(self) -> list[tuple[str, V]]:
        return list(self._items.items())

    def put(self, name: str, value: V) -> None:
        if len(name) > MAX_NAME_LENGTH:
            return
        items = self._items
        if len(items) >= CACHE_SIZE:
            items.clear()
        items[name] = value


class Resolver:
    """The best match of a name at the options of a batch (remembered unless ``cache=False``)."""

    def __init__(
        self, matcher: Matcher, min_score: float | None, types: Sequence[str] | None, *, cache: bool = True
    ) -> None:
        from normalize.matcher import check_match_options

        check_match_options("", 1, min_score, types, matcher.entity_types)  # bad options fail now
        self.matcher = matcher
        self.min_score = min_score
        self.types = list(types) if types else None
        self._cache: NameCache[Match | None] | None = NameCache() if cache else None
        matcher.match("")  # build the indexes now (before a fork shares them)

    def best(self, name: str) -> Match | None:
        key = name.strip()
        if len(key) > MAX_NAME_LENGTH:  # not a name; not cached either (memory)
            return None
        cache = self._cache
        if cache is not None and key in cache:
            return cache[key]
        result = None
        if key:
            found = self.matcher.match(key, top=1, min_score=self.min_score, types=self.types)
            # "Berlin" in a table is the capital, not the lexicon's village so named (Match.elsewhere)
            result = found[0] if found and not found[0].elsewhere else None
        if cache is not None:
            cache.put(key, result)
        return result


_DEFAULT_MATCHER: Matcher | None = None


def get_matcher(matcher: Matcher | None, lexicon: LexiconLike) -> Matcher:
    """The given matcher, or one over ``lexicon`` (the bundled lexicons, built once, when None)."""
    global _DEFAULT_MATCHER
    from normalize.matcher import Matcher

    if matcher is not None:
        return matcher
    if lexicon is not None:
        return Matcher(lexicon)
    if _DEFAULT_MATCHER is None:
        _DEFAULT_MATCHER = Matcher(None)
    return _DEFAULT_MATCHER
