"""Checks of the public options (scores, lexicon arguments, match options, types)."""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from typing import cast

__all__ = ["check_known_types", "check_lexicon_arg", "check_match_options", "check_score"]


def check_score(what: str, value: object) -> None:
    """A score option is a number from 0 to 100 (TypeError / ValueError otherwise)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{what} must be a number from 0 to 100, not {type(value).__name__}")
    if not 0 <= float(value) <= 100:  # NaN fails too
        raise ValueError(f"{what} must be between 0 and 100, not {value!r}")


def check_lexicon_arg(lexicon: object) -> None:
    """One entity given as a dict where a list of them is expected (its keys would be taken for paths).

    Kept for old callers: :func:`normalize.lexicon.coerce_lexicon` makes this check for every engine."""
    if isinstance(lexicon, Mapping):
        raise TypeError("a lexicon is a path, a list of paths, a Lexicon or a list of entities, not one dict: "
                        "pass [entity]")


def check_match_options(
    name: object, top: object, min_score: object, types: object, known_types: frozenset[str] | None = None
) -> frozenset[str] | None:
    """Validate the arguments of :meth:`Matcher.match`; the set of ``types`` (None: all).

    ``known_types``: the types a filter may name (None: the names are not checked here).
    """
    if not isinstance(name, str):
        raise TypeError(f"the name to match must be a string, not {type(name).__name__}")
    if isinstance(top, bool) or not isinstance(top, numbers.Integral):
        raise TypeError(f"top must be an integer, not {type(top).__name__}")
    if int(top) < 0:
        raise ValueError(f"top must be >= 0 (0: every match), not {top}")
    if min_score is not None:
        check_score("min_score", min_score)
    if types is None:
        return None
    if isinstance(types, str):
        types = (types,)
    try:
        type_set = frozenset(cast("Iterable[object]", types))  # (anything else fails here)
    except TypeError:
        raise TypeError(f"types must be a type name or an iterable of them, not {type(types).__name__}") from None
    for t in type_set:
        if not isinstance(t, str):
            raise TypeError(f"types must be strings, not {type(t).__name__}")
    names = cast("frozenset[str]", type_set)
    check_known_types(names, known_types)
    return names


def check_known_types(type_set: frozenset[str] | None, known_types: frozenset[str] | None) -> None:
    """A type that no entity has and the engine does not know: a ValueError listing those it knows."""
    unknown = sorted(type_set - known_types) if type_set and known_types else []
    if unknown:
        from normalize._suggest import did_you_mean

        assert known_types is not None
        hint = did_you_mean(unknown[0], sorted(known_types))
        raise ValueError(f"unknown type {unknown[0]!r} (types: {', '.join(sorted(known_types))}){hint}")
