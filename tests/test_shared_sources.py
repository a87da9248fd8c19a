"""The scheme files carry every official example of the standards they cite.

The official examples live in ../shared/translit-tests (one TSV per standard);
each scheme lists the TSVs it implements in ``sample_sources``. This test makes
sure nothing was dropped or altered when the examples were carried over: every
row is either a ``sample`` (reproduced exactly) or a recorded ``deviation`` (an
example that contradicts its standard's table, where the scheme writes what the
table gives), and every recorded deviation is a row of its source.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from normalize.translit import get_scheme, scheme_ids
from tests.conftest import shared_file

#: names of files in the official-examples collection (other sample_sources are citations)
COLLECTION_NAME = re.compile(r"[a-z0-9]+-[a-z]{3}-[A-Z][a-z]{3}-Latn-[\w.-]+\Z")

PAIRS = [
    (sid, src)
    for sid in scheme_ids()
    for src in get_scheme(sid).sample_sources
    if COLLECTION_NAME.match(src)
]


def read_tsv(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in shared_file(f"translit-tests/{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        source, expected = line.split("\t")
        rows.append((unicodedata.normalize("NFC", source.replace("\\n", "\n")), expected.replace("\\n", "\n")))
    return rows


@pytest.mark.parametrize(("scheme_id", "source_name"), PAIRS, ids=[f"{a}<-{b}" for a, b in PAIRS])
def test_scheme_carries_all_official_examples(scheme_id: str, source_name: str) -> None:
    scheme = get_scheme(scheme_id)
    carried = set(scheme.samples)
    # a deviation counts only while the scheme really writes the table's value for it
    deviations = {
        (d.text, d.printed)
        for d in scheme.deviations
        if d.source == source_name and scheme.translit(d.text) == d.table
    }
    missing = [row for row in read_tsv(source_name) if row not in carried and row not in deviations]
    assert not missing, f"{scheme_id} lacks {len(missing)} examples of {source_name}: {missing[:3]}"


@pytest.mark.parametrize(("scheme_id", "source_name"), PAIRS, ids=[f"{a}<-{b}" for a, b in PAIRS])
def test_recorded_deviations_are_rows_of_their_source(scheme_id: str, source_name: str) -> None:
    rows = set(read_tsv(source_name))
    stale = [
        (d.text, d.printed)
        for d in get_scheme(scheme_id).deviations
        if d.source == source_name and (d.text, d.printed) not in rows
    ]
    assert not stale, f"{scheme_id} records deviations that {source_name} does not print: {stale[:3]}"
