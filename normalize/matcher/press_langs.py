"""Which languages write a key: a small bitmask of language families, per key of the exact table.

A key made from a lexicon name, or by a scheme meant for any reader (national, ALA-LC,
BGN/PCGN, ISO, Wikipedia-style romanizations), is written in any language (:data:`ANY`).
A key only an ``X_press_L`` scheme makes (the Polish press's "Policy" for Поліці) is written
by the press of ``L`` alone: one bit per press language (:func:`press_bit`). A key's mask is the
union over every derivation of every entity that has it, so a key any reader writes is
:data:`ANY` however a press also spells it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

__all__ = ["ANY", "add_key_langs", "press_bit", "press_languages", "rendering_masks", "scheme_mask"]

#: a key written in any language
ANY = 1

_PRESS_RE = re.compile(r"_press_([a-z]{2,3})\Z")


@lru_cache(maxsize=1)
def press_languages() -> tuple[str, ...]:
    """The languages some bundled ``X_press_L`` scheme writes for, sorted (bit 1 is the first)."""
    from normalize.translit import scheme_ids

    return tuple(sorted({m.group(1) for sid in scheme_ids() if (m := _PRESS_RE.search(sid))}))


@lru_cache(maxsize=64)
def press_bit(lang: str | None) -> int:
    """The bit of a press language (0: no press scheme writes for ``lang``)."""
    langs = press_languages()
    return 1 << (1 + langs.index(lang)) if lang in langs else 0


@lru_cache(maxsize=256)
def scheme_mask(sid: str) -> int:
    """What a scheme's renderings count for: its press language's bit, or :data:`ANY`."""
    m = _PRESS_RE.search(sid)
    return press_bit(m.group(1)) if m else ANY


def rendering_masks(renderings: Sequence[str], sids: Sequence[str]) -> dict[str, int]:
    """For each distinct rendering of a name (one per scheme of ``sids``), the union of its schemes' masks."""
    out: dict[str, int] = {}
    for text, sid in zip(renderings, sids):
        out[text] = out.get(text, 0) | scheme_mask(sid)
    return out


def add_key_langs(press: dict[str, int], exact: object, key: str, mask: int) -> None:
    """Record that ``key`` is written as ``mask`` says, before it enters the exact table ``exact``.

    ``press`` holds only the keys no derivation so far writes for any language; a key
    already in ``exact`` and not in ``press`` is :data:`ANY` and stays so.
    """
    if mask & ANY:
        if press:
            press.pop(key, None)
        return
    got = press.get(key)
    if got is not None:
        press[key] = got | mask
    elif key not in exact:  # type: ignore[operator]
        press[key] = mask
