"""The :class:`Tagger`: one object over a lexicon's compiled index that tags text.

It opens (or builds and caches) the compiled index, and hands each step to its part:
the exact pass to :class:`~normalize.tagger.scan.Scanner`, resolution to
:class:`~normalize.tagger.resolve.Resolver`, the fuzzy pass to
:func:`~normalize.tagger.fuzzy.fuzzy_pass`. See :mod:`normalize.tagger` for how a
text is tagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normalize.tagger.doubt import EvidenceRow
from normalize.tagger.fuzzy import fuzzy_pass
from normalize.tagger.resolve import Resolver
from normalize.tagger.results import Mention, Mentions, Raw, Rejected, Resolution
from normalize.tagger.scan import Scanner, chunk_bounds
from normalize.tagger.state import TaggerState

if TYPE_CHECKING:  # pragma: no cover
    from normalize.index import CompiledIndex
    from normalize.index.layers import LayeredIndex
    from normalize.index.source import LexiconSource
    from normalize.lexicon import Lexicon, LexiconLike
    from normalize.matcher import Matcher
    from normalize.tagger.table import KeyTableLike

__all__ = ["Tagger"]


class Tagger:
    """Tag every mention of a lexicon's entities in text.

    ``lexicon``: a :class:`~normalize.lexicon.Lexicon`, a path or list of paths,
    or None for the bundled lexicons. ``fuzzy``: also send capitalized spans the
    exact pass missed to the matcher. ``cache``: use the on-disk key table cache.

    >>> from normalize.lexicon import Entity, Lexicon, Name
    >>> lex = Lexicon.from_entities([
    ...     Entity("place:kharkiv", "place", (Name("Харків", "uk"),)),
    ...     Entity("place:kharkiv-oblast", "place", (Name("Харківська область", "uk"),)),
    ... ])
    >>> [(m.text, m.id) for m in Tagger(lex, cache=False).tag("Kharkivska oblast, not Kharkiv's")]
    [('Kharkivska oblast', 'place:kharkiv-oblast'), ('Kharkiv', 'place:kharkiv')]
    """

    #: also send capitalized spans the exact pass missed to the matcher
    fuzzy: bool
    #: the compiled index file this tagger reads (None: built in memory)
    cache_path: Path | None

    def __init__(self, lexicon: LexiconLike = None, *, fuzzy: bool = False, cache: bool = True) -> None:
        from normalize.index import obtain
        from normalize.index.source import LexiconSource

        source = LexiconSource.of(lexicon)  # checks what it is given (coerce_lexicon)
        compiled, built = obtain(source, cache=cache, purpose="tagger")
        self._setup(compiled, fuzzy, source, built)

    @classmethod
    def from_index(cls, path: str | Path, *, fuzzy: bool = False) -> Tagger:
        """A tagger over a compiled index file (``normalize lexicon compile``); nothing is built.

        Raises :class:`~normalize.index.IndexFileError` for a file that is not a
        usable index.
        """
        from normalize.index import load_index

        return load_index(path).tagger(fuzzy=fuzzy)

    @classmethod
    def _from_compiled(cls, compiled: CompiledIndex | LayeredIndex, *, fuzzy: bool = False) -> Tagger:
        """A tagger over an opened index (:meth:`CompiledIndex.tagger <normalize.index.CompiledIndex.tagger>`)."""
        tagger = cls.__new__(cls)
        tagger._setup(compiled, fuzzy, None, None)
        return tagger

    def _setup(self, compiled: CompiledIndex | LayeredIndex, fuzzy: bool, source: LexiconSource | None,
               matcher: Matcher | None) -> None:
        """Every attribute of a tagger (the one place both constructors set them)."""
        self.fuzzy = fuzzy
        self._compiled = compiled
        self._source = source
        self.cache_path = compiled.path
        self._state = TaggerState(compiled, matcher)
        self._resolver = Resolver(self._state)
        self._scanner = Scanner(self._state)

    def _before_fork(self) -> None:
        """Build what is built on first use and costs most (the automaton), so that forked workers
        share it instead of each building its own; and the engine data the first chunk of text reads
        (:func:`_warm_engine_data`), which every worker would otherwise read again."""
        automaton = self._scanner._automaton
        if automaton is not None:
            automaton.build()
            _warm_engine_data()

    def worker_spec(self) -> tuple[Any, ...]:
        """What another process needs to open an equal tagger cheaply (:meth:`from_worker_spec`)."""
        spec = self._compiled.spec()
        if spec is not None:
            return ("index", spec, self.fuzzy)
        return ("object", self.lexicon, self.fuzzy)

    @classmethod
    def from_worker_spec(cls, spec: tuple[Any, ...]) -> Tagger:
        if spec[0] == "index":
            from normalize.index.layers import reopen

            return reopen(spec[1]).tagger(fuzzy=spec[2])  # type: ignore[no-any-return]
        return cls(spec[1], fuzzy=spec[2], cache=False)

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon (loaded on first use: tagging never needs it)."""
        if self._source is not None:
            return self._source.merged()
        return self._compiled.lexicon()

    @property
    def matcher(self) -> Matcher:
        """The matcher over the same index (for the fuzzy pass); nothing is built."""
        return self._state.matcher

    @property
    def table(self) -> KeyTableLike:
        """The key table the exact pass looks keys up in (read-only; see :class:`~normalize.tagger.table.KeyTable`)."""
        return self._state.table

    @property
    def evidence_log(self) -> list[EvidenceRow] | None:
        """None, or a list that receives ``(start, end, key, features)`` for every weak mention
        the text's evidence weighs (set it to a list to fit the evidence model:
        ``benchmarks/fit_mention_evidence.py``)."""
        return self._scanner.weak.evidence_log

    @evidence_log.setter
    def evidence_log(self, log: list[EvidenceRow] | None) -> None:
        self._scanner.weak.evidence_log = log

    # -- public API ------------------------------------------------------------------

    def tag(self, text: str, *, all: bool = False) -> Mentions:
        """Every mention in ``text``, in order, without overlaps (a list; see :class:`Mentions`).

        ``all=True``: also every mention the tagger turned down, with the reason in
        its ``rejected`` field (a common word at a sentence start, a surname
        beside "statue", a word in capitals that is no acronym, a word inside a
        longer name...; see :mod:`normalize.evidence`); these may overlap the others.
        """
        if not all:
            return Mentions(text, self.resolve(text, self.scan_text(text)))
        rejected: list[Rejected] = []
        kept = self.resolve(text, self.scan_text(text, rejected=rejected))
        for start, end, kid, mask, person, why in rejected:
            # the resolver alone: the fuzzy pass would add the text's other names, and [0] be one of them
            one = [(start, end, kid, mask, person)]
            a, b, r = self._resolver.resolve(one, self.context_places(one), text)[0]
            m = Mention(a, b, text[a:b], r.id, r.label, r.type, r.score, r.candidates, r.via, r.same_as)
            kept.append(m._replace(rejected=why))
        kept.sort(key=lambda m: (m.start, m.end, m.rejected))
        return Mentions(text, kept)

    def scan_text(self, text: str, *, rejected: list[Rejected] | None = None) -> list[Raw]:
        """The exact pass over a whole text, chunk by chunk (see :func:`chunk_bounds`)."""
        if not isinstance(text, str):
            raise TypeError(f"the text to tag must be a string, not {type(text).__name__}")
        raws: list[Raw] = []
        for base, end in chunk_bounds(text):
            raws.extend(self.scan(text[base:end] if (base, end) != (0, len(text)) else text, base, rejected=rejected))
        return raws

    def tag_many(self, texts: Iterable[str], *, all: bool = False) -> Iterator[list[Mention]]:
        """:meth:`tag` for each text, lazily, one document in memory at a time."""
        for text in texts:
            yield self.tag(text, all=all)

    # -- exact pass --------------------------------------------------------------------
    # -- the steps ---------------------------------------------------------------------

    def scan(self, chunk: str, base: int = 0, *, rejected: list[Rejected] | None = None,
             refine: bool = True) -> list[Raw]:
        """The exact pass over one chunk (:meth:`Scanner.scan <normalize.tagger.scan.Scanner.scan>`)."""
        return self._scanner.scan(chunk, base, rejected=rejected, refine=refine)

    def resolve(self, text: str, raws: Sequence[Raw]) -> list[Mention]:
        """Document-level resolution of the exact pass's raw mentions (see module docstring)."""
        return [
            Mention(a, b, text[a:b], r.id, r.label, r.type, r.score, r.candidates, r.via, r.same_as)
            for a, b, r in self.resolve_spans(text, raws)
        ]

    def resolve_spans(self, text: str, raws: Sequence[Raw]) -> list[tuple[int, int, Resolution]]:
        """Like :meth:`resolve`, as ``(start, end, resolution)``; mentions that resolve alike share one."""
        return self.resolve_with_context(text, raws, self.context_places(raws))

    def context_places(self, raws: Iterable[Raw]) -> set[int]:
        """The places named unambiguously by these raw mentions (entity indexes)."""
        return self._resolver.context_places(raws)

    def solo_resolution(self, kid: int, mask: int, person: int) -> Resolution | None:
        """The resolution of a raw mention when it depends on nothing else in the document (or None:
        see :meth:`Resolver.solo_resolution <normalize.tagger.resolve.Resolver.solo_resolution>`)."""
        return self._resolver.solo_resolution(kid, mask, person)

    def resolve_alone(self, raws: Sequence[Raw]) -> tuple[list[Resolution | None], set[int]]:
        """:meth:`solo_resolution` of each raw mention, and the places those name (for a worker
        that resolves a chunk's mentions alone: :mod:`normalize.tagger.runner`)."""
        return self._resolver.resolve_alone(raws)

    def prepare_resolution(self, raws: Iterable[Raw]) -> None:
        """Work out now what resolving these raw mentions needs whatever the rest of their document
        says (:meth:`Resolver.prepare <normalize.tagger.resolve.Resolver.prepare>`): the answers do not
        change, only when the work is done."""
        self._resolver.prepare(raws)

    def resolve_with_context(self, text: str, raws: Sequence[Raw], ctx_ids: set[int]) -> list[tuple[int, int, Resolution]]:
        """:meth:`resolve_spans` given the document's unambiguous places (:meth:`context_places`)."""
        out = self._resolver.resolve(raws, ctx_ids, text)
        if self.fuzzy:
            out = fuzzy_pass(self.matcher, text, out)
        return out


def _warm_engine_data() -> None:
    """Read and compile now what the scan reads on first use whatever the text: the inflection
    data with its adjective rewrites, and the case tables every transliteration scheme's fast path
    is compiled from (a scan over the Unicode code points). Each is cached for the process and
    does not depend on when it is built."""
    from normalize.inflect.adjectives import _rewrites
    from normalize.translit.fast import _case_tables

    _rewrites()
    _case_tables()
