"""`normalize match`: one name per stdin line -> one JSON object per line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from normalize.cli.common import add_lexicon_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "match",
        help="match names (one per stdin line) to lexicon entities",
        description=(
            "Read one name per line from stdin; write one JSON object per input line, in order: "
            '{"query": ..., "matches": [{"id", "label", "type", "score", "alias"}, ...]}. '
            "Bytes that are not UTF-8 are read as U+FFFD and reported as <stdin>:LINE (exit status 1)."
        ),
    )
    add_lexicon_option(p)
    p.add_argument("--top", type=int, default=5, metavar="K", help="at most K matches per name (default 5)")
    p.add_argument("--min-score", type=float, default=None, metavar="S", help="minimum score 0-100 (default: calibrated threshold)")
    p.add_argument("--type", action="append", metavar="T", help="only entities of this type (repeatable)")
    p.add_argument("--explain", action="store_true", help="add the derivation steps (`via`) of each match")
    p.add_argument("names", nargs="*", metavar="NAME", help="names to match instead of stdin")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from normalize.cli import UsageError

    if args.top < 0:
        raise UsageError("--top must be >= 0")
    if args.min_score is not None and not 0 <= args.min_score <= 100:
        raise UsageError("--min-score must be between 0 and 100")
    from normalize._badinput import json_line
    from normalize.cli.common import check_types, make_matcher, read_lines, text_args

    matcher = make_matcher(args)
    check_types(args.type, matcher.entity_types)
    status = 0

    def report(message: str) -> None:
        nonlocal status
        print(message, file=sys.stderr)
        status = 1

    if args.names:
        lines: Iterator[str] = iter(text_args(args.names, report))
    else:
        lines = read_lines(sys.stdin.buffer, "<stdin>", report)
    out = sys.stdout
    for line in lines:
        query = line.rstrip("\r\n")
        results = matcher.match(query, top=args.top, min_score=args.min_score, types=args.type) if query.strip() else []
        obj = {"query": query, "matches": [r.to_json(explain=args.explain) for r in results]}
        out.write(json_line(obj) + "\n")
    out.flush()
    return status
