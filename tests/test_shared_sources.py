"""The scheme files carry every official example of the standards they cite.

The official examples live in ../shared/translit-tests (one TSV per standard);
each scheme lists the TSVs it implements in ``sample_sources``. This test makes
sure nothing was dropped or altered when the examples were carried over.
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
    carried = set(get_scheme(scheme_id).samples)
    missing = [row for row in read_tsv(source_name) if row not in carried]
    assert not missing, f"{scheme_id} lacks {len(missing)} examples of {source_name}: {missing[:3]}"
