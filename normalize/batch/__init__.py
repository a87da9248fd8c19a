"""Batch normalization: add canonical IDs to every record of a table or a JSON dump.

Two layers:

* the Python API, :func:`match_records` (a generator over dicts) and
  :func:`match_many` (the best match of each name of a list), for pipelines
  that already hold their records in memory or stream them themselves
  (:mod:`normalize.batch.records`);
* the file engine behind ``normalize batch``, :func:`run_batch`, which streams a
  CSV, TSV or JSON Lines file (plain or gzip) through worker processes and
  never loses a record: its guarantees are listed in :mod:`normalize.batch.run`.

The parts: ``base`` (the fields a batch adds, its error, its limits),
``names`` (the best match of a name, remembered), ``records`` (the in-memory
API), ``formats`` (format detection, headers, the plan of a job), ``chunking``
(whole records out of a byte stream), ``workers`` (a chunk in, its records
out), ``sink`` (the atomic output) and ``run`` (the whole job).
"""

from __future__ import annotations

from normalize.batch.base import (
    ERROR_FIELD,
    MAX_NAME_LENGTH,
    MAX_RECORD_BYTES,
    RAW_FIELD,
    BatchError,
    added_fields,
    raw_bytes,
)
from normalize.batch.chunking import CHUNK_BYTES
from normalize.batch.formats import FORMATS, detect_format
from normalize.batch.names import CACHE_SIZE
from normalize.batch.records import match_many, match_records
from normalize.batch.run import Summary, run_batch

__all__ = [
    "CACHE_SIZE",
    "CHUNK_BYTES",
    "ERROR_FIELD",
    "FORMATS",
    "MAX_NAME_LENGTH",
    "MAX_RECORD_BYTES",
    "RAW_FIELD",
    "BatchError",
    "Summary",
    "added_fields",
    "detect_format",
    "match_many",
    "match_records",
    "raw_bytes",
    "run_batch",
]
