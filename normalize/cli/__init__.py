"""Command-line interface: a thin argparse layer over the public API.

Each sub-command lives in its own module with a ``register(subparsers)``
function; heavy modules are imported only inside the handlers, so
``normalize --help`` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

#: sub-command modules, in the order ``--help`` lists them
COMMAND_MODULES = ("translit", "lexicon", "match", "tag", "batch")


class UsageError(Exception):
    """A bad option or argument: exit status 2, message on stderr."""


def build_parser() -> argparse.ArgumentParser:
    from normalize import __version__

    parser = argparse.ArgumentParser(
        prog="normalize",
        description="Multilingual transliteration and entity normalization.",
    )
    parser.add_argument("--version", action="version", version=f"normalize {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"normalize.cli.{name}")
        except ModuleNotFoundError as exc:  # a command not built yet
            if exc.name != f"normalize.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: object = None, line: str | None = None) -> None:
    """Warnings as one plain line on stderr (no source location: users are not debugging)."""
    print(f"normalize: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    import warnings

    warnings.showwarning = _show_warning
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"normalize {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `normalize ... | head`: quiet, but not a success
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush is silent
        return 141  # what a shell reports for a command killed by SIGPIPE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
