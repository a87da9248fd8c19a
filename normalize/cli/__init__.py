"""Command-line interface: a thin argparse layer over the public API.

Each sub-command lives in its own module with a ``register(subparsers)``
function; heavy modules are imported only inside the handlers, so
``normalize --help`` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

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


#: exit statuses (the README's table lists what gets which)
EXIT_OK = 0
EXIT_BAD_INPUT = 1  # done, output complete, but some input was repaired or unreadable (on stderr)
EXIT_USAGE = 2  # the job could not be done: bad option, unreadable file, a write that failed
EXIT_INTERRUPTED = 130  # Ctrl-C; SIGTERM and SIGHUP give 128 + the signal number
EXIT_BROKEN_PIPE = 141  # the reader of stdout went away (`normalize ... | head`)


def main(argv: Sequence[str] | None = None) -> int:
    import warnings

    warnings.showwarning = _show_warning
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        status = int(args.func(args) or 0)
        sys.stdout.flush()  # a write error shows now, not as the interpreter exits
        return status
    except UsageError as exc:
        print(f"normalize {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `normalize ... | head`: quiet, but not a success
        _silence_stdout()
        return EXIT_BROKEN_PIPE  # what a shell reports for a command killed by SIGPIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OSError as exc:  # stdout on a full disk, a file that vanished mid-run...
        where = f"{exc.filename}: " if exc.filename else "cannot write output: " if _stdout_failed(exc) else ""
        print(f"normalize {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        _silence_stdout()
        return EXIT_USAGE


def _stdout_failed(exc: OSError) -> bool:
    import errno

    return exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", -1))


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's final flush cannot fail again."""
    import os

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (in-process tests)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
