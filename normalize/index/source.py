"""What a Matcher or Tagger is built from: lexicon files or a Lexicon in memory.

A :class:`LexiconSource` knows the content hash of its lexicons without
parsing them (for files: a hash of their bytes, the very hash
:meth:`Lexicon.load <normalize.lexicon.Lexicon.load>` computes), so that a
compiled index can be found, and used, before (or instead of) loading them.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:  # pragma: no cover
    from normalize.lexicon import Entity, Lexicon

__all__ = ["LexiconLike", "LexiconSource"]

#: what the public API accepts as a lexicon: None (the bundled lexicons), a path,
#: a list of paths, a Lexicon, or entities (Entity objects or lexicon-format dicts)
LexiconLike = Union[None, str, Path, "Lexicon", Iterable[str | Path], Iterable["Entity"], Iterable[Mapping[str, Any]]]


class LexiconSource:
    """Lexicon files (loaded when needed) or a lexicon already in memory."""

    def __init__(self, paths: list[Path] | None = None, lexicon: Lexicon | None = None) -> None:
        self._paths = paths
        self._lexicon = lexicon
        self._hash: str | None = lexicon.content_hash if lexicon is not None else None
        self._lock = threading.Lock()

    @classmethod
    def of(cls, spec: Any) -> LexiconSource:
        """Coerce what the public API accepts (see :data:`LexiconLike`)."""
        from normalize.lexicon import Entity, Lexicon

        if isinstance(spec, LexiconSource):
            return spec
        if spec is None:
            return cls(None)
        if isinstance(spec, Lexicon):
            return cls(lexicon=spec)
        if isinstance(spec, (str, Path)):
            return cls._of_paths([spec])
        if isinstance(spec, (bytes, bytearray)):
            raise TypeError("a lexicon is a path, a list of paths, a Lexicon or entities, not bytes")
        try:
            items = list(spec)
        except TypeError:
            raise TypeError(
                f"a lexicon is a path, a list of paths, a Lexicon or entities, not {type(spec).__name__}"
            ) from None
        if items and all(isinstance(p, (str, Path)) for p in items):
            return cls._of_paths(items)
        if all(isinstance(e, (Entity, Mapping)) for e in items):
            return cls(lexicon=Lexicon.from_entities(items))  # dicts checked as lexicon lines, strictly
        kinds = sorted({type(e).__name__ for e in items})
        raise TypeError(f"a lexicon's entities must be Entity objects or dicts, not {', '.join(kinds)}")

    @classmethod
    def _of_paths(cls, items: list[str | Path]) -> LexiconSource:
        """Files; ``bundled`` (or ``+``) stands for the bundled lexicons (see :func:`lexicon_paths`)."""
        from normalize.lexicon import bundled_paths, lexicon_paths

        paths = lexicon_paths(items)
        return cls(None if paths == bundled_paths() else paths)

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
            digest = hashlib.sha256()
            for path in self.paths:
                data = Path(path).read_bytes()
                digest.update(str(len(data)).encode() + b"\0" + data)
            self._hash = digest.hexdigest()
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
            got = getattr(self, "_merged", None)
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
