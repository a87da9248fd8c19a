"""pandas helpers (``pip install 'normalize[pandas]'``): IDs for columns, mentions of a text Series.

:func:`add_ids` adds what ``normalize batch`` adds, ``COL_id``, ``COL_label``
and ``COL_score`` per named column, with the same values (the same resolver
decides them). A DataFrame keeps proper types rather than the CSV's text:
``COL_id`` and ``COL_label`` are pandas' ``string`` dtype, ``COL_score`` is
``float64`` (the score rounded to one decimal, as ``batch`` writes it in JSON
Lines; its CSV writes the same number as text, ``"99.0"``); no match is
``<NA>`` / ``NaN`` where ``batch`` writes an empty cell or ``null``.

Cells that are not text (None, NaN, numbers, lists) or hold a lone surrogate,
blank cells and cells longer than a name can be get an empty result, never an
exception. Each distinct value is matched once, and the matcher is built once
per process per lexicon (see :mod:`normalize._integration`).

>>> import pandas as pd
>>> from normalize.lexicon import Entity, Lexicon, Name
>>> lex = Lexicon.from_entities([Entity("place:ua-kharkiv", "place", (Name("Харків", "uk"),))])
>>> df = pd.DataFrame({"city": ["Kharkiv", None, "Lviv"], "n": [1, 2, 3]})
>>> out = add_ids(df, ["city"], lexicons=lex)
>>> list(out.columns)
['city', 'n', 'city_id', 'city_label', 'city_score']
>>> out["city_id"].tolist(), out["city_score"].tolist()
(['place:ua-kharkiv', <NA>, <NA>], [99.0, nan, nan])
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from normalize import _integration
from normalize._integration import Lexicons

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd  # pandas-stubs is not a dependency: ignore_missing_imports in pyproject.toml

__all__ = ["TAG_COLUMNS", "add_ids", "tag"]

#: the columns of :func:`tag`'s frame, in order
TAG_COLUMNS = _integration.TAG_COLUMNS


def _column_list(columns: Sequence[str] | str, available: Any) -> list[str]:
    if isinstance(columns, str):
        columns = [columns]
    columns = list(dict.fromkeys(columns))
    if not columns:
        raise ValueError("columns: name at least one column")
    names = list(available)
    for col in columns:
        count = names.count(col)
        if count == 0:
            shown = ", ".join(map(str, names[:20])) + (", ..." if len(names) > 20 else "")
            raise ValueError(f"column {col!r} is not in the frame (columns: {shown})")
        if count > 1:
            raise ValueError(f"column {col!r} appears {count} times in the frame")
    return columns


def add_ids(
    df: pd.DataFrame,
    columns: Sequence[str] | str,
    *,
    lexicons: Lexicons = None,
    index: str | os.PathLike[str] | None = None,
    min_score: float | None = None,
    types: Sequence[str] | str | None = None,
) -> pd.DataFrame:
    """A copy of ``df`` with ``COL_id``, ``COL_label``, ``COL_score`` for each of ``columns``.

    The index, the row order and the other columns are untouched; a column of
    that name already in ``df`` is replaced in place (a re-run over its own
    output). ``lexicons``: paths, a :class:`~normalize.lexicon.Lexicon`, or
    None for the bundled ones; ``min_score`` and ``types`` as in
    :func:`normalize.match_records`.
    """
    import numpy as np
    import pandas as pd

    columns = _column_list(columns, df.columns)
    resolve = _integration.resolver(lexicons, index, min_score=min_score, types=types)
    out = df.copy(deep=False)
    for col in columns:
        series = df[col]
        try:
            codes, uniques = pd.factorize(series, use_na_sentinel=True)
        except TypeError:  # unhashable cells (lists, dicts): one by one
            codes, uniques = np.arange(len(series)), series.tolist()
        ids, labels, scores = _integration.match_values(list(uniques), resolve)
        # code -1 (a missing cell) takes the extra None at the end
        take = np.asarray(codes)
        out[f"{col}_id"] = pd.array(np.asarray([*ids, None], dtype=object)[take], dtype="string")
        out[f"{col}_label"] = pd.array(np.asarray([*labels, None], dtype=object)[take], dtype="string")
        out[f"{col}_score"] = np.asarray([np.nan if s is None else s for s in scores] + [np.nan], dtype="float64")[take]
    return out


def tag(
    series: pd.Series,
    *,
    lexicons: Lexicons = None,
    index: str | os.PathLike[str] | None = None,
    fuzzy: bool = False,
) -> pd.DataFrame:
    """One row per mention in the texts of ``series``, as ``normalize tag`` finds them.

    The frame's index holds, for each mention, the index label of the text it
    is in (so ``df.join(tag(df["text"]))`` lines mentions up with their rows);
    its columns are :data:`TAG_COLUMNS`: ``start``, ``end`` (code point
    offsets into that text), ``text``, ``id``, ``label``, ``type``, ``score``.
    An ambiguous mention has no ``id`` nor ``label``. Cells that are not text,
    or hold a lone surrogate, have no mentions.
    """
    import numpy as np
    import pandas as pd

    tagger = _integration.tagger(lexicons, index, fuzzy=fuzzy)
    c = _integration.tag_columns(tagger, series.tolist())
    data = {
        "start": np.asarray(c.start, dtype="int64"),
        "end": np.asarray(c.end, dtype="int64"),
        "text": pd.array(c.text, dtype="string"),
        "id": pd.array(c.id, dtype="string"),
        "label": pd.array(c.label, dtype="string"),
        "type": pd.array(c.type, dtype="string"),
        "score": np.asarray(c.score, dtype="float64"),
    }
    return pd.DataFrame(data, index=series.index.take(np.asarray(c.rows, dtype="int64")))
