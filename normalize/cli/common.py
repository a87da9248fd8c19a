"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
from typing import Any, Sequence


def add_lexicon_option(p: argparse.ArgumentParser) -> None:
    """The --lexicon option every command that reads lexicons takes."""
    p.add_argument(
        "--lexicon",
        action="append",
        metavar="PATH",
        help="lexicon file (JSON Lines; repeatable); default: the bundled lexicons",
    )


def load_lexicon_or_exit(paths: Sequence[str] | None) -> Any:
    """Load the given lexicons (bundled when None); a bad file is a usage error (exit 2)."""
    from normalize.cli import UsageError
    from normalize.lexicon import Lexicon, LexiconError

    try:
        return Lexicon.load(list(paths) if paths else None)
    except LexiconError as exc:
        raise UsageError(f"invalid lexicon:\n{exc}") from None
    except OSError as exc:
        raise UsageError(f"cannot read lexicon: {exc}") from None
