"""The in-memory API: :func:`match_records` (dicts in, dicts out) and :func:`match_many` (names in, matches out)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from normalize._badinput import json_kind
from normalize.batch.base import ERROR_FIELD, RAW_FIELD, added_fields
from normalize.batch.names import Resolver, get_matcher

if TYPE_CHECKING:  # pragma: no cover
    from normalize.lexicon import LexiconLike
    from normalize.matcher import Match, Matcher

__all__ = ["match_many", "match_records"]


def match_many(
    names: Iterable[str],
    *,
    lexicon: LexiconLike = None,
    matcher: Matcher | None = None,
    min_score: float | None = None,
    types: Sequence[str] | str | None = None,
) -> list[Match | None]:
    """The best match of each name (``None`` when nothing scores high enough), in order.

    Each distinct name is matched once. Pass ``matcher`` to reuse its indexes
    across calls; otherwise ``lexicon`` (a :class:`~normalize.lexicon.Lexicon`
    or paths) is indexed, or the bundled lexicons (indexed once per process).

    >>> from normalize.lexicon import Entity, Lexicon, Name
    >>> lex = Lexicon.from_entities([Entity("place:ua-kharkiv", "place", (Name("Харків", "uk"),))])
    >>> [m.id if m else None for m in match_many(["Kharkiv", "Kharkiv", "Lviv"], lexicon=lex)]
    ['place:ua-kharkiv', 'place:ua-kharkiv', None]
    """
    _check_iterable("names", names, "names")
    if isinstance(types, str):
        types = [types]
    resolver = Resolver(get_matcher(matcher, lexicon), min_score, types)
    return [resolver.best(n) if isinstance(n, str) else None for n in names]


def _check_iterable(what: str, value: object, items: str) -> None:
    """An argument that must hold several things: a string or a single mapping is a mistake."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"{what} must be an iterable of {items}, not {type(value).__name__}")


def match_records(
    records: Iterable[Mapping[str, Any]],
    columns: Sequence[str] | str,
    *,
    lexicon: LexiconLike = None,
    matcher: Matcher | None = None,
    min_score: float | None = None,
    types: Sequence[str] | str | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield each record with ``NAME_id``, ``NAME_label``, ``NAME_score`` added per column.

    Lazy, one output per input, in order. Every original key keeps its value
    and its position; the added keys follow (or overwrite same-named keys in
    place). A column whose value is not a non-empty string gets ``None``
    matches. A record that is not a mapping is not dropped: it comes out as
    ``{NAME_id: None, ..., "normalize_error": message, "normalize_raw": record}``.

    >>> from normalize.lexicon import Entity, Lexicon, Name
    >>> lex = Lexicon.from_entities([Entity("place:ua-kharkiv", "place", (Name("Харків", "uk"),))])
    >>> rows = match_records([{"city": "Kharkiv", "n": 1}, ["oops"]], ["city"], lexicon=lex)
    >>> next(rows)
    {'city': 'Kharkiv', 'n': 1, 'city_id': 'place:ua-kharkiv', 'city_label': 'Харків', 'city_score': 99.0}
    >>> next(rows)["normalize_error"]
    'record is not a mapping (array)'
    """
    _check_iterable("records", records, "records (mappings)")
    if isinstance(columns, str):
        columns = [columns]
    _check_iterable("columns", columns, "column names")
    columns = list(dict.fromkeys(columns))
    if not all(isinstance(c, str) for c in columns):
        raise TypeError("columns must be strings")
    if isinstance(types, str):
        types = [types]
    resolver = Resolver(get_matcher(matcher, lexicon), min_score, types)
    return _match_records(records, columns, resolver)


def _match_records(records: Iterable[object], columns: list[str], resolver: Resolver) -> Iterator[dict[str, Any]]:
    for record in records:
        if not isinstance(record, Mapping):
            out: dict[str, Any] = dict.fromkeys(added_fields(columns))
            out[ERROR_FIELD] = f"record is not a mapping ({json_kind(record)})"
            out[RAW_FIELD] = record
            yield out
            continue
        out = dict(record)
        for col in columns:
            value = record.get(col)
            m = resolver.best(value) if isinstance(value, str) else None
            out[f"{col}_id"] = m.id if m else None
            out[f"{col}_label"] = m.label if m else None
            out[f"{col}_score"] = round(m.score, 1) if m else None
        yield out
