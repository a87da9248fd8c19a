"""The binary container of a compiled index: named sections in one file, read in place.

Layout (all integers little-endian)::

    MAGIC (8 bytes) | header length (u32) | header CRC-32 (u32) | header (JSON, UTF-8)
    | padding to 8 | section | padding to 8 | section | ...

The header records the format version, the byte order, a *stamp* (what the
file was built from: engine fingerprint, lexicon content hash) and, for each
section, its name, offset, length and CRC-32. A reader checks the magic, the
version, the header's CRC, that the file is exactly as long as the header says
(a truncated file fails here) and, on first use of each group of sections, the
sections' CRCs (a changed byte fails there). Nothing in a file is ever
evaluated: sections are arrays of numbers and UTF-8 text, used through
``memoryview`` casts without a Python object per entry.

Building blocks written by :class:`Writer` and read by :class:`Reader`:

* **arrays** of one machine type (``array`` typecodes ``i`` ``I`` ``q`` ``d`` ``B``);
* :class:`StrTable`: strings by number (byte offsets plus one UTF-8 blob);
* :class:`KeyMap`: a hash table from string keys to a run of values (CRC-32 of
  the key's UTF-8 bytes, sorted, searched in place, so a look-up costs a binary
  search and one byte comparison, and loading costs nothing); its keys keep
  their insertion order and are numbered by it.
"""

from __future__ import annotations

import json
import mmap
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain
from operator import add
from pathlib import Path
from typing import Any, BinaryIO, cast

__all__ = ["FORMAT_VERSION", "MAGIC", "IndexFileError", "KeyMap", "Reader", "StrTable", "Writer"]

MAGIC = b"NRMZIDX\n"
#: bump when the layout or the meaning of any section changes
FORMAT_VERSION = 1
_ALIGN = 8


class IndexFileError(ValueError):
    """A file that is not a usable compiled index (truncated, corrupt, foreign or stale)."""


def _crc(data: Any) -> int:
    return zlib.crc32(data) & 0xFFFFFFFF


def _encode(s: str) -> bytes:
    return s.encode("utf-8", "surrogatepass")


def _encode_all(strings: Sequence[str]) -> list[bytes]:
    """``[_encode(s) for s in strings]``: encoded together, then cut at the line breaks
    (one at a time when a string holds a line break itself)."""
    if not strings:
        return []
    joined = "\n".join(strings)
    if joined.count("\n") != len(strings) - 1:
        return [_encode(s) for s in strings]
    return _encode(joined).split(b"\n")


# -- writing -----------------------------------------------------------------------------


class Writer:
    """Collects sections, then writes them as one file (or bytes)."""

    def __init__(self) -> None:
        self._sections: dict[str, bytes] = {}
        self._reserved: set[str] = set()

    def __contains__(self, name: str) -> bool:
        return name in self._sections

    def add(self, name: str, data: bytes | bytearray | memoryview) -> None:
        if name in self._reserved:
            self._reserved.discard(name)  # a reserved place filled (see reserve())
        elif name in self._sections:
            raise ValueError(f"section {name!r} written twice")
        self._sections[name] = bytes(data)

    def reserve(self, names: Iterable[str]) -> None:
        """Keep the places of sections another process writes: :meth:`add` fills them later,
        and the file has its sections in the order it would have had them written here."""
        for name in names:
            if name in self._sections:
                raise ValueError(f"section {name!r} written twice")
            self._sections[name] = b""
            self._reserved.add(name)

    def add_array(self, name: str, typecode: str, values: Iterable[float] | Iterable[int]) -> None:
        arr = values if isinstance(values, array) and values.typecode == typecode else array(typecode, values)
        if sys.byteorder != "little":  # pragma: no cover - the file is little-endian
            arr = array(typecode, arr)
            arr.byteswap()
        self.add(name, arr.tobytes())

    def add_json(self, name: str, value: Any) -> None:
        self.add(name, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"))

    def add_strings(self, name: str, strings: Sequence[str]) -> None:
        """A :class:`StrTable`: ``name.o`` (offsets) and ``name.b`` (UTF-8 bytes, "\\n" after each string)."""
        self._strings(name, _encode_all(strings))

    def _strings(self, name: str, blobs: list[bytes]) -> None:
        offsets = array("I", [0])
        offsets.extend(accumulate(map(len, blobs)))
        if blobs:  # one past each string's line break
            offsets = array("I", map(add, offsets, range(len(offsets))))
        self.add_array(f"{name}.o", "I", offsets)
        self.add(f"{name}.b", b"\n".join(blobs) + (b"\n" if blobs else b""))

    @staticmethod
    def keymap_sections(name: str) -> tuple[str, ...]:
        """The sections :meth:`add_keymap` writes for ``name`` without runs."""
        return (f"{name}.#keys.o", f"{name}.#keys.b", f"{name}.#hash", f"{name}.#order")

    def add_keymap(self, name: str, keys: Sequence[str], runs: Sequence[Sequence[Any]] | None = None,
                   columns: Sequence[tuple[str, str]] = ()) -> None:
        """A :class:`KeyMap` of ``keys`` (distinct, in order).

        ``runs[k]`` is key k's values: each a number (one column) or a tuple with
        one number per column; ``columns`` gives each column's suffix and typecode
        (``name.<suffix>``). The keys are ``name.#keys``; ``name.#hash`` holds the
        keys' CRC-32 in ascending order and ``name.#order`` the key number of each,
        so a look-up is a binary search; ``name.#runs`` the runs' offsets.
        """
        blobs = _encode_all(keys)
        self._strings(f"{name}.#keys", blobs)
        n = len(keys)
        hashes = list(map(zlib.crc32, blobs))
        order = sorted(range(n), key=hashes.__getitem__)
        self.add_array(f"{name}.#hash", "I", array("I", map(hashes.__getitem__, order)))
        self.add_array(f"{name}.#order", "I", array("I", order))
        if runs is None:
            return
        if len(runs) != n:
            raise ValueError(f"keymap {name!r}: {n} keys but {len(runs)} runs")
        offsets = array("I", [0])
        offsets.extend(accumulate(map(len, runs)))
        self.add_array(f"{name}.#runs", "I", offsets)
        items = chain.from_iterable(runs)
        if len(columns) == 1:
            suffix, code = columns[0]
            self.add_array(f"{name}.{suffix}", code, array(code, items))
        else:
            cols = list(zip(*items)) or [()] * len(columns)
            for (suffix, code), c in zip(columns, cols):
                self.add_array(f"{name}.{suffix}", code, array(code, c))

    def _layout(self, stamp: dict[str, Any], meta: dict[str, Any]) -> tuple[bytes, list[tuple[int, bytes]]]:
        if self._reserved:
            raise ValueError(f"sections reserved and never written: {sorted(self._reserved)}")
        entries = []
        # offsets depend on the header's length, which depends on the offsets: fix the
        # header's size first with wide placeholders, then fill the numbers in
        names = list(self._sections)

        def header(offsets: list[int], total: int) -> bytes:
            table = [[n, o, len(self._sections[n]), _crc(self._sections[n])] for n, o in zip(names, offsets)]
            return json.dumps({"format": FORMAT_VERSION, "byteorder": "little", "stamp": stamp, "meta": meta,
                               "size": total, "sections": table}, ensure_ascii=False, separators=(",", ":")).encode()

        def pad(n: int) -> int:
            return (-n) % _ALIGN

        guess = len(header([10**12] * len(names), 10**12)) + 64
        start = 16 + guess
        start += pad(start)
        offsets = []
        pos = start
        for n in names:
            offsets.append(pos)
            pos += len(self._sections[n])
            pos += pad(pos)
        head = header(offsets, pos)
        if 16 + len(head) > start:  # pragma: no cover - the guess is an upper bound
            raise AssertionError("index header larger than planned")
        head = head + b" " * (start - 16 - len(head))
        prefix = MAGIC + array_u32([len(head), _crc(head)]) + head
        for n, o in zip(names, offsets):
            entries.append((o, self._sections[n]))
        return prefix, entries

    def to_bytes(self, stamp: dict[str, Any], meta: dict[str, Any] | None = None) -> bytes:
        prefix, entries = self._layout(stamp, meta or {})
        out = bytearray(prefix)
        for offset, data in entries:
            out.extend(b"\0" * (offset - len(out)))
            out.extend(data)
        out.extend(b"\0" * ((-len(out)) % _ALIGN))
        return bytes(out)

    def write_to(self, f: BinaryIO, stamp: dict[str, Any], meta: dict[str, Any] | None = None) -> None:
        prefix, entries = self._layout(stamp, meta or {})
        f.write(prefix)
        pos = len(prefix)
        for offset, data in entries:
            f.write(b"\0" * (offset - pos))
            f.write(data)
            pos = offset + len(data)
        f.write(b"\0" * ((-pos) % _ALIGN))


def array_u32(values: Sequence[int]) -> bytes:
    arr = array("I", values)
    if sys.byteorder != "little":  # pragma: no cover
        arr.byteswap()
    return arr.tobytes()


# -- reading -----------------------------------------------------------------------------


class Reader:
    """A compiled index opened in place (memory-mapped file, or bytes).

    ``where`` names the file in error messages. Opening checks the magic, the
    format version, the byte order, the header checksum and the file's length;
    :meth:`verify` checks the checksums of a group of sections.
    """

    def __init__(self, buf: bytes | mmap.mmap, where: str) -> None:
        self.where = where
        self._buf = buf
        self._mv = memoryview(buf)
        if sys.byteorder != "little":  # pragma: no cover
            raise IndexFileError(f"{where}: compiled indexes are little-endian; this machine is not")
        if len(buf) < 16 or bytes(self._mv[:8]) != MAGIC:
            raise IndexFileError(f"{where}: not a compiled normalize index")
        hlen, hcrc = self._mv[8:16].cast("I")
        if 16 + hlen > len(buf):
            raise IndexFileError(f"{where}: truncated (header cut off)")
        head = self._mv[16 : 16 + hlen]
        if _crc(head) != hcrc:
            raise IndexFileError(f"{where}: corrupt (header checksum mismatch)")
        try:
            header = json.loads(bytes(head))
        except ValueError:
            raise IndexFileError(f"{where}: corrupt (unreadable header)") from None
        if not isinstance(header, dict):
            raise IndexFileError(f"{where}: corrupt (unreadable header)")
        if header.get("format") != FORMAT_VERSION:
            raise IndexFileError(
                f"{where}: index format {header.get('format')!r}, this version of normalize reads format "
                f"{FORMAT_VERSION}: compile it again (normalize lexicon compile)"
            )
        if header.get("size") != len(buf):
            what = "truncated" if isinstance(header.get("size"), int) and header["size"] > len(buf) else "corrupt"
            raise IndexFileError(f"{where}: {what} (expected {header.get('size')} bytes, found {len(buf)})")
        self.stamp: dict[str, Any] = header.get("stamp") or {}
        self.meta: dict[str, Any] = header.get("meta") or {}
        self._sections: dict[str, tuple[int, int, int]] = {}
        try:
            for name, offset, length, crc in header["sections"]:
                if not (isinstance(offset, int) and isinstance(length, int) and 0 <= offset
                        and offset + length <= len(buf)):
                    raise ValueError(name)
                self._sections[str(name)] = (offset, length, int(crc))
        except (KeyError, TypeError, ValueError):
            raise IndexFileError(f"{where}: corrupt (bad section table)") from None
        self._verified: set[str] = set()

    @classmethod
    def open(cls, path: str | Path) -> Reader:
        """Memory-map ``path`` (read only). Raises :class:`IndexFileError` or ``OSError``."""
        with open(path, "rb") as f:
            try:
                buf: bytes | mmap.mmap = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            except ValueError:  # an empty file cannot be mapped
                buf = b""
        return cls(buf, str(path))

    def names(self) -> list[str]:
        return list(self._sections)

    def verify(self, prefix: str = "") -> None:
        """Check the CRC-32 of every section whose name starts with ``prefix`` (once each)."""
        for name, (offset, length, crc) in self._sections.items():
            if name.startswith(prefix) and name not in self._verified:
                if _crc(self._mv[offset : offset + length]) != crc:
                    raise IndexFileError(f"{self.where}: corrupt (checksum mismatch in section {name})")
                self._verified.add(name)

    def has(self, name: str) -> bool:
        return name in self._sections

    def raw(self, name: str) -> memoryview:
        try:
            offset, length, _ = self._sections[name]
        except KeyError:
            raise IndexFileError(f"{self.where}: section {name} is missing") from None
        return self._mv[offset : offset + length]

    def array(self, name: str, typecode: str) -> memoryview:
        mv = self.raw(name)
        size = array(typecode).itemsize
        if len(mv) % size:
            raise IndexFileError(f"{self.where}: corrupt (section {name} has a partial item)")
        # any of array's codes, checked above; typeshed's overloads of cast take literal codes only
        return cast("memoryview", mv.cast(typecode))  # type: ignore[call-overload]

    def json(self, name: str) -> Any:
        try:
            return json.loads(bytes(self.raw(name)))
        except (ValueError, RecursionError):
            raise IndexFileError(f"{self.where}: corrupt (section {name} is not JSON)") from None

    def strings(self, name: str) -> StrTable:
        return StrTable(self, name)

    def keymap(self, name: str) -> KeyMap:
        return KeyMap(self, name)


class StrTable(Sequence[str]):
    """Strings by number, decoded on access."""

    __slots__ = ("_b", "_n", "_o")

    def __init__(self, reader: Reader, name: str) -> None:
        self._o = reader.array(f"{name}.o", "I")
        self._b = reader.raw(f"{name}.b")
        self._n = len(self._o) - 1
        if self._n < 0 or (self._n and self._o[-1] != len(self._b)):
            raise IndexFileError(f"{reader.where}: corrupt (string table {name})")

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        if i < 0:
            i += self._n
        return str(self._b[self._o[i] : self._o[i + 1] - 1], "utf-8", "surrogatepass")

    def many(self, indices: Iterable[int]) -> list[str]:
        """``[self[i] for i in indices]`` (non-negative), without a method call for each."""
        offsets, blob = self._o, self._b
        return [str(blob[offsets[i] : offsets[i + 1] - 1], "utf-8", "surrogatepass") for i in indices]

    def encoded(self, i: int) -> memoryview:
        return self._b[self._o[i] : self._o[i + 1] - 1]

    def is_empty(self, i: int) -> bool:
        """``not self[i]`` (non-negative ``i``), without decoding the string."""
        return self._o[i + 1] - self._o[i] == 1

    def all(self) -> list[str]:
        """Every string, decoded at once (for strings without a line break)."""
        if not self._n:
            return []
        return str(self._b[:-1], "utf-8", "surrogatepass").split("\n")


class KeyMap:
    """A read-only hash table from strings to runs of values (see :meth:`Writer.add_keymap`).

    A look-up hashes the key (CRC-32 of its UTF-8 bytes), finds that hash by
    binary search in the sorted hash column (C-level ``bisect`` over the mapped
    file) and compares the key's bytes: no Python object per key is ever built.
    """

    __slots__ = ("_h", "_n", "_o", "_v", "keys", "where")

    def __init__(self, reader: Reader, name: str) -> None:
        self.where = reader.where
        self.keys = StrTable(reader, f"{name}.#keys")
        self._h = reader.array(f"{name}.#hash", "I")
        self._o = reader.array(f"{name}.#order", "I")
        self._n = n = len(self.keys)
        if len(self._h) != n or len(self._o) != n:
            raise IndexFileError(f"{reader.where}: corrupt (hash table {name})")
        self._v = reader.array(f"{name}.#runs", "I") if reader.has(f"{name}.#runs") else None
        if self._v is not None and len(self._v) != n + 1:
            raise IndexFileError(f"{reader.where}: corrupt (hash table {name})")

    def __len__(self) -> int:
        return self._n

    def find(self, key: str) -> int:
        """The number of ``key``, or -1."""
        b = key.encode("utf-8", "surrogatepass")
        h = zlib.crc32(b)
        hashes = self._h
        i = bisect_left(hashes, h)
        n = self._n
        if i < n and hashes[i] == h:
            keys = self.keys
            offsets, blob, order = keys._o, keys._b, self._o
            while i < n and hashes[i] == h:
                k = order[i]
                start = offsets[k]
                if blob[start : offsets[k + 1] - 1] == b:
                    return k
                i += 1
        return -1

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.find(key) >= 0

    def run(self, k: int) -> range:
        """The positions of key number ``k``'s values in the value columns."""
        v = self._v
        assert v is not None
        return range(v[k], v[k + 1])

    def span(self, k: int) -> tuple[int, int]:
        v = self._v
        assert v is not None
        return v[k], v[k + 1]
