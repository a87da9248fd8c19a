"""``python -m tests.golden [--update]``: compare (or rewrite) the frozen outputs.

Run from the repository root. Without ``--update`` it lists the cases whose output differs
from the frozen file and exits 1 if any; with ``--update`` it rewrites the frozen files of
those cases (review them with ``git diff tests/golden`` before committing).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from tests.golden import CASES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the frozen outputs that differ")
    args = parser.parse_args(argv)
    # never the user's cache, as in the test suite
    os.environ["NORMALIZE_CACHE_DIR"] = tempfile.mkdtemp(prefix="normalize-golden-cache-")
    differ = 0
    for c in CASES:
        run = c.run()
        frozen, frozen_err = c.frozen()
        if (run.stdout, run.stderr, run.status) == (frozen, frozen_err, c.status):
            continue
        differ += 1
        print(f"{c.name}: {'differs' if frozen is not None else 'not frozen yet'} (exit status {run.status})")
        if run.status != c.status:
            print(f"  exit status {run.status}, frozen {c.status}: edit CASES in tests/golden/__init__.py")
        if args.update and c.same_as is None:
            c.expected_path.write_bytes(run.stdout)
            c.stderr_path.unlink(missing_ok=True)
            if run.stderr:
                c.stderr_path.write_text(run.stderr, encoding="utf-8")
            print(f"  wrote {c.expected_path.name}" + (f" and {c.stderr_path.name}" if run.stderr else ""))
    return 1 if differ and not args.update else 0


if __name__ == "__main__":
    sys.exit(main())
