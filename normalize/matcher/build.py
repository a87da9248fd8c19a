"""Building the tables: under a lock on first use, from a compiled index or in memory
(half of a large lexicon in a forked process), and adopting another matcher's tables."""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING, Any, cast

from normalize.fold import fold, skeleton
from normalize.matcher import parallel
from normalize.matcher.data import engine_data
from normalize.matcher.fuzzy import FuzzyMixin
from normalize.matcher.hits import Hit
from normalize.matcher.indexing import Indexer
from normalize.matcher.persons import given_names
from normalize.matcher.places import place_words

if TYPE_CHECKING:  # pragma: no cover
    from typing_extensions import Self  # (typing.Self from Python 3.11)

    from normalize.lexicon import Lexicon
    from normalize.matcher.core import Matcher

__all__ = ["Builder"]


class Builder(Indexer, FuzzyMixin):
    """Build or load the tables (see the module docstring)."""

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon (loaded on first use: matching from a compiled index never needs it)."""
        if self._source is None:
            lexicon: Lexicon = self._compiled.lexicon()
            return lexicon
        return self._source.merged()

    # -- building -----------------------------------------------------------------

    def build(self) -> Self:
        """Build (or load from a compiled index) every table now, fuzzy ones included.

        Matching builds lazily; call this before forking workers or timing queries.
        """
        self._ensure_built()
        self._ensure_fuzzy()
        return self

    def _ensure_built(self) -> None:
        """Build or load the tables once (the first caller does, under the lock)."""
        if self._built:
            return
        with self._lock:
            if not self._built:
                self._load_or_build()
                self._built = True

    def _load_or_build(self) -> None:
        """Tables from a compiled index (packaged, cached) or built now (and cached)."""
        from normalize import index as _index

        assert self._source is not None
        compiled, built = _index.obtain(self._source, cache=self._use_cache, purpose="matcher")
        if built is not None:
            self._adopt(built)
        else:
            compiled.attach(cast("Matcher", self))  # (a Builder is always the Matcher it is part of)

    def _adopt(self, other: Builder) -> None:
        """Take the tables of a matcher built over the same lexicon."""
        for name in self._TABLES:
            setattr(self, name, getattr(other, name))
        self._fuzzy_ready = other._fuzzy_ready
        if other._fuzzy_ready:
            for name in self._FUZZY_TABLES:
                setattr(self, name, getattr(other, name))

    #: the attributes that hold a matcher's tables (what a compiled index stores)
    _TABLES = ("entities", "_exact", "_skel", "_bag", "_core", "_acronyms", "_concepts", "_persons", "_surnames",
               "_token_forms", "_surname_keys", "_surname_del1", "_owner", "_place_words_t", "_skel_keys",
               "_stop", "_stop_sk", "_categories", "_press_only")
    _FUZZY_TABLES = ("_buckets", "_compact_keys", "_tails", "_grams", "_cons")

    def _engine_words(self) -> None:
        """The engine's stop words and category words, as the tables read them."""
        data = engine_data()
        self._stop = {fold(w) for w in data["stop_words"]}
        self._stop_sk = frozenset(skeleton(w) for w in self._stop)
        self._categories = {}
        for cls, words in data["categories"].items():
            for w in words:
                self._categories[fold(w)] = cls

    def build_tables(self, *, jobs: int | None = None, fuzzy: bool = True) -> Self:
        """Build every table in memory from the lexicon (what compiling an index does first).

        With ``jobs`` > 1 (default: 2 where ``fork`` is safe and the lexicon is large)
        the second half of the entities is indexed in a forked process at the same
        time and merged in; the tables are exactly those of a serial build.
        ``fuzzy=False`` leaves the fuzzy indexes to build later (:meth:`_build_fuzzy`):
        a compile forks the tagger table's writer first, which does not read them.
        """
        with parallel.gc_paused():
            self._engine_words()
            self.entities = list(self.lexicon)
            n = len(self.entities)
            split = parallel.parent_share(n) if parallel.parallel_ok(jobs, n) else n
            child = parallel.fork_call(lambda: self._part_tables(split, n)) if split < n else None
            # what only queries read, worked out while the second process indexes (a
            # person's name still finds the given names it needs in either process)
            self._owner = given_names()[1]
            self._place_words_t = place_words()
            self._index_range(0, split)
            if child is not None:
                self._merge_part(child())
            self._skel_keys = list(self._skel.keys())
            if fuzzy:
                self._build_fuzzy_indexes()
        self._built = True
        return self

    _PART_TABLES = ("_exact", "_skel", "_bag", "_core", "_acronyms", "_concepts", "_persons", "_surnames",
                    "_token_forms", "_surname_keys", "_press_only")

    def _part_tables(self, lo: int, hi: int) -> tuple[Any, ...]:
        """(In a forked process) the tables of entities ``lo`` to ``hi`` alone, as plain data.

        Hit tables travel as columns (keys, run lengths, and one list per hit
        field), which pickle several times faster than hit objects.
        """
        self._index_range(lo, hi)
        out: list[Any] = []
        for name in self._PART_TABLES:
            table = getattr(self, name)
            if name in self._HIT_TABLES_:
                hits = list(chain.from_iterable(table.values()))
                columns = tuple(map(list, zip(*hits))) if hits else ([], [], [], [])
                out.append((list(table.keys()), list(map(len, table.values())), columns))
            elif name == "_persons":
                out.append(table)
            else:
                out.append(dict(table))
        return tuple(out)

    def _merge_press_only(self, keys: list[str], press: dict[str, int]) -> None:
        """Merge a later range's press-only keys (``press``; ``keys``: its exact keys) into this
        matcher's, before its exact table takes the range's keys: a key either range writes for
        any language is so written (:mod:`normalize.matcher.press_langs`)."""
        mine = self._press_only
        if mine:
            for key in keys:
                if key in mine and key not in press:
                    del mine[key]
        for key, m in press.items():
            got = mine.get(key)
            if got is not None:
                mine[key] = got | m
            elif key not in self._exact:
                mine[key] = m

    _HIT_TABLES_ = frozenset(("_exact", "_skel", "_bag", "_core", "_acronyms", "_concepts"))

    def _merge_part(self, part: tuple[Any, ...]) -> None:
        """Append the tables of a later range of entities (see :meth:`_part_tables`).

        Keys new to this matcher come after its own, and in every bucket the later
        entities' hits come after its own: the order a serial build gives.
        """
        exact, skel, bag, core, acronyms, concepts, persons, surnames, token_forms, surname_keys, press_only = part
        self._merge_press_only(exact[0], press_only)
        for mine, (keys, lens, columns) in ((self._exact, exact), (self._skel, skel), (self._bag, bag),
                                            (self._core, core), (self._acronyms, acronyms),
                                            (self._concepts, concepts)):
            hits = list(map(Hit, *columns))
            end = 0
            for key, n in zip(keys, lens):
                start = end
                end += n
                got = mine.get(key)
                if got is None:
                    mine[key] = hits[start:end]
                else:
                    got += hits[start:end]
        shift = len(self._persons)
        self._persons.extend(persons)
        for key, pids in surnames.items():
            self._surnames[key].extend(p + shift for p in pids)
        for key, forms in token_forms.items():
            self._token_forms[key] |= forms
        self._surname_keys.update(surname_keys)
