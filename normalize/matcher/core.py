"""The facade: :class:`Matcher` and its public methods (the parts live in the other modules)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, overload

from normalize.matcher.data import ranking
from normalize.matcher.options import check_match_options, check_score
from normalize.matcher.ranking import Ranker
from normalize.matcher.results import Explanation, Match
from normalize.scores import DEFAULT_THRESHOLD

if TYPE_CHECKING:  # pragma: no cover
    # what the public API accepts as a lexicon (to be imported from normalize.lexicon once it defines it there)
    from normalize.lexicon import LexiconLike

__all__ = ["Matcher"]


class AttachesTables(Protocol):
    """An opened index that can point a matcher's tables at its own (:meth:`Matcher.over_index`)."""

    def attach(self, matcher: Matcher) -> None: ...


class Matcher(Ranker):
    """Match names in any script and spelling against a lexicon.

    >>> from normalize.lexicon import Entity, Lexicon, Name
    >>> lex = Lexicon.from_entities([Entity("place:tyotkino", "place", (Name("Тёткино", "ru"),))])
    >>> m = Matcher(lex)
    >>> [r.id for r in m.match("Tetkino")]
    ['place:tyotkino']
    >>> m.match("Kramatorsk")
    []
    """

    def __init__(self, lexicon: LexiconLike = None, *, threshold: float = DEFAULT_THRESHOLD,
                 cache: bool = True) -> None:
        from normalize.index.source import LexiconSource

        check_score("threshold", threshold)
        self._init_state(threshold, cache)
        self._source = LexiconSource.of(lexicon)

    @classmethod
    def from_index(cls, path: str | Path, *, threshold: float = DEFAULT_THRESHOLD) -> Matcher:
        """A matcher over a compiled index file (``normalize lexicon compile``).

        Nothing is built: the tables are read in place from the file. Raises
        :class:`~normalize.index.IndexFileError` for a file that is not a usable
        index (truncated, corrupt, foreign, or compiled by another engine version).
        """
        from normalize.index import load_index

        return load_index(path).matcher(threshold=threshold)

    @classmethod
    def over_index(cls, index: AttachesTables, *, threshold: float | None = None) -> Matcher:
        """A matcher whose tables are those of an opened index (compiled or layered): nothing is built."""
        m = cls.__new__(cls)
        m._init_state(DEFAULT_THRESHOLD if threshold is None else threshold, False)
        index.attach(m)
        m._built = True
        return m

    def worker_spec(self) -> tuple[Any, ...]:
        """What another process needs to open an equal matcher cheaply (:meth:`from_worker_spec`).

        The compiled index file when the tables come from one, else the lexicon
        files (or, for a lexicon built in code, the lexicon itself).
        """
        spec = self._compiled.spec() if self._compiled is not None else None
        if spec is not None:
            return ("index", spec, self.threshold)
        assert self._source is not None
        paths = self._source.paths
        if paths or self._source.is_bundled:
            return ("lexicon", [str(p) for p in paths] if not self._source.is_bundled else None, self.threshold,
                    self._use_cache)
        return ("object", self._source.load(), self.threshold, self._use_cache)

    @classmethod
    def from_worker_spec(cls, spec: tuple[Any, ...]) -> Matcher:
        """The matcher a :meth:`worker_spec` describes (in another process)."""
        if spec[0] == "index":
            from normalize.index.layers import reopen

            return reopen(spec[1]).matcher(threshold=spec[2])  # type: ignore[no-any-return]
        return cls(spec[1], threshold=spec[2], cache=spec[3])

    # -- variants (for `lexicon show`) ----------------------------------------------

    def variants(self, entity_id: str) -> list[tuple[str, tuple[str, ...]]]:
        """Every light key the index holds for an entity, with how it was derived."""
        self._ensure_built()
        idx = next((i for i, e in enumerate(self.entities) if e.id == entity_id), None)
        if idx is None:
            raise KeyError(entity_id)
        tables = chain(self._exact.items(), self._acronyms.items())
        return sorted((key, h.via) for key, hits in tables for h in hits if h.entity == idx)

    def surface_keys(self) -> Iterator[tuple[str, list[tuple[str, str, tuple[str, ...], float]], bool]]:
        """Every exact light key of the index, for a bulk text tagger.

        Yields ``(key, hits, acronym)`` where each hit is ``(entity_id, alias,
        via, quality)``; ``acronym`` keys should only be taken where the text
        writes them in capitals. Keys are outputs of :func:`normalize.fold.fold`.
        """
        self._ensure_built()
        ents = self.entities
        for key, hits in self._exact.items():
            yield key, [(ents[h.entity].id, h.alias, h.via, h.quality) for h in hits], False
        for key, hits in self._acronyms.items():
            yield key, [(ents[h.entity].id, h.alias, h.via, h.quality) for h in hits], True

    def person_short_forms(self, entity_id: str) -> set[str]:
        """Light keys of a person's surname renderings (for "... Baranovskyi said")."""
        self._ensure_built()
        out: set[str] = set()
        for p in self._persons:
            if self.entities[p.entity].id == entity_id:
                out.update(k for k in self._surname_keys.get(p.entity, ()))
        return out

    # -- matching -------------------------------------------------------------------

    def match(
        self,
        name: str,
        *,
        top: int = 5,
        min_score: float | None = None,
        types: Iterable[str] | str | None = None,
    ) -> list[Match]:
        """Candidates for ``name``, best first, scores at or above ``min_score``.

        ``top``: at most that many (0: all); ``min_score``: 0-100 (default: the
        matcher's threshold); ``types``: only entities of these types. A bad
        argument raises TypeError or ValueError, as the CLI rejects it.

        Candidates are ordered by *rank*: the score plus the entity's prior (how
        prominent it is, :mod:`normalize.prior`), a bonus when the name that matched
        is the entity's label, and, for a surname alone, a bonus that makes up for
        its lower score (so a prominent person's surname outranks a small village
        spelled alike); see :meth:`explain`. Candidates whose scores are within a
        couple of points of the best are all returned with ``ambiguous`` set: the
        name fits each of them about equally, and the first is the one the priors
        prefer (:meth:`best` tells whether that preference is clear).
        """
        type_set = check_match_options(name, top, min_score, types)
        return [m for m, _, _ in self._ranked(name, top=top, min_score=min_score, type_set=type_set)]

    def best(self, name: str, *, min_score: float | None = None,
             types: Iterable[str] | str | None = None) -> Match | None:
        """The one answer for ``name``: the first match, or None when there is none or when it is
        ambiguous without a clear winner (two entities the name fits alike and whose priors do
        not tell them apart).

        >>> from normalize.lexicon import Entity, Lexicon, Name
        >>> lex = Lexicon.from_entities([
        ...     Entity("person:a", "person", (Name("Дмитро Кулеба", "uk"),), prior=0.9),
        ...     Entity("person:b", "person", (Name("Олексій Кулеба", "uk"),), prior=0.6),
        ...     Entity("person:c", "person", (Name("Віталій Кличко", "uk"),)),
        ...     Entity("person:d", "person", (Name("Володимир Кличко", "uk"),))])
        >>> m = Matcher(lex, cache=False)
        >>> [(r.id, r.ambiguous) for r in m.match("Kuleba")], m.best("Kuleba").id
        ([('person:a', True), ('person:b', True)], 'person:a')
        >>> [r.ambiguous for r in m.match("Klitschko")], m.best("Klitschko")
        ([True, True], None)
        """
        type_set = check_match_options(name, 2, min_score, types)
        ranked = self._ranked(name, top=2, min_score=min_score, type_set=type_set)
        if not ranked:
            return None
        (first, rank, _), rest = ranked[0], ranked[1:]
        if first.elsewhere:
            return None  # "Berlin": the capital, not the lexicon's village so named
        if first.ambiguous and rest and rest[0][0].ambiguous and rank - rest[0][1] < ranking()["clear_lead"]:
            return None
        return first

    @overload
    def explain(self, name: str, *, structured: Literal[False] = ...) -> str: ...

    @overload
    def explain(self, name: str, *, structured: Literal[True]) -> Explanation: ...

    def explain(self, name: str, *, structured: bool = False) -> str | Explanation:
        """A readable account of how ``name`` was matched (or why not), and why the first ranks first.

        With ``structured=True``, the same account as data (:class:`~normalize.matcher.Explanation`:
        the query's keys, the first five candidates at any score with their rank and its parts,
        each match's :attr:`~normalize.matcher.Match.steps`); ``str()`` of it is the text.

        >>> from normalize.lexicon import Entity, Lexicon, Name
        >>> m = Matcher(Lexicon.from_entities([Entity("place:kharkiv", "place", (Name("Харків", "uk"),))]), cache=False)
        >>> print(m.explain("Kharkov"))
        query: 'Kharkov'
        light key: 'kharkov'
        skeleton: 'harkov'
         96.0 place:kharkiv (Харків) via correspondence:uk>ru > scheme:ru_ala_lc [alias 'Харків'] match
              rank 102.0: score 96, prior 0.3 (+6.0)
        >>> how = m.explain("Kharkov", structured=True)
        >>> [(s.kind, s.detail) for s in how.candidates[0].steps]
        [('correspondence', 'uk>ru'), ('scheme', 'ru_ala_lc')]
        """
        got = self.explanation(name)
        return got if structured else str(got)

    # -- many names -------------------------------------------------------------------

    def match_many(self, names: Iterable[str], *, min_score: float | None = None,
                   types: Iterable[str] | str | None = None) -> list[Match | None]:
        """The first match of each name (None when nothing scores high enough), in order:
        what :func:`normalize.match_many` gives with this matcher (one implementation).

        Each distinct name is matched once. Every candidate of each name, as
        :meth:`match` gives them, is what :meth:`match_each` yields (this method's
        meaning until the two ``match_many`` were made one).

        >>> from normalize.lexicon import Entity, Lexicon, Name
        >>> m = Matcher(Lexicon.from_entities([Entity("place:kharkiv", "place", (Name("Харків", "uk"),))]), cache=False)
        >>> [r.id if r else None for r in m.match_many(["Kharkov", "Lviv"])]
        ['place:kharkiv', None]
        """
        from normalize.batch.records import match_many

        return match_many(names, matcher=self, min_score=min_score,
                          types=list(types) if types is not None and not isinstance(types, str) else types)

    def match_each(self, names: Iterable[str], *, top: int = 5, min_score: float | None = None,
                   types: Iterable[str] | str | None = None) -> Iterator[list[Match]]:
        """The matches of each name (:meth:`match`), in order, lazily; repeated names are matched once."""
        cache: dict[str, list[Match]] = {}
        for name in names:
            res = cache.get(name)
            if res is None:
                res = self.match(name, top=top, min_score=min_score, types=types)
                if len(cache) < 100_000:
                    cache[name] = res
            yield res
