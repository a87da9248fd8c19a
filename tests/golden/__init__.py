"""Frozen outputs of ``normalize match``, ``tag`` and ``batch`` on the bundled examples.

Each :class:`Case` is one command line run from the repository root (so file names in the
output are stable) on the files of ``examples/`` or of ``tests/golden/inputs/``; its
standard output, byte for byte, is stored in ``tests/golden/<name>.out``, its standard error
(the FILE:LINE reports, the time taken masked) in ``<name>.err`` when there is any, and its exit status in
:data:`CASES`. ``tests/test_golden.py`` runs every case again and compares.

When a change of output is intended, regenerate the files and review the diff::

    python -m tests.golden --update

(``python -m tests.golden`` alone only reports which cases differ.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tests.cli_inprocess import Run, run_main

REPO = Path(__file__).resolve().parent.parent.parent
GOLDEN = Path(__file__).resolve().parent
INPUTS = GOLDEN / "inputs"
#: what varies from run to run in a report on standard error: the time a run took
_TIMING = re.compile(r"\d+(?:\.\d+)? s \(\d+ records/s\)")


def stable_stderr(text: str) -> str:
    """Standard error with the run's timing replaced by ``<timing>``."""
    return _TIMING.sub("<timing>", text)


@dataclass(frozen=True)
class Case:
    """One frozen command: ``normalize ARGS < STDIN`` run from the repository root."""

    name: str
    args: tuple[str, ...]
    #: a file (relative to the repository root) given on standard input, or None
    stdin: str | None = None
    #: the exit status the command had when its output was frozen
    status: int = 0
    #: the case whose frozen output this one must reproduce (same answers another way)
    same_as: str | None = None

    @property
    def expected_path(self) -> Path:
        """The frozen standard output."""
        return GOLDEN / f"{self.same_as or self.name}.out"

    @property
    def stderr_path(self) -> Path:
        """The frozen standard error (absent: nothing was written there)."""
        return GOLDEN / f"{self.same_as or self.name}.err"

    def frozen(self) -> tuple[bytes | None, str]:
        """(standard output, standard error) as frozen; output None when never frozen."""
        out = self.expected_path.read_bytes() if self.expected_path.exists() else None
        err = self.stderr_path.read_text(encoding="utf-8") if self.stderr_path.exists() else ""
        return out, err

    def run(self) -> Run:
        stdin = (REPO / self.stdin).read_bytes() if self.stdin else b""
        run = run_main(list(self.args), stdin=stdin, cwd=REPO)
        return Run(run.status, run.stdout, stable_stderr(run.stderr))


NAMES = "tests/golden/inputs/names.txt"
NEWS = ("examples/news_en.txt", "examples/news_ru.txt", "examples/news_uk.txt")

CASES: tuple[Case, ...] = (
    # match: defaults, several answers with their derivation, Ukrainian names, a type filter
    Case("match_names", ("match",), stdin=NAMES),
    Case("match_names_explain", ("match", "--top", "3", "--min-score", "0", "--explain"), stdin=NAMES),
    Case("match_names_uk", ("match", "--explain"), stdin="examples/names_uk.txt"),
    Case("match_places_only", ("match", "--type", "place", "--top", "2"), stdin=NAMES),
    # tag: the three example texts, every option that changes the output, JSON Lines documents
    Case("tag_news", ("tag", *NEWS)),
    Case("tag_news_jobs", ("tag", "-j", "2", *NEWS), same_as="tag_news"),
    Case("tag_news_en_all", ("tag", "--all", "--candidates", "--fuzzy", "examples/news_en.txt")),
    Case("tag_news_uk_html", ("tag", "--html", "examples/news_uk.txt")),
    Case("tag_docs_jsonl", ("tag", "--jsonl", "--text-field", "body"), stdin="tests/golden/inputs/docs.jsonl",
         status=1),
    # batch: CSV with quoting, an empty name and a short row; JSON Lines with a broken line
    Case("batch_csv", ("batch", "tests/golden/inputs/records.csv", "--column", "name", "--column", "place"),
         status=1),
    Case("batch_csv_jobs", ("batch", "-j", "2", "tests/golden/inputs/records.csv", "--column", "name",
                            "--column", "place"), status=1, same_as="batch_csv"),
    Case("batch_jsonl", ("batch", "tests/golden/inputs/records.jsonl", "--column", "name", "--no-progress"),
         status=1),
)


def case(name: str) -> Case:
    """The case called ``name``."""
    for c in CASES:
        if c.name == name:
            return c
    raise KeyError(name)
