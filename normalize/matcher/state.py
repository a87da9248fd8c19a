"""The tables every part of the matcher reads, initialised in one place.

The parts of :class:`~normalize.matcher.Matcher` (places, organizations, persons,
fuzzy candidates, indexing, building, querying, ranking) are mixins over this one
state: a compiled index attaches its read-only tables as these same attributes
(:mod:`normalize.index.tables`), so query code is the same on a fresh build and on
an index, and each part reads the tables without passing them around.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from normalize.matcher.hits import EntityView, Hit, PersonKeys
from normalize.matcher.press_langs import ANY, rendering_masks
from normalize.matcher.variants import first_of_each, inflected_forms, romanize_with_via

if TYPE_CHECKING:  # pragma: no cover
    from normalize.index.source import LexiconSource

__all__ = ["Candidates", "MatcherState", "Offer"]

K = TypeVar("K")

#: a query's candidates: entity number -> (score, alias, via)
Candidates = dict[int, tuple[float, str, tuple[str, ...]]]


class Offer(Protocol):
    """Offer hits to a query's candidates at ``score`` (times each hit's quality), ``extra`` added to their via."""

    def __call__(self, hits: Iterable[Hit], score: float, extra: tuple[str, ...] = ...) -> None: ...


class MatcherState:
    """The matcher's tables and flags (see the module docstring)."""

    def _init_state(self, threshold: float, cache: bool) -> None:
        """Every attribute a matcher has, empty: what ``__init__`` and an index's matcher start from."""
        self._source: LexiconSource | None = None
        self.threshold = threshold
        self.entities: Sequence[EntityView] = []
        self._exact: dict[str, list[Hit]] = defaultdict(list)
        self._skel: dict[str, list[Hit]] = defaultdict(list)
        self._bag: dict[str, list[Hit]] = defaultdict(list)
        self._core: dict[tuple[str, str], list[Hit]] = defaultdict(list)
        self._acronyms: dict[str, list[Hit]] = defaultdict(list)
        self._concepts: dict[str, list[Hit]] = defaultdict(list)
        self._persons: list[PersonKeys] = []
        self._surnames: dict[str, list[int]] = defaultdict(list)
        self._token_forms: dict[str, set[str]] = defaultdict(set)
        self._surname_keys: dict[int, set[str]] = defaultdict(set)
        self._surname_del1: dict[str, list[str]] | None = None
        self._owner: Mapping[str, str] = {}  # given-name form -> its group (see persons.given_names)
        self._place_words_t: tuple[frozenset[str], dict[str, tuple[str, ...]]] = (frozenset(), {})
        self._skel_keys: Sequence[str] = []
        # the engine's words (set by _engine_words when the tables are built or attached)
        self._stop: set[str] = set()
        self._stop_sk: frozenset[str] = frozenset()
        self._categories: dict[str, str] = {}
        # the fuzzy indexes (built on first need, or attached from an index)
        self._buckets: dict[tuple[str, int], list[str]] = {}
        self._compact_keys: dict[str, list[str]] = {}
        self._tails: dict[str, list[str]] = {}
        self._grams: dict[str, list[int]] = {}
        self._cons: dict[str, list[int]] = {}
        # the entity types, computed on first need
        self._types_held: frozenset[str] | None = None
        self._entity_types: frozenset[str] | None = None
        self._roman: dict[tuple[str, str | None], list[tuple[str, str]]] = {}  # batch romanizations, during a build
        self._roman_masks: dict[tuple[str, str | None], dict[str, int]] = {}  # their press-only renderings' masks
        #: exact key -> the press languages that alone write it (normalize.matcher.press_langs); absent: any
        self._press_only: dict[str, int] = {}
        self._built = False
        self._fuzzy_ready = False
        self._use_cache = cache
        self._compiled: Any = None  # the CompiledIndex the tables live in, if any
        self._lock = threading.Lock()

    def _add(self, index: dict[K, list[Hit]], key: K, hit: Hit) -> None:
        """Keep one hit per entity and key: the first of the best quality.

        The build adds an entity's hits together, entity after entity in index
        order, so an entity already in the bucket can only be its last hit (the
        scan below is for hits added out of that order).
        """
        bucket = index[key]
        if bucket:
            last = bucket[-1]
            if last.entity == hit.entity:
                if hit.quality > last.quality:
                    bucket[-1] = hit
                return
            if last.entity > hit.entity:
                for i, old in enumerate(bucket):
                    if old.entity == hit.entity:
                        if hit.quality > old.quality:
                            bucket[i] = hit
                        return
        bucket.append(hit)

    def _romanized(self, text: str, lang: str | None) -> list[tuple[str, str]]:
        """The distinct renderings of :func:`~normalize.matcher.variants.romanize_with_via`, each with its first
        scheme (see :func:`~normalize.matcher.variants.first_of_each`), from the batch done at the start of the
        build when there."""
        got = self._roman.get((text, lang))
        if got is None:
            pairs = romanize_with_via(text, lang)
            got = first_of_each([out for out, _ in pairs], [sid for _, sid in pairs])
        return got

    def _rendering_mask(self, text: str, lang: str | None, out: str) -> int:
        """Which languages write ``out``, a rendering of ``text`` (:mod:`normalize.matcher.press_langs`):
        from the batch done at the start of the build when there."""
        got = self._roman_masks.get((text, lang))
        if got is None:
            if (text, lang) in self._roman:
                return ANY  # batched, and every rendering is some scheme's for any reader
            pairs = romanize_with_via(text, lang)
            got = rendering_masks([o for o, _ in pairs], [sid for _, sid in pairs])
        return got.get(out, ANY)

    def _stop_skels(self) -> frozenset[str]:
        """The skeletons of the stop words."""
        return self._stop_sk

    def _inflected(self, text: str, lang: str | None, entity: EntityView) -> dict[str, str]:
        """The inflected forms of a name of an entity (form -> case)."""
        return inflected_forms(text, lang, entity.type, getattr(entity, "gender", None))

    def _lexicon_types(self) -> frozenset[str]:
        """The entity types the lexicon holds (computed once)."""
        got = self._types_held
        if got is None:
            types = getattr(self.entities, "types", None)  # an index's entities know theirs without a walk
            got = self._types_held = frozenset(types() if types is not None else {e.type for e in self.entities})
        return got
