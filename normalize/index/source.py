"""What a Matcher or Tagger is built from: lexicon files or a Lexicon in memory.

A :class:`LexiconSource` knows the content hash of its lexicons without
parsing them (for files: a hash of their bytes, the very hash
:meth:`Lexicon.load <normalize.lexicon.Lexicon.load>` computes), so that a
compiled index can be found, and used, before (or instead of) loading them.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from normalize.lexicon.coerce import LexiconLike

if TYPE_CHECKING:  # pragma: no cover
    from normalize.lexicon import Lexicon

__all__ = ["LexiconLike", "LexiconSource"]


class LexiconSource:
    """Lexicon files (loaded when needed) or a lexicon already in memory."""

    def __init__(self, paths: list[Path] | None = None, lexicon: Lexicon | None = None) -> None:
        self._paths = paths
        self._lexicon = lexicon
        self._hash: str | None = lexicon.content_hash if lexicon is not None else None
        self._merged: Lexicon | None = None
        self._lock = threading.Lock()

    @classmethod
    def of(cls, spec: LexiconLike | LexiconSource) -> LexiconSource:
        """What the public API accepts (see :func:`~normalize.lexicon.coerce_lexicon`)."""
        from normalize.lexicon import Lexicon, coerce_lexicon

        if isinstance(spec, LexiconSource):
            return spec
        got = coerce_lexicon(spec)
        if isinstance(got, Lexicon):
            return cls(lexicon=got)
        return cls(got)

    @property
    def in_memory(self) -> bool:
        """A Lexicon given in code (not files to read)."""
        return self._paths is None and self._lexicon is not None

    @property
    def is_bundled(self) -> bool:
        return self._paths is None and self._lexicon is None

    @property
    def paths(self) -> list[Path]:
        """The files (the bundled lexicons' when none were given); [] for a lexicon in memory."""
        if self._lexicon is not None and self._paths is None:
            return list(self._lexicon.paths)
        if self._paths is None:
            from normalize.lexicon import bundled_paths

            return bundled_paths()
        return list(self._paths)

    @property
    def content_hash(self) -> str:
        """The hash :meth:`Lexicon.load` gives these files (read, not parsed); an OSError propagates."""
        if self._hash is None:
            from normalize.lexicon import files_hash

            self._hash = files_hash(self.paths)
        return self._hash

    def load(self) -> Lexicon:
        """The lexicon (parsed once); a :class:`~normalize.lexicon.LexiconError` propagates."""
        if self._lexicon is None:
            with self._lock:
                if self._lexicon is None:
                    from normalize.lexicon import Lexicon

                    lexicon = Lexicon.load(self._paths)
                    if self._hash is not None and lexicon.content_hash != self._hash:
                        self._hash = lexicon.content_hash  # the files changed in between
                    self._lexicon = lexicon
        return self._lexicon

    def merged(self) -> Lexicon:
        """The lexicon as matching sees it: entities linked by ``same_as`` answer as one."""
        with self._lock:
            got = self._merged
        if got is None:
            got = self.load().merged()
            with self._lock:
                self._merged = got
        return got

    def describe(self) -> list[str]:
        """Short names of the lexicons, for an index's metadata."""
        if self.is_bundled:
            return ["bundled"]
        if self._lexicon is not None and not self._lexicon.paths:
            return ["<in memory>"]
        return [Path(p).name for p in self.paths]
