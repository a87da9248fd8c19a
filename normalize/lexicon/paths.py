"""Where lexicon files are: the bundled lexicons, and the files a list of lexicons names.

``bundled`` (or ``+``) in a list of lexicons stands for the bundled files, in
its place; the position of each file decides which ID a ``same_as`` group
answers under (:func:`_source_ranks`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

__all__ = ["BUNDLED", "bundled_paths", "lexicon_paths"]

#: the names that stand for the bundled lexicons in a list of lexicon paths
BUNDLED: tuple[str, ...] = ("bundled", "+")


def bundled_paths() -> list[Path]:
    """Every ``*.jsonl`` file of the bundled lexicons, sorted by file name.

    These are what every command and class uses when given no lexicon, and
    what the name ``bundled`` (or ``+``) stands for in a list of lexicons
    (``--lexicon bundled --lexicon my.jsonl``, ``Lexicon.load(["bundled",
    "my.jsonl"])``). The bundled lexicons are installed as the package
    ``normalize.lexicons`` (the repository's ``lexicons/`` directory); running
    from a source checkout that is not installed, that directory is used directly.

    >>> sorted(p.name for p in bundled_paths())[:2]
    ['geonames_ua_ru_by.jsonl', 'orgs.jsonl']
    """
    return sorted(_bundled_dir().glob("*.jsonl"), key=lambda p: p.name)


def _bundled_dir() -> Path:
    import importlib.util

    # A source checkout reads its own lexicons/, even when another copy of the
    # package is installed (editable or not): a benchmark that puts one tree on
    # PYTHONPATH must not silently read the lexicons of the installed tree.
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "lexicons" / "__init__.py").is_file():
        return checkout / "lexicons"
    try:
        spec = importlib.util.find_spec("normalize.lexicons")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if Path(location).is_dir():
                return Path(location)
    return Path(__file__).resolve().parents[2] / "lexicons"


def lexicon_paths(paths: str | Path | Sequence[str | Path] | None) -> list[Path]:
    """The files a list of lexicons names: ``bundled`` (or ``+``) stands for :func:`bundled_paths`.

    None means the bundled lexicons; a single path may be given bare. A file
    named twice is read once, at its first place (so ``["bundled",
    "lexicons/places.jsonl"]`` does not define every place twice). A file that
    is really called ``bundled`` is named ``./bundled``.

    >>> [p.name for p in lexicon_paths(["my.jsonl", "+"])][:2]
    ['my.jsonl', 'geonames_ua_ru_by.jsonl']
    """
    if paths is None:
        return bundled_paths()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: list[Path] = []
    seen: set[Path] = set()
    for item in paths:
        group = bundled_paths() if isinstance(item, str) and item in BUNDLED else [Path(item)]
        for path in group:
            key = _real(path)
            if key not in seen:
                seen.add(key)
                out.append(path)
    return out


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # pragma: no cover - a symlink loop
        return path.absolute()


def _source_ranks(sources: Iterable[str | None]) -> dict[str | None, int]:
    """The lexicon position of each source file, in order of first appearance.

    The bundled lexicons count as one lexicon, at the position of the first of
    them: when two entities are the ``same_as`` each other, the one from the
    lower position gives the group its ID.
    """
    bundled = {_real(p) for p in bundled_paths()}
    ranks: dict[str | None, int] = {}
    bundled_rank: int | None = None
    next_rank = 0
    for source in sources:
        if source in ranks:
            continue
        if source is not None and _real(Path(source)) in bundled:
            if bundled_rank is None:
                bundled_rank, next_rank = next_rank, next_rank + 1
            ranks[source] = bundled_rank
        else:
            ranks[source], next_rank = next_rank, next_rank + 1
    return ranks


def _scan_entries(text: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """``(id, same_as)`` of each entry of a lexicon's text, parsing in full only the lines that need it."""
    for line in text.split("\n"):
        if not line or line.isspace():
            continue
        m = None if '"same_as"' in line or line.count('"id"') != 1 else _ID_AT_START.match(line)
        if m is not None:
            yield m.group(1), ()
            continue
        try:
            obj = json.loads(line.lstrip("\ufeff"))
            entity_id = obj["id"]
        except (ValueError, KeyError, TypeError):
            continue
        if type(entity_id) is str:
            same = obj.get("same_as")
            yield entity_id, tuple(x for x in same if type(x) is str) if type(same) is list else ()


def _bundled_ids() -> frozenset[str]:
    """The IDs of the bundled lexicons (for a hint when a same_as names one that is not loaded)."""
    out: set[str] = set()
    for path in bundled_paths():
        try:
            out.update(entity_id for entity_id, _ in _scan_entries(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):  # pragma: no cover - a broken installation
            pass
    return frozenset(out)


#: a line that starts with its id, the id free of escapes (read without parsing the JSON)
_ID_AT_START = re.compile(r'\ufeff?\s*\{\s*"id"\s*:\s*"([^"\\]+)"')
