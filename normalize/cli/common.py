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


def add_lexicon_option(p: argparse.ArgumentParser, *flags: str) -> None:
    """The --lexicon option every command that reads lexicons takes (``flags``: extra spellings such as -l)."""
    p.add_argument(
        "--lexicon",
        *flags,
        action="append",
        metavar="PATH",
        help=LEXICON_HELP,
    )


def load_lexicon_or_exit(paths: Sequence[str] | None) -> Any:
    """Load the given lexicons (bundled when None, ``bundled`` or ``+`` among them); a bad file exits 2."""
    from normalize.cli import UsageError
    from normalize.lexicon import Lexicon, LexiconError

    try:
        return Lexicon.load(list(paths) if paths else None)
    except LexiconError as exc:
        raise UsageError(f"invalid lexicon:\n{exc}") from None
    except OSError as exc:
        raise UsageError(f"cannot read lexicon: {exc}") from None
