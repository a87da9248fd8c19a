"""The bundled schemes: one JSON file per scheme in ``normalize/schemes/``, its stem its ID.

Files are read on first use (thread-safe) and checked: a fault is a
:class:`SchemeFileError` naming the file and line.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from importlib import resources

from normalize.datafile import DataFileError, line_of, parse_json
from normalize.translit.scheme import Scheme, SchemeFileError, SchemeInfo, UnknownSchemeError

__all__ = ["get_scheme", "scheme_ids", "schemes", "translit"]

_lock = threading.Lock()
_loaded: dict[str, Scheme] = {}


@lru_cache(maxsize=1)
def scheme_ids() -> tuple[str, ...]:
    """IDs of every bundled scheme, sorted."""
    files = resources.files("normalize.schemes")
    return tuple(sorted(p.name[:-5] for p in files.iterdir() if p.name.endswith(".json")))


def _load(scheme_id: str) -> Scheme:
    """Compile a bundled scheme file."""
    path = resources.files("normalize.schemes") / f"{scheme_id}.json"
    name = f"normalize/schemes/{scheme_id}.json"
    scheme = _compile_text(path.read_text(encoding="utf-8"), name=name)
    if scheme.id != scheme_id:
        raise SchemeFileError(f"{name}:1: declares id {scheme.id!r}")
    return scheme


def _compile_text(text: str, *, name: str) -> Scheme:
    """Compile a scheme file's text; a fault raises :class:`SchemeFileError` naming file and line."""
    try:
        data = parse_json(text, name=name)  # a key written twice is an error too
    except DataFileError as exc:
        raise SchemeFileError(str(exc)) from None
    if not isinstance(data, dict):
        raise SchemeFileError(f"{name}:1: a scheme file holds one JSON object")
    try:
        return Scheme.from_dict(data)
    except SchemeFileError as exc:
        raise SchemeFileError(f"{name}:{line_of(text, exc.where)}: {exc}", exc.where) from None


def get_scheme(scheme: str | Scheme) -> Scheme:
    """Return the compiled scheme for an ID (loaded once, thread-safe)."""
    if isinstance(scheme, Scheme):
        return scheme
    if not isinstance(scheme, str):
        raise TypeError(f"a scheme is a scheme ID (a string) or a Scheme, not {type(scheme).__name__}")
    found = _loaded.get(scheme)
    if found is not None:
        return found
    if scheme not in scheme_ids():
        raise UnknownSchemeError(scheme, scheme_ids())
    with _lock:
        found = _loaded.get(scheme)
        if found is None:
            found = _load(scheme)
            _loaded[scheme] = found
    return found


def schemes(lang: str | None = None) -> list[SchemeInfo]:
    """Metadata records of every scheme (optionally only those of one language)."""
    infos = [get_scheme(s).info for s in scheme_ids()]
    return [i for i in infos if lang is None or i.lang == lang]


def translit(text: str, scheme: str | Scheme) -> str:
    """Transliterate ``text`` with the scheme of that ID.

    >>> translit("Згурський", "uk_national")
    'Zghurskyi'
    """
    return get_scheme(scheme).translit(text)
