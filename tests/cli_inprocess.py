"""Run ``normalize.cli.main`` in this process, with stdin, stdout and stderr captured.

Equivalent to running the command for everything the CLI does itself (argument
parsing, exit statuses, every byte written); a subprocess adds only the
interpreter's start-up and exit. Tests that need those (signals, real file
descriptors, the final flush) run the real entry point instead.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Run:
    status: int
    stdout: bytes
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.decode("utf-8").splitlines()


def run_main(args: Sequence[str], stdin: bytes = b"", cwd: str | os.PathLike[str] | None = None) -> Run:
    """``normalize ARGS`` in-process: (exit status, stdout bytes, stderr text).

    stdout is strict UTF-8 like a real one under a UTF-8 locale, so text that
    cannot be written (a lone surrogate) fails here as it would there.
    """
    import gc

    from normalize.cli import main

    gc_was_enabled = gc.isenabled()
    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", newline="\n", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", newline="\n", write_through=True)
    old_cwd = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        try:
            status = main(list(args))
        except SystemExit as exc:  # argparse: --help, usage errors
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        sys.stdout.flush()
        sys.stderr.flush()
        return Run(status, out.getvalue(), err.getvalue().decode("utf-8"))
    finally:
        os.chdir(old_cwd)
        sys.stdin, sys.stdout, sys.stderr = saved
        gc.unfreeze()  # `tag` freezes and disables the collector for its own run
        if gc_was_enabled:
            gc.enable()
