"""The content hash of a lexicon: what compiled indexes and caches are keyed by.

Files hash as they are read, without parsing (:class:`FilesDigest`), so that
an index can be found before the lexicon is loaded; a lexicon built in code
hashes its entities (:func:`entities_hash`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from normalize.lexicon.model import Entity

__all__ = ["FilesDigest", "entities_hash", "files_hash"]


class FilesDigest:
    """The hash of lexicon files, fed their bytes in order (each file's length, then its bytes)."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()

    def add(self, data: bytes) -> None:
        self._digest.update(str(len(data)).encode() + b"\0" + data)

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def files_hash(paths: Iterable[str | Path]) -> str:
    """The hash :meth:`Lexicon.load <normalize.lexicon.Lexicon.load>` gives these files (read, not parsed).

    An OSError propagates.
    """
    digest = FilesDigest()
    for path in paths:
        digest.add(Path(path).read_bytes())
    return digest.hexdigest()


def entities_hash(entities: Iterable[Entity]) -> str:
    """The hash of entities built in code (their JSON objects, keys sorted)."""
    digest = hashlib.sha256()
    for e in entities:
        digest.update(json.dumps(e.to_json(), ensure_ascii=False, sort_keys=True).encode())
        digest.update(b"\n")
    return digest.hexdigest()
