"""`normalize match`: one name per stdin line -> one JSON object per line."""

from __future__ import annotations

import argparse
import json
import sys

from normalize.cli.common import add_lexicon_option


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser(
        "match",
        help="match names (one per stdin line) to lexicon entities",
        description=(
            "Read one name per line from stdin; write one JSON object per input line, in order: "
            '{"query": ..., "matches": [{"id", "label", "type", "score", "alias"}, ...]}.'
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
    from normalize.cli.common import make_matcher

    matcher = make_matcher(args)
    if args.names:
        lines = iter(args.names)
    else:
        stdin = sys.stdin.buffer
        lines = (raw.decode("utf-8", errors="replace") for raw in stdin)
    out = sys.stdout
    for line in lines:
        query = line.rstrip("\r\n")
        results = matcher.match(query, top=args.top, min_score=args.min_score, types=args.type) if query.strip() else []
        obj = {"query": query, "matches": [r.to_json(explain=args.explain) for r in results]}
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()
    return 0
