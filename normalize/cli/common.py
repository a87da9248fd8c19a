"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
from typing import Any, Sequence


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
