"""Spark helpers (``pip install 'normalize[spark]'``): the pandas helpers' contracts on a Spark DataFrame.

* :func:`add_ids` adds ``COL_id``, ``COL_label``, ``COL_score`` (string,
  string, double) per named column: exactly what ``normalize batch`` and
  :func:`normalize.pandas.add_ids` add. A column that is not a string column
  gets empty results, as numbers do in ``batch``.
* :func:`tag` gives one row per mention: the columns named by ``keep``
  (default: every column but the text) and ``start``, ``end``, ``text``,
  ``id``, ``label``, ``type``, ``score``.

How it runs. Both work on Arrow record batches (``DataFrame.mapInArrow``):
the other columns pass through as Arrow data, never converted to pandas or
Python objects, so every type (timestamps, decimals, nested) is kept as it
was. The distinct values of a batch are matched once, and each Python worker
keeps its matcher or tagger (and the best match of every name it has seen) for
as long as it lives: it is built once per worker, not per task or batch (Spark
reuses Python workers, ``spark.python.worker.reuse``, by default).

Where the lexicons come from. With ``lexicons=None`` every worker uses the
bundled lexicons' index that its own installation of ``normalize`` carries. A
user's own lexicons are compiled once, on the driver, into ONE index file named
by its content (``normalize lexicon compile``), or ``index=`` names one compiled
beforehand; the file is shipped with ``SparkContext.addFile``, and each worker
opens it from ``SparkFiles`` in place: nothing is built on an executor. This
needs a classic Spark session (with a SparkContext), not Spark Connect.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normalize import _integration
from normalize._integration import Lexicons

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa  # no stubs or py.typed: ignore_missing_imports in pyproject.toml
    from pyspark.sql import DataFrame

__all__ = ["TAG_COLUMNS", "add_ids", "tag"]

#: the mention columns of :func:`tag`'s frame, after the kept ones
TAG_COLUMNS = _integration.TAG_COLUMNS
_SUFFIXES = ("id", "label", "score")

_SHIPPED: set[tuple[str, str]] = set()  # (application id, file name) already added
#: tasks (partitions) this Python worker has run for add_ids and tag: with ``_integration.BUILDS``,
#: shows that a worker builds its engine once however many tasks it runs
TASKS = 0
_SHIP_LOCK = threading.Lock()


# -- driver side --------------------------------------------------------------------------


def _ship(sdf: DataFrame, lexicons: Lexicons, index: Any) -> str | None:
    """The name under which workers find the compiled index (None: the bundled one)."""
    _integration.check_source(lexicons, index)
    if lexicons is None and index is None:
        return None
    if index is not None:
        path = Path(index).resolve()
        data_id = hashlib.sha256(f"{path}:{path.stat().st_size}:{path.stat().st_mtime_ns}".encode()).hexdigest()[:20]
        name = f"normalize-index-{data_id}.nidx"
        directory = _ship_dir()
        shipped = directory / name
        if not shipped.exists():
            tmp = directory / f".{name}.{os.getpid()}.tmp"
            tmp.write_bytes(path.read_bytes())
            os.replace(tmp, shipped)
    else:
        from normalize.index import compile_index
        from normalize.index.source import LexiconSource

        source = LexiconSource.of(lexicons)
        source.load()  # a bad lexicon fails here, on the driver, with its file and line
        from normalize.cache import engine_fingerprint

        directory = _ship_dir()
        key = hashlib.sha256(f"{engine_fingerprint()}\0{source.content_hash}".encode()).hexdigest()[:20]
        name = f"normalize-index-{key}.nidx"  # another engine version compiles its own
        shipped = directory / name
        if not shipped.exists():
            compile_index(source, shipped)  # written atomically: a concurrent job finds it whole or not at all
    sc = sdf.sparkSession.sparkContext
    app_file = (sc.applicationId, name)
    with _SHIP_LOCK:
        if app_file not in _SHIPPED:
            sc.addFile(str(shipped))
            _SHIPPED.add(app_file)
    return name


def _ship_dir() -> Path:
    directory = Path(tempfile.gettempdir()) / f"normalize-spark-{os.getuid() if hasattr(os, 'getuid') else 0}"
    directory.mkdir(mode=0o700, exist_ok=True)
    return directory


def _positions(sdf: DataFrame, columns: Sequence[str]) -> list[int]:
    names = list(sdf.columns)
    out = []
    for col in columns:
        count = names.count(col)
        if count == 0:
            raise ValueError(f"column {col!r} is not in the frame (columns: {', '.join(names)})")
        if count > 1:
            raise ValueError(f"column {col!r} appears {count} times in the frame")
        out.append(names.index(col))
    return out


@dataclass(frozen=True)
class _AddPlan:
    lexicon_file: str | None
    min_score: float | None
    types: tuple[str, ...] | None
    inputs: tuple[int, ...]  # input position of each matched column
    #: output columns: (name, input position) passed through, or (name, -1 - k * 3 - suffix) added
    outputs: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class _TagPlan:
    lexicon_file: str | None
    fuzzy: bool
    text: int
    keep: tuple[int, ...]
    names: tuple[str, ...]


def add_ids(
    sdf: DataFrame,
    columns: Sequence[str] | str,
    *,
    lexicons: Lexicons = None,
    index: str | os.PathLike[str] | None = None,
    min_score: float | None = None,
    types: Sequence[str] | str | None = None,
) -> DataFrame:
    """``sdf`` with ``COL_id``, ``COL_label``, ``COL_score`` for each of ``columns`` (lazily, like any transformation).

    The other columns and their order are kept; a column of an added name
    already in ``sdf`` is replaced in place. Options as in :func:`normalize.pandas.add_ids`.
    """
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType

    if isinstance(columns, str):
        columns = [columns]
    columns = list(dict.fromkeys(columns))
    if not columns:
        raise ValueError("columns: name at least one column")
    if isinstance(types, str):
        types = [types]
    inputs = _positions(sdf, columns)
    file = _ship(sdf, lexicons, index)
    fields = list(sdf.schema.fields)
    outputs: list[tuple[str, int]] = [(f.name, i) for i, f in enumerate(fields)]
    for k, col in enumerate(columns):
        for s, suffix in enumerate(_SUFFIXES):
            name = f"{col}_{suffix}"
            field = StructField(name, DoubleType() if suffix == "score" else StringType(), True)
            slot = (name, -1 - (k * 3 + s))
            where = [i for i, (n, _) in enumerate(outputs) if n == name]
            if where:  # a re-run over its own output: replaced in place
                outputs[where[0]] = slot
                fields[where[0]] = field
            else:
                outputs.append(slot)
                fields.append(field)
    plan = _AddPlan(file, min_score, tuple(types) if types else None, tuple(inputs), tuple(outputs))
    return sdf.mapInArrow(functools.partial(_add_ids_batches, plan), StructType(fields))


def tag(
    sdf: DataFrame,
    column: str,
    *,
    keep: Sequence[str] | None = None,
    lexicons: Lexicons = None,
    index: str | os.PathLike[str] | None = None,
    fuzzy: bool = False,
) -> DataFrame:
    """One row per mention in the texts of ``column``: the ``keep`` columns, then :data:`TAG_COLUMNS`.

    ``keep`` defaults to every column but ``column``; name a key column to
    keep the rows small. Options as in :func:`normalize.pandas.tag`.
    """
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    (text_pos,) = _positions(sdf, [column])
    if keep is None:
        keep = [c for c in sdf.columns if c != column]
    keep = list(keep)
    keep_pos = _positions(sdf, keep) if keep else []
    clash = sorted(set(keep) & set(TAG_COLUMNS))
    if clash:
        raise ValueError(f"kept columns {clash} clash with the mention columns; rename them or pass keep=")
    if len(set(keep)) != len(keep):
        raise ValueError("keep: a column is named twice")
    file = _ship(sdf, lexicons, index)
    fields = [sdf.schema.fields[i] for i in keep_pos]
    fields += [
        StructField("start", LongType(), False),
        StructField("end", LongType(), False),
        StructField("text", StringType(), False),
        StructField("id", StringType(), True),
        StructField("label", StringType(), True),
        StructField("type", StringType(), True),
        StructField("score", DoubleType(), False),
    ]
    plan = _TagPlan(file, fuzzy, text_pos, tuple(keep_pos), tuple(f.name for f in fields))
    return sdf.mapInArrow(functools.partial(_tag_batches, plan), StructType(fields))


# -- worker side --------------------------------------------------------------------------


def _local(name: str | None) -> str | None:
    """The worker's path of a shipped index file."""
    if name is None:
        return None
    from pyspark import SparkFiles

    return SparkFiles.get(name)


def _add_ids_batches(plan: _AddPlan, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    global TASKS
    TASKS += 1
    resolve = _integration.resolver(None, _local(plan.lexicon_file), min_score=plan.min_score, types=plan.types)
    for batch in batches:
        added: list[pa.Array] = []
        for pos in plan.inputs:
            added.extend(_match_array(batch.column(pos), resolve))
        arrays = [batch.column(i) if i >= 0 else added[-1 - i] for _, i in plan.outputs]
        yield pa.RecordBatch.from_arrays(arrays, names=[n for n, _ in plan.outputs])


def _match_array(column: pa.Array, resolve: Any) -> list[pa.Array]:
    """(ids, labels, scores) for an Arrow column: each distinct value matched once."""
    import pyarrow as pa

    n = len(column)
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return [pa.nulls(n, pa.string()), pa.nulls(n, pa.string()), pa.nulls(n, pa.float64())]
    encoded = column.dictionary_encode()
    ids, labels, scores = _integration.match_values(encoded.dictionary.to_pylist(), resolve)
    indices = encoded.indices
    return [
        pa.array(ids, pa.string()).take(indices),
        pa.array(labels, pa.string()).take(indices),
        pa.array(scores, pa.float64()).take(indices),
    ]


def _tag_batches(plan: _TagPlan, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    global TASKS
    TASKS += 1
    tagger = _integration.tagger(None, _local(plan.lexicon_file), fuzzy=plan.fuzzy)
    for batch in batches:
        c = _integration.tag_columns(tagger, batch.column(plan.text).to_pylist())
        take = pa.array(c.rows, pa.int64())
        arrays = [batch.column(i).take(take) for i in plan.keep]
        arrays += [
            pa.array(c.start, pa.int64()),
            pa.array(c.end, pa.int64()),
            pa.array(c.text, pa.string()),
            pa.array(c.id, pa.string()),
            pa.array(c.label, pa.string()),
            pa.array(c.type, pa.string()),
            pa.array(c.score, pa.float64()),
        ]
        yield pa.RecordBatch.from_arrays(arrays, names=list(plan.names))
