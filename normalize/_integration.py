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
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:  # pragma: no cover
    from normalize.batch.names import Resolver
    from normalize.lexicon import Lexicon
    from normalize.matcher import Matcher
    from normalize.tagger import Tagger

#: what an integration accepts as ``lexicons``: None (the bundled ones), a path, paths, a Lexicon
Lexicons = Union[None, str, os.PathLike, Sequence[Union[str, os.PathLike]], "Lexicon"]

#: engines kept per process (each source x kind); the oldest is dropped past this
CACHE_ENTRIES = 4

_LOCK = threading.Lock()
_CACHE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
#: (kind, source key) of every engine this process built, in order: lets tests check reuse
BUILDS: list[tuple[str, tuple[Any, ...]]] = []

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


def check_source(lexicons: Lexicons = None, index: str | os.PathLike | None = None, *,
                 index_may_follow: bool = False) -> None:
    """Fail early, with a clear message, on a source the engines cannot use.

    ``index`` is a compiled index file (``normalize lexicon compile``), used
    instead of ``lexicons``; it is opened (and checked) here, unless it does not
    exist yet and ``index_may_follow`` (a spaCy pipeline loaded from disk brings
    its own copy: the component opens it on first use).
    """
    from normalize.lexicon import Lexicon

    if index is not None:
        if lexicons is not None:
            raise ValueError("give index or lexicons, not both (a compiled index already holds its lexicons)")
        if not isinstance(index, (str, os.PathLike)):
            raise TypeError(f"index: expected a path, not {type(index).__name__}")
        from normalize.index import load_index

        if index_may_follow and not Path(index).exists():
            return
        load_index(index)  # IndexFileError (a ValueError) with the file's name when unusable
        return
    if lexicons is None or isinstance(lexicons, (str, os.PathLike, Lexicon)):
        return
    if isinstance(lexicons, Sequence) and all(isinstance(p, (str, os.PathLike)) for p in lexicons):
        if not lexicons:
            raise ValueError("lexicons: an empty list (pass None for the bundled lexicons)")
        return
    raise TypeError(f"lexicons: expected None, a path, a list of paths or a Lexicon, not {type(lexicons).__name__}")


def lexicon_paths(lexicons: Lexicons) -> list[Path] | None:
    """The files of a path-like ``lexicons`` (None for the bundled lexicons or a Lexicon)."""
    if lexicons is None or not isinstance(lexicons, (str, os.PathLike, Sequence)):
        return None
    if isinstance(lexicons, (str, os.PathLike)):
        return [Path(lexicons)]
    return [Path(p) for p in lexicons]


def _file_key(path: Path) -> tuple[Any, ...]:
    try:
        st = path.stat()
        return (str(path.resolve()), st.st_size, st.st_mtime_ns)
    except OSError:
        return (str(path), None, None)  # loading reports the error


def _source_key(lexicons: Lexicons, index: str | os.PathLike | None = None) -> tuple[Any, ...]:
    if index is not None:
        return ("index", _file_key(Path(index)))
    paths = lexicon_paths(lexicons)
    if paths is not None:
        return ("files", *(_file_key(p) for p in paths))
    if lexicons is None:
        return ("bundled",)
    return ("lexicon", lexicons.content_hash)  # type: ignore[union-attr]


def _cached(kind: str, lexicons: Lexicons, extra: tuple[Any, ...], build: Any,
            index: str | os.PathLike | None = None) -> Any:
    key = (kind, _source_key(lexicons, index), *extra)
    with _LOCK:
        found = _CACHE.get(key)
        if found is not None:
            _CACHE.move_to_end(key)
            return found
    value = build()  # outside the lock: building takes seconds; a race only builds twice
    with _LOCK:
        BUILDS.append((kind, key[1]))
        _CACHE[key] = value
        while len(_CACHE) > CACHE_ENTRIES:
            _CACHE.popitem(last=False)
    return value


def _lexicon_arg(lexicons: Lexicons) -> Any:
    paths = lexicon_paths(lexicons)
    return paths if paths is not None else lexicons


def matcher(lexicons: Lexicons = None, index: str | os.PathLike | None = None) -> Matcher:
    """The matcher of ``lexicons`` (the bundled ones when None), built once per process."""
    check_source(lexicons, index)
    from normalize.matcher import Matcher

    def build() -> Matcher:
        if index is not None:
            return Matcher.from_index(index)
        return Matcher(_lexicon_arg(lexicons)).build()  # the index found (or built) now

    return _cached("matcher", lexicons, (), build, index)  # type: ignore[no-any-return]


def resolver(
    lexicons: Lexicons = None,
    index: str | os.PathLike | None = None,
    *,
    min_score: float | None = None,
    types: Sequence[str] | str | None = None,
) -> Resolver:
    """``normalize batch``'s resolver (best match of a name, remembered) over :func:`matcher`."""
    from normalize.batch.names import Resolver

    if isinstance(types, str):
        types = [types]
    types_key = tuple(types) if types else None
    m = matcher(lexicons, index)
    return _cached(  # type: ignore[no-any-return]
        "resolver", lexicons, (min_score, types_key), lambda: Resolver(m, min_score, types_key), index
    )


def tagger(
    lexicons: Lexicons = None, index: str | os.PathLike | None = None, *, fuzzy: bool = False
) -> Tagger:
    """The tagger of ``lexicons`` (the bundled ones when None), built once per process."""
    check_source(lexicons, index)
    from normalize.tagger import Tagger

    def build() -> Tagger:
        if index is not None:
            return Tagger.from_index(index, fuzzy=fuzzy)
        return Tagger(_lexicon_arg(lexicons), fuzzy=fuzzy)

    return _cached("tagger", lexicons, (fuzzy,), build, index)  # type: ignore[no-any-return]


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
