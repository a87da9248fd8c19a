"""Every official example of every scheme, and properties of the engine."""

from __future__ import annotations

import pytest

from normalize.translit import get_scheme, scheme_ids

CASES = [(sid, src, exp) for sid in scheme_ids() for src, exp in get_scheme(sid).samples]


@pytest.mark.parametrize(
    ("scheme_id", "source", "expected"),
    CASES,
    ids=[f"{sid}:{src[:30]}" for sid, src, _ in CASES],
)
def test_official_example(scheme_id: str, source: str, expected: str) -> None:
    assert get_scheme(scheme_id).translit(source) == expected


@pytest.mark.parametrize("scheme_id", scheme_ids())
def test_every_scheme_has_samples(scheme_id: str) -> None:
    assert len(get_scheme(scheme_id).samples) >= 5
