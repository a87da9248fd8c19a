"""Rows and texts shared by the pandas and Spark tests, and `normalize batch` / `normalize tag` to compare with."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import REPO

MATCH_LEXICON = REPO / "tests" / "fixtures" / "match_lexicon.jsonl"
TAG_LEXICON = REPO / "tests" / "fixtures" / "tag_lexicon.jsonl"
COLUMNS = ["city", "person", "code"]

#: cells as they come in real tables: good names, spellings, blanks, junk, huge, repeated
CITIES: list[Any] = [
    "Kharkov", "Харків", "Бахмут", "Bakhmut", "  Kharkiv  ", "Belgorod", "Тёткино", "Tetkino",
    "Nowhere-on-Earth", "", "   ", None, "Kharkov", "\"Kharkov\"", "Kharkov, Ukraine", "Kharkov\nOblast",
    "kharkov", "KHARKOV", "Kyiv <script>", "Харьков", "x" * (1 << 20), "Бахмут", "\t", "Zelensky", "RDC",
]
PERSONS: list[Any] = [
    "V. Zelensky", "Зеленский Владимир", "Olena Zelenska", "Somebody Else", "Navalny", None, "",
    "Алексей Навальный", "Volodymyr Zelenskyy", "zelensky", "Зеленського", "Russian Volunteer Corps",
    "RDC", "РДК", "Siberian Battalion", "Сибирский батальон", "a" * 400, "V. Zelensky", "Legion",
    "Freedom of Russia Legion", "  Olena  Zelenska ", "Кличко", "O'Neil", "Зеленська", "—",
]

TEXTS: list[Any] = [
    "Зеленський приїхав до Харкова, а Кличко залишився в Києві.",
    "President Volodymyr Zelensky visited Kharkov; Zelensky then met the Russian Volunteer Corps (RDC).",
    "Владимир Зеленский и Елена Зеленская прибыли в Бахмут. Зеленский заявил...",
    "",
    None,
    12,
    "Nothing to see here.",
    "Vitali Klitschko and Wladimir Klitschko. Klitschko spoke in Kharkiv.",
    "Kharkiv " * 2000,
]


def records() -> list[dict[str, Any]]:
    """Rows with a string city and person (some missing) and a numeric ``code`` (never a name)."""
    return [
        {"row": i, "city": c, "person": p, "code": i * 7}
        for i, (c, p) in enumerate(zip(CITIES, PERSONS))
    ]


def run_batch(rows: list[dict[str, Any]], tmp: Path, fmt: str = "jsonl") -> list[dict[str, Any]]:
    """The rows through `normalize batch -c city -c person -c code` (those they have; JSON Lines or CSV)."""
    src = tmp / f"rows.{fmt}"
    if fmt == "jsonl":
        src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    else:
        with open(src, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows({k: "" if v is None else v for k, v in r.items()} for r in rows)
    out = tmp / f"out.{fmt}"
    cmd = [sys.executable, "-m", "normalize", "batch", str(src), "-o", str(out), "--no-progress",
           "--lexicon", str(MATCH_LEXICON)]
    for c in COLUMNS:
        if c in rows[0]:
            cmd += ["-c", c]
    proc = subprocess.run(cmd, capture_output=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    if fmt == "jsonl":
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    csv.field_size_limit(1 << 26)
    with open(out, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def run_tag_jsonl(texts: list[Any], tmp: Path) -> list[list[dict[str, Any]]]:
    """The mentions `normalize tag --jsonl` finds in each text (none for a text that is not a string)."""
    src = tmp / "docs.jsonl"
    src.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    cmd = [sys.executable, "-m", "normalize", "tag", "--jsonl", "--lexicon", str(TAG_LEXICON), str(src)]
    proc = subprocess.run(cmd, capture_output=True, timeout=300, check=False)
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")
    return [json.loads(line)["entities"] for line in proc.stdout.decode("utf-8").splitlines()]
