"""Compiled lexicon indexes: everything matching and tagging need, in one file, read in place.

A compiled index holds, for a set of lexicons, the Matcher's tables (every
variant key, person, fuzzy candidate index), the Tagger's key table, the
entities and the lexicon itself, in one memory-mapped file
(:mod:`normalize.index.container`): opening it builds nothing, so a process
answers its first query in a fraction of a second, whatever the lexicon's size.

Where an index comes from, for ``Matcher(lexicon)`` and ``Tagger(lexicon)``
(:func:`obtain`):

1. for the bundled lexicons, the index installed with the package
   (``normalize/lexicons/bundled.nidx``, built by ``pip install``);
2. else the cache (:mod:`normalize.cache`), keyed by the lexicons' content and
   the engine fingerprint;
3. else it is built now and written to the cache for the next run.

Explicitly: ``normalize lexicon compile LEXICON... -o FILE`` or
:func:`compile_index` writes one; ``--index FILE``, :func:`load_index`,
``Matcher.from_index`` and ``Tagger.from_index`` use one. A file that is
truncated, corrupt, foreign, of another format version or compiled by another
engine version is detected: in the cache it is rebuilt; given explicitly it is
refused with :class:`IndexFileError`.

>>> import tempfile, os
>>> from normalize.lexicon import Entity, Lexicon, Name
>>> lex = Lexicon.from_entities([Entity("place:tyotkino", "place", (Name("Тёткино", "ru"),))])
>>> path = os.path.join(tempfile.mkdtemp(), "tyotkino.nidx")
>>> compile_index(lex, path).path.name
'tyotkino.nidx'
>>> [m.id for m in load_index(path).matcher().match("Tetkino")]
['place:tyotkino']
"""

from __future__ import annotations

import hashlib
import json
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normalize.cache import atomic_write, cache_dir, engine_fingerprint, prune, touch, writable_cache_dir
from normalize.index.container import IndexFileError, Reader, Writer
from normalize.index.source import LexiconLike, LexiconSource

if TYPE_CHECKING:  # pragma: no cover
    from normalize.lexicon import Lexicon
    from normalize.matcher import Matcher
    from normalize.tagger import Tagger

__all__ = ["CompiledIndex", "IndexFileError", "compile_index", "load_index", "packaged_index_path"]

#: file name of the bundled lexicons' index, beside them in the installed package
PACKAGED_NAME = "bundled.nidx"
#: cache entries of this module
CACHE_PATTERN = "index-*.nidx"
#: cache files of earlier versions (removed when the cache is pruned)
LEGACY_PATTERNS = ("matcher-*.json", "tagger-*.json")
#: section groups each user of an index reads (checked on first use)
_GROUPS = {"matcher": ("e.", "s.", "m."), "tagger": ("e.", "s.", "t.", "m.")}  # the tagger reads m.core too


class CompiledIndex:
    """An opened compiled index; :meth:`matcher` and :meth:`tagger` read from it in place."""

    def __init__(self, reader: Reader, path: Path | None = None) -> None:
        self.reader = reader
        self.path = path
        self.stamp: dict[str, Any] = dict(reader.stamp)
        self.meta: dict[str, Any] = dict(reader.meta)
        self._lock = threading.Lock()
        self._strings: Any = None
        self._entities: Any = None
        self._lexicon: Lexicon | None = None
        self._matcher: Matcher | None = None

    def __repr__(self) -> str:
        return f"<CompiledIndex {self.path or '(in memory)'}: {self.meta.get('entities')} entities>"

    def verify(self, purpose: str | None = None) -> CompiledIndex:
        """Check the checksums of the sections ``purpose`` ("matcher", "tagger", None: all) reads."""
        for prefix in _GROUPS.get(purpose or "", ("",)):
            self.reader.verify(prefix)
        return self

    def _shared(self) -> tuple[Any, Any]:
        with self._lock:
            if self._strings is None:
                from normalize.index.encoding import strings_of
                from normalize.index.entities import EntityTable

                self.reader.verify("e.")
                self.reader.verify("s.")
                self._strings = strings_of(self.reader)
                self._entities = EntityTable(self.reader, self._strings.table)
        return self._strings, self._entities

    @property
    def entities(self) -> Any:
        """The entities, by number (:class:`~normalize.index.entities.EntityRecord`)."""
        return self._shared()[1]

    @property
    def strings(self) -> Any:
        return self._shared()[0]

    def attach(self, matcher: Matcher) -> None:
        """Point a Matcher's tables at this index (checked first)."""
        from normalize.index.tables import attach_matcher

        strings, entities = self._shared()
        self.reader.verify("m.")
        attach_matcher(matcher, self.reader, strings, entities)
        matcher._engine_words()
        matcher._compiled = self

    def matcher(self, *, threshold: float | None = None) -> Matcher:
        """A :class:`~normalize.matcher.Matcher` reading this index."""
        from normalize.matcher import Matcher

        return Matcher.over_index(self, threshold=threshold)

    def shared_matcher(self) -> Matcher:
        """One matcher per index, for the tagger's fuzzy pass."""
        m = self._matcher
        if m is None:
            m = self.matcher()
            with self._lock:
                if self._matcher is None:
                    self._matcher = m
                m = self._matcher
        return m

    def tagger(self, *, fuzzy: bool = False) -> Tagger:
        """A :class:`~normalize.tagger.Tagger` reading this index."""
        from normalize.tagger import Tagger

        return Tagger._from_compiled(self, fuzzy=fuzzy)

    def tagger_table(self) -> Any:
        from normalize.tagger import _Table

        return _Table(self)

    def spec(self) -> tuple[Any, ...] | None:
        """What another process needs to open this index again (None: it lives in memory)."""
        return ("index", str(self.path)) if self.path is not None else None

    def lexicon(self) -> Lexicon:
        """The lexicon the index was compiled from (stored in it; parsed on first use)."""
        with self._lock:
            if self._lexicon is None:
                from normalize.index.entities import lexicon_from

                self.reader.verify("lexicon.")
                self._lexicon = lexicon_from(self.reader)
        return self._lexicon


# -- building ----------------------------------------------------------------------------


def _stamp(source: LexiconSource) -> dict[str, str]:
    return {"engine": engine_fingerprint(), "lexicon": source.content_hash}


def build(source: LexiconSource, stamp: dict[str, str] | None = None) -> tuple[Writer, dict[str, str], dict[str, Any], Matcher]:
    """Build every table of a lexicon in memory; returns the sections and the built matcher."""
    from normalize import __version__
    from normalize.index.encoding import Pool
    from normalize.index.entities import write_entities, write_lexicon
    from normalize.index.tables import write_key_maps, write_matcher
    from normalize.matcher import Matcher
    from normalize.matcher.parallel import fork_call as _fork
    from normalize.matcher.parallel import gc_paused as _gc_paused
    from normalize.matcher.parallel import parallel_ok as _parallel_ok
    from normalize.tagger import write_tagger

    lexicon = source.merged()  # entities linked by same_as answer as one
    # millions of objects, none in a cycle: the collector would walk them again and again
    with _gc_paused():
        # (the fuzzy indexes are built below, while the tagger's writer runs: it does not read them)
        matcher = Matcher(lexicon, cache=False).build_tables(fuzzy=False)
        entities = list(lexicon)

        def tagger_sections() -> dict[str, bytes]:
            tw = Writer()
            write_tagger(tw, entities, matcher, None)
            # what needs no shared string, which the matcher's writer (the longer of the two) leaves out
            write_key_maps(tw, matcher)
            write_lexicon(tw, entities)
            return tw._sections

        # the tagger's table is written by a second process meanwhile (the same bytes)
        child = _fork(tagger_sections) if _parallel_ok(None, len(entities)) else None
        matcher._build_fuzzy_indexes()
        w = Writer()
        pool, vias = Pool(), Pool()
        write_entities(w, entities, pool)
        write_matcher(w, matcher, pool, vias, keys_apart=True)
        for name, data in (child() if child is not None else tagger_sections()).items():
            w.add(name, data)
        pool.write(w, "s.str")
        vias.write(w, "s.vias")
    stamp = stamp or _stamp(source)
    meta = {"entities": len(entities), "lexicons": source.describe(), "normalize": __version__}
    return w, stamp, meta, matcher


def compile_index(lexicon: LexiconLike | LexiconSource = None, path: str | Path | None = None) -> CompiledIndex:
    """Compile ``lexicon`` (bundled when None) into the index file ``path``.

    The file is written atomically (a temporary file renamed at the end).
    Returns the opened index; with ``path=None`` it is kept in memory only.
    """
    source = LexiconSource.of(lexicon)
    w, stamp, meta, _ = build(source)
    if path is None:
        return CompiledIndex(Reader(w.to_bytes(stamp, meta), "<in memory>"))
    target = Path(path)
    if target.exists() and not target.is_file():  # a device or a FIFO: written through, never replaced
        with open(target, "wb") as f:
            w.write_to(f, stamp, meta)
        return CompiledIndex(Reader(w.to_bytes(stamp, meta), str(target)))
    atomic_write(target, lambda f: w.write_to(f, stamp, meta), durable=True)
    return CompiledIndex(Reader.open(target), target)


def load_index(path: str | Path) -> CompiledIndex:
    """Open a compiled index file; refuse (:class:`IndexFileError`) one that is not usable here.

    ``OSError`` is raised as an :class:`IndexFileError` too, with the reason.
    """
    target = Path(path)
    try:
        reader = Reader.open(target)
    except OSError as exc:
        raise IndexFileError(f"{target}: cannot read: {exc.strerror or exc}") from None
    engine = reader.stamp.get("engine")
    if engine != engine_fingerprint():
        raise IndexFileError(
            f"{target}: compiled by another version of normalize (engine {str(engine)[:12]}, this one "
            f"{engine_fingerprint()[:12]}): compile it again with `normalize lexicon compile`"
        )
    return CompiledIndex(reader, target)


# -- finding an index for a lexicon --------------------------------------------------------


def packaged_index_path() -> Path:
    """Where the bundled lexicons' prebuilt index is installed (it may be missing)."""
    from normalize.lexicon import _bundled_dir

    return _bundled_dir() / PACKAGED_NAME


def cache_path(source: LexiconSource) -> Path:
    digest = hashlib.sha256(json.dumps(_stamp(source), sort_keys=True).encode()).hexdigest()[:32]
    return cache_dir() / f"index-{digest}.nidx"


def _open_valid(path: Path, stamp: dict[str, str], purpose: str) -> CompiledIndex | None:
    """The index at ``path`` when it is complete, intact and built for ``stamp``; else None."""
    try:
        reader = Reader.open(path)
    except FileNotFoundError:
        return None
    except (OSError, IndexFileError):
        return None
    if reader.stamp != stamp:
        return None
    index = CompiledIndex(reader, path)
    try:
        index.verify(purpose)
    except IndexFileError:
        return None
    return index


_build_lock = threading.Lock()


def obtain(source: LexiconSource, *, cache: bool = True, purpose: str = "matcher",
           need_index: bool = False) -> tuple[Any, Matcher | None]:
    """The compiled index of ``source``: ``(index, None)`` when one exists, else ``(index, matcher)``
    built now (``index`` is then None when ``purpose`` is "matcher", ``cache`` is off and
    ``need_index`` is not set).

    The bundled lexicons named beside other files give a layered index (see
    :mod:`normalize.index.layers`): the bundled index as it is, the user's compiled
    apart. ``cache=False`` touches no disk at all (the packaged index aside: it is
    part of the installed package).
    """
    layered = _layered(source, cache=cache, purpose=purpose)
    if layered is not None:
        return layered, None
    stamp = _stamp(source)
    if source.is_bundled:
        found = _open_valid(packaged_index_path(), stamp, purpose)
        if found is not None:
            return found, None
    path = cache_path(source) if cache else None
    found = _cached(path, stamp, purpose)
    if found is not None:
        return found, None
    with _build_lock:  # two threads of one process build once
        found = _cached(path, stamp, purpose)
        if found is not None:
            return found, None
        w, stamp, meta, matcher = build(source)
        found = _store(w, stamp, meta, path, purpose)
        if found is not None:
            return found, matcher
        if purpose == "matcher" and not need_index:
            return None, matcher
        return CompiledIndex(Reader(w.to_bytes(stamp, meta), "<in memory>")), matcher


def _cached(path: Path | None, stamp: dict[str, str], purpose: str) -> CompiledIndex | None:
    if path is None:
        return None
    found = _open_valid(path, stamp, purpose)
    if found is not None:
        touch(path)
    return found


def _store(w: Writer, stamp: dict[str, str], meta: dict[str, Any], path: Path | None, purpose: str) -> CompiledIndex | None:
    """Write a built index to the cache (when it can be written) and open it from there."""
    if path is None or writable_cache_dir() is None:
        return None
    try:
        atomic_write(path, lambda f: w.write_to(f, stamp, meta))
    except OSError as exc:
        warnings.warn(f"cannot write the index cache {path}: {exc.strerror or exc}; running without it", stacklevel=4)
        return None
    prune(path.parent, CACHE_PATTERN, legacy=LEGACY_PATTERNS)
    return _open_valid(path, stamp, purpose)


def _layered(source: LexiconSource, *, cache: bool, purpose: str) -> Any:
    """A layered index when ``source`` names the bundled lexicons beside other files, else None."""
    from normalize.index.layers import LayeredIndex, layer_stamp_lexicon, split, user_layer_entities
    from normalize.lexicon import Lexicon, bundled_paths

    if source.is_bundled or source.in_memory or not source.paths:
        return None  # a Lexicon given in memory is indexed as one
    parts = split(source.paths, bundled_paths())
    if parts is None:
        return None
    bundled_first, user_paths = parts
    bundled, _ = obtain(LexiconSource(None), cache=cache, purpose=purpose, need_index=True)
    stamp = {"engine": engine_fingerprint(), "lexicon": layer_stamp_lexicon(source)}
    digest = hashlib.sha256(json.dumps(stamp, sort_keys=True).encode()).hexdigest()[:32]
    path = cache_dir() / f"index-{digest}.nidx" if cache else None
    user = _cached(path, stamp, purpose)
    if user is None:
        with _build_lock:
            user = _cached(path, stamp, purpose)
            if user is None:
                full = source.load()  # the whole set, checked as loading it together checks it
                lexicon = Lexicon(user_layer_entities(full, user_paths), content_hash=stamp["lexicon"])
                lexicon.as_merged()  # merged already, within the whole set
                w, _, meta, _ = build(LexiconSource(lexicon=lexicon), stamp)
                meta["user_layer"] = True
                meta["lexicons"] = source.describe()
                user = _store(w, stamp, meta, path, purpose)
                if user is None:
                    user = CompiledIndex(Reader(w.to_bytes(stamp, meta), "<in memory>"))
    return LayeredIndex([bundled, user] if bundled_first else [user, bundled])
