"""`normalize translit` and `normalize schemes`."""

from __future__ import annotations

import argparse
import json
import sys

from normalize.cli import UsageError


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser(
        "translit",
        help="transliterate text with a scheme",
        description="Transliterate TEXT (or each stdin line, one output line per input line).",
    )
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--scheme", "-s", metavar="ID", help="scheme ID (see `normalize schemes`)")
    g.add_argument("--all", action="store_true", help="show the output of every applicable scheme")
    p.add_argument("--lang", help="with --all: only schemes of this language (default: detected)")
    p.add_argument("text", nargs="*", metavar="TEXT")
    p.set_defaults(func=run_translit)

    s = sub.add_parser("schemes", help="list the transliteration schemes")
    s.add_argument("--json", action="store_true", help="one JSON object per scheme")
    s.add_argument("--lang", help="only schemes of this language")
    s.set_defaults(func=run_schemes)


def run_translit(args: argparse.Namespace) -> int:
    from normalize.translit import UnknownSchemeError, get_scheme

    if args.all:
        from normalize import romanizations

        if not args.text:
            raise UsageError("--all needs TEXT")
        text = " ".join(args.text)
        for rom in romanizations(text, lang=args.lang):
            print(f"{','.join(rom.schemes)}\t{rom.text}")
        return 0
    try:
        scheme = get_scheme(args.scheme)
    except UnknownSchemeError as exc:
        raise UsageError(str(exc)) from None
    if args.text:
        print(scheme.translit(" ".join(args.text)))
        return 0
    out = sys.stdout
    # bytes in, so a line of bad UTF-8 still yields exactly one output line
    for raw in sys.stdin.buffer:
        body = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        out.write(scheme.translit(body) + "\n")
    out.flush()
    return 0


def run_schemes(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from normalize.translit import schemes

    for info in schemes(args.lang):
        if args.json:
            print(json.dumps(asdict(info), ensure_ascii=False))
        else:
            year = info.year if info.year is not None else ""
            print(f"{info.id:<20} {info.lang:<3} {year!s:<5} {'rev' if info.reversible else '   '} {info.standard}")
    return 0
