"""The workers of a batch: a chunk of input in, the same records out with their matches.

A :class:`Worker` runs in a worker process of :mod:`normalize.pool` (or in
the parent, for the first chunk and for ``-j 1``). CSV rows are parsed and
written again; a good JSON Lines record is written back byte for byte with the
new members spliced in before its closing brace.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from normalize._badinput import (
    csv_error,
    escape_raw,
    json_line,
    read_json_line,
    utf8_error,
)
from normalize.batch.base import (
    ERROR_FIELD,
    MAX_NAME_LENGTH,
    MAX_RECORD_BYTES,
    RAW_FIELD,
    added_fields,
)
from normalize.batch.chunking import split_lines, split_text, strip_newline
from normalize.batch.formats import Plan, csv_bytes, json_members
from normalize.batch.names import NameCache, Resolver

if TYPE_CHECKING:  # pragma: no cover
    from normalize.matcher import Matcher

__all__ = ["Known", "Result", "Worker", "learn", "setup", "work"]

#: what a worker knows of a name: (id, label, score) of its best match, or None
Known = tuple[str, str, float] | None

_NO_FIELDS = ("", "", "")  # no match
_NO_ERROR = ("", "")


class Answer:
    """A name's best match, and that match as a worker writes it.

    ``cells``: the three CSV fields; :meth:`members`: the JSON members of a
    column (made on first use; a worker's columns never change). One object
    per distinct name, in the worker's one :class:`~normalize.batch.names.NameCache`.
    """

    __slots__ = ("_members", "cells", "known")

    def __init__(self, known: Known) -> None:
        self.known = known
        self.cells = (known[0], known[1], f"{known[2]:.1f}") if known else _NO_FIELDS
        self._members: list[str | None] | None = None

    def members(self, k: int, columns: Sequence[str]) -> str:
        got = self._members
        if got is None:
            got = self._members = [None] * len(columns)
        out = got[k]
        if out is None:
            m = self.known
            out = got[k] = json_members(columns[k], m[0] if m else None, m[1] if m else None,
                                        round(m[2], 1) if m else None)
        return out


#: the answer for a cell without a name (told apart from a name without a match)
BLANK = Answer(None)


@dataclass
class Result:
    """What a worker returns for a chunk; ``learned``: the names it matched for it."""

    data: bytes
    records: int
    matched: list[int]
    empty: list[int]
    errors: list[tuple[int, str]]
    blank_lines: int
    learned: list[tuple[str, Known]] = field(default_factory=list)


class Worker:
    """Turns chunks of input into chunks of output (in a worker process, or in-process for -j 1).

    ``names`` holds the best match of every name seen so far, by this worker or
    (forwarded by the parent) by the others: with several workers a name is
    then matched about once, not once per worker.
    """

    def __init__(self, plan: Plan, resolver: Resolver) -> None:
        self.plan = plan
        self.resolver = resolver
        self.names: NameCache[Answer] = NameCache()
        self.learned: list[tuple[str, Known]] = []
        if plan.fmt == "csv":
            csv.field_size_limit(MAX_RECORD_BYTES)  # the default (128 KiB) is too small for real data

    def run(self, first_line: int, data: bytes) -> Result:
        result = self._jsonl(first_line, data) if self.plan.fmt == "jsonl" else self._csv(first_line, data)
        result.learned, self.learned = self.learned, []
        return result

    def learn(self, items: Iterable[tuple[str, Known]]) -> None:
        """Take what other workers found (their results do not depend on who computed them)."""
        put = self.names.put
        for key, known in items:
            put(key, Answer(known))

    def answer(self, name: str) -> Answer:
        """What is known of ``name``: matched now if nothing is yet (:data:`BLANK` for no name)."""
        key = name.strip()
        if not key:
            return BLANK
        got = self.names.get(key)
        if got is not None:
            return got
        m = self.resolver.best(key)
        known = (m.id, m.label, m.score) if m else None
        got = Answer(known)
        if len(key) <= MAX_NAME_LENGTH:
            self.names.put(key, got)
            self.learned.append((key, known))
        return got

    # CSV ------------------------------------------------------------------------------

    def _csv(self, first_line: int, data: bytes) -> Result:
        plan = self.plan
        ncols = len(plan.columns)
        problems: dict[int, str] = {}  # line index -> what was repaired on it
        byte_lines: list[bytes] | None = None
        try:
            lines = split_text(data.decode("utf-8"))
        except UnicodeDecodeError:
            byte_lines = split_lines(data)
            lines = []
            for i, bl in enumerate(byte_lines):
                try:
                    lines.append(bl.decode("utf-8"))
                except UnicodeDecodeError as exc:
                    problems[i] = f"{utf8_error(bl, exc)} (read as U+FFFD)"
                    lines.append(bl.decode("utf-8", "replace"))
        if b"\x00" in data:
            byte_lines = byte_lines or split_lines(data)
            for i, bl in enumerate(byte_lines):
                col = bl.find(b"\x00")
                if col >= 0:
                    problems.setdefault(i, f"NUL byte at column {col + 1} (read as U+FFFD)")
                    lines[i] = lines[i].replace("\x00", "\ufffd")  # the csv module of 3.10 rejects NUL
        delimiter = plan.delimiter
        tail = plan.nfields + 3 * ncols  # fast path when the added fields all go after the input's
        appended = plan.positions == tuple(range(plan.nfields, tail)) and (plan.error_pos, plan.raw_pos) == (tail, tail + 1)
        names_get = self.names.get
        answer = self.answer
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        base = 0
        start = 0
        n = len(lines)
        rows: list[list[str]] = []
        errors: list[tuple[int, str]] = []
        matched = [0] * ncols
        empty = [0] * ncols
        blank = 0
        while start < n:
            try:
                row: list[str] | None = next(reader)
                err = ""
            except StopIteration:
                break
            except csv.Error as exc:
                row, err = None, csv_error(str(exc))
            end = base + reader.line_num
            if row is not None and not row and end - start == 1:
                blank += 1
                start = end
                continue
            if err and end - start > 1:
                # a multi-line record that does not parse: an unclosed quote on its first line
                err = "quoted field not closed (parsing resumes on the next line)"
                end = start + 1
                base = end
                reader = csv.reader(itertools.islice(lines, end, None), delimiter=delimiter, strict=True)
            if row is not None and not err and len(row) != plan.nfields and end - start > 1:
                # the same for a multi-line record with the wrong number of fields
                err = "quoted field not closed (parsing resumes on the next line)"
                row = None
                end = start + 1
                base = end
                reader = csv.reader(itertools.islice(lines, end, None), delimiter=delimiter, strict=True)
            if row is not None and not err and len(row) == plan.nfields and not (
                problems and any(i in problems for i in range(start, end))
            ):
                if appended:  # the common case, kept lean: one dict look-up per name
                    out = row
                    for k, idx in enumerate(plan.name_index):
                        value = row[idx]
                        got = names_get(value) or answer(value)
                        if got is BLANK:
                            empty[k] += 1
                        elif got.known:
                            matched[k] += 1
                        out += got.cells
                    out += _NO_ERROR
                else:  # some added fields overwrite input columns (a re-run)
                    out = row + [""] * (plan.width - plan.nfields)
                    if plan.error_pos >= plan.nfields or not row[plan.error_pos]:
                        self._csv_match(out, row, matched, empty)
                    # else: a record an earlier run could not read as it was; that run saved the
                    # reason and the raw text, which this run cannot see: the row stays as it is
                rows.append(out)
                start = end
                continue
            # a record with a problem: keep what can be kept, say what was done
            notes = [problems[i] if i == start else f"{problems[i]} on line {first_line + i}"
                     for i in range(start, end) if i in problems]
            out = [""] * plan.width
            if err or row is None:
                notes.insert(0, err)
            else:
                nfields = plan.nfields
                out[: min(len(row), nfields)] = row[:nfields]
                if len(row) > nfields:
                    notes.insert(0, f"expected {nfields} fields, found {len(row)}: not matched, "
                                    f"the fields without a column are only in {RAW_FIELD}")
                    for p in plan.positions:
                        out[p] = ""
                else:
                    if len(row) < nfields:
                        notes.insert(0, f"expected {nfields} fields, found {len(row)}: the missing fields are left empty")
                    self._csv_match(out, out[:nfields], matched, empty)
            if byte_lines is None:
                byte_lines = split_lines(data)
            msg = "; ".join(notes)
            out[plan.error_pos] = msg
            out[plan.raw_pos] = escape_raw(strip_newline(b"".join(byte_lines[start:end])))
            errors.append((first_line + start, msg))
            rows.append(out)
            start = end
        return Result(csv_bytes(rows, plan, b"\r" in data), len(rows), matched, empty, errors, blank)

    def _csv_match(self, out: list[str], row: list[str], matched: list[int], empty: list[int]) -> None:
        """Put the match fields of ``row``'s names at their places in ``out``."""
        plan = self.plan
        for k, idx in enumerate(plan.name_index):
            got = self.answer(row[idx])
            if got is BLANK:
                empty[k] += 1
            elif got.known:
                matched[k] += 1
            p = plan.positions[3 * k : 3 * k + 3]
            out[p[0]], out[p[1]], out[p[2]] = got.cells

    # JSON Lines ------------------------------------------------------------------------

    def _jsonl(self, first_line: int, data: bytes) -> Result:
        plan = self.plan
        columns = plan.columns
        ncols = len(columns)
        added = set(added_fields(columns)) | {ERROR_FIELD, RAW_FIELD}
        no_match = [json_members(c, None, None, None) for c in columns]
        try:
            lines: list[str] | None = data.decode("utf-8").split("\n")
        except UnicodeDecodeError:
            lines = None
        byte_lines = data.split(b"\n")
        if byte_lines and not byte_lines[-1]:
            byte_lines.pop()
            if lines is not None:
                lines.pop()
        names_get = self.names.get
        answer = self.answer
        out: list[str] = []
        errors: list[tuple[int, str]] = []
        matched = [0] * ncols
        empty = [0] * ncols
        blank = 0
        nl = plan.newline
        for i, bl in enumerate(byte_lines):
            line = read_json_line(bl, None if lines is None else lines[i])
            if line.blank:
                blank += 1
                continue
            obj = line.obj
            if not line.error and not line.repaired and obj.get(ERROR_FIELD):
                # a re-run: an earlier run could not read this record as it was, and saved the
                # reason and the raw text, which this run cannot see: it stays as it is
                missing = [m for c, m in zip(columns, no_match) if f"{c}_id" not in obj]
                if missing:
                    obj.update(json.loads("{" + ", ".join(missing) + "}"))
                    out.append(json_line(obj) + nl)
                else:
                    out.append(line.text.rstrip() + nl)
                continue
            if line.error:
                msg = line.message
                members = ", ".join(no_match)
                tail = (
                    f"{json.dumps(ERROR_FIELD)}: {json_line(msg)}, "
                    f"{json.dumps(RAW_FIELD)}: {json_line(line.raw_field)}"
                )
                out.append(f"{{{members}, {tail}}}{nl}")
                errors.append((first_line + i, msg))
                continue
            parts = []
            for k, col in enumerate(columns):
                value = obj.get(col)
                got = (names_get(value) or answer(value)) if type(value) is str else BLANK
                if got is BLANK:
                    empty[k] += 1
                    parts.append(no_match[k])
                    continue
                matched[k] += got.known is not None
                parts.append(got.members(k, columns))
            if line.repaired:
                errors.append((first_line + i, line.repaired))
                parts.append(f"{json.dumps(ERROR_FIELD)}: {json_line(line.repaired)}")
                parts.append(f"{json.dumps(RAW_FIELD)}: {json_line(line.raw_field)}")
            if added.isdisjoint(obj):
                body = line.text.rstrip()
                sep = ", " if obj else ""
                out.append(f"{body[:-1]}{sep}{', '.join(parts)}}}{nl}")
            else:  # a re-run over our own output: the match fields are replaced in place
                obj.update(json.loads("{" + ", ".join(parts) + "}"))
                out.append(json_line(obj) + nl)
        return Result("".join(out).encode("utf-8"), len(out), matched, empty, errors, blank)


# -- the worker of this process (for normalize.pool) ----------------------------------------

_WORKER: Worker | None = None


def setup(plan: Plan, matcher: Matcher | None, spec: object, min_score: float | None,
          types: Sequence[str] | None) -> Worker:
    """Make this process's worker: the matcher is inherited as is under fork, else opened from ``spec``."""
    global _WORKER
    if matcher is None:
        from normalize.matcher import Matcher

        matcher = Matcher.from_worker_spec(spec)  # type: ignore[arg-type]
    _WORKER = Worker(plan, Resolver(matcher, min_score, types, cache=False))  # the worker caches its answers
    return _WORKER


def work(task: tuple[int, bytes]) -> Result:
    assert _WORKER is not None
    return _WORKER.run(*task)


def learn(items: list[tuple[str, Known]]) -> None:
    assert _WORKER is not None
    _WORKER.learn(items)
