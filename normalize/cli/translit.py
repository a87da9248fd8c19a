"""`normalize translit` and `normalize schemes`."""

from __future__ import annotations

import argparse
import json
import sys

from normalize.cli import UsageError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "translit",
        help="transliterate text with a scheme",
        description="Transliterate TEXT (or each stdin line, one output line per input line).",
    )
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--scheme", "-s", metavar="ID", help="scheme ID (see `normalize schemes`)")
    g.add_argument("--all", action="store_true", help="show the output of every applicable scheme")
    p.add_argument("--lang", help="with --all: only schemes of this language (default: detected); with --scheme: must be its language")
    p.add_argument("text", nargs="*", metavar="TEXT")
    p.set_defaults(func=run_translit)

    s = sub.add_parser("schemes", help="list the transliteration schemes")
    s.add_argument("--json", action="store_true", help="one JSON object per scheme")
    s.add_argument("--lang", help="only schemes of this language")
    s.set_defaults(func=run_schemes)


def _languages() -> list[str]:
    from normalize.translit import schemes

    return sorted({info.lang for info in schemes()})


def run_translit(args: argparse.Namespace) -> int:
    from normalize.cli.common import check_choice, read_lines, text_args
    from normalize.translit import UnknownSchemeError, get_scheme

    status = 0

    def report(message: str) -> None:
        nonlocal status
        print(message, file=sys.stderr)
        status = 1

    check_choice("--lang", args.lang, _languages())
    if args.all:
        from normalize import romanizations

        if not args.text:
            raise UsageError("--all needs TEXT")
        text = " ".join(text_args(args.text, report))
        for rom in romanizations(text, lang=args.lang):
            print(f"{','.join(rom.schemes)}\t{rom.text}")
        return status
    try:
        scheme = get_scheme(args.scheme)
    except UnknownSchemeError as exc:
        raise UsageError(str(exc)) from None
    if args.lang is not None and args.lang != scheme.info.lang:
        raise UsageError(f"--lang {args.lang} does not go with --scheme {scheme.id}, a scheme for {scheme.info.lang}")
    if args.text:
        print(scheme.translit(" ".join(text_args(args.text, report))))
        return status

    out = sys.stdout
    # bytes in, so a line of bad UTF-8 still yields exactly one output line
    for line in read_lines(sys.stdin.buffer, "<stdin>", report):
        out.write(scheme.translit(line.rstrip("\r\n")) + "\n")
    out.flush()
    return status


def run_schemes(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from normalize.cli.common import check_choice
    from normalize.translit import schemes

    check_choice("--lang", args.lang, _languages())
    for info in schemes(args.lang):
        if args.json:
            print(json.dumps(asdict(info), ensure_ascii=False))
        else:
            year = info.year if info.year is not None else ""
            print(f"{info.id:<20} {info.lang:<3} {year!s:<5} {'rev' if info.reversible else '   '} {info.standard}")
    return 0
