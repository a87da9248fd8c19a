"""Cutting an input into chunks of whole records, and lines out of bytes.

The cutting depends only on the bytes, so the output of a batch is the same
for any number of workers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from normalize.batch.base import MAX_RECORD_BYTES

__all__ = ["CHUNK_BYTES", "chunks", "split_lines", "split_text", "strip_newline"]

#: target size of a chunk of input handed to a worker: small chunks spread what the
#: workers learn about names sooner (measured: 64 KiB costs less CPU in total than 1 MiB)
CHUNK_BYTES = 1 << 16


def split_lines(data: bytes) -> list[bytes]:
    """Lines with their ``\\n`` (only ``\\n`` ends a line; ``\\r`` stays with its line)."""
    parts = data.split(b"\n")
    last = parts.pop()
    lines = [p + b"\n" for p in parts]
    if last:
        lines.append(last)
    return lines


def split_text(text: str) -> list[str]:
    """:func:`split_lines` for text (``str.splitlines`` would also split on \\x1c, \\u2028...)."""
    parts = text.split("\n")
    last = parts.pop()
    lines = [p + "\n" for p in parts]
    if last:
        lines.append(last)
    return lines


def strip_newline(line: bytes) -> bytes:
    if line.endswith(b"\r\n"):
        return line[:-2]
    if line.endswith(b"\n"):
        return line[:-1]
    return line


def _cut(buf: bytes, quoted: bool, known_odd: int) -> int:
    """Where to end a chunk: just after the last line end at a record boundary (0: none).

    For CSV a line end is a record boundary when the number of quote characters
    before it is even. Positions before ``known_odd`` are known not to be.
    """
    pos = buf.rfind(b"\n")
    if not quoted or pos < 0:
        return pos + 1
    quotes = buf.count(b'"', 0, pos)
    while pos >= known_odd:
        if quotes % 2 == 0:
            return pos + 1
        prev = buf.rfind(b"\n", 0, pos)
        if prev < 0:
            return 0
        quotes -= buf.count(b'"', prev, pos)
        pos = prev
    return 0


def chunks(f: IO[bytes], first_line: int, quoted: bool) -> Iterator[tuple[int, bytes]]:
    """(number of the chunk's first line, chunk bytes): whole records, about CHUNK_BYTES each.

    ``quoted``: CSV, where a line end inside a quoted field is no record boundary.
    Reads with ``read1`` (one system call at a time, returning to Python in
    between), so that a signal (SIGTERM, Ctrl-C) is handled at once even while
    a pipe keeps the input coming; a C-level ``read(n)`` loop would swallow it.
    """
    parts: list[bytes] = []
    size = 0
    line = first_line
    known_odd = 0
    eof = False
    target = CHUNK_BYTES  # join and look for a cut once this much is buffered
    read = getattr(f, "read1", f.read)
    while not eof:
        block = read(CHUNK_BYTES)
        if block:
            parts.append(block)
            size += len(block)
        else:
            eof = True
        if size < target and not eof:
            continue
        buf = b"".join(parts)
        if eof:
            cut = len(buf)
        else:
            cut = _cut(buf, quoted, known_odd)
            if not cut and len(buf) > MAX_RECORD_BYTES:
                cut = buf.rfind(b"\n") + 1 or len(buf)  # a runaway quote: cut anyway
        if not cut:  # inside a quoted field: wait for another CHUNK_BYTES
            known_odd = max(0, len(buf) - 1)
            parts, target = [buf], size + CHUNK_BYTES
            continue
        chunk, rest = buf[:cut], buf[cut:]
        parts, size, known_odd, target = ([rest] if rest else []), len(rest), 0, CHUNK_BYTES
        if chunk:
            yield line, chunk
            line += chunk.count(b"\n")
