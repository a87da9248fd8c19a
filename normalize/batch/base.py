"""What every part of batch shares: the fields it adds, its error, its limits."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from normalize._badinput import ERROR_FIELD, RAW_FIELD, unescape_raw

__all__ = [
    "ERROR_FIELD",
    "MAX_NAME_LENGTH",
    "MAX_RECORD_BYTES",
    "RAW_FIELD",
    "BatchError",
    "added_fields",
    "raw_bytes",
    "reason",
]

#: longer texts are not names: they are not matched (and would be slow to try)
MAX_NAME_LENGTH = 300
#: a CSV record still open after this many bytes is cut (an unclosed quote)
MAX_RECORD_BYTES = 64 << 20

_SUFFIXES = ("id", "label", "score")


class BatchError(Exception):
    """A problem with the job itself (bad input file, unknown column): exit status 2."""


def raw_bytes(raw: str) -> bytes:
    r"""The exact bytes of a record from its ``normalize_raw`` text.

    ``normalize_raw`` is the record's bytes as UTF-8 text with every backslash
    doubled and every byte that is not valid UTF-8 (and NUL) written ``\xNN``,
    so that it is always valid text and never ambiguous: ``\xf3`` is the byte
    0xF3, ``\\xf3`` the four characters ``\xf3`` as written.

    >>> raw_bytes(r"caf\xe9 costs \\x41")
    b'caf\xe9 costs \\x41'
    """
    return unescape_raw(raw)


def added_fields(columns: Sequence[str]) -> list[str]:
    """The fields a batch adds for ``columns``: ``NAME_id``, ``NAME_label``, ``NAME_score`` each."""
    return [f"{c}_{s}" for c in columns for s in _SUFFIXES]


def reason(exc: BaseException) -> str:
    """What went wrong, without Python's "[Errno 28]" prefix."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, zlib.error):
        return f"corrupt gzip data ({exc})"
    return str(exc) or type(exc).__name__
