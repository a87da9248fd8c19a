"""The file engine behind ``normalize batch``: :func:`run_batch` streams a CSV, TSV or JSON
Lines file (plain or gzip) through worker processes and never loses a record.

What it guarantees, and how (the choices a data engineer needs
to know):

* **One output record per input record, in input order.** Blank lines are not
  records: they are skipped and counted in the summary.
* **Added fields**: for every ``--column NAME``, ``NAME_id``, ``NAME_label``
  and ``NAME_score`` (the best match at or above the threshold; the score with
  one decimal). No match: empty cells in CSV, ``null`` in JSON. The name of a
  well-known place elsewhere (Berlin, Paris, New York) is no match of a small
  place the lexicon holds under that name (``normalize match`` shows it, marked
  ``elsewhere``). A field of
  that name already in the input is overwritten in place, so a re-run on the
  engine's own output replaces the previous results.
* **Everything else is kept.** CSV: the delimiter (``,``, ``;``, ``|`` or tab:
  the one the header uses most), column order, values exactly (the fields
  are re-quoted minimally, so ``"Kyiv"`` becomes ``Kyiv``), unicode, a UTF-8
  BOM. JSON Lines: each good line is written back byte for byte, with the new
  keys spliced in before its closing brace (numbers, escapes and spacing
  untouched). Output lines end the way the input's first line ends (CRLF or
  LF); a missing final newline is added.
* **Records with a problem** are written in their place with a
  ``normalize_error`` field (what was wrong, and what was done about it) and
  a ``normalize_raw`` field (the record's raw bytes, without the final line
  break, escaped as :func:`raw_bytes` describes: backslashes doubled, bytes
  that are not UTF-8 and NUL as ``\\xNN``, so the output is always valid
  UTF-8 and the bytes can always be recovered), and reported on stderr as
  ``FILE:LINE: message``. What is kept depends on the problem:

  - invalid UTF-8 or a NUL byte: the bad bytes are read as U+FFFD (the rule of
    every command) and the record is processed as usual, matched included;
  - a CSV row with too few fields: the missing trailing fields are empty (as
    ``csv.DictReader`` and pandas read it), and the row is matched;
  - a CSV row with too many fields: the fields that have a column are kept,
    the others are only in ``normalize_raw``; it is not matched (its fields
    may be shifted);
  - broken CSV quoting, invalid JSON, a JSON value that is not an object:
    nothing can be lined up, the other fields are empty (CSV) or absent (JSON).

  A CSV output always has the ``normalize_error`` and ``normalize_raw``
  columns (empty on good rows): a schema that does not depend on the data.
  In JSON Lines only records with a problem carry them.
* **A re-run over the engine's own output loses nothing**: a record that
  carries a ``normalize_error`` of an earlier run is written back as it is
  (that run saw the raw record; this one cannot); clear the field of a record
  you have fixed and the next run matches it. So ``-o`` may name the input
  itself: it is read to the end before being replaced, and running the same
  command again gives the same file.
* **Broken CSV quoting does not swallow the file**: a record that spans several
  lines (a quoted newline) and does not parse, or has the wrong number of
  fields, is taken to be an unclosed quote: only its first line is reported,
  and parsing resumes on the next line.
* **Parallelism without reordering**: the input is cut into chunks of about
  64 KiB at record boundaries (for CSV, a line end after an even number of
  quote characters), each chunk is parsed, matched and formatted by a worker,
  and the results are written in chunk order, at most ``2 * jobs`` chunks in
  flight. The cutting depends only on the bytes, so the output is identical
  for any number of workers. (A stray quote inside an unquoted field, which
  the csv module keeps as a literal character, can in rare cases make a cut
  fall inside a multi-line quoted field; both halves are then reported as
  malformed, the same way for every ``-j``.) Workers are forked (where the
  platform can) after the parent has indexed the lexicon and done the first
  chunk itself, so they share the built matcher and start out knowing the
  frequent names; each name a worker matches is forwarded to the others
  (:mod:`normalize.pool`).
* **Names are matched once per distinct value** (a bounded cache per process).
* **OUTPUT appears whole or not at all**: it is written to a temporary file in
  its directory and renamed at the end; on an error (a full disk included),
  Ctrl-C, SIGTERM or SIGHUP the temporary file is removed and an existing
  OUTPUT is left as it was. After SIGKILL it remains, as
  ``.OUTPUT.PID.XXXXXXXX.tmp``, until the next run of the same OUTPUT removes
  it (once process PID is gone); OUTPUT is never half-written. stdout, devices
  and FIFOs are written straight through.
* **Usage errors come before any output**: the input is opened, the header
  (CSV) or the first chunk (JSON Lines) is read and the columns are checked,
  the output's directory is checked, the lexicon is loaded and the options
  checked against it (an unknown ``--type``), all before the
  first byte is written. For JSON Lines, a column is unknown when no object in
  the first chunk (about 64 KiB) has it; records after that without it are
  just records without a name.
"""

from __future__ import annotations

import sys
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from normalize.batch import workers
from normalize.batch.base import BatchError, reason
from normalize.batch.formats import detect_format, format_of_name, open_input, plan_job
from normalize.batch.sink import Sink
from normalize.pool import WorkerDied, WorkerPool, forks

if TYPE_CHECKING:  # pragma: no cover
    from normalize.batch.formats import Plan
    from normalize.matcher import Matcher

__all__ = ["Summary", "run_batch"]


@dataclass
class Summary:
    """What a batch run did, for the final report."""

    records: int = 0
    malformed: int = 0
    blank_lines: int = 0
    matched: dict[str, int] = field(default_factory=dict)
    empty: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        rate = self.records / self.seconds if self.seconds > 0 else 0.0
        head = (
            f"{self.records:,} records read, {self.malformed:,} malformed, "
            f"{self.seconds:.2f} s ({rate:,.0f} records/s)"
        )
        if self.blank_lines:
            head += f", {self.blank_lines:,} blank lines skipped"
        out = [head]
        for col, n in self.matched.items():
            out.append(f"  {col}: {n:,} matched, {self.empty.get(col, 0):,} without a name")
        return out


def run_batch(
    input: str,
    output: str,
    columns: Sequence[str],
    *,
    fmt: str | None = None,
    load_matcher: Callable[[], Matcher],
    min_score: float | None = None,
    types: Sequence[str] | None = None,
    jobs: int = 1,
    progress: bool = False,
    report: Callable[[str], None] | None = None,
) -> Summary:
    """Normalize ``input`` into ``output`` (``-``: stdin/stdout); see the module docstring.

    Everything that can make the job fail (input, format, columns, output
    directory, then ``load_matcher``) is checked before a byte is written;
    those raise :class:`BatchError` (or whatever ``load_matcher`` raises).
    ``report`` receives each ``FILE:LINE: message`` of an unreadable record.
    """
    started = time.perf_counter()
    columns = list(dict.fromkeys(columns))
    if not columns:
        raise BatchError("at least one --column is needed")
    fmt = detect_format(input, fmt, fallback=output if input == "-" else None)
    if output != "-":
        out_fmt = format_of_name(output)
        if out_fmt and out_fmt != fmt:
            raise BatchError(f"the output {output!r} looks like {out_fmt}, but the input is {fmt} (no conversion)")
    say = report or (lambda line: print(line, file=sys.stderr))
    f, raw_input, name = open_input(input)
    sink: Sink | None = None
    summary = Summary(matched=dict.fromkeys(columns, 0), empty=dict.fromkeys(columns, 0))
    try:
        try:
            plan, header_bytes, tasks = plan_job(f, name, fmt, columns)
        except (OSError, EOFError, zlib.error) as exc:  # zlib.error: a corrupt gzip stream
            raise BatchError(f"cannot read {name}: {reason(exc)}") from None
        sink = Sink(output, say)
        if plan is None:
            say(f"{name}: empty input")
            sink.commit()
            summary.seconds = time.perf_counter() - started
            return summary
        matcher = load_matcher()
        from normalize.matcher import check_match_options

        try:
            check_match_options("", 1, min_score, types, matcher.entity_types)
        except (TypeError, ValueError) as exc:
            raise BatchError(str(exc).replace("min_score", "--min-score").replace("unknown type", "unknown --type")) from None
        spec = matcher.worker_spec()
        matcher.match("")  # build the indexes before any fork
        sink.write(header_bytes)
        bar = _progress_bar(progress)
        emit = say if bar is None else (lambda line: bar.write(line, file=sys.stderr))
        try:
            options = (matcher, spec, min_score, list(types) if types else None)
            for res in _results(_guard_reads(tasks, name), max(1, jobs), plan, options):
                sink.write(res.data)
                summary.records += res.records
                summary.malformed += len(res.errors)
                summary.blank_lines += res.blank_lines
                for k, col in enumerate(columns):
                    summary.matched[col] += res.matched[k]
                    summary.empty[col] += res.empty[k]
                for line, msg in res.errors:
                    emit(f"{name}:{line}: {msg}")
                if bar is not None:
                    bar.update(res.records)
        finally:
            if bar is not None:
                bar.close()
        sink.commit()
    finally:
        if sink is not None:
            sink.abort()
        if raw_input is not sys.stdin.buffer:
            f.close()
            raw_input.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _results(
    tasks: Iterator[tuple[int, bytes]], jobs: int, plan: Plan, options: tuple[Any, ...]
) -> Iterator[workers.Result]:
    """Process the chunks in order: in-process for one job, else with worker processes."""
    worker = workers.setup(plan, *options)
    if jobs <= 1:
        for task in tasks:
            yield worker.run(*task)
        return
    # The first chunk is done here, before the workers exist: it meets most of the
    # frequent names, which the workers then all start out knowing.
    first = next(tasks, None)
    if first is None:
        return
    yield worker.run(*first)
    matcher, spec, min_score, types = options
    if not forks():
        matcher = None  # opened again in each worker from its spec
    known = [(key, answer.known) for key, answer in worker.names.items()]
    pool = WorkerPool(jobs, workers.work, setup=workers.setup, setup_args=(plan, matcher, spec, min_score, types),
                      learn=workers.learn, share=_take_learned, known=known, name="batch")
    try:
        yield from pool.map(tasks)
    except WorkerDied as exc:
        raise BatchError(str(exc)) from None
    finally:
        pool.close()


def _take_learned(result: workers.Result) -> list[tuple[str, workers.Known]]:
    """The names a worker matched for this result, to be forwarded to the others (taken out of it)."""
    learned, result.learned = result.learned, []
    return learned


class _ReadError(BatchError):
    """The input became unreadable mid-way (a truncated gzip stream, an I/O error)."""


def _guard_reads(tasks: Iterator[tuple[int, bytes]], name: str) -> Iterator[tuple[int, bytes]]:
    last = 0
    while True:
        try:
            task = next(tasks)
        except StopIteration:
            return
        except (OSError, EOFError, zlib.error) as exc:
            raise _ReadError(f"cannot read {name} after line {last}: {reason(exc)}") from None
        last = task[0] + task[1].count(b"\n")
        yield task


def _progress_bar(enabled: bool) -> Any:
    """A tqdm bar in records/s on stderr, only when stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency, but a bar is optional
        return None
    tqdm.monitor_interval = 0  # no monitor thread: workers are forked after the bar exists
    return tqdm(unit=" records", unit_scale=True, file=sys.stderr, desc="normalize batch")
