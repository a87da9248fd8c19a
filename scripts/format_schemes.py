"""Rewrite scheme files in the canonical layout (one table entry per line).

Usage: python scripts/format_schemes.py [FILE ...]   (default: every scheme)
Keeps the key order fixed so diffs of scheme data stay readable in review; a file
the loader would reject (unknown key, malformed deviation) stops the script.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

from normalize.translit import DEVIATION_KEYS, SCHEME_KEYS, Scheme, SchemeFileError

#: Key order of a scheme file, and of one of its deviations (the loader's own lists).
ORDER = list(SCHEME_KEYS)
DEVIATION_ORDER = list(DEVIATION_KEYS)


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def format_scheme(data: dict) -> str:
    try:
        Scheme.from_dict(data)  # the loader's validation: unknown keys, malformed deviations
    except SchemeFileError as exc:
        raise SystemExit(f"{data.get('id')}: {exc}") from None
    lines = ["{"]
    keys = [k for k in ORDER if k in data]
    for n, key in enumerate(keys):
        comma = "," if n < len(keys) - 1 else ""
        value = data[key]
        if key == "letters":
            items = [f"  {dumps(unicodedata.normalize('NFC', k))}: {dumps(v)}" for k, v in value.items()]
            lines.append(' "letters": {\n' + ",\n".join(items) + f"\n }}{comma}")
        elif key == "deviations" and value:
            items = ["  " + dumps({k: v[k] for k in DEVIATION_ORDER}) for v in value]
            lines.append(f' "{key}": [\n' + ",\n".join(items) + f"\n ]{comma}")
        elif key in ("rules", "samples") and value:
            items = ["  " + dumps(v) for v in value]
            lines.append(f' "{key}": [\n' + ",\n".join(items) + f"\n ]{comma}")
        else:
            lines.append(f" {dumps(key)}: {dumps(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    root = Path(__file__).resolve().parent.parent / "normalize" / "schemes"
    files = [Path(a) for a in argv] or sorted(root.glob("*.json"))
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(format_scheme(data), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
