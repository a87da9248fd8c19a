"""The register matching set of benchmarks/register_match.py is consistent.

Every query names an entry of the list (or, for a negative, the entry it resembles),
the development / held-out split follows its fixed rule (odd entry numbers are the
development half), and the list imports without a reported row.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "benchmarks" / "data"
FORMS = {"person": {"press", "patronymic", "list", "initials", "cyrillic"},
         "org": {"name", "legal form", "generic words", "cyrillic"}}
NEGATIVE_FORMS = {"namesake", "subsidiary"}


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("register_match", REPO / "benchmarks" / "register_match.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("register_match", module)
    spec.loader.exec_module(module)
    return module


def _list() -> dict[str, dict[str, str]]:
    with (DATA / "register_list.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    return {f"reg:{r['id']}": r for r in rows}


def test_list_rows() -> None:
    rows = _list()
    for ident, row in rows.items():
        assert row["type"] in ("person", "company"), ident
        assert ident[4] == ("P" if row["type"] == "person" else "C") and ident[5:].isdigit(), ident
        assert row["name"].strip() and all(n.strip() for n in row["name"].split("|")), ident


def test_queries_name_list_entries_and_follow_the_split_rule() -> None:
    rows = _list()
    queries = _bench().read_queries()
    assert queries
    seen = set()
    for q in queries:
        where = f"register_queries.tsv:{q.line}"
        entry = q.gold or q.near
        assert entry in rows, where
        assert bool(q.gold) != bool(q.near), where
        assert q.kind == ("person" if rows[entry]["type"] == "person" else "org"), where
        assert q.form in (NEGATIVE_FORMS if q.near else FORMS[q.kind]), where
        assert q.split == ("dev" if int(entry[5:]) % 2 else "heldout"), where
        assert q.query.strip() == q.query and q.query, where
        assert (q.query, entry) not in seen, where
        seen.add((q.query, entry))
    splits = Counter((q.split, q.kind, bool(q.gold)) for q in queries)
    assert all(splits[(s, k, g)] >= 15 for s in ("dev", "heldout") for k in ("person", "org") for g in (True, False))


def test_every_entry_has_queries() -> None:
    queries = _bench().read_queries()
    assert set(_list()) == {q.gold for q in queries if q.gold}


def test_list_imports_without_a_reported_row() -> None:
    from normalize.lexicon import Lexicon

    lexicon = Lexicon.import_file(DATA / "register_list.csv", strict=True, name_columns=["name", "alias"],
                                  separator="|", type_column="type", id_prefix="reg:")
    assert {e.id for e in lexicon} == set(_list())
    assert {e.type for e in lexicon} == {"person", "org"}
