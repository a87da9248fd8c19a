"""What the public API accepts as a lexicon (:data:`LexiconLike`), read in one place.

``Matcher(lexicon)``, ``Tagger(lexicon)``, ``compile_index(lexicon)``,
``match_many(..., lexicon=...)`` and the integrations (pandas, Spark, spaCy)
take the same values, and all of them read those values with
:func:`coerce_lexicon`: files are named (not read) so that a compiled index
can be found by their content before, or instead of, loading them.

>>> coerce_lexicon(None) is None  # the bundled lexicons
True
>>> [p.name for p in coerce_lexicon("my.jsonl")]
['my.jsonl']
>>> coerce_lexicon([{"id": "place:kyiv", "type": "place", "names": ["Kyiv"]}])
<Lexicon 1 entities from 0 files>
>>> coerce_lexicon({"id": "place:kyiv"})
Traceback (most recent call last):
...
TypeError: a lexicon is a path, a list of paths, a Lexicon or a list of entities, not one dict: pass [entity]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Union

from normalize.lexicon.container import Lexicon
from normalize.lexicon.model import Entity
from normalize.lexicon.paths import bundled_paths, lexicon_paths

__all__ = ["LexiconLike", "coerce_lexicon"]

#: what the public API accepts as a lexicon: None (the bundled lexicons), a path, a list of
#: paths (``bundled`` or ``+`` standing for the bundled lexicons), a :class:`Lexicon`, or
#: entities (:class:`Entity` objects or dicts in the lexicon format)
LexiconLike = Union[
    None,
    str,
    "os.PathLike[str]",
    Lexicon,
    Sequence[Union[str, "os.PathLike[str]"]],
    Iterable[Entity | Mapping[str, object]],
]

_WHAT = "a lexicon is a path, a list of paths, a Lexicon or entities"


def coerce_lexicon(value: LexiconLike) -> Lexicon | list[Path] | None:
    """``value`` as None (the bundled lexicons), the files to read, or a :class:`Lexicon`.

    Paths are named, not read: ``bundled`` (or ``+``) is expanded and a file
    named twice is kept once (:func:`lexicon_paths`), and files that are
    exactly the bundled set are None. A Lexicon is returned as it is;
    entities make one (dicts are checked as lexicon lines, and a bad one raises
    :class:`LexiconError`). Anything else raises :class:`TypeError`: one dict
    (its keys would be taken for paths), bytes, a mix of paths and entities.
    """
    if value is None:
        return None
    if isinstance(value, Lexicon):
        return value
    if isinstance(value, (str, os.PathLike)):
        return _files([value])
    if isinstance(value, Mapping):
        raise TypeError("a lexicon is a path, a list of paths, a Lexicon or a list of entities, not one dict: "
                        "pass [entity]")
    given: object = value  # callers may pass anything, whatever the annotation says
    if isinstance(given, (bytes, bytearray)):
        raise TypeError(f"{_WHAT}, not bytes")
    try:
        items = list(value)
    except TypeError:
        raise TypeError(f"{_WHAT}, not {type(value).__name__}") from None
    if items and all(isinstance(p, (str, os.PathLike)) for p in items):
        return _files(items)  # type: ignore[arg-type]  # checked just above
    if all(isinstance(e, (Entity, Mapping)) for e in items):
        return Lexicon.from_entities(items)  # type: ignore[arg-type]  # checked just above
    kinds = sorted({type(e).__name__ for e in items})
    raise TypeError(f"a lexicon's entities must be Entity objects or dicts, not {', '.join(kinds)}")


def _files(items: Sequence[str | os.PathLike[str]]) -> list[Path] | None:
    paths = lexicon_paths([p if isinstance(p, str) else Path(p) for p in items])
    return None if paths == bundled_paths() else paths
