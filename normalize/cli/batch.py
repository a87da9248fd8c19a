"""`normalize batch`: add canonical IDs to the name columns of a CSV/TSV/JSON Lines file.

The engine and its guarantees are described in :mod:`normalize.batch.run`; this
module maps them to options and exit statuses: 0 every record read as it is,
1 some records repaired or unreadable (the output is still complete), 2 a usage
error (reported before any output is written) or a read or write that failed
(OUTPUT left as it was). SIGTERM and SIGHUP unwind like Ctrl-C: the temporary
output is removed.
"""

from __future__ import annotations

import argparse
import signal
import sys
from typing import Any

from normalize.cli.common import add_lexicon_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "batch",
        help="add canonical IDs to name columns of a CSV, TSV or JSON Lines file",
        description=(
            "Stream INPUT (CSV, TSV or JSON Lines, gzip or not) and write every record, in order, with "
            "NAME_id, NAME_label and NAME_score added for each --column NAME (empty when no match). "
            "A record with a problem (bytes that are not UTF-8, a CSV row of the wrong width, invalid JSON...) "
            "is written in its place with `normalize_error` and `normalize_raw` fields and reported on "
            "stderr as FILE:LINE: message. OUTPUT may be INPUT itself; a re-run over an output keeps the "
            "records an earlier run could not read as they are. Exit status: 0 all records read as they "
            "are, 1 some repaired or unreadable (the output is complete), 2 usage error or a read or "
            "write that failed (nothing written; an existing OUTPUT is left as it was)."
        ),
    )
    p.add_argument("input", metavar="INPUT", help="input file, or - for stdin; .gz is read transparently")
    p.add_argument("--column", "-c", action="append", required=True, metavar="NAME", help="a column (CSV) or key (JSON) holding names; repeatable")
    p.add_argument("-o", "--output", default="-", metavar="OUTPUT", help="output file (default: - for stdout); .gz is compressed; written atomically")
    p.add_argument("--format", choices=("csv", "tsv", "jsonl"), help="input format (default: from the file extension); a CSV file's delimiter (, ; | or tab) is the one its header uses most")
    add_lexicon_option(p)
    p.add_argument("--min-score", type=float, default=None, metavar="S", help="minimum score 0-100 (default: calibrated threshold)")
    p.add_argument("--type", action="append", metavar="T", help="only entities of this type (repeatable)")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (default 1; 0: one per CPU)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=True, help="progress bar on stderr when it is a terminal (default: on)")
    p.set_defaults(func=run)


def _terminate(signum: int, frame: Any) -> None:
    # unwind through the `finally` blocks: the temporary output is removed, workers stopped
    raise SystemExit(128 + signum)


def run(args: argparse.Namespace) -> int:
    import os

    from normalize.cli import UsageError

    if args.min_score is not None and not 0 <= args.min_score <= 100:
        raise UsageError("--min-score must be between 0 and 100")
    if args.jobs < 0:
        raise UsageError("-j must be >= 0")
    jobs = args.jobs or os.cpu_count() or 1

    from normalize.batch import BatchError, run_batch
    from normalize.cli.common import make_matcher

    def load_matcher() -> Any:
        return make_matcher(args)

    # SIGTERM and SIGHUP (a closed terminal or SSH session) unwind like Ctrl-C does
    caught = [sig for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if sig is not None]
    previous = {sig: signal.signal(sig, _terminate) for sig in caught}
    try:
        summary = run_batch(
            args.input,
            args.output,
            args.column,
            fmt=args.format,
            load_matcher=load_matcher,
            min_score=args.min_score,
            types=args.type,
            jobs=jobs,
            progress=args.progress,
        )
    except BatchError as exc:
        raise UsageError(str(exc)) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    for line in summary.lines():
        print(f"normalize batch: {line}" if not line.startswith(" ") else line, file=sys.stderr)
    return 1 if summary.malformed else 0
