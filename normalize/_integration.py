"""Shared plumbing of the integrations (pandas, Spark, spaCy, the HTML view).

Every integration gets its :class:`~normalize.matcher.Matcher`, its batch
resolver and its :class:`~normalize.tagger.Tagger` from here, so *where an
engine comes from* (lexicon files today, a compiled index later) is decided in
one place. Engines are cached per process, keyed by their source (a lexicon
file is keyed by its path, size and modification time), so a notebook, a spaCy
pipeline or a Spark Python worker builds each one once, not per call, task or
batch.

The rule for values that are not text is here too (:func:`text_or_none`).
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, Union

from normalize.lexicon.coerce import LexiconLike

if TYPE_CHECKING:  # pragma: no cover
    from normalize.batch.names import Resolver
    from normalize.lexicon import Lexicon
    from normalize.matcher import Matcher
    from normalize.tagger import Tagger

#: what an integration accepts as ``lexicons``: what the whole API accepts (see
#: :func:`normalize.lexicon.coerce_lexicon`), but not an empty list
Lexicons = LexiconLike
#: ``lexicons`` as :func:`~normalize.lexicon.coerce_lexicon` reads them: the bundled
#: lexicons (None), files, or a Lexicon
Source = Union["Lexicon", list[Path], None]

#: engines kept per process (each source x kind); the oldest is dropped past this
CACHE_ENTRIES = 4

_LOCK = threading.Lock()
_CACHE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
#: (kind, source key) of every engine this process built, in order: lets tests check reuse
BUILDS: list[tuple[str, tuple[Any, ...]]] = []

T = TypeVar("T")

_SURROGATE = re.compile("[\ud800-\udfff]")


def text_or_none(value: Any) -> str | None:
    """``value`` when it is text the engines take, else None (an empty result, never an error).

    None, NaN, numbers, lists... are not text; nor is a string holding a lone
    surrogate (text decoded with ``surrogateescape`` or a broken JSON escape):
    its cell or document gets an empty result.
    """
    if not isinstance(value, str):
        return None
    if not value.isascii() and _SURROGATE.search(value):
        return None
    return value


def check_source(lexicons: Lexicons = None, index: str | os.PathLike[str] | None = None, *,
                 index_may_follow: bool = False) -> Source:
    """Fail early, with a clear message, on a source the engines cannot use; ``lexicons`` as read.

    ``index`` is a compiled index file (``normalize lexicon compile``), used
    instead of ``lexicons``; it is opened (and checked) here, unless it does not
    exist yet and ``index_may_follow`` (a spaCy pipeline loaded from disk brings
    its own copy: the component opens it on first use). ``lexicons`` are read
    by :func:`~normalize.lexicon.coerce_lexicon` (the one reading of a lexicon
    argument); an empty list is refused, as it most likely is a mistake.
    """
    from normalize.lexicon import coerce_lexicon

    if index is not None:
        if lexicons is not None:
            raise ValueError("give index or lexicons, not both (a compiled index already holds its lexicons)")
        if not isinstance(index, (str, os.PathLike)):
            raise TypeError(f"index: expected a path, not {type(index).__name__}")
        from normalize.index import load_index

        if index_may_follow and not Path(index).exists():
            return None
        load_index(Path(index))  # IndexFileError (a ValueError) with the file's name when unusable
        return None
    if isinstance(lexicons, Sequence) and not isinstance(lexicons, str) and not lexicons:
        raise ValueError("lexicons: an empty list (pass None for the bundled lexicons)")
    return coerce_lexicon(lexicons)


def _file_key(path: Path) -> tuple[Any, ...]:
    try:
        st = path.stat()
        return (str(path.resolve()), st.st_size, st.st_mtime_ns)
    except OSError:
        return (str(path), None, None)  # loading reports the error


def _source_key(source: Source, index: str | os.PathLike[str] | None = None) -> tuple[Any, ...]:
    if index is not None:
        return ("index", _file_key(Path(index)))
    if source is None:
        return ("bundled",)
    if isinstance(source, list):
        return ("files", *(_file_key(p) for p in source))
    return ("lexicon", source.content_hash)


def _cached(kind: str, source: Source, extra: tuple[Any, ...], build: Callable[[], T],
            index: str | os.PathLike[str] | None = None) -> T:
    key = (kind, _source_key(source, index), *extra)
    with _LOCK:
        found = _CACHE.get(key)
        if found is not None:
            _CACHE.move_to_end(key)
            return found  # type: ignore[no-any-return]
    value = build()  # outside the lock: building takes seconds; a race only builds twice
    with _LOCK:
        BUILDS.append((kind, key[1]))
        _CACHE[key] = value
        while len(_CACHE) > CACHE_ENTRIES:
            _CACHE.popitem(last=False)
    return value


def matcher(lexicons: Lexicons = None, index: str | os.PathLike[str] | None = None) -> Matcher:
    """The matcher of ``lexicons`` (the bundled ones when None), built once per process."""
    return _matcher(check_source(lexicons, index), index)


def _matcher(source: Source, index: str | os.PathLike[str] | None) -> Matcher:
    from normalize.matcher import Matcher

    def build() -> Matcher:
        if index is not None:
            return Matcher.from_index(Path(index))
        return Matcher(source).build()  # the index found (or built) now

    return _cached("matcher", source, (), build, index)


def resolver(
    lexicons: Lexicons = None,
    index: str | os.PathLike[str] | None = None,
    *,
    min_score: float | None = None,
    types: Sequence[str] | str | None = None,
) -> Resolver:
    """``normalize batch``'s resolver (best match of a name, remembered) over :func:`matcher`."""
    from normalize.batch.names import Resolver

    if isinstance(types, str):
        types = [types]
    types_key = tuple(types) if types else None
    source = check_source(lexicons, index)
    m = _matcher(source, index)
    return _cached("resolver", source, (min_score, types_key), lambda: Resolver(m, min_score, types_key), index)


def tagger(
    lexicons: Lexicons = None, index: str | os.PathLike[str] | None = None, *, fuzzy: bool = False
) -> Tagger:
    """The tagger of ``lexicons`` (the bundled ones when None), built once per process."""
    source = check_source(lexicons, index)
    from normalize.tagger import Tagger

    def build() -> Tagger:
        if index is not None:
            return Tagger.from_index(Path(index), fuzzy=fuzzy)
        return Tagger(source, fuzzy=fuzzy)

    return _cached("tagger", source, (fuzzy,), build, index)


#: the columns of a mention table, in the order both the pandas and the Spark ``tag`` give them
TAG_COLUMNS = ("start", "end", "text", "id", "label", "type", "score")


class TagColumns(NamedTuple):
    """The mentions of a run of texts as columns: ``rows[i]`` is the position of the text
    that mention ``i`` is in; the other lists are :data:`TAG_COLUMNS`."""

    rows: list[int]
    start: list[int]
    end: list[int]
    text: list[str]
    id: list[str | None]
    label: list[str | None]
    type: list[str | None]
    score: list[float]


def tag_columns(tagger: Tagger, values: Sequence[Any]) -> TagColumns:
    """Every mention of every value, column by column; a value that is not text has none."""
    cols = TagColumns([], [], [], [], [], [], [], [])
    for pos, value in enumerate(values):
        text = text_or_none(value)
        if not text:
            continue
        for m in tagger.tag(text):
            cols.rows.append(pos)
            cols.start.append(m.start)
            cols.end.append(m.end)
            cols.text.append(m.text)
            cols.id.append(m.id)
            cols.label.append(m.label)
            cols.type.append(m.type)
            cols.score.append(m.score)
    return cols


def match_values(
    values: Sequence[Any], resolve: Resolver
) -> tuple[list[str | None], list[str | None], list[float | None]]:
    """(ids, labels, scores) of the best match of each value, as :func:`normalize.match_records` gives them.

    A value that is not text (:func:`text_or_none`), blank, longer than a name
    can be, or without a match at the threshold gets None in all three.
    """
    ids: list[str | None] = []
    labels: list[str | None] = []
    scores: list[float | None] = []
    for value in values:
        text = text_or_none(value)
        m = resolve.best(text) if text is not None else None
        if m is None:
            ids.append(None)
            labels.append(None)
            scores.append(None)
        else:
            ids.append(m.id)
            labels.append(m.label)
            scores.append(round(m.score, 1))
    return ids, labels, scores
