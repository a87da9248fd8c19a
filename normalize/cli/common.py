"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any

#: the help of --lexicon, shared by every command
LEXICON_HELP = (
    "a lexicon file (JSON Lines; repeatable); 'bundled' (or '+') names the bundled lexicons, in its "
    "place: --lexicon my.jsonl --lexicon bundled. An entity in several lexicons (same_as) answers "
    "under the ID of the first one named. Default: the bundled lexicons"
)


def add_lexicon_option(p: argparse.ArgumentParser, *flags: str, index: bool = True) -> None:
    """The --lexicon option every command that reads lexicons takes (``flags``: extra spellings such as -l),
    and --index where a compiled index can stand for the lexicons."""
    p.add_argument(
        "--lexicon",
        *flags,
        action="append",
        metavar="PATH",
        help=LEXICON_HELP,
    )
    if index:
        p.add_argument(
            "--index",
            metavar="FILE",
            help="a compiled index (`normalize lexicon compile`) to use instead of --lexicon",
        )


def _lexicon_spec(args: argparse.Namespace) -> Any:
    from normalize.cli import UsageError

    if getattr(args, "index", None) and args.lexicon:
        raise UsageError("give --index or --lexicon, not both (an index already holds its lexicons)")
    return list(args.lexicon) if args.lexicon else None


def _errors() -> tuple[type[BaseException], ...]:
    from normalize.index.container import IndexFileError
    from normalize.lexicon import LexiconError

    return (LexiconError, IndexFileError, OSError)


def _usage(exc: BaseException) -> Exception:
    from normalize.cli import UsageError
    from normalize.index.container import IndexFileError
    from normalize.lexicon import LexiconError

    if isinstance(exc, LexiconError):
        return UsageError(f"invalid lexicon:\n{exc}")
    if isinstance(exc, IndexFileError):
        return UsageError(f"unusable index: {exc}")
    assert isinstance(exc, OSError)
    name = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
    return UsageError(f"cannot read lexicon: {name}{exc.strerror or exc}")


def make_matcher(args: argparse.Namespace) -> Any:
    """The Matcher the options ask for, ready (index opened or built): bad input is a usage error."""
    from normalize.matcher import Matcher

    spec = _lexicon_spec(args)
    try:
        if getattr(args, "index", None):
            return Matcher.from_index(args.index).build()
        return Matcher(spec).build()
    except _errors() as exc:
        raise _usage(exc) from None


def make_tagger(args: argparse.Namespace, *, fuzzy: bool = False, cache: bool = True) -> Any:
    """The Tagger the options ask for, ready: bad input is a usage error."""
    from normalize.tagger import Tagger

    spec = _lexicon_spec(args)
    try:
        if getattr(args, "index", None):
            return Tagger.from_index(args.index, fuzzy=fuzzy)
        return Tagger(spec, fuzzy=fuzzy, cache=cache)
    except _errors() as exc:
        raise _usage(exc) from None


def load_lexicon_or_exit(paths: Sequence[str] | None) -> Any:
    """Load the given lexicons (bundled when None, ``bundled`` or ``+`` among them); a bad file exits 2."""
    from normalize.lexicon import Lexicon

    try:
        return Lexicon.load(list(paths) if paths else None)
    except _errors() as exc:
        raise _usage(exc) from None


def check_types(types: Sequence[str] | None, known: Iterable[str]) -> None:
    """``--type`` values must be types the lexicon (or the engine) knows: a usage error otherwise."""
    from normalize.cli import UsageError
    from normalize.matcher import check_match_options

    try:
        check_match_options("", 1, None, types, frozenset(known))
    except ValueError as exc:
        raise UsageError(str(exc).replace("unknown type", "unknown --type")) from None


def check_choice(option: str, value: str | None, choices: Iterable[str]) -> None:
    """A value of ``option`` that is not one of ``choices``: a usage error listing them."""
    from normalize._suggest import did_you_mean
    from normalize.cli import UsageError

    choices = sorted(set(choices))
    if value is not None and value not in choices:
        hint = did_you_mean(value, choices)
        raise UsageError(f"unknown {option} {value!r} (choose from {', '.join(choices)}){hint}")


def read_lines(stream: IO[bytes], name: str, report: Callable[[str], None]) -> Iterator[str]:
    """The lines of a byte stream as text (line ends kept), one per line, whatever the bytes.

    The rule of every command: bytes that are not UTF-8 are read as U+FFFD,
    and each such line is reported as ``NAME:LINE: message``.
    """
    from normalize._badinput import utf8_error

    for number, raw in enumerate(stream, 1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            report(f"{name}:{number}: {utf8_error(raw, exc)} (read as U+FFFD)")
            yield raw.decode("utf-8", errors="replace")


def text_args(values: Sequence[str], report: Callable[[str], None]) -> list[str]:
    """TEXT arguments under the same rule: bytes that are not UTF-8 become U+FFFD, and are reported.

    (Python hands such bytes over as lone surrogates, which could not even be printed.)
    """
    import os

    from normalize._badinput import utf8_error

    out = []
    for i, value in enumerate(values, 1):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raw = os.fsencode(value)
            try:
                value = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                report(f"argument {i}: {utf8_error(raw, exc)} (read as U+FFFD)")
                value = raw.decode("utf-8", errors="replace")
            else:  # surrogates that were not bytes: cannot come from a command line, but may from code
                value = value.encode("utf-8", "replace").decode("utf-8")
        out.append(value)
    return out
